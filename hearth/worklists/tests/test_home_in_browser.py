"""The working day in a real browser (issue 20): a social worker signs in to their worklist and what
changed, opens a child from it and moves through the child's page by its contents list with the
keyboard; a team manager signs in to the team's new cases; a service manager keeps their links.
axe checks every page."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.testing.browser import assert_accessible, sign_in
from hearth.testing.journeys import allocated_case, at, looked_after_child, new_child, referred_case

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_working_day_and_the_childs_page_in_sections(staff, authenticators, browser, live_server):
    today = timezone.localdate()
    # Referred 80 days ago and never assessed: its assessment is overdue (45 working days).
    allocated_case(staff, new_child(staff, "Orla", "Overdue"), at(today - datetime.timedelta(days=80), 10))
    # Looked after for two years: real duties, and no assessment "overdue" since the old referral.
    lenny = new_child(staff, "Lenny", "Looked")
    looked_after_child(staff, lenny, today - datetime.timedelta(days=730))
    # Received this morning (or just now, before 8 o'clock: neither the contact nor the decision can
    # be in the future, and the suite may run after midnight), waiting for the team manager.
    received = min(at(today, 8), timezone.now() - datetime.timedelta(minutes=2))
    referred_case(staff, new_child(staff, "Nell", "New"), received, decided_at=received + datetime.timedelta(minutes=1))

    page = sign_in(browser, live_server, "nina", authenticators)
    expect(page.get_by_role("heading", name="My working day")).to_be_visible()
    expect(page.get_by_role("heading", name="My worklist")).to_be_visible()
    worklist = page.get_by_role("table", name="Overdue or due in the next two weeks")
    expect(
        worklist.get_by_role("row").filter(has_text="Orla Overdue").filter(has_text="Assessment: start and authorise")
    ).to_be_visible()
    expect(
        worklist.get_by_role("row").filter(has_text="Lenny Looked").filter(has_text="Assessment: start and authorise")
    ).to_have_count(0)
    assert_accessible(page)

    page.goto(f"{live_server.url}/children/{lenny.pk}/")  # (the worklist's links lead to each duty's form)
    expect(page.get_by_role("heading", name="Lenny Looked", level=1)).to_be_visible()
    summary = page.locator(".hearth-summary")
    expect(summary.get_by_text("Who holds the case")).to_be_visible()
    expect(summary.get_by_text("Next things due")).to_be_visible()
    contents = page.get_by_role("navigation", name="On this page")
    expect(contents.get_by_role("link")).to_have_count(7)
    assert_accessible(page)

    contents.get_by_role("link", name="Visits and duties").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/children/\d+/#visits$"))
    expect(page.get_by_role("heading", name="Visits and duties")).to_be_in_viewport()
    page.get_by_role("region", name="Visits and duties").get_by_role("link", name="Back to the contents").click()
    expect(contents).to_be_in_viewport()
    page.close()

    page = sign_in(browser, live_server, "tomas", authenticators)
    expect(page.get_by_role("heading", name="My working day")).to_be_visible()
    expect(page.get_by_role("heading", name="New cases waiting to be allocated")).to_be_visible()
    expect(page.get_by_role("link", name="Nell New").first).to_be_visible()
    assert_accessible(page)
    page.close()

    page = sign_in(browser, live_server, "serena", authenticators)
    expect(page.get_by_role("heading", name="Hearth", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Assessment backlog")).to_be_visible()
    assert_accessible(page)
    page.close()
