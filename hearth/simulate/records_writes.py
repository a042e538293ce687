"""How the generator writes case notes and alerts: through the services one call at a time (the
demo), or in bulk (`Simulation(bulk=True)`, the larger sizes).

Both writers take the same calls in the same order from hearth/simulate/records.py, which makes
every random draw itself. `BulkRecords` writes the rows `note_draft_save` and `note_finalise`
(a final note), `note_draft_save` alone (a draft), `note_amend`, `note_sign_off`, `alert_raise`
and `alert_end` would: each note with its final fields (status, version, who finalised it, whether
it waits for a manager's sign-off), the children it is about, its amendments, each alert, and the
audit rows each service appends (same action, actor, child, object and detail), with
`bulk_create` in one transaction per batch. Notes, amendments and alerts take their ids in the
services' order (an amendment's audit row names the amendment's id; sign-off reads the waiting
notes in id order).

What the bulk path does not repeat is the services' checking of their input (which the generator
draws valid: its notes are written by the allocated worker or the team's manager, on the children
of that team's open cases) and each audit row's sealed-record lookup: that lookup adds to the row
only an opening of a sealed record, and the generator opens none. The test
hearth/simulate/tests/test_bulk_front_door.py builds a council both ways and compares every table."""

from django.db import transaction
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.core.request_memo import forget
from hearth.core.roles import has_role
from hearth.people.models import Child
from hearth.records.models import Alert, CaseNote, CaseNoteChild, NoteAmendment, NoteStatus, NoteType
from hearth.records.rules import MANAGERS
from hearth.records.services import (
    alert_end,
    alert_raise,
    note_amend,
    note_draft_save,
    note_finalise,
    note_sign_off,
)
from hearth.simulate.frontdoor_writes import BATCH_SIZE, PendingAudit


class ServiceRecords:
    """Case notes and alerts as workers and managers write them, one service call at a time."""

    def final_note(self, *, actor, children, note_type_code, event_date, present, childs_voice, text):
        note = note_draft_save(
            actor=actor,
            child_ids=[child.pk for child in children],
            note_type_code=note_type_code,
            event_date=event_date,
            present=present,
            childs_voice=childs_voice,
            text=text,
        )
        return note_finalise(actor=actor, note_id=note.pk, version=note.version)

    def draft(self, *, actor, child, note_type_code, event_date, present, text) -> None:
        note_draft_save(
            actor=actor,
            child_ids=[child.pk],
            note_type_code=note_type_code,
            event_date=event_date,
            present=present,
            text=text,
        )

    def amend(self, *, actor, note, text, reason) -> None:
        note_amend(actor=actor, note_id=note.pk, text=text, reason=reason)

    def waiting_for_sign_off(self):
        return waiting_for_sign_off()

    def sign_off(self, *, actor, note) -> None:
        note_sign_off(actor=actor, note_id=note.pk)

    def raise_alert(self, *, actor, child, alert_type_code, reason, raised_on, review_on):
        return alert_raise(
            actor=actor,
            child_id=child.pk,
            alert_type_code=alert_type_code,
            reason=reason,
            raised_on=raised_on,
            review_on=review_on,
        )

    def end_alert(self, *, actor, alert, ended_on, reason) -> None:
        alert_end(actor=actor, alert_id=alert.pk, ended_on=ended_on, reason=reason)

    def flush(self) -> None:
        pass  # every call has written already


