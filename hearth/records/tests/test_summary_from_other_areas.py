"""The child's summary lists the open plans other areas hold, and a note offers siblings on record."""

import datetime

from django.urls import reverse

from hearth.people.services import relationship_add
from hearth.records.selectors import children_a_note_may_cover, open_plans
from hearth.testing.cin_journeys import child_on_cin_plan
from hearth.testing.journeys import new_child
from hearth.testing.protection_journeys import child_on_plan

D = datetime.date


def test_the_summary_lists_an_open_child_protection_plan_with_its_category(staff, client):
    child = new_child(staff, "Petra", "Planholder")
    plan = child_on_plan(staff, child, D(2025, 5, 1), D(2025, 5, 20), category="EMO")
    [summary] = open_plans(child)
    assert (summary.title, summary.started) == ("Child protection plan (emotional abuse)", plan.started_on)
    client.force_login(staff.social_worker.user)
    page = client.get(reverse("people:child_detail", args=[child.pk])).content.decode()
    assert "Child protection plan (emotional abuse)" in page


def test_the_summary_lists_an_open_child_in_need_plan_and_forgets_an_ended_one(staff):
    child = new_child(staff, "Cyril", "Needsplan")
    plan = child_on_cin_plan(staff, child, D(2025, 6, 2))
    assert [p.title for p in open_plans(child)] == ["Child in need plan"]
    from hearth.cin.services import cin_plan_end

    plan.refresh_from_db()
    cin_plan_end(
        actor=staff.social_worker.user,
        plan_id=plan.pk,
        version=plan.version,
        ended_on=D(2025, 9, 1),
        reason="NEEDS_MET",
    )
    assert open_plans(child) == []


def test_a_note_offers_the_siblings_recorded_in_the_family(staff):
    ava, bea = new_child(staff, "Ava", "Sibling"), new_child(staff, "Bea", "Sibling")
    relationship_add(actor=staff.service_manager, child_id=ava.pk, relationship_code="SIBLING", other_child_id=bea.pk)
    offered = children_a_note_may_cover([ava], user=staff.service_manager)
    assert bea in offered
