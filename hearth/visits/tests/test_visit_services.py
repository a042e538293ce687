"""Recording a visit: seen, seen alone, the child's voice, or the reason it could not happen."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.testing.cin_journeys import VISIT_WRITE_UP, child_on_cin_plan
from hearth.visits import services
from hearth.visits.models import Visit

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(staff):
    from hearth.testing.journeys import new_child

    return child_on_cin_plan(staff, new_child(staff, "Vesna", "Visitwell"), D(2025, 6, 2))


def record(staff, plan, **kwargs):
    arguments = {
        "visited_on": D(2025, 6, 9),
        "visitor_id": staff.social_worker.pk,
        "happened": True,
        "seen": True,
        "seen_alone": True,
        "child_voice": "Said she feels safe at home now and wants to keep going to football.",
        **VISIT_WRITE_UP,
    } | kwargs
    return services.visit_record(actor=staff.social_worker.user, referral_id=plan.referral_id, **arguments)


def test_a_visit_with_the_child_seen_alone_and_their_words(staff, plan):
    visit = record(staff, plan)
    assert (visit.seen, visit.seen_alone, visit.visitor, visit.child) == (True, True, staff.social_worker, plan.child)
    assert visit.child_voice.startswith("Said she feels safe")
    assert visit.outcome == "Child seen alone"
    assert AuditEvent.objects.filter(action="visit.record", object_id=str(visit.pk)).exists()


def test_a_visit_that_could_not_happen_keeps_its_reason(staff, plan):
    visit = record(
        staff, plan, happened=False, seen=None, seen_alone=None, child_voice="", not_possible_reason="ABROAD"
    )
    assert (visit.happened, visit.seen, visit.not_possible_reason.label) == (False, False, "Child out of the country")
    assert visit.outcome == "Could not happen: Child out of the country"


def test_a_visit_in_the_future_is_refused(staff, plan):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        record(staff, plan, visited_on=tomorrow)
    assert refused.value.message_dict == {"visited_on": [services.ERROR_VISIT_IN_FUTURE]}
    assert not Visit.objects.exists()


def test_a_visit_not_happened_needs_a_reason_and_other_needs_words(staff, plan):
    with pytest.raises(ValidationError) as refused:
        record(staff, plan, happened=False, seen=None, seen_alone=None, child_voice="")
    assert refused.value.message_dict == {"not_possible_reason": [services.ERROR_REASON_REQUIRED]}
    with pytest.raises(ValidationError) as refused:
        record(staff, plan, happened=False, seen=None, seen_alone=None, not_possible_reason="OTHER")
    assert refused.value.message_dict == {"not_possible_detail": [services.ERROR_DETAIL_REQUIRED]}
    with pytest.raises(ValidationError) as refused:
        record(staff, plan, happened=False, seen=True, seen_alone=None, not_possible_reason="NOT_HOME")
    assert refused.value.message_dict == {"seen": [services.ERROR_SEEN_WHEN_NOT_HAPPENED]}
    assert not Visit.objects.exists()


def test_seen_alone_without_seen_is_refused_by_the_service_and_by_the_database(staff, plan):
    with pytest.raises(ValidationError) as refused:
        record(staff, plan, seen=False, seen_alone=True, child_voice="")
    assert refused.value.message_dict == {"seen_alone": [services.ERROR_SEEN_ALONE_NOT_SEEN]}
    with pytest.raises(IntegrityError), transaction.atomic():
        Visit.objects.create(
            referral=plan.referral,
            child=plan.child,
            visited_on=D(2025, 6, 9),
            visitor=staff.social_worker,
            happened=True,
            seen=False,
            seen_alone=True,
            recorded_by=staff.social_worker.user,
        )
    assert not Visit.objects.exists()


def test_a_visit_not_happened_without_a_reason_is_refused_by_the_database(staff, plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Visit.objects.create(
            referral=plan.referral,
            child=plan.child,
            visited_on=D(2025, 6, 9),
            visitor=staff.social_worker,
            happened=False,
            recorded_by=staff.social_worker.user,
        )


def test_a_child_seen_needs_their_voice_and_the_questions_answered(staff, plan):
    with pytest.raises(ValidationError) as refused:
        record(staff, plan, child_voice="  ", seen_alone=None)
    assert refused.value.message_dict == {
        "seen_alone": [services.ERROR_SEEN_ALONE_REQUIRED],
        "child_voice": [services.ERROR_VOICE_REQUIRED],
    }
    with pytest.raises(ValidationError) as refused:
        record(staff, plan, happened=None, visitor_id=None)
    assert refused.value.message_dict == {
        "visitor": [services.ERROR_VISITOR_REQUIRED],
        "happened": [services.ERROR_HAPPENED_REQUIRED],
    }
    with pytest.raises(ValidationError) as refused:
        record(staff, plan, seen=None, not_possible_reason="ABROAD")
    assert refused.value.message_dict == {
        "not_possible_reason": [services.ERROR_REASON_WHEN_HAPPENED],
        "seen": [services.ERROR_SEEN_REQUIRED],
    }


def test_a_visit_before_the_case_opened_or_on_a_closed_case_is_refused(staff, plan):
    with pytest.raises(ValidationError) as refused:
        record(staff, plan, visited_on=D(2025, 6, 1))
    assert refused.value.message_dict == {
        "visited_on": [services.ERROR_VISIT_BEFORE_REFERRAL.format(date="2 June 2025")]
    }
    from hearth.frontdoor.services import case_close

    case_close(actor=staff.team_manager.user, referral_id=plan.referral_id, closed_on=D(2025, 6, 5), reason="RC7")
    with pytest.raises(ValidationError) as refused:
        record(staff, plan)
    assert refused.value.messages == [services.ERROR_CASE_CLOSED]


# The write-up on the visit itself ----------------------------------------------------------------


def test_a_visit_that_happened_keeps_its_write_up(staff, plan):
    visit = record(staff, plan)
    assert (visit.place, visit.bedroom_seen, visit.others_seen) == ("HOME", True, "Mother")
    assert visit.observations == VISIT_WRITE_UP["observations"]
    assert visit.next_steps == VISIT_WRITE_UP["next_steps"]
    assert visit.write_up[0] == ("Where", "At the child's home; bedroom seen")


def test_a_visit_that_happened_needs_where_what_was_seen_and_what_next(staff, plan):
    with pytest.raises(ValidationError) as refused:
        record(staff, plan, place="", observations=" ", next_steps="")
    assert refused.value.message_dict == {
        "place": [services.ERROR_PLACE_REQUIRED],
        "observations": [services.ERROR_OBSERVATIONS_REQUIRED],
        "next_steps": [services.ERROR_NEXT_STEPS_REQUIRED],
    }
    assert not Visit.objects.exists()


def test_the_bedroom_is_asked_for_where_the_child_lives_and_not_at_school(staff, plan):
    with pytest.raises(ValidationError) as refused:
        record(staff, plan, bedroom_seen=None)
    assert refused.value.message_dict == {"bedroom_seen": [services.ERROR_BEDROOM_REQUIRED]}
    assert not Visit.objects.exists()
    at_school = record(staff, plan, place="SCHOOL", bedroom_seen=True)
    assert at_school.bedroom_seen is None  # not asked there: nothing stored
    not_seen = record(staff, plan, visited_on=D(2025, 6, 10), seen=False, seen_alone=None, bedroom_seen=None)
    assert not_seen.bedroom_seen is None


def test_a_place_not_on_the_list_and_an_overlong_write_up_are_refused(staff, plan):
    with pytest.raises(ValidationError) as refused:
        record(staff, plan, place="PUB", observations="x" * (services.WRITE_UP_MAX_LENGTH + 1))
    assert refused.value.message_dict == {
        "place": [services.ERROR_PLACE_REQUIRED],
        "observations": [services.ERROR_TOO_LONG.format(label="What you saw", limit=services.WRITE_UP_MAX_LENGTH)],
    }
    assert not Visit.objects.exists()


def test_a_visit_that_could_not_happen_keeps_no_write_up(staff, plan):
    visit = record(staff, plan, happened=False, seen=None, seen_alone=None, not_possible_reason="NOT_HOME")
    assert (visit.place, visit.bedroom_seen, visit.observations, visit.next_steps) == ("", None, "", "")
    with pytest.raises(IntegrityError), transaction.atomic():
        Visit.objects.filter(pk=visit.pk).update(observations="Saw the house from outside.")


def test_a_visit_recorded_before_the_write_up_still_shows_on_the_chronology(staff, plan):
    from hearth.records.chronology import chronology_for

    Visit.objects.create(  # as the rows written before the write-up was kept
        referral=plan.referral,
        child=plan.child,
        visited_on=D(2025, 6, 9),
        visitor=staff.social_worker,
        happened=True,
        seen=True,
        child_voice="Said school is fine.",
        recorded_by=staff.social_worker.user,
    )
    entry = next(e for e in chronology_for(plan.child) if e.kind == "visit")
    assert entry.detail == "The child's voice: Said school is fine."


def test_the_chronology_shows_the_write_up(staff, plan):
    from hearth.records.chronology import chronology_for

    record(staff, plan)
    entry = next(e for e in chronology_for(plan.child) if e.kind == "visit")
    assert entry.detail.splitlines() == [
        "Where: At the child's home; bedroom seen",
        "The child's voice: Said she feels safe at home now and wants to keep going to football.",
        "Who else was seen: Mother",
        f"What the visitor saw: {VISIT_WRITE_UP['observations']}",
        f"What happens next: {VISIT_WRITE_UP['next_steps']}",
    ]
