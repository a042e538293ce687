"""A social worker records an unborn child's expected date of birth in a real browser: the link on
the child's page, the form refusing an empty date with the GOV.UK error summary, then the date saved
and shown on the child's page; axe checks each page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from hearth.people.characteristics_services import ERROR_EXPECTED_ON_REQUIRED
from hearth.people.models import ExpectedBirthRecord
from hearth.people.services import child_create
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import allocated_case, at

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_worker_records_an_unborn_childs_expected_date_of_birth(staff, authenticators, browser, live_server):
    today = timezone.localdate()
    baby = child_create(actor=staff.screener, first_name="Baby", last_name="Quill", date_of_birth=None)
    allocated_case(staff, baby, at(today - datetime.timedelta(days=20), 10))
    expected_on = today + datetime.timedelta(days=90)
    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(live_server.url + reverse("people:child_detail", args=[baby.pk]))
    row = page.locator(".govuk-summary-list__row").filter(has_text="Expected date of birth")
    expect(row).to_contain_text("Not recorded")
    assert_accessible(page)

    row.get_by_role("link", name="Record expected date of birth").click()
    expect(page.get_by_role("heading", name="Record the expected date of birth")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save expected date of birth").click()
    expect(page.get_by_role("alert")).to_contain_text(ERROR_EXPECTED_ON_REQUIRED)
    assert_accessible(page)
    assert not ExpectedBirthRecord.objects.exists()

    fill_date(page, "Expected date of birth", expected_on)
    page.get_by_role("button", name="Save expected date of birth").click()
    expect(page.get_by_text("Expected date of birth recorded")).to_be_visible()
    row = page.locator(".govuk-summary-list__row").filter(has_text="Expected date of birth")
    expect(row).to_contain_text(f"{expected_on.day} {expected_on:%B %Y} (unborn)")
    assert_accessible(page)
    assert ExpectedBirthRecord.objects.get().expected_on == expected_on
