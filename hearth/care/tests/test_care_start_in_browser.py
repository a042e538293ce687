"""A social worker starts care and moves the child's placement in a real browser, with the
accessibility check on each page and the forms worked from the keyboard: from the child's page to
start care (a mistake first: a temporary placement), the period of care, then a move with the reason
the old placement ended; the child's summary then shows the new placement."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.care.models import PeriodOfCare
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import allocated_case, at, new_child, provider_in_register

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _fill_placement(page, placement_type: str, carer: str, postcode: str):
    page.get_by_label("Placement type").select_option(placement_type)
    page.get_by_label("Who provides the placement").select_option(str(provider_in_register(carer).pk))
    page.get_by_label("Placement postcode").fill(postcode)


def test_a_social_worker_starts_care_and_moves_the_placement(staff, authenticators, browser, live_server):
    today = timezone.localdate()
    started = today - datetime.timedelta(days=30)
    child = new_child(staff, "Juniper", "Hale")
    allocated_case(staff, child, at(started - datetime.timedelta(days=5), 9))
    for carers in ("Mr and Mrs Fernhill", "Ms Okafor"):  # the council's foster carers, in the register
        provider_in_register(carers)

    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/children/{child.pk}/")
    start = page.get_by_role("link", name="Start care (the child becomes looked after)")
    start.focus()
    page.keyboard.press("Enter")  # a link followed from the keyboard
    expect(page.get_by_role("heading", name="Start care")).to_be_visible()
    assert_accessible(page)

    fill_date(page, "Date the child became looked after", started)
    page.get_by_label("Category of need").select_option("N1")
    page.get_by_label("Legal status").select_option("C1")
    _fill_placement(page, "T4", "Mr and Mrs Fernhill", "kv1 2ab")
    page.get_by_label("Who approved the decision to look after the child").select_option(label="Serena Tester")
    fill_date(page, "Date the decision was approved", started)
    page.get_by_role("button", name="Start care").press("Enter")
    message = "A period of care cannot start in a temporary placement (T0 to T4; SSDA903 rule 380)"
    expect(page.get_by_role("link", name=message)).to_be_visible()
    assert_accessible(page)
    assert not PeriodOfCare.objects.exists()

    page.get_by_role("link", name=message).click()  # the error summary takes you to the field
    expect(page.get_by_label("Placement type")).to_be_focused()
    page.get_by_label("Placement type").select_option("U6")
    page.get_by_role("button", name="Start care").press("Enter")
    expect(page.get_by_text("Juniper Hale is now looked after")).to_be_visible()
    expect(page.get_by_role("heading", name="Period of care")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Change placement").click()
    expect(page.get_by_role("heading", name="Change placement")).to_be_visible()
    assert_accessible(page)
    fill_date(page, "Date the child moved", today)
    page.get_by_label("Why the current placement ended").select_option("CREQO")
    _fill_placement(page, "U4", "Ms Okafor", "KV4 1AA")
    page.get_by_role("button", name="Change placement").press("Enter")
    expect(page.get_by_text("Placement changed")).to_be_visible()
    expect(page.get_by_role("cell", name="Carer asked for the placement to end for another reason")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Juniper Hale").first.click()
    expect(page.get_by_text("Placed with Ms Okafor (U4, KV4 1AA)")).to_be_visible()
    assert_accessible(page)
    page.close()
    period = PeriodOfCare.objects.get()
    assert [p.carer for p in period.placements.order_by("started_on")] == ["Mr and Mrs Fernhill", "Ms Okafor"]