class BulkRecords:
    """The same rows as ServiceRecords, held in memory and inserted a batch at a time."""

    def __init__(self):
        self.note_types = {note_type.pk: note_type for note_type in NoteType.objects.all()}
        self.managers = {}  # actor's id: whether a manager (a manager's notes need no sign-off)
        self._empty()

    def _empty(self) -> None:
        self.notes, self.links, self.amendments, self.alerts, self.signed_off, self.audits = [], [], [], [], [], []

    def final_note(self, *, actor, children, note_type_code, event_date, present, childs_voice, text):
        note_type = self.note_types[note_type_code]
        now = timezone.now()
        # As note_draft_save (version 1) and then note_finalise (version 2), in one row.
        note = CaseNote(
            note_type=note_type,
            event_date=event_date,
            childs_voice=childs_voice.strip(),
            present=present.strip(),
            text=text.strip(),
            status=NoteStatus.FINAL,
            version=2,
            author=actor,
            last_saved_at=now,
            last_saved_by=actor,
            finalised_at=now,
            finalised_by=actor,
            management_oversight=note_type.is_management_oversight,
            needs_sign_off=note_type.needs_sign_off and not self._is_manager(actor),
        )
        self._new_note(actor, note, children)
        for child in children:
            self.audits.append(PendingAudit(actor, "note.finalise", note, child))
        return note

    def draft(self, *, actor, child, note_type_code, event_date, present, text) -> None:
        now = timezone.now()
        note = CaseNote(
            note_type=self.note_types[note_type_code],
            event_date=event_date,
            present=present.strip(),
            text=text.strip(),
            author=actor,
            last_saved_at=now,
            last_saved_by=actor,
        )
        self._new_note(actor, note, [child])

    def _new_note(self, actor, note, children) -> None:
        self.notes.append(note)
        self.links += [CaseNoteChild(note=note, child=child) for child in children]
        detail = {"children": sorted(child.pk for child in children)}
        # The service names the first of the children in the records' order (by name), read as it reads them.
        first = children[0] if len(children) == 1 else Child.objects.filter(pk__in=detail["children"]).first()
        self.audits.append(PendingAudit(actor, "note.draft_create", note, first, detail))
        note.simulated_children = children  # for the amendment's and sign-off's audit rows

    def amend(self, *, actor, note, text, reason) -> None:
        amendment = NoteAmendment(note=note, text=text.strip(), reason=reason.strip(), amended_by=actor)
        self.amendments.append(amendment)
        for child in note.simulated_children:
            self.audits.append(PendingAudit(actor, "note.amend", note, child, lambda: {"amendment": amendment.pk}))

    def waiting_for_sign_off(self):
        """The notes waiting for a manager, read as note_sign_off reads them (all written first), in
        the same order, their links read 500 notes at a time: SQLite refused one prefetch naming every
        note of a medium council ("Expression tree is too large")."""
        self.flush()
        return waiting_for_sign_off().prefetch_related("links__child").iterator(chunk_size=500)

    def sign_off(self, *, actor, note) -> None:
        note.signed_off_at, note.signed_off_by = timezone.now(), actor
        self.signed_off.append(note)
        for link in note.links.all():
            self.audits.append(PendingAudit(actor, "note.sign_off", note, link.child))

    def raise_alert(self, *, actor, child, alert_type_code, reason, raised_on, review_on):
        alert = Alert(
            child=child,
            alert_type_id=alert_type_code,
            reason=reason.strip(),
            raised_on=raised_on,
            raised_by=actor,
            review_on=review_on,
        )
        self.alerts.append(alert)
        self.audits.append(PendingAudit(actor, "alert.raise", alert, child, {"type": alert_type_code}))
        return alert

    def end_alert(self, *, actor, alert, ended_on, reason) -> None:
        alert.ended_on, alert.ended_by, alert.end_reason = ended_on, actor, reason.strip()
        self.audits.append(PendingAudit(actor, "alert.end", alert, alert.child))

    def flush(self) -> None:
        """Insert what is held, parents first, audit rows last, all or nothing."""
        if not (self.audits or self.signed_off):
            return
        with transaction.atomic():
            CaseNote.objects.bulk_create(self.notes, batch_size=BATCH_SIZE)
            CaseNoteChild.objects.bulk_create(self.links, batch_size=BATCH_SIZE)
            NoteAmendment.objects.bulk_create(self.amendments, batch_size=BATCH_SIZE)
            Alert.objects.bulk_create(self.alerts, batch_size=BATCH_SIZE)
            CaseNote.objects.bulk_update(self.signed_off, ["signed_off_at", "signed_off_by"], batch_size=BATCH_SIZE)
            AuditEvent.objects.bulk_create([audit.row() for audit in self.audits], batch_size=BATCH_SIZE)
        forget()  # bulk writes send no post_save: what a request remembered may be stale
        self._empty()

    def _is_manager(self, actor) -> bool:
        if actor.pk not in self.managers:
            self.managers[actor.pk] = actor.is_superuser or has_role(actor, *MANAGERS)
        return self.managers[actor.pk]


def waiting_for_sign_off():
    """Every note waiting for a manager's sign-off, in the order the notes were written."""
    return (
        CaseNote.objects.filter(needs_sign_off=True, signed_off_at__isnull=True)
        .select_related("finalised_by__worker")
        .order_by("pk")
    )


def records_writer(bulk: bool):
    return BulkRecords() if bulk else ServiceRecords()
