"""A social worker records a looked-after review and a health assessment in a real browser, with the
accessibility check on each page: the duties on the child's page, a mistake first (PN0 for a child of
10), then the review; then the initial health assessment, and the duties move on."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.duties.models import CareReview, HealthCheck
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import looked_after_child, new_child

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_social_worker_records_a_review_and_a_health_assessment(staff, authenticators, browser, live_server):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    period = looked_after_child(
        staff,
        new_child(staff, "Rowan", "Ashby", datetime.date(today.year - 10, 1, 1)),
        today - datetime.timedelta(days=10),
    )

    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/children/{period.child_id}/")
    expect(page.get_by_role("heading", name="Looked-after duties")).to_be_visible()
    expect(page.get_by_text("First looked-after review", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Record a looked-after review").click()
    expect(page.get_by_role("heading", name="Record a review")).to_be_visible()
    assert_accessible(page)

    fill_date(page, "Date of the review", yesterday)
    page.get_by_label("Independent reviewing officer who chaired the review").select_option(label="Ines Tester")
    page.get_by_label("PN0: child under 4 at the time of the review").check()
    page.get_by_label("Recommendations").fill("Placement continues; weekly contact with mother.")
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_role("link", name="PN0 is only for a child under 4")).to_be_visible()
    assert_accessible(page)
    assert not CareReview.objects.exists()

    page.get_by_label("PN1: child attended and spoke for themselves").check()
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("Looked-after review recorded")).to_be_visible()
    expect(page.get_by_text("Looked-after review", exact=True)).to_be_visible()

    page.get_by_role("link", name="Record a health or dental check").click()
    assert_accessible(page)
    page.get_by_label("Initial health assessment (by a doctor)").check()
    fill_date(page, "Date of the check", yesterday)
    page.get_by_role("group", name="Did the child refuse?").get_by_label("No").check()
    page.get_by_label("Who carried it out").fill("Dr Ashdown, community paediatrician")
    page.get_by_role("button", name="Record the check").click()
    expect(page.get_by_text("Health check recorded")).to_be_visible()
    expect(page.get_by_text("Review health assessment", exact=True)).to_be_visible()
    assert_accessible(page)
    page.close()
    assert HealthCheck.objects.get().done_by == "Dr Ashdown, community paediatrician"
