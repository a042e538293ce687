"""The review, health check and care plan writers: what they record and what they refuse."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hearth.audit.models import AuditEvent
from hearth.care import services as care_services
from hearth.care.models import CarePlan, PeriodOfCare
from hearth.duties import services
from hearth.duties.models import CareReview, HealthCheck
from hearth.testing.care_duty_journeys import care_plan, check, review
from hearth.testing.journeys import looked_after_child, make_staff, new_child

D = datetime.date
START = D(2025, 6, 2)
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make_staff()


@pytest.fixture
def period(staff):
    return looked_after_child(staff, new_child(staff, "Ada", "Brightwater", D(2015, 1, 10)), START)


def _errors(call) -> dict:
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.message_dict


def _review(staff, period, **changes):
    arguments = {
        "actor": staff.social_worker.user,
        "period_id": period.pk,
        "held_on": D(2025, 6, 27),
        "chair_id": staff.iro.pk,
        "participation": "PN1",
        "recommendations": "Placement continues.",
    } | changes
    return services.care_review_record(**arguments)


def test_a_review_is_recorded_with_its_chair_and_an_audit_row(staff, period):
    recorded = review(staff, period, D(2025, 6, 27))
    assert (recorded.held_on, recorded.chair, recorded.participation) == (D(2025, 6, 27), staff.iro, "PN1")
    assert AuditEvent.objects.filter(action="care.review", child=period.child).count() == 1


def test_a_review_is_refused_outside_the_period_in_the_future_or_twice_a_day(staff, period):
    assert _errors(lambda: _review(staff, period, held_on=D(2025, 6, 1)))["held_on"] == [
        services.ERROR_BEFORE_PERIOD.format(date="2 June 2025")
    ]
    assert _errors(lambda: _review(staff, period, held_on=D(2099, 1, 1)))["held_on"] == [services.ERROR_DATE_IN_FUTURE]
    review(staff, period, D(2025, 6, 27))
    assert "held_on" in _errors(lambda: _review(staff, period))
    assert CareReview.objects.count() == 1


def test_the_chair_must_be_an_independent_reviewing_officer(staff, period):
    errors = _errors(lambda: _review(staff, period, chair_id=staff.team_manager.user.pk, recommendations=" "))
    assert errors["chair"] == [services.ERROR_CHAIR_NOT_IRO]
    assert errors["recommendations"] == [services.ERROR_RECOMMENDATIONS_REQUIRED]
    assert _errors(lambda: _review(staff, period, chair_id=None))["chair"] == [services.ERROR_CHAIR_REQUIRED]
    assert not CareReview.objects.exists()


def test_pn0_only_and_always_for_a_child_under_4_on_the_day(staff):
    # Born 10 Jul 2021: 3 on 9 Jul 2025, 4 on 10 Jul 2025.
    young = looked_after_child(staff, new_child(staff, "Bea", "Brightwater", D(2021, 7, 10)), START)
    assert _errors(lambda: _review(staff, young, held_on=D(2025, 7, 9), participation="PN1"))["participation"] == [
        services.ERROR_UNDER_4_NEEDS_PN0
    ]
    assert _errors(lambda: _review(staff, young, held_on=D(2025, 7, 10), participation="PN0"))["participation"] == [
        services.ERROR_PN0_ONLY_UNDER_4
    ]
    assert _review(staff, young, held_on=D(2025, 7, 9), participation="PN0").participation == "PN0"
    assert _errors(lambda: _review(staff, young, held_on=D(2025, 7, 11), participation="PN9"))["participation"] == [
        services.ERROR_PARTICIPATION
    ]


def test_a_health_check_or_a_refusal_is_recorded_and_a_second_iha_is_refused(staff, period):
    check(staff, period, "IHA", D(2025, 6, 20), refused=True)
    done = check(staff, period, "IHA", D(2025, 6, 24))
    assert (done.kind, done.refused, done.done_by) == ("IHA", False, "Looked-after children's nurse")
    errors = _errors(lambda: check(staff, period, "IHA", D(2025, 7, 1)))
    assert errors["kind"] == [services.ERROR_SECOND_IHA.format(date="24 June 2025")]
    errors = _errors(
        lambda: services.health_check_record(
            actor=staff.social_worker.user, period_id=period.pk, kind="XRAY", done_on=D(2025, 7, 1), refused=None
        )
    )
    assert (errors["kind"], errors["refused"]) == ([services.ERROR_CHECK_KIND], [services.ERROR_REFUSED_REQUIRED])
    errors = _errors(
        lambda: services.health_check_record(
            actor=staff.social_worker.user, period_id=period.pk, kind="DENTAL", done_on=D(2025, 7, 1), refused=False
        )
    )
    assert errors["done_by"] == [services.ERROR_DONE_BY_REQUIRED]
    assert HealthCheck.objects.count() == 2
    assert AuditEvent.objects.filter(action="care.health_check").count() == 2


def test_checks_after_the_period_ended_are_refused(staff, period):
    period = PeriodOfCare.objects.get(pk=period.pk)
    care_services.care_end(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        ended_on=D(2025, 7, 31),
        reason="E13",
    )
    errors = _errors(lambda: check(staff, period, "DENTAL", D(2025, 8, 1)))
    assert errors["done_on"] == [services.ERROR_AFTER_PERIOD.format(date="31 July 2025")]


def test_a_care_plan_is_recorded_once_a_day_with_its_content(staff, period):
    care_plan(staff, period, D(2025, 6, 27))
    errors = _errors(
        lambda: care_services.care_plan_record(
            actor=staff.social_worker.user,
            period_id=period.pk,
            agreed_on=D(2025, 6, 27),
            permanence_plan="",
            summary="",
        )
    )
    assert set(errors) == {"agreed_on", "permanence_plan", "summary"}
    assert CarePlan.objects.count() == 1


def test_only_case_workers_and_iros_record(staff, period):
    with pytest.raises(ValidationError):
        _review(staff, period, actor=staff.councillor)
    assert _review(staff, period, actor=staff.iro).recorded_by == staff.iro
    with pytest.raises(ValidationError):
        services.health_check_record(
            actor=staff.iro, period_id=period.pk, kind="DENTAL", done_on=D(2025, 7, 1), refused=False, done_by="Dentist"
        )
