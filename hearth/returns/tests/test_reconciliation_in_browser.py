"""A performance officer opens the Reconciliation page from the SSDA903's Returns page, reads each
figure of the returns beside the catalogue's, follows a difference to the child behind it and its
reason, and chooses another year. axe checks every page.

The council is test_reconciliation.py's: Ann and Bea looked after from 2 June 2025, Bea an
unaccompanied asylum-seeking child placed 20.7 miles from the home postcode on the record, which the
return leaves out (rule 406): L08's two figures differ by her, every other figure agrees."""

import datetime

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from hearth.people.characteristics_services import uasc_record
from hearth.testing.browser import assert_accessible, sign_in
from hearth.testing.journeys import far_from_home_approval, foster_placement, looked_after_child, new_child

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
D = datetime.date
HOME = "SW1A 2AA"


def test_a_performance_officer_reconciles_the_returns_with_the_indicators(staff, authenticators, browser, live_server):
    ann = new_child(staff, "Ann", "Larchmont", born=D(2010, 6, 1))
    looked_after_child(staff, ann, D(2025, 6, 2), "C2", foster_placement(postcode="SW1A 1AA", home_postcode=HOME))
    bea = new_child(staff, "Bea", "Larchmont", born=D(2010, 6, 1))
    uasc_record(actor=staff.social_worker.user, child_id=bea.pk, uasc_from=D(2025, 5, 1))
    looked_after_child(
        staff,
        bea,
        D(2025, 6, 2),
        "C2",
        foster_placement(postcode="SL4 1NJ", home_postcode=HOME, **far_from_home_approval(staff, D(2025, 6, 2))),
    )

    page = sign_in(browser, live_server, "pat", authenticators)
    page.goto(f"{live_server.url}/returns/903/?year=2026")
    page.get_by_role("link", name="Reconciliation: the returns and the indicators").click()
    expect(page.get_by_role("heading", name="Reconciliation: the returns and the indicators")).to_be_visible()
    expect(page.get_by_role("heading", name="2025-26: the figures for 31 March 2026")).to_be_visible()

    looked_after = page.get_by_role("table", name="SSDA903 return: children looked after")
    figure = page.get_by_role("rowheader", name="Looked after on 31 March", exact=True)
    row = looked_after.get_by_role("row").filter(has=figure)
    expect(row).to_contain_text("L01 Looked-after children per 10,000")
    expect(row).to_contain_text("Agrees")
    expect(row.get_by_role("cell").nth(1)).to_have_text("2")
    started = looked_after.get_by_role("row").filter(has_text="Started to be looked after in the year")
    expect(started).to_contain_text("No catalogue entry")
    census = page.get_by_role("table", name="Children in need census")
    expect(census.get_by_role("row").filter(has_text="Referrals in the year")).to_contain_text("Agrees")
    expect(page.get_by_text("figures with a catalogue entry agree")).to_be_visible()
    assert_accessible(page)

    # The difference, followed to its child and reason.
    over_20 = looked_after.get_by_role("row").filter(has_text="Of them, placed more than 20 miles from home")
    expect(over_20).to_contain_text("Differs")
    over_20.get_by_role("link", name="1 child").click()
    caption = "Of them, placed more than 20 miles from home: 0 in the return, 1 in L08"
    differences = page.get_by_role("table", name=caption)
    bea_row = differences.get_by_role("row").filter(has=page.get_by_role("link", name="Bea Larchmont"))
    expect(bea_row).to_contain_text("Definition")
    expect(bea_row).to_contain_text("the return leaves HOME_POST out (rule 406)")
    expect(page.get_by_role("link", name="Ann Larchmont")).to_have_count(0)
    bea_row.get_by_role("link", name="Bea Larchmont").click()
    expect(page.get_by_role("heading", name="Bea Larchmont")).to_be_visible()

    # Another complete year: nobody looked after then, so every figure agrees at nought.
    page.go_back()
    page.get_by_label("Collection year").select_option(value="2025")
    page.get_by_role("button", name="Show this year").click()
    expect(page.get_by_role("heading", name="2024-25: the figures for 31 March 2025")).to_be_visible()
    expect(page.get_by_text("Every figure agrees")).to_be_visible()
    assert_accessible(page)


@override_settings(HEARTH_RECONCILIATION_INLINE_CHILDREN=0)
def test_on_a_large_council_the_figures_are_worked_out_by_a_run_and_kept(staff, authenticators, browser, live_server):
    """Above the size the page works out while the person waits, it asks for a background run (the
    test's task backend runs it at once, as the worker would in the background) and then shows the
    kept figures with when they were worked out, until something is recorded."""
    ann = new_child(staff, "Ann", "Larchmont", born=D(2010, 6, 1))
    looked_after_child(staff, ann, D(2025, 6, 2), "C2", foster_placement(postcode="SW1A 1AA", home_postcode=HOME))

    page = sign_in(browser, live_server, "pat", authenticators)
    page.goto(f"{live_server.url}/returns/reconciliation/?year=2026")
    expect(page.get_by_text("have not been worked out for the record as it stands")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Work out the 2025-26 figures").click()
    expect(page.get_by_role("heading", name="2025-26: the figures for 31 March 2026")).to_be_visible()
    expect(page.get_by_text("Unchanged: these are the figures of the record as it stands")).to_be_visible()
    looked_after = page.get_by_role("table", name="SSDA903 return: children looked after")
    oc2 = looked_after.get_by_role("row").filter(has_text="Looked after for the 12 months to 31 March")
    expect(oc2).to_contain_text("L12")
    expect(page.get_by_role("button", name="Work out the 2025-26 figures again")).to_be_visible()
    assert_accessible(page)

    new_child(staff, "Cal", "Larchmont", born=D(2012, 1, 1))  # something is recorded
    page.reload()
    expect(page.get_by_text("Something has been recorded since")).to_be_visible()
    expect(page.get_by_role("heading", name="2025-26: the figures for 31 March 2026")).to_be_visible()
