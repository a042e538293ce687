"""The adoption team's journey in a real browser: find a sealed adoption record, be asked why
before it opens, get the reason wrong once, give it, and see the record; axe checks each page."""

import pytest
from playwright.sync_api import expect

from hearth.people.models import SealedRecordOpening
from hearth.people.tests import test_sealed_records as sealed
from hearth.testing.browser import assert_accessible, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

sealed_child = sealed.sealed_child  # Wren Sealwhistle, adopted on 3 March 2025


def test_the_adoption_team_gives_a_reason_before_the_sealed_record_opens(
    staff, sealed_child, authenticators, browser, live_server
):
    sealed.granted(staff.service_manager)  # the administrator gives Serena the permission
    page = sign_in(browser, live_server, "serena", authenticators)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Find a child").click()
    page.get_by_label("Name, date of birth, Hearth ID, NHS number or UPN").fill("Wren Sealwhistel")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 child found")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Wren Sealwhistle")
    expect(row).to_contain_text("Sealed adoption record")
    expect(row).to_contain_text("Opening it asks you why")
    assert_accessible(page)

    row.get_by_role("link", name="Wren Sealwhistle").click()
    expect(page.get_by_role("heading", name="Open a sealed adoption record")).to_be_visible()
    expect(page.get_by_text("sealed by the adoption order of 3 March 2025")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Open the record").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Choose why you are opening the sealed record")
    expect(summary).to_contain_text("Explain why you are opening the sealed record")
    assert_accessible(page)
    assert not SealedRecordOpening.objects.exists()

    page.get_by_label("An adopted adult's request for information about their adoption").check()
    page.get_by_label("Explain what you need it for").fill(
        "Letter from the adopted adult dated 1 October 2025, ref AD/2045/17, asking for her records"
    )
    page.get_by_role("button", name="Open the record").click()
    expect(page.get_by_role("heading", name="Wren Sealwhistle", exact=True)).to_be_visible()
    expect(page.get_by_text("Sealed adoption record: adopted on 3 March 2025")).to_be_visible()
    expect(page.get_by_text("Sealed record opened until")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Who has viewed or changed this record").click()
    expect(page.get_by_role("row").filter(has_text="Gave a reason to open the sealed adoption record")).to_contain_text(
        "ref AD/2045/17"
    )
    assert_accessible(page)
    opening = SealedRecordOpening.objects.get()
    assert (opening.opened_by.username, opening.reason) == ("serena", "ADOPTED_ADULT")
