"""Notes awaiting sign-off are shown a page at a time (issue 22: a team behind on sign-off had them
all on one page), with the count of all of them and GOV.UK's pagination component."""

import datetime

import time_machine
from django.urls import reverse

from hearth.records.selectors import NOTES_PER_PAGE
from hearth.records.services import note_draft_save, note_finalise
from hearth.testing.journeys import allocated_case, at, new_child

D = datetime.date


@time_machine.travel(datetime.datetime(2024, 6, 20, 12, 0, tzinfo=datetime.UTC), tick=True)
def test_notes_awaiting_sign_off_come_a_page_at_a_time_oldest_first(staff, client_for):
    child = new_child(staff, "Ash")
    allocated_case(staff, child, at(D(2024, 5, 3), 10))
    notes = []
    for number in range(NOTES_PER_PAGE + 2):
        note = note_draft_save(
            actor=staff.social_worker.user,
            child_ids=[child.pk],
            note_type_code="HOME_VISIT",
            event_date=D(2024, 6, 1),
            text=f"Visit note {number}",
        )
        notes.append(note_finalise(actor=staff.social_worker.user, note_id=note.pk, version=note.version))
    manager = client_for(staff.team_manager.user)

    # The page's second table (recent recording) lists every note of the last 28 days: look only
    # at the first, the notes awaiting sign-off.
    first = manager.get(reverse("records:team_recording")).content.decode().split("Recording of events")[0]
    assert f"Notes awaiting your sign-off ({NOTES_PER_PAGE + 2}), longest waiting first: 1 to 50" in first
    assert reverse("records:note_detail", args=[notes[0].pk]) + '"' in first
    assert reverse("records:note_detail", args=[notes[NOTES_PER_PAGE].pk]) + '"' not in first
    assert 'class="govuk-pagination"' in first and 'href="?page=2" rel="next"' in first

    team = staff.north.pk
    second = manager.get(reverse("records:team_recording"), {"team": team, "page": 2}).content.decode()
    second = second.split("Recording of events")[0]
    assert ": 51 to 52" in second
    assert reverse("records:note_detail", args=[notes[NOTES_PER_PAGE + 1].pk]) + '"' in second
    assert reverse("records:note_detail", args=[notes[0].pk]) + '"' not in second
    assert f'href="?team={team}&amp;page=1" rel="prev"' in second and 'aria-current="page">2<' in second

    # A page past the end shows the last; a page that is not a number shows the first.
    assert ": 51 to 52" in manager.get(reverse("records:team_recording"), {"page": 9}).content.decode()
    assert ": 1 to 50" in manager.get(reverse("records:team_recording"), {"page": "x"}).content.decode()


@time_machine.travel(datetime.datetime(2024, 6, 20, 12, 0, tzinfo=datetime.UTC), tick=True)
def test_one_page_of_notes_has_no_pagination(staff, client_for):
    child = new_child(staff, "Bo")
    allocated_case(staff, child, at(D(2024, 5, 3), 10))
    note = note_draft_save(
        actor=staff.social_worker.user,
        child_ids=[child.pk],
        note_type_code="HOME_VISIT",
        event_date=D(2024, 6, 1),
        text="Visit note",
    )
    note_finalise(actor=staff.social_worker.user, note_id=note.pk, version=note.version)
    page = client_for(staff.team_manager.user).get(reverse("records:team_recording")).content.decode()
    assert "Notes awaiting your sign-off (1), longest waiting first</caption>" in page
    assert "govuk-pagination" not in page
