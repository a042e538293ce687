"""Looked-after children's visits: offered to the visit pages and worklists, their interval following
the current placement (T12 restarts on a move, not on a status-only change), and never alongside a
child in need plan."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.cin.models import CinPlan
from hearth.cin.services import cin_plan_start
from hearth.testing.care_duty_journeys import move, seen
from hearth.testing.cin_journeys import child_on_cin_plan
from hearth.testing.journeys import approved, foster_placement, make_staff, new_child
from hearth.visits.plans import plans_for_visits
from hearth.visits.timeliness import PlanKind, plan_visit_due
from hearth.visits.worklist import visit_due_items

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make_staff()


def test_care_start_ends_the_cin_plan_so_only_the_looked_after_placement_obliges_visits(staff):
    from hearth.care.services import care_start

    plan = child_on_cin_plan(staff, new_child(staff, "Ada", "Brightwater"), D(2025, 5, 1))
    care_start(
        actor=staff.social_worker.user,
        referral_id=plan.referral_id,
        started_on=D(2025, 6, 2),
        category_of_need="N1",
        legal_status="V2",
        placement=foster_placement(long_term_until_18=True),
        decision=approved(staff, D(2025, 6, 2)),
    )
    assert CinPlan.objects.get(pk=plan.pk).ended_on == D(2025, 6, 2)
    offered = plans_for_visits([plan.referral])
    assert [(p.kind, p.started_on, p.long_term_until_18, p.care_started_on) for p in offered] == [
        (PlanKind.LOOKED_AFTER, D(2025, 6, 2), True, D(2025, 6, 2))
    ]
    # Nor can a CIN plan start again while the child is looked after.
    with pytest.raises(ValidationError) as raised:
        cin_plan_start(
            actor=staff.social_worker.user,
            referral_id=plan.referral_id,
            started_on=D(2025, 6, 3),
            aims="A",
            agreed_with="B",
        )
    assert "is looked after (from 2 June 2025)" in raised.value.messages[0]
    assert plans_for_visits([plan.referral])[0].kind == PlanKind.LOOKED_AFTER


def test_a_move_restarts_t12_and_the_worklist_shows_both_standards(staff, client):
    from hearth.testing.journeys import looked_after_child

    period = looked_after_child(staff, new_child(staff, "Ben", "Brightwater"), D(2025, 6, 2))
    seen(staff, period, D(2025, 6, 6))
    (offered,) = plans_for_visits([period.referral])
    due = plan_visit_due(offered, D(2025, 6, 6))
    # Seen Fri 6 Jun in the first year: T13 six weeks, Fri 18 Jul; the council's T13L the same day.
    assert (due.due, due.local_due) == (D(2025, 7, 18), D(2025, 7, 18))
    assert "reg 28(2)(b)" in due.rule
    move(staff, period, D(2025, 7, 1))
    (offered,) = plans_for_visits([period.referral])
    due = plan_visit_due(offered, D(2025, 6, 6))
    # New placement Tue 1 Jul: T12, Tue 8 Jul; the local standard still runs from the 6 Jun visit.
    assert (offered.started_on, due.due, due.local_due) == (D(2025, 7, 1), D(2025, 7, 8), D(2025, 7, 18))
    (item,) = visit_due_items([period.referral])
    assert item.duty.startswith("Visit (looked-after placement)")
    assert (item.due, item.local_due) == (D(2025, 7, 8), D(2025, 7, 18))
    client.force_login(staff.social_worker.user)
    page = client.get(reverse("visits:record", args=[period.referral_id])).content.decode()
    assert "8 July 2025" in page and "reg 28(2)(a)" in page


def test_a_status_only_change_is_not_a_move_so_t12_does_not_restart(staff):
    from hearth.testing.journeys import looked_after_child

    period = looked_after_child(staff, new_child(staff, "Cara", "Brightwater"), D(2025, 6, 2))
    move(staff, period, D(2025, 7, 1), carer="Ms Fernhill")  # a real move: the new home is from Tue 1 Jul
    seen(staff, period, D(2025, 7, 4))
    # The carers are approved as the child's foster carers: the same home, twice a new status (PLACE).
    move(staff, period, D(2025, 8, 1), reason="PLACE", carer="Ms Fernhill", placement_type="U4")
    move(staff, period, D(2025, 9, 1), reason="PLACE", carer="Ms Fernhill", placement_type="U3")
    (offered,) = plans_for_visits([period.referral])
    assert offered.started_on == D(2025, 7, 1)
    due = plan_visit_due(offered, D(2025, 7, 4))
    # Seen Fri 4 Jul in the first year of the home from 1 Jul: T13, six weeks, Fri 15 Aug; not T12
    # from 1 Sep (which would have been due Mon 8 Sep, as if the child had moved).
    assert due.due == D(2025, 8, 15)
    assert "reg 28(2)(b)" in due.rule
    (item,) = visit_due_items([period.referral])
    assert item.due == D(2025, 8, 15)
    # A real move after that restarts the clock from the new home.
    move(staff, period, D(2025, 10, 1), carer="Mr Ashgrove")
    (offered,) = plans_for_visits([period.referral])
    assert offered.started_on == D(2025, 10, 1)
    assert plan_visit_due(offered, D(2025, 7, 4)).due == D(2025, 10, 8)
