"""A team manager moves a looked-after child to a placement more than 20 miles from home in a real
browser, with the accessibility check on each page: refused first without the manager's approval,
then with the approval but no risk assessment (nothing written either time), then recorded with both;
the period of care shows who approved it, when, and the risk assessment."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.care.models import Placement
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import foster_placement, looked_after_child, new_child, provider_in_register

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HOME = "SW1A 2AA"  # SL4 1NJ is 20.7 miles from it (hearth/care/tests/test_placement_distance.py)


def test_a_manager_approves_a_placement_more_than_20_miles_from_home(staff, authenticators, browser, live_server):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    period = looked_after_child(
        staff,
        new_child(staff, "Juniper", "Hale"),
        today - datetime.timedelta(days=60),
        placement=foster_placement(postcode="SW1A 1AA", home_postcode=HOME),
    )
    specialist = provider_in_register("Mr and Mrs Okafor")

    page = sign_in(browser, live_server, "tomas", authenticators)
    page.goto(f"{live_server.url}/care/periods/{period.pk}/")
    page.get_by_role("link", name="Change placement").click()
    expect(page.get_by_role("heading", name="Change placement")).to_be_visible()
    assert_accessible(page)
    fill_date(page, "Date the child moved", today)
    page.get_by_label("Why the current placement ended").select_option("CREQO")
    page.get_by_label("Placement type").select_option("U4")
    page.get_by_label("Who provides the placement").select_option(str(specialist.pk))
    page.get_by_label("Placement postcode").fill("SL4 1NJ")
    page.get_by_role("button", name="Change placement").click()
    refusal = "SL4 1NJ is 20.7 miles from the home the child left (SW1A 2AA)"
    expect(page.get_by_role("link", name=refusal, exact=False)).to_be_visible()
    assert_accessible(page)
    assert period.placements.count() == 1

    page.get_by_label("Approved by (a placement more than 20 miles from home)").select_option(label="Tomas Tester")
    fill_date(page, "Date the placement far from home was approved", yesterday)
    page.get_by_role("button", name="Change placement").click()
    expect(page.get_by_role("alert")).to_contain_text("risk assessment")
    assert_accessible(page)
    assert period.placements.count() == 1

    risk = "Specialist carers for her needs; none nearer. Weekly video contact with her mother, school transport."
    page.get_by_label("Risk assessment of the placement far from home").fill(risk)
    page.get_by_role("button", name="Change placement").click()
    expect(page.get_by_text("Placement changed")).to_be_visible()
    expect(
        page.get_by_text(f"More than 20 miles from home: approved by Tomas Tester on {yesterday:%-d %b %Y}")
    ).to_be_visible()
    expect(page.get_by_text(f"Risk assessment: {risk}")).to_be_visible()
    assert_accessible(page)
    page.close()
    placed = Placement.objects.get(period=period, postcode="SL4 1NJ")
    assert (placed.distance_approved_by, placed.distance_approved_on) == (staff.team_manager.user, yesterday)
    assert placed.distance_risk_assessment == risk
