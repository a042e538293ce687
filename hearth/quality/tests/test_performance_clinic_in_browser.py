"""A performance officer holds a clinic on W05 (workers' supervision in timescale), rated red, in a
real browser (a mistake first: no action agreed), and the team manager who owns the action finds it
on their worklist and records it done; axe checks every page (docs/workforce.md)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.performance.selectors import statutory_year
from hearth.performance.services import target_set
from hearth.quality.models import ClinicAction, PerformanceClinic
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.workforce.services import worker_employment_update

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_clinic_on_a_red_indicator_and_its_action_on_the_owners_worklist(staff, authenticators, browser, live_server):
    today = timezone.localdate()
    for worker in (staff.social_worker, staff.other_social_worker):  # started 60 days ago, never supervised
        worker_employment_update(
            actor=staff.service_manager,
            worker_id=worker.pk,
            employment_type="PERMANENT",
            fte=Decimal("1"),
            qualified_on=None,
            asye_started_on=None,
            started_on=today - datetime.timedelta(days=60),
            left_on=None,
        )
    target_set(
        actor=staff.performance_officer,
        indicator_id="W05",
        year=statutory_year(today),
        target=Decimal(90),
        tolerance=Decimal(5),
    )

    page = sign_in(browser, live_server, "pat", authenticators)
    page.get_by_role("link", name="Performance clinics").click()
    expect(page.get_by_role("heading", name="Performance clinics")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Indicator").select_option("W05")
    page.get_by_role("button", name="Hold a clinic on this indicator").click()
    expect(page.get_by_role("heading", name="Record a performance clinic")).to_be_visible()
    expect(page.locator("dd .govuk-tag--red")).to_have_text("Red")
    assert_accessible(page)

    fill_date(page, "Date of the clinic", today)
    page.get_by_label("Who attended").fill("Pat Tester, performance officer\nTomas Tester, team manager")
    page.get_by_role("button", name="Record the clinic").click()
    expect(page.get_by_role("link", name="A clinic agrees at least one action")).to_be_visible()
    assert_accessible(page)
    assert not PerformanceClinic.objects.exists()

    page.get_by_label("Action 1: what must be done").fill("Supervise Nina and Sol this week")
    page.get_by_label("Action 1: owner").select_option(label="Tomas Tester (Team manager, North)")
    fill_date(page, "Action 1: due by", today + datetime.timedelta(days=7))
    page.get_by_role("button", name="Record the clinic").click()
    expect(page.get_by_text("Clinic on W05 recorded")).to_be_visible()
    expect(page.get_by_text("Nina Tester: no supervision recorded")).to_be_visible()
    assert_accessible(page)
    page.close()

    page = sign_in(browser, live_server, "tomas", authenticators)
    page.goto(f"{live_server.url}/worklist/")
    page.get_by_role("link", name="Supervise Nina and Sol this week").click()
    expect(page.get_by_role("heading", name="Record a clinic action done")).to_be_visible()
    assert_accessible(page)
    fill_date(page, "Date the action was completed", today)
    page.get_by_label("What was done").fill("Both supervised; dates booked monthly")
    page.get_by_role("button", name="Record it done").click()
    expect(page.get_by_text("Clinic action completed")).to_be_visible()
    assert_accessible(page)
    page.close()
    action = ClinicAction.objects.get()
    assert action.completed_on == today and action.completed_by == staff.team_manager.user
