"""A team manager's weekly caseload review in a real browser: the weekly caseload page, then the
weekly exceptions, where an overdue item is taken up with the worker (a mistake first: nothing
agreed written); axe checks every page (docs/workforce.md)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.testing.browser import assert_accessible, sign_in
from hearth.testing.journeys import looked_after_child, new_child
from hearth.workforce.caseloads import monday_of
from hearth.workforce.models import DeficitTakenUp
from hearth.workforce.services import caseload_week_freeze

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_team_manager_reviews_the_week_and_takes_up_an_overdue_item(staff, authenticators, browser, live_server):
    today = timezone.localdate()
    # Looked after for 100 days with no case supervision: overdue (quarterly).
    looked_after_child(staff, new_child(staff, "Juniper", "Hale"), today - datetime.timedelta(days=100))
    caseload_week_freeze(week_starting=monday_of(today))

    page = sign_in(browser, live_server, "tomas", authenticators)
    page.get_by_role("link", name="Weekly caseload review").click()
    expect(page.get_by_role("heading", name="Weekly caseload review")).to_be_visible()
    expect(page.get_by_text("Average caseload by team")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Weekly exceptions: overdue items to take up").click()
    expect(page.get_by_role("heading", name="Weekly exceptions: North")).to_be_visible()
    assert_accessible(page)

    def row():
        return page.get_by_role("row").filter(has_text="Case supervision (looked after; none yet)")

    row().get_by_role("button", name="Record taken up").click()
    expect(page.get_by_role("link", name="Enter what was agreed with the worker")).to_be_visible()
    assert_accessible(page)
    assert not DeficitTakenUp.objects.exists()

    row().get_by_label("What was agreed").fill("Nina and I hold it on Friday")
    row().get_by_role("button", name="Record taken up").click()
    expect(page.get_by_text("Recorded as taken up")).to_be_visible()
    expect(page.get_by_text("Taken up this week").first).to_be_visible()
    assert_accessible(page)
    page.close()
    assert DeficitTakenUp.objects.get().agreed == "Nina and I hold it on Friday"
