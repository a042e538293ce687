"""Approving a foster carer household in a real browser: the team manager opens "Foster carers and
sufficiency" from the home page, approves a household of the register (an age range the wrong way
round refused first), lands on the household's page, approves it on new terms (without the reason
refused first), puts it on hold, and finds it on the sufficiency page. axe checks every page, the
refusal's too, for any violation."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.fostering.models import Approval
from hearth.testing import browser as browser_helpers
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import provider_in_register


@pytest.fixture(autouse=True)
def every_axe_violation(monkeypatch):
    """These pages are held to no axe violation at all, not only the serious and critical ones."""
    monkeypatch.setattr(browser_helpers, "SERIOUS", {"minor", "moderate", "serious", "critical"})


pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_manager_approves_a_foster_carer_household(staff, authenticators, browser, live_server):
    provider_in_register("Mr and Mrs Fernhill")
    today = timezone.localdate()
    approved_on = today - datetime.timedelta(days=30)

    page = sign_in(browser, live_server, "tomas", authenticators)
    page.get_by_role("link", name="Foster carers and sufficiency").click()
    expect(page.get_by_role("heading", name="Foster carers and sufficiency")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Approve a household").click()
    expect(page.get_by_role("heading", name="Approve a household")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Household").select_option(label="Mr and Mrs Fernhill: the council's foster carers")
    fill_date(page, "Date of approval", approved_on)
    page.get_by_label("Places").fill("2")
    page.get_by_label("Youngest age").fill("10")
    page.get_by_label("Oldest age").fill("4")
    page.get_by_label("Bedrooms for children placed").fill("2")
    page.get_by_label("Terms of approval (optional)").fill("Short-term fostering, brothers and sisters")
    page.get_by_role("button", name="Approve the household").click()
    expect(
        page.get_by_role("link", name="The oldest age must be the same as or more than the youngest")
    ).to_be_visible()
    assert_accessible(page)
    assert not Approval.objects.exists()

    page.get_by_label("Youngest age").fill("0")
    page.get_by_label("Oldest age").fill("10")
    page.get_by_role("button", name="Approve the household").click()
    expect(page.get_by_text("Mr and Mrs Fernhill approved")).to_be_visible()
    expect(page.get_by_role("heading", name="Mr and Mrs Fernhill")).to_be_visible()
    expect(page.locator("#approval")).to_contain_text("2 (0 taken, 2 free today)")
    assert_accessible(page)

    page.get_by_role("link", name="Approve on new terms").click()
    expect(page.get_by_role("heading", name="Approve the household on new terms")).to_be_visible()
    assert_accessible(page)
    fill_date(page, "New terms from", approved_on + datetime.timedelta(days=10))
    page.get_by_label("Places").fill("3")
    page.get_by_role("button", name="Record the new terms").click()
    expect(page.get_by_role("link", name="Say why the household was approved on new terms")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Why the terms changed").fill("Review: a third bedroom")
    page.get_by_role("button", name="Record the new terms").click()
    expect(page.get_by_text("New terms of approval recorded")).to_be_visible()
    expect(page.locator("#approval")).to_contain_text("3 (0 taken, 3 free today)")
    expect(page.locator("#terms")).to_contain_text("Review: a third bedroom")
    assert_accessible(page)

    page.get_by_role("link", name="Change the status").click()
    expect(page.get_by_role("heading", name="Change the household's status")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("On hold").check()
    fill_date(page, "From", today)
    page.get_by_label("Reason (needed for a deregistration)").fill("Moving house")
    page.get_by_role("button", name="Change the status").click()
    expect(page.get_by_text("Status changed")).to_be_visible()
    expect(page.locator("#statuses")).to_contain_text("Moving house")
    assert_accessible(page)

    page.get_by_role("link", name="Back to foster carers and sufficiency").click()
    row = page.get_by_role("row", name="Mr and Mrs Fernhill")
    expect(row).to_contain_text("On hold")
    expect(page.locator("#sufficiency-summary")).to_contain_text("1 on hold")
    assert_accessible(page)
