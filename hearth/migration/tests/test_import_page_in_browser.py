"""A system administrator imports past returns in a real browser, with the accessibility check on
each page: the Import page (a mistake first: no zip chosen), a load of two years' census files in
another system's style, and the run's report of what was created."""

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from hearth.migration.tests.cin_census_files import two_years
from hearth.people.models import Child
from hearth.testing.browser import assert_accessible, sign_in
from hearth.testing.journeys import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_system_administrator_loads_past_returns_and_reads_the_report(
    staff, authenticators, browser, live_server, tmp_path
):
    admin = get_user_model().objects.create_superuser("sysadmin", password=PASSWORD)
    authenticators["sysadmin"] = [TOTPDevice.objects.create(user=admin, name="Authenticator app", confirmed=True), 0]
    upload = tmp_path / "past-returns.zip"
    upload.write_bytes(two_years())

    page = sign_in(browser, live_server, "sysadmin", authenticators)
    page.goto(f"{live_server.url}/migration/")
    expect(page.get_by_role("heading", name="Import past returns")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Start the import").click()
    expect(page.get_by_role("link", name="Choose the zip of your past returns")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Your past returns (one zip)").set_input_files(str(upload))
    page.get_by_label("Load: create the children and their history").check()
    page.get_by_label("Import the other children, and list each child left out and why").check()
    page.get_by_label("Team holding the imported cases").select_option(label="North")
    page.get_by_label("Worker the imported cases with assessments are allocated to").select_option(
        str(staff.social_worker.pk)
    )
    page.get_by_label("Independent reviewing officer named as chair").select_option(str(staff.iro.pk))
    page.get_by_role("button", name="Start the import").click()
    expect(page.get_by_role("heading", name="What was created")).to_be_visible()
    expect(page.get_by_text("Created 2 children")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Referrals")).to_be_visible()
    assert_accessible(page)
    assert Child.objects.filter(last_name__startswith="CIN census").count() == 2
