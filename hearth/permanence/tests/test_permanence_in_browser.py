"""A social worker records a looked-after child's permanence facts in a real browser, as they would:
previous permanence from the period of care's page (an order dated after care began refused first,
then "none"), its correction (there was a special guardianship order), the decision that the child
should be placed for adoption from the child's page, and the match with adopters (two adopters
given as a single woman refused first). axe checks every page, the refusals' too."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.permanence.models import AdoptionDecision, AdoptionMatch, PreviousPermanence
from hearth.testing import browser as browser_helpers
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import looked_after_child, new_child, provider_in_register


@pytest.fixture(autouse=True)
def every_axe_violation(monkeypatch):
    """These pages are held to no axe violation at all, not only the serious and critical ones the
    other browser tests check."""
    monkeypatch.setattr(browser_helpers, "SERIOUS", {"minor", "moderate", "serious", "critical"})


pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_social_worker_records_previous_permanence_an_adoption_decision_and_a_match(
    staff, authenticators, browser, live_server
):
    today = timezone.localdate()
    started = today - datetime.timedelta(days=100)
    period = looked_after_child(
        staff, new_child(staff, "Ada", "Pimpernel", datetime.date(today.year - 4, 1, 10)), started
    )

    provider_in_register("Ms and Ms Rowan", "A6")  # adopters in the register, whom the match names
    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/care/periods/{period.pk}/")
    expect(page.get_by_role("heading", name="Previous permanence")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Record previous permanence").click()
    expect(page.get_by_role("heading", name="Record previous permanence")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("P2: special guardianship order").check()
    page.get_by_label("Year of the order (optional)").fill(str(today.year + 1))
    page.get_by_role("button", name="Record previous permanence").click()
    expect(page.get_by_role("link", name="SSDA903 rule 632")).to_be_visible()
    assert_accessible(page)
    assert not PreviousPermanence.objects.exists()

    page.get_by_label("Z1: none").check()
    page.get_by_label("Year of the order (optional)").fill("")
    page.get_by_role("button", name="Record previous permanence").click()
    expect(page.get_by_text("Previous permanence recorded")).to_be_visible()
    assert_accessible(page)

    # The family's papers show a special guardianship order in this council, 316, in the child's
    # second year: corrected from the period's page.
    page.get_by_role("link", name="Correct previous permanence").click()
    expect(page.get_by_role("heading", name="Correct previous permanence")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("P2: special guardianship order").check()
    page.get_by_label("Council that arranged it (optional)").fill("123")
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_role("link", name="SSDA903 rule 633")).to_be_visible()
    assert_accessible(page)
    assert PreviousPermanence.objects.get().option == "Z1"
    page.get_by_label("Council that arranged it (optional)").fill("316")
    page.get_by_label("Year of the order (optional)").fill(str(today.year - 3))
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_text("Previous permanence corrected")).to_be_visible()
    expect(page.get_by_text(f"order dated {today.year - 3}, arranged by council code 316")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/children/{period.child_id}/")
    expect(page.get_by_role("heading", name="Permanence and adoption")).to_be_visible()
    page.get_by_role("link", name="Record a decision that Ada should be placed for adoption").click()
    expect(
        page.get_by_role("heading", name="Record the decision that the child should be placed for adoption")
    ).to_be_visible()
    assert_accessible(page)
    decided = today - datetime.timedelta(days=50)
    fill_date(
        page, "Date of the agency decision maker's decision that the child should be placed for adoption", decided
    )
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Decision that the child should be placed for adoption recorded")).to_be_visible()
    assert_accessible(page)
    assert AdoptionDecision.objects.get().decided_on == decided

    page.get_by_role("link", name="Record a match with adopters").click()
    expect(page.get_by_role("heading", name="Record a match with adopters")).to_be_visible()
    assert_accessible(page)
    fill_date(page, "Date the child was matched with the adopters", today - datetime.timedelta(days=20))
    page.get_by_label("The adopters").select_option(label="Ms and Ms Rowan")
    page.get_by_label("Two adopters").check()
    page.get_by_label("F1: a single woman").check()
    page.get_by_label("L12: a married couple of the same sex").check()
    page.get_by_role("button", name="Record the match").click()
    expect(page.get_by_role("link", name="SSDA903 rule 511")).to_be_visible()
    assert_accessible(page)
    assert not AdoptionMatch.objects.exists()
    page.get_by_label("FF: a couple, both women").check()
    page.get_by_role("button", name="Record the match").click()
    expect(page.get_by_text("Match with adopters recorded")).to_be_visible()
    expect(page.get_by_text("with Ms and Ms Rowan: two adopters, FF: a couple, both women")).to_be_visible()
    assert_accessible(page)
    page.close()
