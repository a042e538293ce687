"""A social worker records a statutory visit in a real browser, with the accessibility check on
each page: from the worklist to the child's page, the visit form (a mistake first: seen alone but
not seen), then the visit on the child's page; the team manager reviews the plan."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.cin_journeys import child_on_cin_plan
from hearth.testing.journeys import new_child
from hearth.visits.models import Visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_social_worker_records_a_visit_and_the_manager_reviews_the_plan(staff, authenticators, browser, live_server):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    plan = child_on_cin_plan(staff, new_child(staff, "Rowan", "Ashby"), today - datetime.timedelta(days=40))

    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/worklist/")
    row = page.get_by_role("row").filter(has_text="Visit (child in need plan)")
    expect(row).to_contain_text("Rowan Ashby")
    expect(row).to_contain_text("Overdue")  # 40 days without a visit is past 20 working days
    assert_accessible(page)
    row.get_by_role("link", name="Rowan Ashby").click()
    expect(page.get_by_role("heading", name="Record a visit")).to_be_visible()
    assert_accessible(page)

    fill_date(page, "Date of the visit", yesterday)
    page.get_by_role("group", name="Did the visit happen?").get_by_label("Yes").check()
    page.get_by_role("group", name="Was the child seen?", exact=True).get_by_label("No").check()
    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_role("button", name="Record the visit").click()
    expect(page.get_by_role("link", name="A child who was not seen cannot have been seen alone")).to_be_visible()
    assert_accessible(page)
    assert not Visit.objects.exists()

    page.get_by_role("group", name="Was the child seen?", exact=True).get_by_label("Yes").check()
    page.get_by_label("The child's voice").fill("Showed me the den he built in the garden; feels safe with mum.")
    page.get_by_role("button", name="Record the visit").click()
    expect(page.get_by_text("Visit recorded")).to_be_visible()
    expect(page.get_by_text(f"Last visit {yesterday:%-d %B %Y} by Nina Tester: child seen alone.")).to_be_visible()
    expect(page.get_by_text("Showed me the den he built in the garden")).to_be_visible()
    assert_accessible(page)
    page.close()

    page = sign_in(browser, live_server, "tomas", authenticators)
    page.goto(f"{live_server.url}/children/{plan.child_id}/")
    page.get_by_role("link", name="Review the plan").click()
    assert_accessible(page)
    fill_date(page, "Date of the review", today)
    page.get_by_label("Who attended").fill("Mother; school; Nina Tester")
    page.get_by_label("The plan continues as it is").check()
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("Review recorded")).to_be_visible()
    expect(page.get_by_text("Up to date")).to_be_visible()
    assert_accessible(page)
    page.close()
    visit = Visit.objects.get()
    assert (visit.visited_on, visit.seen, visit.seen_alone) == (yesterday, True, True)
