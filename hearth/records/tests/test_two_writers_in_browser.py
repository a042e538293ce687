"""Two people on one draft in two browsers: the later autosave is refused, nothing is lost."""

import pytest
from playwright.sync_api import expect

from hearth.records.services import note_draft_save
from hearth.testing.browser import assert_accessible, sign_in

# One test a file: pytest-xdist hands out files largest first, and a file of several browser
# tests would run (and empty the database) before files of fewer database tests.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_people_on_one_draft_in_the_browser_the_later_autosave_is_refused(
    staff, history, authenticators, browser, live_server
):
    ava = history["ava"]
    draft = note_draft_save(actor=staff.social_worker.user, child_ids=[ava.pk], text="Visit notes, started")
    edit = f"{live_server.url}/records/notes/{draft.pk}/edit/"
    nina = sign_in(browser, live_server, "nina", authenticators)
    tomas = sign_in(browser, live_server, "tomas", authenticators)
    nina.goto(edit)
    tomas.goto(edit)

    nina.get_by_label("Note", exact=True).fill("Visit notes, Nina's version")
    expect(nina.get_by_text("Draft saved at")).to_be_visible(timeout=10000)
    tomas.get_by_label("Note", exact=True).fill("Visit notes, Tomas's version")
    expect(tomas.get_by_text("Autosave stopped: someone else saved this draft")).to_be_visible(timeout=10000)
    conflict = tomas.locator("#conflict")  # the page's own markup for it (core/draft_conflict.html)
    expect(conflict.get_by_role("heading", name="What the other person changed")).to_be_visible()
    expect(conflict).to_contain_text("Theirs")
    expect(conflict).to_contain_text("Visit notes, Nina's version")
    expect(tomas.get_by_label("Note", exact=True)).to_have_value("Visit notes, Tomas's version")
    assert_accessible(tomas)
    draft.refresh_from_db()
    assert draft.text == "Visit notes, Nina's version"

    # Without the script's help, his own save shows the difference and then, pressed again, wins.
    tomas.get_by_role("button", name="Save draft").click()
    expect(tomas.get_by_role("heading", name="What the other person changed")).to_be_visible()
    assert_accessible(tomas)
    tomas.get_by_role("button", name="Save draft").click()
    expect(tomas.get_by_text("Draft saved at")).to_be_visible()
    draft.refresh_from_db()
    assert draft.text == "Visit notes, Tomas's version"
    nina.close()
    tomas.close()
