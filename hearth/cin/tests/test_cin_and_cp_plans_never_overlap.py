"""A child is never on a child in need plan and a child protection plan at once (DfE CIN census
validation rules 4001 and 4016): the initial conference that starts a CP plan ends the CIN plan the
same day, in the same transaction; a CIN plan cannot start while a CP plan runs; N01 leaves out
children on a CP plan."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hearth.audit.models import AuditEvent
from hearth.cin import services as cin_services
from hearth.cin.models import CinPlan, PlanEndReason
from hearth.performance.selectors import result_by_id
from hearth.protection import services as protection_services
from hearth.protection.models import Conference, ProtectionPlan
from hearth.testing.cin_journeys import child_on_cin_plan, review
from hearth.testing.journeys import new_child
from hearth.testing.protection_journeys import child_on_plan, icpc, strategy_to_s47

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def cin_plan(staff):
    return child_on_cin_plan(staff, new_child(staff, "Nell", "Overlap"), D(2025, 6, 2))


def test_the_initial_conference_that_starts_a_cp_plan_ends_the_cin_plan_that_day(staff, cin_plan):
    conference = icpc(staff, strategy_to_s47(staff, cin_plan.referral, D(2025, 9, 1)), D(2025, 9, 12))
    cin_plan.refresh_from_db()
    assert conference.plan_started.started_on == D(2025, 9, 12)
    assert (cin_plan.ended_on, cin_plan.end_reason, cin_plan.ended_by) == (
        D(2025, 9, 12),
        PlanEndReason.CHILD_PROTECTION,
        staff.iro,
    )
    assert cin_plan.version == 2  # a CIN form opened before the conference is refused as stale
    end = AuditEvent.objects.get(action="cin_plan.end", object_id=str(cin_plan.pk))
    assert end.detail == {"reason": "CP_PLAN"}


def test_a_conference_dated_before_the_cin_plans_last_review_is_refused_and_nothing_is_written(staff, cin_plan):
    review(staff, cin_plan, D(2025, 9, 15))
    enquiry = strategy_to_s47(staff, cin_plan.referral, D(2025, 9, 1))
    with pytest.raises(ValidationError) as refused:
        icpc(staff, enquiry, D(2025, 9, 12))
    assert refused.value.message_dict == {
        "held_on": [cin_services.ERROR_ENDS_BEFORE_CIN_REVIEW.format(child=cin_plan.child, date="15 September 2025")]
    }
    # The whole conference record rolled back with it: not held, no plan, the CIN plan still open.
    assert not ProtectionPlan.objects.exists()
    assert Conference.objects.get(section47=enquiry).held_on is None
    assert CinPlan.objects.get(pk=cin_plan.pk).ended_on is None


def test_a_cin_plan_cannot_start_while_a_cp_plan_runs_nor_before_it_ended(staff, cin_plan):
    icpc(staff, strategy_to_s47(staff, cin_plan.referral, D(2025, 9, 1)), D(2025, 9, 12))
    arguments = {"referral_id": cin_plan.referral_id, "aims": "Keep safe at home", "agreed_with": "Mother; school"}
    with pytest.raises(ValidationError) as refused:
        cin_services.cin_plan_start(actor=staff.social_worker.user, started_on=D(2025, 9, 20), **arguments)
    assert refused.value.messages == [
        cin_services.ERROR_ON_PROTECTION_PLAN.format(child=cin_plan.child, date="12 September 2025")
    ]

    plan = ProtectionPlan.objects.get(child=cin_plan.child)
    protection_services.protection_plan_end(
        actor=staff.team_manager.user, plan_id=plan.pk, ended_on=D(2025, 10, 1), reason="NO_RISK"
    )
    with pytest.raises(ValidationError) as refused:
        cin_services.cin_plan_start(actor=staff.social_worker.user, started_on=D(2025, 9, 30), **arguments)
    assert refused.value.message_dict == {
        "started_on": [cin_services.ERROR_PROTECTION_PLAN_UNTIL.format(child=cin_plan.child, date="1 October 2025")]
    }
    assert CinPlan.objects.filter(child=cin_plan.child).count() == 1
    # Stepped down on the day the protection plan ended: the two plans touch, never overlap.
    stepped_down = cin_services.cin_plan_start(actor=staff.social_worker.user, started_on=D(2025, 10, 1), **arguments)
    assert stepped_down.started_on == D(2025, 10, 1)


def test_the_automatic_end_reasons_cannot_be_chosen_by_hand(staff, cin_plan):
    for reason in (PlanEndReason.CHILD_PROTECTION, PlanEndReason.CASE_CLOSED):
        with pytest.raises(ValidationError) as refused:
            cin_services.cin_plan_end(
                actor=staff.social_worker.user, plan_id=cin_plan.pk, version=1, ended_on=D(2025, 7, 1), reason=reason
            )
        assert refused.value.message_dict == {"reason": [cin_services.ERROR_END_REASON_REQUIRED]}
    assert CinPlan.objects.get(pk=cin_plan.pk).ended_on is None


def test_n01_leaves_out_a_child_on_a_cp_plan_on_the_date(staff, cin_plan):
    # On Tue 30 Sep 2025: Nell's CIN plan (2 Jun, reviewed 1 Sep) is up to date; Otto's CIN plan
    # (2 Jun, reviewed 1 Sep) overlaps a CP plan from Fri 12 Sep, as records kept before the two
    # were joined can: Otto is a child on a CP plan, not a child in need, so N01 is 1 of 1.
    review(staff, cin_plan, D(2025, 9, 1))
    cp_plan = child_on_plan(staff, new_child(staff, "Otto", "Overlap"), D(2025, 9, 1), D(2025, 9, 12))
    legacy = CinPlan.objects.create(  # an imported record: the services would have ended it
        referral=cp_plan.referral,
        child=cp_plan.child,
        assessment=cin_plan.assessment,
        started_on=D(2025, 6, 2),
        aims="Imported",
        agreed_with="Imported",
        started_by=staff.social_worker.user,
    )
    legacy.reviews.create(
        reviewed_on=D(2025, 9, 1), attendees="Mother", decision="CONTINUE", recorded_by=legacy.started_by
    )
    result = result_by_id("N01", D(2025, 9, 30))
    assert (result.numerator, result.denominator) == (1, 1)
    assert [row.child_name.split()[0] for row in result.rows] == ["Nell"]
    # Before his CP plan started (on Thu 11 Sep) Otto was a child in need, and counted.
    assert result_by_id("N01", D(2025, 9, 11)).denominator == 2
