"""The foundation journey in a real browser, with an accessibility check on every page:
contact -> screening (referral opens a case) -> allocation -> assessment started -> authorised
-> the social worker's worklist and the performance page with its drill-down."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.assessment.models import NARRATIVE_SECTIONS
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import ASSESSMENT_NARRATIVE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_child_from_contact_to_the_performance_page(staff, authenticators, browser, live_server):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    # The MASH screener adds the child, records the contact and decides: referral to North.
    page = sign_in(browser, live_server, "mira", authenticators)
    page.goto(f"{live_server.url}/children/new/")
    assert_accessible(page)
    page.get_by_role("button", name="Add child").click()
    expect(page.get_by_role("alert").get_by_text("Enter the child's first name")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("First name").fill("Casey")
    page.get_by_label("Last name").fill("Brookfield")
    fill_date(page, "Date of birth", datetime.date(2016, 2, 29))
    page.get_by_role("button", name="Add child").click()
    expect(page.get_by_role("heading", name="Record a contact")).to_be_visible()
    assert_accessible(page)
    fill_date(page, "Date received", yesterday)
    page.get_by_label("Time received").fill("09:05")
    page.get_by_label("Source").select_option("2A")
    page.get_by_label("Who made the contact").fill("R. Teacher, designated safeguarding lead")
    page.get_by_label("What they told us").fill("Casey arrived at school hungry for the third day running.")
    page.get_by_label("Not sought: asking would put the child at risk", exact=False).check()
    page.get_by_role("button", name="Record contact").click()
    expect(page.get_by_role("heading", name="Screening decision")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Referral to children's social care (assessment)").check()
    fill_date(page, "Date of decision", yesterday)
    page.get_by_label("Time of decision").fill("11:30")
    page.get_by_label("Reason for the decision").fill("Possible neglect: a child in need assessment is needed.")
    page.get_by_label("Primary need").select_option("N1")
    page.get_by_label("Team to take the referral").select_option(label="North")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Decision recorded")).to_be_visible()
    page.close()

    # The team manager allocates the case from the team page.
    page = sign_in(browser, live_server, "tomas", authenticators)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Team", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Allocate Casey Brookfield").click()
    assert_accessible(page)
    page.get_by_label("Social worker").select_option(label=f"{staff.social_worker} (0 children)")
    page.get_by_role("button", name="Allocate").click()
    expect(page.get_by_text(f"Case allocated to {staff.social_worker}")).to_be_visible()
    page.close()

    # The social worker sees it on their worklist with the rule, and starts the assessment.
    page = sign_in(browser, live_server, "nina", authenticators)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My worklist").click()
    row = page.get_by_role("row").filter(has_text="Casey Brookfield")
    expect(row).to_contain_text("45 working days from referral, Working Together 2023")
    assert_accessible(page)
    row.get_by_role("link", name="Casey Brookfield").click()
    assert_accessible(page)
    page.get_by_role("link", name="Start assessment").click()
    assert_accessible(page)
    page.get_by_role("button", name="Start assessment").click()
    expect(page.get_by_text("Assessment started", exact=True)).to_be_visible()
    # ... records what it found and submits it for authorisation (the steps are tested in detail
    # in hearth/assessment/tests/test_assessment_in_browser.py).
    page.get_by_role("link", name="Record assessment details").click()
    page.get_by_label("16A: Neglect").check()
    for name, label in NARRATIVE_SECTIONS:  # the worker's analysis, every section needed to submit
        page.get_by_label(label, exact=True).fill(ASSESSMENT_NARRATIVE[name])
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("link", name="Back to the assessment").click()
    page.get_by_role("link", name="Submit for authorisation").click()
    page.get_by_role("button", name="Submit for authorisation").click()
    expect(page.get_by_text("Assessment submitted for authorisation", exact=True)).to_be_visible()
    page.close()

    # The team manager authorises it.
    page = sign_in(browser, live_server, "tomas", authenticators)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Team", exact=True).click()
    page.get_by_role("link", name="Casey Brookfield").first.click()
    page.get_by_role("link", name="Authorise assessment").click()
    assert_accessible(page)
    page.get_by_label("Child in need plan").check()
    page.get_by_label("Your reasons").fill("Neglect is evident; a child in need plan will support the family.")
    page.get_by_role("button", name="Authorise").click()
    expect(page.get_by_text("Assessment authorised", exact=True)).to_be_visible()
    page.close()

    # The performance officer reads the figures and drills down to the child and worker.
    page = sign_in(browser, live_server, "pat", authenticators)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Performance", exact=True).click()
    assert_accessible(page)
    a01 = page.get_by_role("row", name=re.compile(r"^A01 "))
    expect(a01).to_contain_text("100.0%")
    expect(page.get_by_role("row", name=re.compile(r"^F01 "))).to_contain_text("1 contacts")
    a01.get_by_role("link", name=re.compile("^A01 ")).click()
    expect(page.get_by_role("row").filter(has_text="Casey Brookfield")).to_contain_text(str(staff.social_worker))
    assert_accessible(page)
    page.close()
