"""A social worker finds a care leaver on the list, reads their page, and records a contact (a
mistake first: the error is shown on the field and nothing is saved)."""

import datetime

import pytest
from playwright.sync_api import expect

from hearth.leavers.models import CareLeaverContact
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.care_leaver_journeys import care_leaver

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_social_worker_records_a_care_leavers_contact(staff, authenticators, browser, live_server):
    today = datetime.date.today()
    born = datetime.date(today.year - 19, 1, 15)
    care_leaver(
        staff, "Wren", "Hollybush", born, datetime.date(born.year + 15, 1, 10), datetime.date(born.year + 18, 1, 15)
    )

    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/care/leavers/")
    expect(page.get_by_role("row", name="Wren Hollybush")).to_contain_text("Former relevant")
    assert_accessible(page)
    page.get_by_role("link", name="Wren Hollybush").click()
    expect(page.get_by_role("heading", name="Leaving care")).to_be_visible()
    expect(page.get_by_text("No plan yet")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record a contact").click()
    fill_date(page, "Date of the contact", today)
    page.get_by_role("group", name="How the contact was made").get_by_label("Phone or video call").check()
    page.get_by_role("group", name="Was the young person in touch?").get_by_label("Not in touch").check()
    page.get_by_label("Main activity").select_option("F4")
    page.get_by_label("Accommodation", exact=True).select_option("0")
    page.get_by_role("button", name="Record the contact").click()
    expect(page.get_by_role("alert")).to_contain_text("When the young person is not in touch, their activity is")
    assert_accessible(page)
    assert not CareLeaverContact.objects.exists()

    page.get_by_role("group", name="Was the young person in touch?").get_by_label("In touch", exact=True).check()
    page.get_by_label("Accommodation", exact=True).select_option("U")
    page.get_by_role("group", name="Is the accommodation suitable?").get_by_label("Suitable", exact=True).check()
    page.get_by_role("button", name="Record the contact").click()
    expect(page.get_by_text("Contact recorded")).to_be_visible()
    expect(page.get_by_role("table", name="Contacts")).to_contain_text("F4: full-time employment")
    assert_accessible(page)
    page.close()
