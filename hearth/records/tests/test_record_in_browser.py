"""A social worker reads a child's chronology and writes a note in a real browser, with the
accessibility check on each page; and the note form used with the keyboard alone."""

import datetime

import pytest
from playwright.sync_api import expect

from hearth.records.models import CaseNote, NoteStatus
from hearth.records.services import alert_raise, note_draft_save, note_finalise
from hearth.testing.browser import assert_accessible, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def history(staff, family, today):
    """Ava has an alert (risk to staff) and a phone call note from last week."""
    worker = staff.social_worker.user
    alert_raise(
        actor=worker,
        child_id=family["ava"].pk,
        alert_type_code="STAFF_RISK",
        reason="Uncle shouted at the last worker: visit in pairs",
        raised_on=today - datetime.timedelta(days=20),
        review_on=today + datetime.timedelta(days=70),
    )
    note = note_draft_save(
        actor=worker,
        child_ids=[family["ava"].pk],
        note_type_code="PHONE_CALL",
        event_date=today - datetime.timedelta(days=7),
        text="Mum rang to say the school trip is paid for",
    )
    note_finalise(actor=worker, note_id=note.pk, version=note.version)
    return family


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
    expect(page.get_by_text("1 of 2 entries, newest first")).to_be_visible()
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


def tab_until(page, predicate_js: str, limit: int = 60) -> None:
    """Press Tab until the focused element satisfies the predicate (a JS expression on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate_js}; }})()"):
            return
    raise AssertionError(f"never reached: {predicate_js}")


def test_the_note_form_works_with_the_keyboard_alone(history, authenticators, browser, live_server):
    ava = history["ava"]
    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/records/child/{ava.pk}/notes/new/")
    tab_until(page, "el.id === 'id_note_type'")
    page.keyboard.type("Phone")
    tab_until(page, "el.id === 'id_present'")
    page.keyboard.type("Mum")
    tab_until(page, "el.id === 'id_text'")
    page.keyboard.type("Mum rang: Ava has a dentist appointment on Friday.")
    tab_until(page, "el.textContent.trim() === 'Finalise note'")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Note finalised")).to_be_visible()
    note = CaseNote.objects.get(text="Mum rang: Ava has a dentist appointment on Friday.")
    assert note.status == NoteStatus.FINAL and note.note_type_id == "PHONE_CALL" and note.present == "Mum"
    assert list(note.children.all()) == [ava]
    # A skip link and focus outline are GOV.UK's; the page is reachable from its own top by Tab.
    assert_accessible(page)
    page.close()


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
    expect(tomas.get_by_text("Theirs: Visit notes, Nina's version")).to_be_visible()
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
