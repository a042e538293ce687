"""Every bad-input rule of the period-of-care writers and the care plan writer: each error constant,
and that nothing is written when a writer refuses."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.care import services
from hearth.care.models import CarePlan, LegalStatusSpell, PeriodOfCare, Placement
from hearth.frontdoor.services import case_close
from hearth.testing.journeys import allocated_case, approved, at, foster_placement, looked_after_child, new_child

pytestmark = pytest.mark.django_db

START = datetime.date(2025, 3, 3)
LATER = datetime.date(2025, 4, 14)
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def _counts():
    return (
        PeriodOfCare.objects.count(),
        LegalStatusSpell.objects.count(),
        Placement.objects.count(),
        CarePlan.objects.count(),
        AuditEvent.objects.filter(action__startswith="care.").count(),
    )


def refused(call, **kwargs):
    """Run a writer that must refuse; return its errors (field -> messages) and check nothing changed."""
    before = _counts()
    with pytest.raises(ValidationError) as raised:
        call(**kwargs)
    assert _counts() == before
    error = raised.value
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def start_kwargs(staff, referral, **overrides):
    return {
        "actor": staff.social_worker.user,
        "referral_id": referral.pk,
        "started_on": START,
        "category_of_need": "N1",
        "legal_status": "C1",
        "placement": foster_placement(),
        # approved well before, so that a start dated earlier is refused for its own date only
        "decision": approved(staff, START - datetime.timedelta(days=60)),
    } | overrides


@pytest.fixture
def referral(staff):
    return allocated_case(staff, new_child(staff, "Wren", "Talbot"), at(START - datetime.timedelta(days=3), 9))


@pytest.fixture
def period(staff):
    return looked_after_child(staff, new_child(staff, "Ivo", "Talbot"), START)


# Starting care ------------------------------------------------------------------------------------


def test_only_social_workers_and_managers_start_care(staff, referral):
    for actor in (staff.screener, staff.performance_officer, staff.iro, staff.councillor):
        errors = refused(services.care_start, **start_kwargs(staff, referral, actor=actor))
        assert errors == {"__all__": [services.ERROR_NOT_CASE_WORKER]}


def test_care_starts_only_on_an_open_case(staff, referral):
    referral.closed_on, referral.closure_reason = START, "RC7"
    referral.save()
    assert refused(services.care_start, **start_kwargs(staff, referral)) == {"__all__": [services.ERROR_CASE_CLOSED]}


def test_a_child_already_looked_after_is_not_started_again(staff, period):
    errors = refused(services.care_start, **start_kwargs(staff, period.referral, started_on=LATER))
    assert errors == {"__all__": [services.ERROR_ALREADY_LOOKED_AFTER.format(child=period.child, date="3 March 2025")]}


def test_a_new_period_starts_after_the_last_one_ended(staff, period):
    services.care_end(actor=staff.social_worker.user, period_id=period.pk, version=1, ended_on=LATER, reason="E4A")
    errors = refused(services.care_start, **start_kwargs(staff, period.referral, started_on=LATER))
    assert errors["started_on"] == [
        services.ERROR_OVERLAPS_EARLIER_PERIOD.format(child=period.child, date="14 April 2025")
    ]


def test_care_cannot_start_before_the_referral_or_in_the_future(staff, referral):
    early = refused(services.care_start, **start_kwargs(staff, referral, started_on=START - datetime.timedelta(days=9)))
    assert early["started_on"] == [services.ERROR_BEFORE_REFERRAL.format(date="28 February 2025")]
    future = refused(services.care_start, **start_kwargs(staff, referral, started_on=TOMORROW))
    assert future["started_on"] == [services.ERROR_DATE_IN_FUTURE]


def test_every_code_and_placement_detail_is_checked(staff, referral):
    bad = services.PlacementDetails(placement_type="XX", provider_id=None, postcode="", home_postcode="nope")
    errors = refused(
        services.care_start, **start_kwargs(staff, referral, category_of_need="N9", legal_status="C9", placement=bad)
    )
    assert errors == {
        "category_of_need": [services.ERROR_CATEGORY_OF_NEED],
        "legal_status": [services.ERROR_LEGAL_STATUS],
        "placement_type": [services.ERROR_PLACEMENT_TYPE],
        "provider": [services.ERROR_PROVIDER],
        "postcode": [services.ERROR_POSTCODE_REQUIRED],
        "home_postcode": [services.ERROR_POSTCODE_FORMAT],
    }


def test_a_postcode_must_have_a_postcodes_shape(staff, referral):
    errors = refused(services.care_start, **start_kwargs(staff, referral, placement=foster_placement(postcode="KV")))
    assert errors == {"postcode": [services.ERROR_POSTCODE_FORMAT]}


def test_care_cannot_start_in_a_temporary_placement(staff, referral):
    errors = refused(
        services.care_start, **start_kwargs(staff, referral, placement=foster_placement(placement_type="T0"))
    )
    assert errors == {"placement_type": [services.ERROR_STARTS_TEMPORARY]}


# Changes to an open period ------------------------------------------------------------------------


def test_changes_are_refused_on_an_ended_period(staff, period):
    services.care_end(actor=staff.social_worker.user, period_id=period.pk, version=1, ended_on=LATER, reason="E4A")
    message = services.ERROR_PERIOD_ENDED.format(date="14 April 2025")
    errors = refused(
        services.legal_status_change,
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=2,
        changed_on=LATER,
        legal_status="C2",
    )
    assert errors == {"__all__": [message]}


def test_a_change_from_a_stale_form_is_refused(staff, period):
    services.legal_status_change(
        actor=staff.social_worker.user, period_id=period.pk, version=1, changed_on=LATER, legal_status="C2"
    )
    errors = refused(
        services.placement_change,
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=1,
        changed_on=LATER + datetime.timedelta(days=1),
        reason="CARPL",
        placement=foster_placement(carer="Ms Vale"),
    )
    assert errors == {"__all__": [services.ERROR_CHANGED_MEANWHILE]}


def test_a_legal_status_change_is_dated_after_the_current_status_began(staff, period):
    def change(**kwargs):
        return refused(
            services.legal_status_change,
            **{"actor": staff.social_worker.user, "period_id": period.pk, "version": 1, "legal_status": "C2"} | kwargs,
        )

    what = "legal status"
    assert change(changed_on=START - datetime.timedelta(days=1)) == {
        "changed_on": [services.ERROR_CHANGE_BEFORE_CURRENT.format(what=what, date="3 March 2025")]
    }
    assert change(changed_on=START) == {
        "changed_on": [services.ERROR_CHANGE_SAME_DAY.format(what=what, date="3 March 2025")]
    }
    assert change(changed_on=TOMORROW) == {"changed_on": [services.ERROR_DATE_IN_FUTURE]}
    assert change(changed_on=LATER, legal_status="C1") == {
        "legal_status": [services.ERROR_SAME_LEGAL_STATUS.format(code="C1")]
    }
    assert change(changed_on=LATER, legal_status="ZZ") == {"legal_status": [services.ERROR_LEGAL_STATUS]}


def test_a_placement_change_needs_a_reason_and_a_later_date(staff, period):
    def move(**kwargs):
        defaults = {
            "actor": staff.social_worker.user,
            "period_id": period.pk,
            "version": 1,
            "changed_on": LATER,
            "reason": "CARPL",
            "placement": foster_placement(carer="Ms Vale"),
        }
        return refused(services.placement_change, **defaults | kwargs)

    assert move(reason="") == {"reason": [services.ERROR_CHANGE_REASON]}
    assert move(changed_on=START) == {
        "changed_on": [services.ERROR_CHANGE_SAME_DAY.format(what="placement", date="3 March 2025")]
    }
    assert move(changed_on=START - datetime.timedelta(days=2)) == {
        "changed_on": [services.ERROR_CHANGE_BEFORE_CURRENT.format(what="placement", date="3 March 2025")]
    }
    unregistered = services.PlacementDetails(placement_type="U6", provider_id=-1, postcode="KV1 2AB")
    assert move(placement=unregistered) == {"provider": [services.ERROR_PROVIDER]}
    assert move(actor=staff.screener) == {"__all__": [services.ERROR_NOT_CASE_WORKER]}


def test_care_ends_with_a_903_reason_after_its_last_change(staff, period):
    worker = staff.social_worker.user
    services.legal_status_change(actor=worker, period_id=period.pk, version=1, changed_on=LATER, legal_status="C2")

    def end(**kwargs):
        defaults = {"actor": worker, "period_id": period.pk, "version": 2, "ended_on": LATER, "reason": "E4A"}
        return refused(services.care_end, **defaults | kwargs)

    assert end(reason="X1") == {"reason": [services.ERROR_END_REASON]}
    assert end(reason="E8", note=" ") == {"note": [services.ERROR_END_NOTE_REQUIRED]}
    assert end(ended_on=LATER - datetime.timedelta(days=1)) == {
        "ended_on": [services.ERROR_END_BEFORE_CHANGE.format(date="14 April 2025")]
    }
    assert end(ended_on=TOMORROW) == {"ended_on": [services.ERROR_DATE_IN_FUTURE]}


def test_care_cannot_end_in_a_temporary_placement(staff, period):
    worker = staff.social_worker.user
    services.placement_change(
        actor=worker,
        period_id=period.pk,
        version=1,
        changed_on=LATER,
        reason="CARPL",
        placement=foster_placement(placement_type="T3", carer="Mrs Respite"),
    )
    errors = refused(
        services.care_end,
        actor=worker,
        period_id=period.pk,
        version=2,
        ended_on=LATER + datetime.timedelta(days=3),
        reason="E4A",
    )
    assert errors == {"ended_on": [services.ERROR_ENDS_TEMPORARY]}


# Care plans ---------------------------------------------------------------------------------------


def plan_kwargs(staff, period, **overrides):
    return {
        "actor": staff.social_worker.user,
        "period_id": period.pk,
        "agreed_on": LATER,
        "permanence_plan": "Long-term fostering with the current carers",
        "summary": "Ivo stays at his school; contact with his mother fortnightly.",
    } | overrides


def test_a_care_plan_is_recorded_with_its_audit_row(staff, period):
    plan = services.care_plan_record(**plan_kwargs(staff, period, permanence_plan="  Return home  "))
    assert (plan.period, plan.agreed_on, plan.permanence_plan) == (period, LATER, "Return home")
    assert AuditEvent.objects.filter(action="care.care_plan_record", child=period.child).count() == 1


def test_a_care_plan_is_dated_within_the_period_and_one_a_day(staff, period):
    before = refused(services.care_plan_record, **plan_kwargs(staff, period, agreed_on=START - datetime.timedelta(1)))
    assert before == {"agreed_on": [services.ERROR_CARE_PLAN_BEFORE_PERIOD.format(date="3 March 2025")]}
    future = refused(services.care_plan_record, **plan_kwargs(staff, period, agreed_on=TOMORROW))
    assert future == {"agreed_on": [services.ERROR_DATE_IN_FUTURE]}
    services.care_plan_record(**plan_kwargs(staff, period))
    again = refused(services.care_plan_record, **plan_kwargs(staff, period))
    assert again == {"agreed_on": [services.ERROR_CARE_PLAN_SAME_DAY.format(date="14 April 2025")]}


def test_a_care_plan_is_not_dated_after_the_period_ended(staff, period):
    services.care_end(actor=staff.social_worker.user, period_id=period.pk, version=1, ended_on=LATER, reason="E4A")
    late = refused(services.care_plan_record, **plan_kwargs(staff, period, agreed_on=LATER + datetime.timedelta(1)))
    assert late == {"agreed_on": [services.ERROR_CARE_PLAN_AFTER_PERIOD.format(date="14 April 2025")]}


def test_a_care_plan_needs_its_content_and_a_case_worker(staff, period):
    empty = refused(services.care_plan_record, **plan_kwargs(staff, period, permanence_plan=" ", summary=""))
    assert empty == {
        "permanence_plan": [services.ERROR_PERMANENCE_PLAN_REQUIRED],
        "summary": [services.ERROR_CARE_PLAN_SUMMARY_REQUIRED],
    }
    not_worker = refused(services.care_plan_record, **plan_kwargs(staff, period, actor=staff.iro))
    assert not_worker == {"__all__": [services.ERROR_NOT_CASE_WORKER]}


# Case closure -------------------------------------------------------------------------------------


def test_the_case_cannot_close_while_the_child_is_looked_after(staff, period):
    from hearth.care import checks

    with pytest.raises(ValidationError) as raised:
        case_close(actor=staff.team_manager.user, referral_id=period.referral_id, closed_on=LATER, reason="RC7")
    assert raised.value.messages == [
        checks.ERROR_CLOSE_WHILE_LOOKED_AFTER.format(child=period.child, date="3 March 2025")
    ]
    period.referral.refresh_from_db()
    assert period.referral.closed_on is None
    services.care_end(actor=staff.social_worker.user, period_id=period.pk, version=1, ended_on=LATER, reason="E4A")
    case_close(actor=staff.team_manager.user, referral_id=period.referral_id, closed_on=LATER, reason="RC7")
    period.referral.refresh_from_db()
    assert period.referral.closed_on == LATER
