"""A social worker reads a child's chronology and writes a note in a real browser (the draft
saving itself as she types), with the accessibility check on each page."""

import pytest
from playwright.sync_api import expect

from hearth.records.chronology import chronology_for
from hearth.records.models import CaseNote, NoteStatus
from hearth.testing.browser import assert_accessible, sign_in

# One test a file: pytest-xdist hands out files largest first, and a file of several browser
# tests would run (and empty the database) before files of fewer database tests.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_social_worker_reads_the_chronology_and_writes_a_note(history, authenticators, browser, live_server):
    ava = history["ava"]
    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/children/{ava.pk}/")
    expect(page.get_by_text("Uncle shouted at the last worker")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Chronology").first.click()
    expect(page.get_by_role("heading", name="Chronology")).to_be_visible()
    expect(page.get_by_text("Mum rang to say the school trip is paid for")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Alerts").check()
    page.get_by_role("button", name="Filter").click()
    # One alert, out of the note, the alert and the case's contact, referral and allocation.
    everything = len(chronology_for(ava))
    expect(page.get_by_text(f"1 of {everything} entries, newest first")).to_be_visible()
    expect(page.get_by_text("Mum rang to say the school trip is paid for")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Case notes and alerts").click()
    page.get_by_role("link", name="Write a case note").click()
    expect(page.get_by_text("Uncle shouted at the last worker")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Other children this note is about (optional)").fill(history["bea"].hearth_id)
    page.get_by_label("Type of note").select_option(label="Home visit")
    page.get_by_label("Who was present").fill("Ava, Bea, mum")
    page.get_by_label("The child's voice").fill("Ava said she feels safe at home now her uncle has left")
    page.get_by_label("Note", exact=True).fill("Saw both girls at home after school.")
    # The draft saves itself a few seconds after typing stops.
    expect(page.get_by_text("Draft saved at")).to_be_visible(timeout=10000)
    draft = CaseNote.objects.get(status=NoteStatus.DRAFT)
    assert draft.text == "Saw both girls at home after school."
    assert f"/records/notes/{draft.pk}/edit/" in page.url

    page.get_by_role("button", name="Finalise note").click()
    expect(page.get_by_text("Note finalised: it now waits for a manager's sign-off")).to_be_visible()
    assert_accessible(page)
    draft.refresh_from_db()
    assert draft.status == NoteStatus.FINAL and set(draft.children.all()) == {ava, history["bea"]}
    page.close()
