"""The plan for permanence and the matching panel's tracker in a real browser: a social worker
records a child's plan from the child's page (a date before care began refused first); the team
manager opens the permanence tracker from the home page, filters it by plan and team, and finds the
child past the council's target. axe checks every page, the refusal's too, for any violation."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.permanence.models import PermanencePlan
from hearth.testing import browser as browser_helpers
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import looked_after_child, new_child


@pytest.fixture(autouse=True)
def every_axe_violation(monkeypatch):
    """These pages are held to no axe violation at all, not only the serious and critical ones."""
    monkeypatch.setattr(browser_helpers, "SERIOUS", {"minor", "moderate", "serious", "critical"})


pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_plan_recorded_and_the_matching_panels_tracker(staff, authenticators, browser, live_server):
    today = timezone.localdate()
    started = today - datetime.timedelta(days=300)
    period = looked_after_child(
        staff, new_child(staff, "Ada", "Pimpernel", datetime.date(today.year - 4, 1, 10)), started
    )

    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/children/{period.child_id}/")
    expect(page.get_by_role("heading", name="Plan for permanence")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Record the plan for permanence").click()
    expect(page.get_by_role("heading", name="Record the plan for permanence")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Adoption").check()
    fill_date(page, "Date the plan was agreed", started - datetime.timedelta(days=1))
    page.get_by_role("button", name="Record the plan").click()
    expect(page.get_by_role("link", name="before Ada Pimpernel started")).to_be_visible()
    assert_accessible(page)
    assert not PermanencePlan.objects.exists()

    agreed = started + datetime.timedelta(days=120)
    fill_date(page, "Date the plan was agreed", agreed)
    page.get_by_role("button", name="Record the plan").click()
    expect(page.get_by_text("Plan for permanence recorded")).to_be_visible()
    expect(page.get_by_text(f"Adoption, agreed {agreed:%-d %B %Y}.")).to_be_visible()
    assert_accessible(page)

    page = sign_in(browser, live_server, "tomas", authenticators)
    page.get_by_role("link", name="Permanence tracker").click()
    expect(page.get_by_role("heading", name="Permanence tracker")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Plan for permanence").select_option(label="Adoption")
    page.get_by_label("Team").select_option(label="North")
    page.get_by_role("button", name="Filter").click()
    row = page.get_by_role("row", name="Ada Pimpernel")
    expect(row).to_contain_text("Decision that the child should be placed for adoption")
    expect(row).to_contain_text(str((today - agreed).days))
    expect(row).to_contain_text("Past target")
    assert_accessible(page)

    page.get_by_label("Plan for permanence").select_option(label="Long-term fostering")
    page.get_by_role("button", name="Filter").click()
    expect(
        page.get_by_text("No looked-after child you may see has a plan for permanence with these filters")
    ).to_be_visible()
    assert_accessible(page)
