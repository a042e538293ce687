"""The conference chair's own list: booked conferences, next reviews due, checklists, open concerns."""

import datetime

from django.urls import reverse

from hearth.protection.selectors import chairs_work
from hearth.protection.services import escalation_raise
from hearth.testing.journeys import allocated_case, at, new_child
from hearth.testing.protection_journeys import child_on_plan, strategy_to_s47

D = datetime.date


def test_the_chair_sees_the_next_review_and_what_is_left_to_do(staff, client):
    """ICPC held 20 May 2025: the first review conference is due 3 months later (T07), 20 August
    2025. The checklist is not completed, and a concern raised is still open."""
    plan = child_on_plan(staff, new_child(staff, "Rowan", "Chairlist"), D(2025, 5, 1), D(2025, 5, 20))
    escalation_raise(
        actor=staff.iro,
        conference_id=plan.initial_conference_id,
        raised_on=D(2025, 5, 21),
        concern="Police report not shared before the conference",
        with_whom="Team manager",
    )
    work = chairs_work(staff.iro)
    assert [(p.child.first_name, due) for p, due in work["plans"]] == [("Rowan", D(2025, 8, 20))]
    assert [c.pk for c in work["checklists_to_complete"]] == [plan.initial_conference_id]
    assert [e.concern for e, _ in work["escalations"]] == ["Police report not shared before the conference"]
    client.force_login(staff.iro)
    page = client.get(reverse("protection:chairs_work")).content.decode()
    assert "Rowan Chairlist" in page and "20 Aug 2025" in page


def test_another_chairs_conferences_are_not_on_the_list(staff, client):
    referral = allocated_case(staff, new_child(staff, "Sorrel", "Elsewhere"), at(D(2025, 5, 1), 9))
    strategy_to_s47(staff, referral, D(2025, 5, 1))
    assert chairs_work(staff.iro)["booked"] == [] and chairs_work(staff.iro)["plans"] == []
