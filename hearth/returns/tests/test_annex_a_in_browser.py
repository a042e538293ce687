"""A performance officer finds Ofsted's Annex A from the performance pages, is told clearly what is
wrong with a period that ends before it starts, then downloads the workbook for a period they chose;
axe checks each page. The workbook opens and has the contact made in that period."""

import datetime
import io

import openpyxl
import pytest
from playwright.sync_api import expect

from hearth.audit.models import AuditEvent
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import at, new_child, new_contact

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
D = datetime.date


def test_a_performance_officer_downloads_annex_a_for_a_period(staff, authenticators, browser, live_server):
    ruby = new_child(staff, "Ruby", "Ash", born=D(2015, 6, 1))
    new_contact(staff, ruby, at(D(2026, 4, 1), 10))

    page = sign_in(browser, live_server, "pat", authenticators)
    page.goto(f"{live_server.url}/performance/")
    page.get_by_role("link", name="Ofsted Annex A: the lists for an inspection, as a workbook").click()
    expect(page.get_by_role("heading", name="Ofsted Annex A: the lists for an inspection")).to_be_visible()
    expect(page.get_by_role("table", name="The lists in the workbook")).to_contain_text("List 11: Adopters")
    assert_accessible(page)

    fill_date(page, "From", D(2026, 8, 31))
    fill_date(page, "To", D(2026, 3, 1))
    page.get_by_role("button", name="Download the workbook").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("The end of the period must be the same as or after its start")
    expect(page).to_have_title("Error: Ofsted Annex A – Hearth")
    assert_accessible(page)

    fill_date(page, "From", D(2026, 3, 1))
    fill_date(page, "To", D(2026, 8, 31))
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the workbook").click()
    assert download.value.suggested_filename == "annex-a-20260301-to-20260831.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    contacts = list(book["List 1 - Contacts"].iter_rows(values_only=True))
    assert contacts[0][:2] == ("Child Unique ID", "Gender")
    assert [row[0] for row in contacts[1:]] == [ruby.hearth_id]
    assert AuditEvent.objects.filter(action="returns.annex_a_exported", actor__username="pat").count() == 1
    page.close()
