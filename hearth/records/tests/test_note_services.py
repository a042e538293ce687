"""Case notes: drafts, finalising, amending, sign-off, and the children a note may cover."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction

from hearth.audit.models import AuditEvent
from hearth.records import services
from hearth.records.models import CaseNote, NoteAmendment, NoteStatus
from hearth.records.services import note_amend, note_draft_save, note_finalise, note_sign_off


def write_note(actor, children, *, note_type="HOME_VISIT", day=None, text="Saw both girls at home.", **extra):
    note = note_draft_save(
        actor=actor,
        child_ids=[c.pk for c in children],
        note_type_code=note_type,
        event_date=day or datetime.date(2025, 1, 1),
        text=text,
        **extra,
    )
    return note_finalise(actor=actor, note_id=note.pk, version=note.version)


def messages_of(error) -> list[str]:
    return error.value.messages


def test_an_empty_draft_is_refused_and_nothing_written(staff, family):
    with pytest.raises(ValidationError) as error:
        note_draft_save(actor=staff.social_worker.user, child_ids=[family["ava"].pk], text="   ")
    assert messages_of(error) == [services.ERROR_EMPTY_DRAFT]
    assert not CaseNote.objects.exists()


def test_a_note_without_text_cannot_be_finalised_and_the_draft_is_kept(staff, family, today):
    worker = staff.social_worker.user
    draft = note_draft_save(
        actor=worker, child_ids=[family["ava"].pk], note_type_code="PHONE_CALL", event_date=today, present="Mum"
    )
    with pytest.raises(ValidationError) as error:
        note_finalise(actor=worker, note_id=draft.pk, version=draft.version)
    assert error.value.message_dict == {"text": [services.ERROR_EMPTY_NOTE]}
    draft.refresh_from_db()
    assert draft.status == NoteStatus.DRAFT and draft.present == "Mum"


def test_an_event_in_the_future_is_refused(staff, family, today):
    with pytest.raises(ValidationError) as error:
        note_draft_save(
            actor=staff.social_worker.user,
            child_ids=[family["ava"].pk],
            event_date=today + datetime.timedelta(days=1),
            text="A visit that has not happened",
        )
    assert error.value.message_dict == {"event_date": [services.ERROR_DATE_IN_FUTURE]}
    assert not CaseNote.objects.exists()


def test_finalising_needs_a_date_and_a_type(staff, family):
    worker = staff.social_worker.user
    draft = note_draft_save(actor=worker, child_ids=[family["ava"].pk], text="Notes from the visit")
    with pytest.raises(ValidationError) as error:
        note_finalise(actor=worker, note_id=draft.pk, version=draft.version)
    assert error.value.message_dict == {
        "event_date": [services.ERROR_DATE_REQUIRED],
        "note_type": [services.ERROR_TYPE_REQUIRED],
    }


def test_a_final_note_is_never_edited(staff, family):
    worker = staff.social_worker.user
    note = write_note(worker, [family["ava"]])
    with pytest.raises(ValidationError) as error:
        note_draft_save(
            actor=worker, note_id=note.pk, version=note.version, child_ids=[family["ava"].pk], text="Changed"
        )
    assert messages_of(error) == [services.ERROR_NOTE_FINAL]
    note.refresh_from_db()
    assert note.text == "Saw both girls at home."


def test_the_database_refuses_a_final_note_without_its_text_or_finaliser(staff, family):
    note = write_note(staff.social_worker.user, [family["ava"]])
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseNote.objects.filter(pk=note.pk).update(text="")
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseNote.objects.filter(pk=note.pk).update(finalised_by=None)


def test_the_database_itself_refuses_to_change_a_final_notes_content(staff, family):
    note = write_note(staff.social_worker.user, [family["ava"]])
    with pytest.raises(IntegrityError, match="never edited"), transaction.atomic():
        CaseNote.objects.filter(pk=note.pk).update(text="Quietly rewritten")
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseNote.objects.filter(pk=note.pk).update(status=NoteStatus.DRAFT, finalised_at=None, finalised_by=None)
    note.refresh_from_db()
    assert note.text == "Saw both girls at home." and note.is_final


def test_an_amendment_is_kept_beside_the_unchanged_note(staff, family):
    worker = staff.social_worker.user
    note = write_note(worker, [family["ava"]])
    amendment = note_amend(
        actor=worker, note_id=note.pk, text="The visit was on the 2nd, not the 1st.", reason="Date typed wrongly"
    )
    note.refresh_from_db()
    assert note.text == "Saw both girls at home."
    assert list(note.amendments.all()) == [amendment]
    assert amendment.amended_by == worker and amendment.amended_at is not None
    assert AuditEvent.objects.filter(action="note.amend", child=family["ava"]).exists()


def test_the_database_keeps_the_note_and_every_amendment_as_written(staff, family):
    """Amending is appending: the final note refuses an UPDATE (records/0003), and an amendment
    refuses UPDATE and DELETE (records/0005), whoever asks; a second correction is a second row."""
    worker = staff.social_worker.user
    note = write_note(worker, [family["ava"]])
    first = note_amend(actor=worker, note_id=note.pk, text="Seen on the 2nd.", reason="Date typed wrongly")
    second = note_amend(actor=worker, note_id=note.pk, text="Seen on the 3rd.", reason="Checked the diary")
    with pytest.raises(IntegrityError, match="never edited"), transaction.atomic():
        CaseNote.objects.filter(pk=note.pk).update(text="Seen on the 3rd.")
    with pytest.raises(DatabaseError, match="never changed: UPDATE"), transaction.atomic():
        NoteAmendment.objects.filter(pk=first.pk).update(text="Seen on the 3rd.")
    with pytest.raises(DatabaseError, match="never changed: DELETE"), transaction.atomic():
        NoteAmendment.objects.filter(pk=first.pk).delete()
    note.refresh_from_db()
    assert note.text == "Saw both girls at home."
    assert [(a.pk, a.text) for a in note.amendments.all()] == [
        (first.pk, "Seen on the 2nd."),
        (second.pk, "Seen on the 3rd."),
    ]


def test_an_amendment_needs_its_text_and_reason_and_a_draft_is_not_amended(staff, family):
    worker = staff.social_worker.user
    note = write_note(worker, [family["ava"]])
    with pytest.raises(ValidationError) as error:
        note_amend(actor=worker, note_id=note.pk, text=" ", reason="")
    assert error.value.message_dict == {
        "text": [services.ERROR_AMENDMENT_TEXT],
        "reason": [services.ERROR_AMENDMENT_REASON],
    }
    draft = note_draft_save(actor=worker, child_ids=[family["ava"].pk], text="half")
    with pytest.raises(ValidationError) as error:
        note_amend(actor=worker, note_id=draft.pk, text="more", reason="why")
    assert messages_of(error) == [services.ERROR_AMEND_DRAFT]
    assert not NoteAmendment.objects.exists()


def test_a_social_workers_visit_note_waits_for_a_managers_sign_off(staff, family):
    worker, manager = staff.social_worker.user, staff.team_manager.user
    visit = write_note(worker, [family["ava"]], note_type="HOME_VISIT")
    call = write_note(worker, [family["ava"]], note_type="PHONE_CALL")
    assert visit.awaiting_sign_off and not call.needs_sign_off
    with pytest.raises(ValidationError) as error:
        note_sign_off(actor=worker, note_id=visit.pk)
    assert messages_of(error) == [services.ERROR_NOT_A_MANAGER]
    with pytest.raises(ValidationError) as error:
        note_sign_off(actor=manager, note_id=call.pk)
    assert messages_of(error) == [services.ERROR_NO_SIGN_OFF_NEEDED]
    signed = note_sign_off(actor=manager, note_id=visit.pk)
    assert signed.signed_off_by == manager and not signed.awaiting_sign_off
    with pytest.raises(ValidationError) as error:
        note_sign_off(actor=manager, note_id=visit.pk)
    assert "already signed off" in messages_of(error)[0]


def test_a_managers_own_visit_note_needs_no_sign_off_and_no_one_signs_off_their_own(staff, family):
    manager = staff.team_manager.user
    note = write_note(manager, [family["ava"]], note_type="DIRECT_WORK")
    assert not note.needs_sign_off
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseNote.objects.filter(pk=note.pk).update(
            needs_sign_off=True, signed_off_by=manager, signed_off_at=note.finalised_at
        )


def test_a_managers_oversight_note_is_marked_and_a_social_worker_cannot_write_one(staff, family):
    with pytest.raises(ValidationError) as error:
        note_draft_save(
            actor=staff.social_worker.user, child_ids=[family["ava"].pk], note_type_code="OVERSIGHT", text="x"
        )
    assert error.value.message_dict == {"note_type": [services.ERROR_OVERSIGHT_BY_MANAGERS]}
    note = write_note(
        staff.team_manager.user, [family["ava"]], note_type="OVERSIGHT", text="Plan reviewed in supervision."
    )
    assert note.management_oversight and not note.needs_sign_off


def test_one_note_covers_several_siblings(staff, family):
    note = write_note(staff.social_worker.user, [family["ava"], family["bea"]])
    assert set(note.children.all()) == {family["ava"], family["bea"]}
    assert list(family["ava"].case_notes.all()) == [note] == list(family["bea"].case_notes.all())
    assert set(AuditEvent.objects.filter(action="note.finalise").values_list("child", flat=True)) == {
        family["ava"].pk,
        family["bea"].pk,
    }


def test_a_worker_cannot_attach_a_child_whose_record_they_cannot_see(staff, family):
    with pytest.raises(ValidationError) as error:
        note_draft_save(
            actor=staff.social_worker.user, child_ids=[family["ava"].pk, family["cousin"].pk], text="Family meeting"
        )
    assert error.value.message_dict == {"children": [services.ERROR_CHILD_NOT_YOURS]}
    assert not CaseNote.objects.exists()


def test_a_note_must_be_about_a_child(staff, family):
    with pytest.raises(ValidationError) as error:
        note_draft_save(actor=staff.social_worker.user, child_ids=[], text="About no one")
    assert error.value.message_dict == {"children": [services.ERROR_NO_CHILD]}


def test_a_draft_save_from_an_older_version_is_refused_with_the_current_draft(staff, family):
    worker, manager = staff.social_worker.user, staff.team_manager.user
    draft = note_draft_save(actor=worker, child_ids=[family["ava"].pk], text="First words")
    opened_version = draft.version
    note_draft_save(
        actor=worker, note_id=draft.pk, version=opened_version, child_ids=[family["ava"].pk], text="Nina's words"
    )
    with pytest.raises(services.StaleDraftError) as error:
        note_draft_save(
            actor=manager, note_id=draft.pk, version=opened_version, child_ids=[family["ava"].pk], text="Tomas's words"
        )
    assert error.value.current.text == "Nina's words"
    assert "Nina Tester saved this draft at" in error.value.messages[0]
    draft.refresh_from_db()
    assert draft.text == "Nina's words" and draft.version == opened_version + 1


def test_an_autosave_of_nothing_new_makes_no_new_version(staff, family):
    worker = staff.social_worker.user
    draft = note_draft_save(actor=worker, child_ids=[family["ava"].pk], text="Same")
    again = note_draft_save(
        actor=worker, note_id=draft.pk, version=draft.version, child_ids=[family["ava"].pk], text="Same"
    )
    assert again.version == draft.version


def test_a_draft_about_a_child_someone_cannot_see_is_not_theirs_to_edit(staff, family):
    draft = note_draft_save(actor=staff.service_manager, child_ids=[family["ava"].pk, family["cousin"].pk], text="x")
    with pytest.raises(ValidationError) as error:
        note_draft_save(
            actor=staff.social_worker.user,
            note_id=draft.pk,
            version=draft.version,
            child_ids=[family["ava"].pk],
            text="y",
        )
    assert messages_of(error) == [services.ERROR_CANNOT_EDIT]
