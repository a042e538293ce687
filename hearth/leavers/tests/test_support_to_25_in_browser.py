"""A social worker records, in a real browser with the accessibility check on each page, that a care
leaver of 22 asked for support to 25 (a date in the future refused first, nothing written), then that
they no longer want it (refused first without what they said), after which the page offers to record
that they asked again and no longer offers a contact."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.leavers.models import SupportTo25Request, SupportTo25Withdrawal
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.care_leaver_journeys import care_leaver

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_care_leaver_asks_for_support_to_25_and_later_says_they_no_longer_want_it(
    staff, authenticators, browser, live_server
):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    born = datetime.date(today.year - 22, 1, 15)  # 22 today: past 21, no support unless they ask
    child = care_leaver(
        staff, "Wren", "Hollybush", born, datetime.date(born.year + 15, 1, 10), datetime.date(born.year + 18, 1, 15)
    )

    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/care/leavers/{child.pk}/")
    expect(page.get_by_text("support to 25 continues only when the young person asks for it")).to_be_visible()
    expect(page.get_by_role("link", name="Record a contact")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Record that they asked").click()
    expect(page.get_by_role("heading", name="Support to 25")).to_be_visible()
    assert_accessible(page)
    fill_date(page, "Date the young person asked for support to 25", today + datetime.timedelta(days=7))
    page.get_by_label("What they asked for (optional)").fill("Help finding a flat and with college fees")
    page.get_by_role("button", name="Record the request").click()
    expect(page.get_by_role("link", name="The date must be today or in the past")).to_be_visible()
    assert_accessible(page)
    assert not SupportTo25Request.objects.exists()

    fill_date(page, "Date the young person asked for support to 25", yesterday)
    page.get_by_role("button", name="Record the request").click()
    expect(page.get_by_text("Support to 25 recorded")).to_be_visible()
    expect(page.get_by_text(f"Asked on {yesterday:%-d %B %Y}: contacts and the pathway plan go on")).to_be_visible()
    expect(page.get_by_text("Help finding a flat and with college fees")).to_be_visible()
    expect(page.get_by_role("link", name="Record a contact")).to_be_visible()
    assert_accessible(page)
    request = SupportTo25Request.objects.get()
    assert (request.child_id, request.requested_on) == (child.pk, yesterday)

    page.get_by_role("link", name="Record that they no longer want it").click()
    expect(page.get_by_role("heading", name="No longer wants support to 25")).to_be_visible()
    assert_accessible(page)
    fill_date(page, "Date the young person said they no longer want support", today)
    page.get_by_role("button", name="Record that they no longer want support").click()
    expect(page.get_by_role("link", name="Enter what the young person said")).to_be_visible()
    assert_accessible(page)
    assert not SupportTo25Withdrawal.objects.exists()

    page.get_by_label("What the young person said").fill("Got the flat and a job; I'll call if I need you")
    page.get_by_role("button", name="Record that they no longer want support").click()
    expect(page.get_by_text("Recorded that they no longer want support to 25")).to_be_visible()
    expect(page.get_by_text(f"Said on {today:%-d %B %Y} that they no longer want it")).to_be_visible()
    expect(page.get_by_role("link", name="Record that they asked again")).to_be_visible()
    expect(page.get_by_role("link", name="Record a contact")).to_have_count(0)
    assert_accessible(page)
    assert SupportTo25Withdrawal.objects.get().reason == "Got the flat and a job; I'll call if I need you"
    page.close()
