"""The assessment journey in a real browser, with the accessibility check on each page: the worker
records what the assessment found (first with a mistake the page explains), saves a draft of the
narrative, is refused submission until every section is written, submits it; the manager returns
it with a reason; the worker corrects and resubmits; the manager authorises it with their reasons
(refused without them) and finds it gone from the backlog; the chronology shows the analysis."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.assessment.models import NARRATIVE_SECTIONS, Assessment
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import ASSESSMENT_NARRATIVE as NARRATIVE
from hearth.testing.journeys import authorised_assessment, new_child

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def open_assessment(staff):
    """Started 80 calendar days ago (past 45 working days whatever the holidays), open."""
    started = timezone.localdate() - datetime.timedelta(days=80)
    return authorised_assessment(staff, new_child(staff, "Rowan", "Ashdown"), started, None)


def test_the_worker_records_and_submits_and_the_manager_authorises(
    staff, open_assessment, authenticators, browser, live_server
):
    today = timezone.localdate()
    seen = open_assessment.started_on + datetime.timedelta(days=2)

    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/children/{open_assessment.child_id}/")
    assert_accessible(page)
    page.get_by_role("link", name="Record assessment details").click()
    assert_accessible(page)
    page.get_by_label("16A: Neglect").check()
    page.get_by_label("21: No factors identified").check()
    page.get_by_label("The child's wishes and feelings").fill("Wants to stay at the same school.")
    fill_date(page, "Date the child was seen", seen)
    page.get_by_label("The child was seen alone").check()
    page.get_by_label("Analysis").fill(NARRATIVE["analysis"])
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("link", name="'No factors identified' cannot be chosen with other factors")).to_be_visible()
    expect(page.get_by_label("Analysis")).to_have_value(NARRATIVE["analysis"])  # nothing typed is lost
    assert_accessible(page)
    assert Assessment.objects.get(pk=open_assessment.pk).analysis == ""  # and nothing was written
    page.get_by_label("21: No factors identified").uncheck()
    page.get_by_label("3B: Domestic violence: concerns about the parent or carer").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved at")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the assessment").click()
    page.get_by_role("link", name="Submit for authorisation").click()
    page.get_by_role("button", name="Submit for authorisation").click()
    expect(page.get_by_text("Write your recommendation before you submit the assessment")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/assessments/{open_assessment.pk}/record/")
    for name, label in NARRATIVE_SECTIONS:
        page.get_by_label(label, exact=True).fill(NARRATIVE[name])
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("link", name="Back to the assessment").click()
    page.get_by_role("link", name="Submit for authorisation").click()
    assert_accessible(page)
    page.get_by_role("button", name="Submit for authorisation").click()
    expect(page.get_by_text("Assessment submitted for authorisation", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Record assessment details")).to_have_count(0)
    page.close()

    page = sign_in(browser, live_server, "tomas", authenticators)
    page.get_by_role("link", name="Assessment backlog").click()
    expect(page.get_by_role("row").filter(has_text="Rowan Ashdown")).to_contain_text("Past 45")
    assert_accessible(page)
    page.get_by_role("link", name="Rowan Ashdown").click()
    page.get_by_role("link", name="Return to the worker").click()
    assert_accessible(page)
    page.get_by_label("Why you are returning it").fill("Please add what Rowan said about home.")
    page.get_by_role("button", name="Return to the worker").click()
    expect(page.get_by_text("Assessment returned to the worker", exact=True)).to_be_visible()
    page.close()

    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/children/{open_assessment.child_id}/")
    expect(page.get_by_text("Please add what Rowan said about home.")).to_be_visible()
    page.get_by_role("link", name="Record assessment details").click()
    page.get_by_label("The child's wishes and feelings").fill("Wants to stay at school; says home is calmer now.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("link", name="Back to the assessment").click()
    page.get_by_role("link", name="Submit for authorisation").click()
    page.get_by_role("button", name="Submit for authorisation").click()
    expect(page.get_by_text("Assessment submitted for authorisation", exact=True)).to_be_visible()
    page.close()

    page = sign_in(browser, live_server, "tomas", authenticators)
    page.goto(f"{live_server.url}/children/{open_assessment.child_id}/")
    page.get_by_role("link", name="Authorise assessment").click()
    assert_accessible(page)
    expect(page.get_by_text("16A: Neglect")).to_be_visible()
    expect(page.get_by_text(NARRATIVE["analysis"])).to_be_visible()  # the manager reads the analysis
    page.get_by_label("Child in need plan").check()
    page.get_by_role("button", name="Authorise").click()
    expect(page.get_by_role("link", name="Enter your reasons for authorising the assessment")).to_be_visible()
    assert_accessible(page)
    assert Assessment.objects.get(pk=open_assessment.pk).authorised_on is None
    page.get_by_label("Your reasons").fill("Analysis is sound; agree a child in need plan.")
    page.get_by_role("button", name="Authorise").click()
    expect(page.get_by_text("Assessment authorised", exact=True)).to_be_visible()
    page.get_by_role("link", name=f"View the assessment started {open_assessment.started_on:%-d %b %Y}").click()
    expect(page.get_by_role("heading", name="Assessment of Rowan Ashdown")).to_be_visible()
    expect(page.get_by_text("Analysis is sound; agree a child in need plan.")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/records/child/{open_assessment.child_id}/chronology/")
    expect(page.get_by_text(f"Analysis: {NARRATIVE['analysis']}")).to_be_visible()
    page.goto(f"{live_server.url}/assessments/backlog/")
    expect(page.get_by_text("Rowan Ashdown")).to_have_count(0)
    page.close()

    done = Assessment.objects.get(pk=open_assessment.pk)
    assert (done.authorised_on, done.outcome, done.returns.count()) == (today, "CIN_PLAN", 1)
    assert sorted(done.factors.values_list("code", flat=True)) == ["16A", "3B"]
    assert (done.child_seen_on, done.child_seen_alone) == (seen, True)
    assert (done.analysis, done.authorisation_reasons) == (
        NARRATIVE["analysis"],
        "Analysis is sound; agree a child in need plan.",
    )
