"""The screener's working day in a real browser, with the accessibility check on each page: the
MASH board, rating urgency, asking and answering a partner check, deciding no further action; then
the quality reviewer drawing and reviewing the month's dip sample."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.calendar.workingdays import add_months
from hearth.frontdoor.models import Contact
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import at, new_child, new_contact, screen

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def waiting_contact(staff):
    """A contact received two days ago at 09:00, awaiting its decision (so past its 24 hours at any
    time of day), and two NFAs in the month before last (a month the contact above, screened
    yesterday, can never fall in, whatever the day of the month)."""
    two_days_ago = timezone.localdate() - datetime.timedelta(days=2)
    contact = new_contact(staff, new_child(staff, "Harper", "Wilde"), at(two_days_ago, 9))
    for day in (3, 4):
        screen(
            staff,
            new_contact(staff, new_child(staff, f"Nfa{day}"), at(sampled_month().replace(day=day), 9)),
            at(sampled_month().replace(day=day), 10),
        )
    return contact


def sampled_month() -> datetime.date:
    return add_months(timezone.localdate().replace(day=1), -2)


def test_the_screener_screens_a_contact_and_the_reviewer_samples_the_month(
    staff, waiting_contact, authenticators, browser, live_server
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page = sign_in(browser, live_server, "mira", authenticators)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="MASH").click()
    row = page.get_by_role("row").filter(has_text="Harper Wilde")
    expect(row).to_contain_text("Overdue")
    expect(row).to_contain_text("overdue by")
    assert_accessible(page)
    page.get_by_label("Urgency").select_option("AMBER")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("row").filter(has_text="Harper Wilde")).to_have_count(0)
    page.get_by_label("Urgency").select_option("")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Harper Wilde").click()
    assert_accessible(page)

    page.get_by_label("Amber: concerns, screen today").check()
    page.get_by_role("button", name="Save urgency").click()
    expect(page.get_by_text("Urgency recorded")).to_be_visible()

    page.get_by_text("Ask a partner agency").click()
    page.get_by_label("Agency asked").select_option("EDUCATION")
    fill_date(page, "Date asked", yesterday)
    page.get_by_label("Time asked").fill("09:30")
    page.get_by_role("button", name="Record check asked").click()
    expect(page.get_by_text("Partner check recorded")).to_be_visible()
    fill_date(page, "Date answered", yesterday)
    page.get_by_label("Time answered").fill("09:15")
    page.get_by_label("What the agency told us").fill("Attending well; no concerns from school")
    page.get_by_role("button", name="Record answer").click()
    expect(page.get_by_role("link", name="The answer cannot come before the check was asked")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Time answered").fill("11:00")
    page.get_by_role("button", name="Record answer").click()
    expect(page.get_by_text("Answer recorded")).to_be_visible()

    page.get_by_label("No further action").check()
    fill_date(page, "Date of decision", yesterday)
    page.get_by_label("Time of decision").fill("12:00")
    page.get_by_label("Reason for the decision").fill("School reports no concerns; information shared with GP.")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Decision recorded")).to_be_visible()
    assert_accessible(page)
    page.close()
    assert Contact.objects.get(pk=waiting_contact.pk).urgency == "AMBER"

    page = sign_in(browser, live_server, "pat", authenticators)
    page.goto(f"{live_server.url}/mash/dip-samples/")
    assert_accessible(page)
    page.get_by_label("Month to sample").select_option(sampled_month().isoformat())
    page.get_by_label("Sample size").fill("5")
    page.get_by_label("Reviewer").select_option(label="Pat Tester")
    page.get_by_role("button", name="Draw the sample").click()
    expect(page.get_by_text("2 contacts to review")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Nfa3 Example").click()
    page.get_by_label("Disagree with the decision").check()
    page.get_by_label("Why").fill("Third contact this term from the school")
    page.get_by_role("button", name="Record review").click()
    expect(page.get_by_role("link", name="A disagreement needs an action")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("If you disagree: what must happen now").fill("Re-screen with the school's latest report")
    page.get_by_label("If you disagree: who will do it").select_option(label="Mira Tester")
    fill_date(page, "If you disagree: by when", timezone.localdate() + datetime.timedelta(days=7))
    page.get_by_role("button", name="Record review").click()
    expect(page.get_by_text("Review recorded")).to_be_visible()
    expect(page.get_by_role("heading", name="Complete the action")).to_be_visible()
    page.close()
