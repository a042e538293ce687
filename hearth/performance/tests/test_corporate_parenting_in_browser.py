"""A councillor opens the Corporate Parenting Panel report from the published months: figures by
section, a chart with its table alternative, no child; and is refused the record of a child it counts."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from hearth.performance.services import snapshot_publish
from hearth.testing.browser import assert_accessible, sign_in
from hearth.testing.care_leaver_journeys import care_leaver, pathway_review

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_councillor_reads_the_corporate_parenting_panel_report(staff, authenticators, browser, live_server):
    today = datetime.date.today()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    born = datetime.date(today.year - 19, 1, 15)
    leaver = care_leaver(
        staff, "Wren", "Hollybush", born, datetime.date(born.year + 15, 1, 10), datetime.date(born.year + 18, 1, 15)
    )
    pathway_review(staff, leaver, last_month)
    snapshot_publish(actor=staff.performance_officer, month=last_month)

    page = sign_in(browser, live_server, "colin", authenticators)
    page.goto(f"{live_server.url}/performance/published/")
    page.get_by_role("link", name=re.compile("^Panel report")).first.click()
    expect(page.get_by_role("heading", name=re.compile("^Corporate Parenting Panel report"))).to_be_visible()
    expect(page.get_by_role("heading", name="Care leavers", exact=True)).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(r"^C01 "))).to_contain_text("c")
    page.get_by_text("The figures for C01").click()
    expect(page.get_by_role("table", name="C01 in each of the last 12 months")).to_be_visible()
    expect(page.get_by_text("Hollybush")).to_have_count(0)
    assert_accessible(page)

    # A councillor sees aggregates only: the record of a care leaver the report counts is refused,
    # and the refusal names nobody.
    page.goto(f"{live_server.url}/children/{leaver.pk}/")
    expect(page.get_by_role("heading", name="You do not have access to this page")).to_be_visible()
    expect(page.get_by_text("Hollybush")).to_have_count(0)
    expect(page.get_by_text("Wren")).to_have_count(0)
    assert_accessible(page)
    page.close()
