"""A social worker records a looked-after child's missing episode in a real browser, as they would:
from the child's page, a start before the child was looked after refused first, then the episode,
the child's return, the return home interview offered and accepted, and a correction of the episode
(it was "away", not "missing"). axe checks every page, the refusals' too."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.missing.models import MissingEpisode
from hearth.testing import browser as browser_helpers
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import at, looked_after_child, new_child


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


def test_a_social_worker_records_a_missing_episode_its_return_interview_and_a_correction(
    staff, authenticators, browser, live_server
):
    today = timezone.localdate()
    went, back, offered = (today - datetime.timedelta(days=days) for days in (3, 2, 1))
    period = looked_after_child(
        staff, new_child(staff, "Kit", "Harrow", datetime.date(today.year - 13, 3, 4)), today - datetime.timedelta(10)
    )

    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/children/{period.child_id}/")
    expect(page.get_by_role("heading", name="Missing and away from placement")).to_be_visible()
    page.get_by_role("link", name="Record a missing or away episode").click()
    expect(page.get_by_role("heading", name="Record a missing or away episode")).to_be_visible()
    assert_accessible(page)

    # Before the child was looked after: refused, nothing written (DfE rules 578 and 581).
    page.get_by_label("Missing (whereabouts not known)").check()
    fill_date(page, "Date the child went missing or away", today - datetime.timedelta(days=20))
    page.get_by_label("Time the child went missing or away").fill("22:00")
    page.get_by_role("button", name="Record the episode").click()
    expect(page.get_by_role("link", name="DfE rules 578 and 581")).to_be_visible()
    assert_accessible(page)
    assert not MissingEpisode.objects.exists()

    fill_date(page, "Date the child went missing or away", went)
    page.get_by_role("button", name="Record the episode").click()
    expect(page.get_by_text("Missing episode recorded")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Missing from {went:%-d %B %Y}")).to_be_visible()
    expect(page.get_by_text("Still missing or away")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record the return").click()
    fill_date(page, "Date the child came back", back)
    page.get_by_label("Time the child came back").fill("09:30")
    assert_accessible(page)
    page.get_by_role("button", name="Record the return").click()
    expect(page.get_by_text("Return recorded")).to_be_visible()
    expect(page.get_by_text("Not yet offered")).to_be_visible()  # the 72 hours run from the return
    assert_accessible(page)

    page.get_by_role("link", name="Record the return home interview offered").click()
    expect(page.get_by_role("heading", name="Return home interview")).to_be_visible()
    fill_date(page, "Date the return home interview was offered", offered)
    page.get_by_label("Time the return home interview was offered").fill("10:00")
    page.get_by_label("Accepted").check()
    assert_accessible(page)
    page.get_by_role("button", name="Record the interview").click()
    expect(page.get_by_text("Return home interview recorded")).to_be_visible()
    expect(page.get_by_text("(within 72 hours); accepted")).to_be_visible()
    assert_accessible(page)

    # It was "away" (where the child was was known), and the return was at 08:45: corrected.
    page.get_by_role("link", name="Correct the episode").click()
    expect(page.get_by_role("heading", name="Correct the missing episode")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Away from placement without authorisation (whereabouts known)").check()
    page.get_by_label("Time the child came back (if they have)").fill("25:00")
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_role("link", name="Enter a time on the 24-hour clock, for example 14:30")).to_be_visible()
    assert_accessible(page)
    assert MissingEpisode.objects.get().kind == "M"
    page.get_by_label("Time the child came back (if they have)").fill("08:45")
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_text("Missing episode corrected")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Away from placement from {went:%-d %B %Y}")).to_be_visible()
    assert_accessible(page)
    episode = MissingEpisode.objects.get()
    assert (episode.kind, episode.returned_at, episode.interview_response) == ("A", at(back, 8, 45), "accepted")

    page.get_by_role("link", name=f"Back to {period.child}'s page").click()
    episodes = page.get_by_role("table", name="Episodes, latest first")
    expect(episodes).to_contain_text("Away from placement")
    expect(episodes).to_contain_text("accepted")
    assert_accessible(page)
    page.close()
