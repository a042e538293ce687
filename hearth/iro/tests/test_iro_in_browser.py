"""An IRO opens their list of the children they review and a child's record in a real browser, with
the accessibility check on each page: the list shows the next review's due date, the child's page
names them as the IRO, and the period of care page offers none of the social worker's changes."""

import datetime

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from hearth.iro.services import iro_appoint
from hearth.testing.browser import assert_accessible, sign_in
from hearth.testing.journeys import looked_after_child, new_child

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_iro_opens_the_children_they_review_and_a_childs_record(staff, authenticators, browser, live_server):
    today = timezone.localdate()
    started = today - datetime.timedelta(days=10)
    period = looked_after_child(
        staff, new_child(staff, "Saffi", "Marlowe", datetime.date(today.year - 9, 2, 1)), started
    )
    iro_appoint(
        actor=staff.team_manager.user,
        period_id=period.pk,
        iro_id=staff.iro.pk,
        started_on=started + datetime.timedelta(days=1),
        current_id=0,
    )

    authenticators["ines"] = [TOTPDevice.objects.create(user=staff.iro, name="Authenticator app", confirmed=True), 0]
    page = sign_in(browser, live_server, "ines", authenticators)
    page.get_by_role("link", name="Children I review (looked after)").click()
    expect(page.get_by_role("heading", name="Children I review")).to_be_visible()
    expect(page.get_by_role("link", name="Saffi Marlowe", exact=True)).to_be_visible()
    expect(page.get_by_text("None yet")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Saffi Marlowe", exact=True).click()
    expect(page.get_by_role("heading", name="Saffi Marlowe")).to_be_visible()
    expect(page.get_by_text("Ines Tester, since")).to_be_visible()
    assert_accessible(page)

    page.go_back()
    page.get_by_role("link", name="Period of care of Saffi Marlowe").click()
    expect(page.get_by_role("heading", name="Independent reviewing officer")).to_be_visible()
    expect(page.get_by_role("link", name="Change placement")).to_have_count(0)
    expect(page.get_by_role("link", name="End care")).to_have_count(0)
    assert_accessible(page)
    page.close()
