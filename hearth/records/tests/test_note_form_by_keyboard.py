"""The note form used with the keyboard alone: Tab to move, typing, Enter to finalise."""

import pytest
from playwright.sync_api import expect

from hearth.records.models import CaseNote, NoteStatus
from hearth.testing.browser import assert_accessible, sign_in

# One test a file: pytest-xdist hands out files largest first, and a file of several browser
# tests would run (and empty the database) before files of fewer database tests.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


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
