"""A social worker records an SDQ in a real browser, with the accessibility check on each page: the
link on the child's page, a score the DfE refuses first (41), then the score; its correction (a bad
score refused first); then the immunisations page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.duties.models import Sdq
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import looked_after_child, new_child

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_social_worker_records_an_sdq(staff, authenticators, browser, live_server):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    period = looked_after_child(
        staff,
        new_child(staff, "Rowan", "Ashby", datetime.date(today.year - 10, 1, 1)),
        today - datetime.timedelta(days=10),
    )

    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/children/{period.child_id}/")
    expect(page.get_by_text("Latest SDQ: none recorded.")).to_be_visible()
    page.get_by_role("link", name="Health and wellbeing outcomes").click()
    expect(page.get_by_role("heading", name="Strengths and Difficulties Questionnaire", exact=True)).to_be_visible()
    assert_accessible(page)

    fill_date(page, "Date the SDQ was completed (or the reason given)", yesterday)
    page.get_by_label("Total difficulties score").fill("41")
    page.get_by_role("button", name="Record the SDQ").click()
    expect(
        page.get_by_role("link", name="The SDQ score must be a whole number from 0 to 40 (903 rule 180)")
    ).to_be_visible()
    assert_accessible(page)
    assert not Sdq.objects.exists()

    page.get_by_label("Total difficulties score").fill("15")
    page.get_by_role("button", name="Record the SDQ").click()
    expect(page.get_by_text("SDQ recorded")).to_be_visible()
    expect(page.get_by_text(f"Latest SDQ: score 15 on {yesterday:%-d %B %Y}")).to_be_visible()
    assert Sdq.objects.get().score == 15

    # Recorded wrongly: the score was 16. Corrected from the SDQ page's history.
    page.goto(f"{live_server.url}/care/periods/{period.pk}/sdq/new/")
    page.get_by_role("link", name=f"Correct the SDQ of {yesterday:%-d %b %Y}").click()
    expect(page.get_by_role("heading", name="Correct an SDQ")).to_be_visible()
    expect(page.get_by_label("Total difficulties score")).to_have_value("15")
    assert_accessible(page)
    page.get_by_label("Total difficulties score").fill("41")
    page.get_by_role("button", name="Save the correction").click()
    expect(
        page.get_by_role("link", name="The SDQ score must be a whole number from 0 to 40 (903 rule 180)")
    ).to_be_visible()
    assert_accessible(page)
    assert Sdq.objects.get().score == 15
    page.get_by_label("Total difficulties score").fill("16")
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_text("SDQ corrected")).to_be_visible()
    assert_accessible(page)
    assert (Sdq.objects.get().score, Sdq.objects.get().version) == (16, 2)

    page.goto(f"{live_server.url}/care/periods/{period.pk}/health-status/new/")
    expect(page.get_by_role("heading", name="Immunisations and development checks", exact=True)).to_be_visible()
    assert_accessible(page)
    page.close()
