"""A service manager's weekly caseload review in a real browser, with the accessibility check on each
page: from the home page to this week's workers over the threshold with their children and the
12 weeks' chart and table; then a worker's employment details changed (a mistake first: a leaving
date before the start), and the allocation to a worker who has left refused."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import expect

from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import allocated_case, at, new_child, referred_case
from hearth.workforce.caseloads import monday_of
from hearth.workforce.models import Allocation, EmploymentType, Worker

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@override_settings(HEARTH_CASELOAD_THRESHOLD=2)
def test_a_service_manager_reviews_the_weeks_caseloads(staff, authenticators, browser, live_server):
    monday = monday_of(timezone.localdate())
    for name in ("Juniper", "Rowan", "Hazel"):
        allocated_case(staff, new_child(staff, name, "Hale"), at(monday - datetime.timedelta(days=14), 9))
    call_command("freeze_weekly_caseloads")  # the Monday job (the tests' task backend runs it at once)

    page = sign_in(browser, live_server, "serena", authenticators)
    page.get_by_role("link", name="Weekly caseload review").click()
    expect(page.get_by_role("heading", name="Weekly caseload review")).to_be_visible()
    expect(page.get_by_role("heading", name="Nina Tester, North: 3 children")).to_be_visible()
    for name in ("Juniper Hale", "Rowan Hale", "Hazel Hale"):
        expect(page.get_by_role("link", name=name)).to_be_visible()
    expect(
        page.get_by_role("img", name="Workers over their caseload threshold, each Monday of the last 12 weeks")
    ).to_be_visible()
    expect(page.get_by_role("cell", name="Not counted (the weekly job did not run)")).to_have_count(11)
    assert_accessible(page)

    page.goto(f"{live_server.url}/cases/workers/")
    expect(page.get_by_role("heading", name="Workers and their employment")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change Nina Tester's employment details").click()
    expect(page.get_by_role("heading", name="Employment details")).to_be_visible()
    page.get_by_label("Agency").check()
    page.get_by_label("Full-time equivalent (FTE)").fill("0.8")
    fill_date(page, "Start date", datetime.date(2024, 1, 8))
    fill_date(page, "Leaving date", datetime.date(2023, 12, 1))
    page.get_by_role("button", name="Save employment details").click()
    message = "The leaving date must be on or after the start date"
    expect(page.get_by_role("link", name=message)).to_be_visible()
    assert_accessible(page)
    assert Worker.objects.get(user__username="nina").employment_type == EmploymentType.PERMANENT

    left = timezone.localdate() - datetime.timedelta(days=1)
    fill_date(page, "Leaving date", left)
    page.get_by_role("button", name="Save employment details").click()
    expect(page.get_by_text("Employment details saved for Nina Tester")).to_be_visible()
    expect(page.get_by_role("cell", name="Agency")).to_be_visible()
    assert_accessible(page)

    # Nina has left: the allocation form no longer offers her (the service refuses her too:
    # test_employment.py), and nothing is written.
    referral = referred_case(staff, new_child(staff, "Ash", "Hale"), at(monday - datetime.timedelta(days=3), 9))
    page.goto(f"{live_server.url}/cases/{referral.pk}/allocate/")
    expect(page.get_by_label("Social worker").locator("option", has_text="Nina Tester")).to_have_count(0)
    assert_accessible(page)
    assert not Allocation.objects.filter(referral=referral).exists()
    page.close()
