"""A councillor on the Corporate Parenting Panel reads the figures, and is refused a child's record."""

import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from hearth.core import collection_years
from hearth.performance.services import target_set
from hearth.testing.browser import assert_accessible, sign_in
from hearth.testing.journeys import at, new_child, referred_case

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_councillor_reads_aggregates_and_cannot_open_a_child(staff, authenticators, browser, live_server):
    child = new_child(staff, "Rowan", "Private")
    referred_case(staff, child, at(datetime.date.today() - datetime.timedelta(days=3), 9))
    year = collection_years.year_start_of(datetime.date.today()).year
    target_set(
        actor=staff.performance_officer, indicator_id="F01", year=year, target=Decimal("95"), tolerance=Decimal("5")
    )

    page = sign_in(browser, live_server, "colin", authenticators)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Performance").click()
    f01 = page.get_by_role("row", name=re.compile(r"^F01 "))
    expect(f01).to_contain_text("95.00%")
    expect(f01.get_by_text(re.compile("^(Green|Amber|Red)$"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^F01 "))).to_have_count(0)  # no drill-down
    expect(page.get_by_text("Private")).to_have_count(0)
    assert_accessible(page)

    page.goto(f"{live_server.url}/children/{child.pk}/")
    expect(page.get_by_role("heading", name="You do not have access to this page")).to_be_visible()
    expect(page.get_by_text("Rowan")).to_have_count(0)
    assert_accessible(page)
    page.close()
