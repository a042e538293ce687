"""The missing episode writers: what they record, and the DfE rules about one episode they refuse
(csc-validator-be-903 0.1.17: 564, 565, 567, 574, 578, 581, 586), writing nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hearth.audit.models import AuditEvent
from hearth.care import services as care_services
from hearth.missing import services
from hearth.missing.models import MissingEpisode
from hearth.testing.journeys import at, looked_after_child, make_staff, new_child
from hearth.testing.missing_journeys import came_back, interview_offered, went_missing

D = datetime.date
START = D(2025, 6, 2)
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make_staff()


@pytest.fixture
def period(staff):
    return looked_after_child(staff, new_child(staff, "Kit", "Harrow", D(2011, 3, 4)), START)


def _errors(call) -> dict:
    with pytest.raises(ValidationError) as raised:
        call()
    error = raised.value
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def _record(staff, period, **changes):
    arguments = {
        "actor": staff.social_worker.user,
        "period_id": period.pk,
        "kind": "M",
        "started_at": at(D(2025, 7, 1), 22),
        "returned_at": None,
    } | changes
    return services.missing_episode_record(**arguments)


def test_an_episode_is_recorded_then_the_return_and_the_interview_each_with_an_audit_row(staff, period):
    episode = went_missing(staff, period, at(D(2025, 7, 1), 22))
    assert (episode.child, episode.period, episode.kind, episode.returned_at) == (period.child, period, "M", None)
    episode = came_back(staff, episode, at(D(2025, 7, 2), 9, 30))
    assert episode.returned_at == at(D(2025, 7, 2), 9, 30) and episode.version == 2
    episode = interview_offered(staff, episode, at(D(2025, 7, 3), 15), response="declined")
    assert (episode.interview_offered_at, episode.interview_response, episode.version) == (
        at(D(2025, 7, 3), 15),
        "declined",
        3,
    )
    actions = list(AuditEvent.objects.filter(child=period.child).values_list("action", flat=True))
    assert {"missing.start", "missing.return", "missing.interview"} <= set(actions)


def test_the_kind_and_the_start_are_required_rules_564_and_565(staff, period):
    errors = _errors(lambda: _record(staff, period, kind="", started_at=None))
    assert errors == {"kind": [services.ERROR_KIND_REQUIRED], "started_at": [services.ERROR_START_REQUIRED]}
    assert "565" in services.ERROR_KIND_REQUIRED and "564" in services.ERROR_START_REQUIRED
    assert not MissingEpisode.objects.exists()


def test_the_return_cannot_be_before_the_start_rule_567(staff, period):
    errors = _errors(lambda: _record(staff, period, returned_at=at(D(2025, 7, 1), 21)))
    assert errors["returned_at"] == [services.ERROR_RETURN_BEFORE_START.format(start="1 July 2025 at 22:00")]
    episode = went_missing(staff, period, at(D(2025, 7, 1), 22))
    errors = _errors(lambda: came_back(staff, episode, at(D(2025, 6, 30), 8)))
    assert errors["returned_at"] == [services.ERROR_RETURN_BEFORE_START.format(start="1 July 2025 at 22:00")]
    episode.refresh_from_db()
    assert episode.returned_at is None and episode.version == 1


def test_only_while_looked_after_rules_578_and_581(staff, period):
    errors = _errors(lambda: _record(staff, period, started_at=at(D(2025, 6, 1), 23)))
    assert errors["started_at"] == [services.ERROR_NOT_LOOKED_AFTER.format(date="1 June 2025")]
    went_missing(staff, period, at(START, 0, 30))  # the day care began counts
    came_back(staff, MissingEpisode.objects.get(), at(START, 6))
    care_services.care_end(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        ended_on=D(2025, 8, 1),
        reason="E4A",
    )
    errors = _errors(lambda: _record(staff, period, started_at=at(D(2025, 8, 2), 10)))
    assert errors["started_at"] == [services.ERROR_NOT_LOOKED_AFTER.format(date="2 August 2025")]
    went_missing(staff, period, at(D(2025, 8, 1), 10), at(D(2025, 8, 1), 20))  # the day it ended counts too
    assert MissingEpisode.objects.count() == 2


def test_not_before_the_child_was_born_rule_586(staff):
    baby = new_child(staff, "Wren", "Harrow", D(2025, 6, 2))
    period = looked_after_child(staff, baby, D(2025, 6, 2))
    errors = _errors(lambda: _record(staff, period, started_at=at(D(2025, 6, 2), 12)))
    assert errors["started_at"] == [services.ERROR_BEFORE_BIRTH.format(date="2 June 2025")]


def test_no_episode_while_another_is_open_and_none_overlapping_rule_574(staff, period):
    first = went_missing(staff, period, at(D(2025, 7, 1), 22))
    errors = _errors(lambda: _record(staff, period, started_at=at(D(2025, 7, 5), 22)))
    assert errors["started_at"] == [services.ERROR_ANOTHER_OPEN.format(name="Kit", start="1 July 2025 at 22:00")]
    came_back(staff, first, at(D(2025, 7, 3), 10))
    # 1 Jul 22:00 to 3 Jul 10:00 recorded: one inside it, or one still open from before it, overlaps.
    expected = [services.ERROR_OVERLAPS.format(start="1 July 2025 at 22:00", end="3 July 2025 at 10:00")]
    assert _errors(lambda: _record(staff, period, started_at=at(D(2025, 7, 2), 1)))["started_at"] == expected
    assert _errors(lambda: _record(staff, period, started_at=at(D(2025, 6, 30), 1)))["started_at"] == expected
    # Ending the day the last one ended, or starting the moment it ended, is not an overlap.
    went_missing(staff, period, at(D(2025, 6, 30), 1), at(D(2025, 7, 1), 21))
    went_missing(staff, period, at(D(2025, 7, 3), 10), at(D(2025, 7, 3), 23))
    assert MissingEpisode.objects.count() == 3


def test_a_return_that_would_overlap_a_later_episode_is_refused(staff, period):
    went_missing(staff, period, at(D(2025, 7, 10), 8), at(D(2025, 7, 10), 20))
    errors = _errors(lambda: _record(staff, period, started_at=at(D(2025, 7, 9), 8), returned_at=at(D(2025, 7, 11), 8)))
    assert errors["started_at"] == [
        services.ERROR_OVERLAPS.format(start="10 July 2025 at 08:00", end="10 July 2025 at 20:00")
    ]


def test_an_edit_on_a_stale_version_is_refused_and_changes_nothing(staff, period):
    episode = went_missing(staff, period, at(D(2025, 7, 1), 22), at(D(2025, 7, 2), 9))
    stale = episode.version
    interview_offered(staff, episode, at(D(2025, 7, 2), 15), response="")
    errors = _errors(
        lambda: services.missing_interview_record(
            actor=staff.social_worker.user,
            episode_id=episode.pk,
            version=stale,
            offered_at=at(D(2025, 7, 3), 9),
            response="accepted",
        )
    )
    assert errors == {"__all__": [services.ERROR_CHANGED_MEANWHILE]}
    episode.refresh_from_db()
    assert (episode.interview_offered_at, episode.interview_response) == (at(D(2025, 7, 2), 15), "")


def test_the_interview_is_offered_after_the_return_only(staff, period):
    episode = went_missing(staff, period, at(D(2025, 7, 1), 22))
    assert _errors(lambda: interview_offered(staff, episode, at(D(2025, 7, 2), 9))) == {
        "__all__": [services.ERROR_NOT_RETURNED]
    }
    episode = came_back(staff, episode, at(D(2025, 7, 2), 9))
    errors = _errors(lambda: interview_offered(staff, episode, at(D(2025, 7, 2), 8), response="maybe"))
    assert errors == {
        "offered_at": [services.ERROR_OFFER_BEFORE_RETURN.format(date="2 July 2025 at 09:00")],
        "response": [services.ERROR_RESPONSE],
    }


def test_someone_not_working_cases_cannot_record(staff, period):
    with pytest.raises(ValidationError):
        services.missing_episode_record(
            actor=staff.performance_officer, period_id=period.pk, kind="M", started_at=at(D(2025, 7, 1), 22)
        )


def test_care_ending_on_the_18th_birthday_while_missing_needs_reason_e8_rule_580(staff):
    period = looked_after_child(staff, new_child(staff, "Sky", "Harrow", D(2007, 8, 1)), D(2024, 1, 10))
    went_missing(staff, period, at(D(2025, 7, 31), 20))

    def end(reason, note=""):
        period.refresh_from_db()
        return care_services.care_end(
            actor=staff.social_worker.user,
            period_id=period.pk,
            version=period.version,
            ended_on=D(2025, 8, 1),
            reason=reason,
            note=note,
        )

    errors = _errors(lambda: end("E5"))
    assert errors["reason"] == [services.ERROR_MISSING_AT_18.format(name="Sky", start="31 July 2025 at 20:00")]
    period.refresh_from_db()
    assert period.ended_on is None
    assert end("E8", note="Missing on her 18th birthday; care ended.").end_reason == "E8"
