"""A social worker records a statutory visit in a real browser, with the accessibility check on
each page: from the worklist to the child's page, the visit form (the "could not happen" questions
only after "No", the write-up only after "Yes"; a mistake first: seen alone but not seen, and no
word of what was seen), then the visit written up on the child's page and its chronology; the
team manager reviews the plan (refused without the reasons for the decision, which the chronology
then shows)."""

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
    # The answers to "Did the visit happen?" (its group also holds the questions each answer reveals).
    happened_yes, happened_no = page.locator("#id_happened_0"), page.locator("#id_happened_1")
    expect(happened_yes).to_have_accessible_name("Yes")
    why_not = page.get_by_label("Why could the visit not happen?")
    where = page.get_by_role("group", name="Where did the visit take place?")
    expect(why_not).to_be_hidden()  # neither branch shows until the question is answered
    expect(where).to_be_hidden()
    happened_no.check()
    expect(why_not).to_be_visible()
    expect(where).to_be_hidden()
    assert_accessible(page)
    happened_yes.check()
    expect(why_not).to_be_hidden()
    where.get_by_label("At the child's home").check()
    page.get_by_role("group", name="Was the child seen?", exact=True).get_by_label("No").check()
    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_role("button", name="Record the visit").click()
    expect(page.get_by_role("link", name="A child who was not seen cannot have been seen alone")).to_be_visible()
    expect(page.get_by_role("link", name="Write what you saw on the visit")).to_be_visible()
    expect(page.get_by_role("group", name="Where did the visit take place?")).to_be_visible()  # still open
    assert_accessible(page)
    assert not Visit.objects.exists()

    page.get_by_role("group", name="Was the child seen?", exact=True).get_by_label("Yes").check()
    page.get_by_role("group", name="Did you see the child's bedroom?").get_by_label("Yes").check()
    page.get_by_label("The child's voice").fill("Showed me the den he built in the garden; feels safe with mum.")
    page.get_by_label("Who else was seen").fill("Mother")
    page.get_by_label("What you saw").fill("Warm, tidy home; his bed made up with a new duvet.")
    page.get_by_label("What happens next").fill("School to share attendance; next visit in four weeks.")
    page.get_by_role("button", name="Record the visit").click()
    expect(page.get_by_text("Visit recorded")).to_be_visible()
    expect(page.get_by_text(f"Last visit {yesterday:%-d %B %Y} by Nina Tester: child seen alone.")).to_be_visible()
    expect(page.get_by_text("Showed me the den he built in the garden")).to_be_visible()
    expect(page.get_by_text("What the visitor saw: Warm, tidy home")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/records/child/{plan.child_id}/chronology/")
    expect(page.get_by_text("Where: At the child's home; bedroom seen")).to_be_visible()
    expect(page.get_by_text("What happens next: School to share attendance")).to_be_visible()
    page.close()

    page = sign_in(browser, live_server, "tomas", authenticators)
    page.goto(f"{live_server.url}/children/{plan.child_id}/")
    page.get_by_role("link", name="Review the plan").click()
    assert_accessible(page)
    fill_date(page, "Date of the review", today)
    page.get_by_label("Who attended").fill("Mother; school; Nina Tester")
    page.get_by_label("The plan continues as it is").check()
    page.get_by_role("button", name="Record the review").click()  # no reasons: refused, nothing written
    expect(page.get_by_role("link", name="Enter the reasons for the review's decision")).to_be_visible()
    expect(page.get_by_label("Who attended")).to_have_value("Mother; school; Nina Tester")  # kept
    assert_accessible(page)
    assert not plan.reviews.exists()
    page.get_by_label("Reasons for the decision").fill("Rowan is seen and settled; the support is working.")
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("Review recorded")).to_be_visible()
    expect(page.get_by_text("Up to date")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/records/child/{plan.child_id}/chronology/")
    expect(page.get_by_text("Reasons for the decision: Rowan is seen and settled")).to_be_visible()
    page.close()
    assert plan.reviews.get().decision_reasons == "Rowan is seen and settled; the support is working."
    visit = Visit.objects.get()
    assert (visit.visited_on, visit.seen, visit.seen_alone) == (yesterday, True, True)
    assert (visit.place, visit.bedroom_seen, visit.others_seen) == ("HOME", True, "Mother")
