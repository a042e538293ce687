"""The OC2 writers: what they record, and the one-fact DfE rules they refuse with the rule named."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hearth.audit.models import AuditEvent
from hearth.duties import services
from hearth.duties.models import Conviction, HealthStatus, Sdq, SubstanceMisuse
from hearth.testing.journeys import looked_after_child, make_staff, new_child
from hearth.testing.oc2_journeys import conviction, health_status, sdq, substance_misuse

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make_staff()


@pytest.fixture
def period(staff):
    """Ada, born 10 Jan 2015, looked after from 2 Jun 2023: 8 in June 2023, 10 on 10 Jan 2025."""
    return looked_after_child(staff, new_child(staff, "Ada", "Brightwater", D(2015, 1, 10)), D(2023, 6, 2))


def _errors(call) -> dict:
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.message_dict


def test_an_sdq_score_or_reason_is_recorded_with_an_audit_row(staff, period):
    scored = sdq(staff, period, D(2024, 5, 1), score=14)
    reason = sdq(staff, period, D(2024, 6, 1), reason="SDQ5")
    assert (scored.score, scored.reason, reason.score, reason.reason) == (14, "", None, "SDQ5")
    assert AuditEvent.objects.filter(action="duties.sdq", child=period.child).count() == 2


@pytest.mark.parametrize(
    ("arguments", "field", "message"),
    [
        ({"score": 41}, "score", services.ERROR_SDQ_SCORE_RANGE),
        ({"score": -1}, "score", services.ERROR_SDQ_SCORE_RANGE),
        ({}, "score", services.ERROR_SDQ_SCORE_OR_REASON),
        ({"score": 12, "reason": "SDQ2"}, "reason", services.ERROR_SDQ_REASON_WITH_SCORE),
        ({"reason": "SDQ1"}, "reason", services.ERROR_SDQ1_DERIVED),
        ({"reason": "SDQ9"}, "reason", services.ERROR_SDQ_REASON),
    ],
)
def test_an_sdq_breaking_a_dfe_rule_is_refused_and_nothing_written(staff, period, arguments, field, message):
    arguments = {"score": None} | arguments
    assert _errors(lambda: sdq(staff, period, D(2024, 5, 1), **arguments))[field] == [message]
    assert not Sdq.objects.exists()


def test_an_sdq_is_only_for_a_child_aged_4_to_16_and_once_a_day(staff):
    toddler = looked_after_child(staff, new_child(staff, "Cal", "Brightwater", D(2021, 3, 1)), D(2023, 6, 2))
    assert _errors(lambda: sdq(staff, toddler, D(2025, 2, 28), score=10))["completed_on"] == [
        services.ERROR_SDQ_AGE.format(age=3)
    ]
    older = looked_after_child(staff, new_child(staff, "Bea", "Brightwater", D(2007, 5, 1)), D(2023, 6, 2))
    assert _errors(lambda: sdq(staff, older, D(2024, 5, 1), score=10))["completed_on"] == [
        services.ERROR_SDQ_AGE.format(age=17)
    ]
    sdq(staff, older, D(2024, 4, 30), score=10)  # the day before the 17th birthday: still 16
    assert _errors(lambda: sdq(staff, older, D(2024, 4, 30), score=11))["completed_on"] == [
        services.ERROR_SDQ_SAME_DAY.format(date="30 April 2024")
    ]


def test_health_statuses_development_checks_only_under_5(staff, period):
    recorded = health_status(staff, period, "IMM", D(2024, 9, 1), up_to_date=False)
    assert (recorded.kind, recorded.up_to_date) == ("IMM", False)
    assert _errors(lambda: health_status(staff, period, "DEV", D(2024, 9, 2)))["kind"] == [
        services.ERROR_DEVELOPMENT_UNDER_5.format(age=9)
    ]
    assert _errors(lambda: health_status(staff, period, "IMM", D(2024, 9, 1)))["as_at"] == [
        services.ERROR_STATUS_SAME_DAY.format(date="1 September 2024")
    ]
    errors = _errors(
        lambda: services.health_status_record(
            actor=staff.social_worker.user,
            period_id=period.pk,
            kind="XX",
            as_at=D(2023, 1, 1),
            up_to_date=None,
            source="",
        )
    )
    assert errors == {
        "as_at": [services.ERROR_BEFORE_PERIOD.format(date="2 June 2023")],
        "kind": [services.ERROR_STATUS_KIND],
        "up_to_date": [services.ERROR_UP_TO_DATE_REQUIRED],
        "source": [services.ERROR_SOURCE_REQUIRED],
    }
    assert HealthStatus.objects.count() == 1


def test_a_conviction_needs_a_child_of_10_or_over(staff, period):
    assert _errors(lambda: conviction(staff, period, D(2025, 1, 9)))["convicted_on"] == [
        services.ERROR_CONVICTION_UNDER_10.format(age=9)
    ]
    conviction(staff, period, D(2025, 1, 10))  # the 10th birthday
    assert Conviction.objects.get().convicted_on == D(2025, 1, 10)
    assert AuditEvent.objects.filter(action="duties.conviction").count() == 1


def test_substance_misuse_takes_one_intervention_answer(staff, period):
    substance_misuse(staff, period, D(2024, 7, 1), "REFUSED")
    assert _errors(lambda: substance_misuse(staff, period, D(2024, 7, 2), "BOTH"))["intervention"] == [
        services.ERROR_INTERVENTION
    ]
    assert _errors(lambda: substance_misuse(staff, period, D(2099, 7, 2), "RECEIVED"))["identified_on"] == [
        services.ERROR_DATE_IN_FUTURE
    ]
    assert list(SubstanceMisuse.objects.values_list("intervention", flat=True)) == ["REFUSED"]


def test_the_oc2_facts_are_in_the_subject_access_export(staff, period):
    from hearth.people.exports import subject_access_record

    sdq(staff, period, D(2024, 5, 1), score=14)
    conviction(staff, period, D(2025, 2, 1))
    substance_misuse(staff, period, D(2024, 7, 1), "RECEIVED")
    health_status(staff, period, "IMM", D(2024, 9, 1))
    (exported,) = subject_access_record(period.child)["periods_of_care"]
    assert [(s["completed on"], s["score"]) for s in exported["sdqs"]] == [("2024-05-01", 14)]
    assert [c["offence"] for c in exported["convictions"]] == ["Criminal damage"]
    assert [m["intervention"] for m in exported["substance_misuse"]] == ["The child received an intervention"]
    assert [h["up to date"] for h in exported["health_statuses"]] == [True]
