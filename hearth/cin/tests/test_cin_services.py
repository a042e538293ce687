"""Starting, reviewing and ending a child in need plan; bad input refused with nothing written."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hearth.assessment.services import assessment_start
from hearth.audit.models import AuditEvent
from hearth.cin import services
from hearth.cin.models import CinPlan, CinPlanReview
from hearth.testing.cin_journeys import child_on_cin_plan, review
from hearth.testing.journeys import allocated_case, at, authorised_assessment, new_child

D = datetime.date
pytestmark = pytest.mark.django_db
AIMS = "Regular school attendance; a safe home"
AGREED = "Mother; school"


def start(staff, referral_id, started_on, **kwargs):
    arguments = {"aims": AIMS, "agreed_with": AGREED} | kwargs
    return services.cin_plan_start(
        actor=staff.social_worker.user, referral_id=referral_id, started_on=started_on, **arguments
    )


def test_a_plan_starts_after_an_assessment_concluding_one_with_its_audit_row(staff):
    assessment = authorised_assessment(staff, new_child(staff), D(2025, 6, 2), D(2025, 6, 20))
    plan = start(staff, assessment.referral_id, D(2025, 6, 23))
    assert (plan.started_on, plan.assessment, plan.child, plan.is_open) == (
        D(2025, 6, 23),
        assessment,
        assessment.child,
        True,
    )
    assert AuditEvent.objects.filter(action="cin_plan.start", object_id=str(plan.pk), child=plan.child).exists()


def test_no_plan_without_an_assessment_concluding_one(staff):
    referral = allocated_case(staff, new_child(staff), at(D(2025, 6, 2), 9))
    assessment_start(actor=staff.social_worker.user, referral_id=referral.pk, started_on=D(2025, 6, 2))
    with pytest.raises(ValidationError) as refused:
        start(staff, referral.pk, D(2025, 6, 23))
    assert refused.value.messages == [services.ERROR_NO_CIN_ASSESSMENT]
    assert not CinPlan.objects.exists()


def test_bad_start_input_is_refused_field_by_field(staff):
    assessment = authorised_assessment(staff, new_child(staff), D(2025, 6, 2), D(2025, 6, 20))
    with pytest.raises(ValidationError) as refused:
        start(staff, assessment.referral_id, D(2025, 6, 19), aims=" ", agreed_with="")
    assert refused.value.message_dict == {
        "started_on": [services.ERROR_START_BEFORE_ASSESSMENT.format(date="20 June 2025")],
        "aims": [services.ERROR_AIMS_REQUIRED],
        "agreed_with": [services.ERROR_AGREED_REQUIRED],
    }
    with pytest.raises(ValidationError) as refused:
        start(staff, assessment.referral_id, datetime.date.today() + datetime.timedelta(days=1))
    assert refused.value.message_dict == {"started_on": [services.ERROR_DATE_IN_FUTURE]}
    assert not CinPlan.objects.exists()


def test_a_child_holds_one_open_plan_refused_by_the_service_and_by_the_database(staff):
    plan = child_on_cin_plan(staff, new_child(staff), D(2025, 6, 2))
    with pytest.raises(ValidationError) as refused:
        start(staff, plan.referral_id, D(2025, 6, 3))
    assert refused.value.messages == [services.ERROR_ALREADY_ON_PLAN.format(child=plan.child, date="2 June 2025")]
    with pytest.raises(IntegrityError), transaction.atomic():
        CinPlan.objects.create(
            referral=plan.referral,
            child=plan.child,
            assessment=plan.assessment,
            started_on=D(2025, 6, 3),
            aims=AIMS,
            agreed_with=AGREED,
            started_by=staff.social_worker.user,
        )
    assert CinPlan.objects.count() == 1


def test_a_new_plan_cannot_start_inside_an_earlier_one(staff):
    plan = child_on_cin_plan(staff, new_child(staff), D(2025, 6, 2))
    plan = services.cin_plan_end(
        actor=staff.social_worker.user, plan_id=plan.pk, version=1, ended_on=D(2025, 9, 1), reason="NEEDS_MET"
    )
    with pytest.raises(ValidationError) as refused:
        start(staff, plan.referral_id, D(2025, 8, 1))
    assert refused.value.message_dict == {
        "started_on": [services.ERROR_OVERLAPS_EARLIER_PLAN.format(child=plan.child, date="1 September 2025")]
    }
    assert start(staff, plan.referral_id, D(2025, 9, 1)).started_on == D(2025, 9, 1)


def test_a_plan_cannot_end_before_it_starts_refused_by_the_service_and_by_the_database(staff):
    plan = child_on_cin_plan(staff, new_child(staff), D(2025, 6, 2))
    with pytest.raises(ValidationError) as refused:
        services.cin_plan_end(
            actor=staff.social_worker.user, plan_id=plan.pk, version=1, ended_on=D(2025, 6, 1), reason="NEEDS_MET"
        )
    assert refused.value.message_dict == {"ended_on": [services.ERROR_END_BEFORE_START.format(date="2 June 2025")]}
    with pytest.raises(IntegrityError), transaction.atomic():
        CinPlan.objects.filter(pk=plan.pk).update(
            ended_on=D(2025, 6, 1), end_reason="NEEDS_MET", ended_by=staff.social_worker.user
        )
    plan.refresh_from_db()
    assert plan.ended_on is None


def test_ending_needs_a_reason_and_a_note_for_other(staff):
    plan = child_on_cin_plan(staff, new_child(staff), D(2025, 6, 2))
    with pytest.raises(ValidationError) as refused:
        services.cin_plan_end(
            actor=staff.social_worker.user, plan_id=plan.pk, version=1, ended_on=D(2025, 7, 1), reason="MADE_UP"
        )
    assert refused.value.message_dict == {"reason": [services.ERROR_END_REASON_REQUIRED]}
    with pytest.raises(ValidationError) as refused:
        services.cin_plan_end(
            actor=staff.social_worker.user, plan_id=plan.pk, version=1, ended_on=D(2025, 7, 1), reason="OTHER"
        )
    assert refused.value.message_dict == {"note": [services.ERROR_END_NOTE_REQUIRED]}
    ended = services.cin_plan_end(
        actor=staff.team_manager.user, plan_id=plan.pk, version=1, ended_on=D(2025, 7, 1), reason="STEP_DOWN"
    )
    assert (ended.ended_on, ended.end_reason, ended.ended_by, ended.version) == (
        D(2025, 7, 1),
        "STEP_DOWN",
        staff.team_manager.user,
        2,
    )


def test_a_review_is_recorded_and_moves_the_plan_on_one_version(staff):
    plan = child_on_cin_plan(staff, new_child(staff), D(2025, 6, 2))
    recorded = review(staff, plan, D(2025, 8, 28), decision="CHANGE", changes="Add a parenting course")
    plan.refresh_from_db()
    assert (recorded.decision, recorded.changes, plan.version, plan.is_open) == (
        "CHANGE",
        "Add a parenting course",
        2,
        True,
    )
    assert AuditEvent.objects.filter(action="cin_plan.review", object_id=str(recorded.pk)).exists()


def test_a_review_made_on_a_stale_page_is_refused_not_overwritten(staff):
    plan = child_on_cin_plan(staff, new_child(staff), D(2025, 6, 2))
    review(staff, plan, D(2025, 8, 28))  # someone else reviews while the page was open at version 1
    with pytest.raises(ValidationError) as refused:
        services.cin_plan_review(
            actor=staff.team_manager.user,
            plan_id=plan.pk,
            version=1,
            reviewed_on=D(2025, 8, 29),
            attendees="Mother",
            decision="END",
            end_reason="NEEDS_MET",
        )
    assert refused.value.messages == [services.ERROR_CHANGED_MEANWHILE]
    plan.refresh_from_db()
    assert plan.is_open and plan.reviews.count() == 1


def test_a_review_deciding_the_plan_ends_ends_it_on_the_review_date(staff):
    plan = child_on_cin_plan(staff, new_child(staff), D(2025, 6, 2))
    with pytest.raises(ValidationError) as refused:
        review(staff, plan, D(2025, 8, 28), decision="END")
    assert refused.value.message_dict == {"end_reason": [services.ERROR_END_REASON_REQUIRED]}
    review(staff, plan, D(2025, 8, 28), decision="END", end_reason="NEEDS_MET")
    plan.refresh_from_db()
    assert (plan.ended_on, plan.end_reason) == (D(2025, 8, 28), "NEEDS_MET")
    with pytest.raises(ValidationError) as refused:
        review(staff, plan, D(2025, 9, 1))
    assert refused.value.messages == [services.ERROR_PLAN_ENDED.format(date="28 August 2025")]


def test_bad_review_input_is_refused_with_nothing_written(staff):
    plan = child_on_cin_plan(staff, new_child(staff), D(2025, 6, 2))
    with pytest.raises(ValidationError) as refused:
        services.cin_plan_review(
            actor=staff.social_worker.user,
            plan_id=plan.pk,
            version=1,
            reviewed_on=D(2025, 6, 1),
            attendees="",
            decision="CHANGE",
        )
    assert refused.value.message_dict == {
        "reviewed_on": [services.ERROR_REVIEW_BEFORE_START.format(date="2 June 2025")],
        "attendees": [services.ERROR_ATTENDEES_REQUIRED],
        "changes": [services.ERROR_CHANGES_REQUIRED],
        "decision_reasons": [services.ERROR_DECISION_REASONS],
    }
    review(staff, plan, D(2025, 8, 28))
    with pytest.raises(ValidationError) as refused:
        review(staff, plan, D(2025, 8, 28))
    assert refused.value.message_dict == {"reviewed_on": [services.ERROR_REVIEW_SAME_DAY.format(date="28 August 2025")]}
    assert CinPlanReview.objects.count() == 1


def test_people_outside_social_work_cannot_write_a_plan(staff):
    assessment = authorised_assessment(staff, new_child(staff), D(2025, 6, 2), D(2025, 6, 2))
    with pytest.raises(ValidationError) as refused:
        services.cin_plan_start(
            actor=staff.performance_officer,
            referral_id=assessment.referral_id,
            started_on=D(2025, 6, 2),
            aims=AIMS,
            agreed_with=AGREED,
        )
    assert refused.value.messages == [services.ERROR_NOT_CASE_WORKER]


def test_closing_the_case_ends_its_plan_so_it_is_not_reviewed_and_a_new_plan_can_follow(staff):
    from hearth.frontdoor.services import case_close

    plan = child_on_cin_plan(staff, new_child(staff, "Sage", "Leftopen"), D(2025, 6, 2))
    case_close(actor=staff.team_manager.user, referral_id=plan.referral_id, closed_on=D(2025, 7, 1), reason="RC7")
    plan.refresh_from_db()
    assert (plan.ended_on, plan.end_reason) == (D(2025, 7, 1), "CASE_CLOSED")
    with pytest.raises(ValidationError) as refused:
        review(staff, plan, D(2025, 7, 2))
    assert refused.value.messages == [services.ERROR_PLAN_ENDED.format(date="1 July 2025")]
    # Re-referred later and assessed again: a new plan starts (the old one ended with its case).
    assessment = authorised_assessment(staff, plan.child, D(2025, 9, 1), D(2025, 9, 1))
    assert start(staff, assessment.referral_id, D(2025, 9, 2)).referral_id == assessment.referral_id


def test_a_review_decision_needs_its_reasons_and_keeps_them(staff):
    """As a conference's decision: the reasons are required of every review recorded from now."""
    plan = child_on_cin_plan(staff, new_child(staff), D(2025, 6, 2))
    for missing in ("", "   "):
        with pytest.raises(ValidationError) as refused:
            review(staff, plan, D(2025, 8, 28), decision_reasons=missing)
        assert refused.value.message_dict == {"decision_reasons": [services.ERROR_DECISION_REASONS]}
    with pytest.raises(ValidationError) as refused:
        review(staff, plan, D(2025, 8, 28), decision_reasons="x" * (services.REASONS_MAX_LENGTH + 1))
    assert refused.value.message_dict == {"decision_reasons": [services.ERROR_DECISION_REASONS_TOO_LONG]}
    assert plan.reviews.count() == 0
    plan.refresh_from_db()
    assert plan.version == 1  # nothing written, not even the version
    recorded = review(
        staff, plan, D(2025, 8, 28), decision="END", end_reason="NEEDS_MET", decision_reasons="  Aims met.  "
    )
    assert recorded.decision_reasons == "Aims met."
    assert CinPlanReview.objects.get(pk=recorded.pk).decision_reasons == "Aims met."


def test_the_chronology_gives_a_reviews_reasons_and_an_older_review_without_them_still_shows(staff):
    from hearth.records.chronology import chronology_for

    plan = child_on_cin_plan(staff, new_child(staff), D(2025, 6, 2))
    recorded = review(staff, plan, D(2025, 8, 28), decision="CHANGE", changes="Twice-weekly family support")
    entry = next(e for e in chronology_for(plan.child) if e.title.startswith("Child in need plan reviewed"))
    assert entry.detail == (
        "Attended: Mother; school; health visitor; social worker Changes: Twice-weekly family support"
        "\nReasons for the decision: Attendance up and mum engaging with her GP; the plan's actions are not "
        "finished yet."
    )
    CinPlanReview.objects.filter(pk=recorded.pk).update(decision_reasons="")  # as before they were kept
    entry = next(e for e in chronology_for(plan.child) if e.title.startswith("Child in need plan reviewed"))
    assert "Reasons for the decision" not in entry.detail
