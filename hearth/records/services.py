"""Writers for case notes, amendments, sign-off and alerts: one transaction each, with its audit row."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.core.roles import Role, has_role
from hearth.core.services import format_when
from hearth.people.models import Child
from hearth.people.selectors import children_visible_to
from hearth.records.models import Alert, AlertType, CaseNote, CaseNoteChild, NoteAmendment, NoteStatus, NoteType
from hearth.records.rules import CASE_WORKERS, MANAGERS

ERROR_NO_CHILD = "Choose at least one child the note is about"
ERROR_CHILD_NOT_YOURS = "You can only record on the records of children you work with"
ERROR_DATE_IN_FUTURE = "The date must be today or in the past"
ERROR_DATE_REQUIRED = "Enter the date of the event"
ERROR_TYPE_REQUIRED = "Choose the type of note"
ERROR_TYPE_UNKNOWN = "Choose a type of note from the list"
ERROR_EMPTY_NOTE = "Write the note before finalising it"
ERROR_EMPTY_DRAFT = "Type something in the note before saving a draft"
ERROR_OVERSIGHT_BY_MANAGERS = "Only a team manager or service manager can write a management oversight note"
ERROR_NOTE_FINAL = "This note is final and cannot be edited. Add an amendment instead"
ERROR_CANNOT_EDIT = "You cannot edit this note: it is about a child whose record you cannot see"
ERROR_STALE_DRAFT = (
    "{who} saved this draft at {when}, after you opened it. Nothing of yours was saved: "
    "your text is still in the boxes. Compare it with theirs below, then save again"
)
ERROR_AMEND_DRAFT = "A draft is edited, not amended"
ERROR_AMENDMENT_TEXT = "Enter the amendment"
ERROR_AMENDMENT_REASON = "Enter the reason for the amendment"
ERROR_NOT_A_MANAGER = "Only a team manager or service manager can sign off a note"
ERROR_NO_SIGN_OFF_NEEDED = "This note does not need a manager's sign-off"
ERROR_ALREADY_SIGNED_OFF = "This note was already signed off on {date}. Nothing was changed"
ERROR_OWN_NOTE = "You cannot sign off a note you wrote yourself"
ERROR_ALERT_TYPE = "Choose the type of alert"
ERROR_ALERT_REASON = "Enter why the alert is raised"
ERROR_REVIEW_BEFORE_RAISED = "The review date must be on or after the date the alert is raised"
ERROR_REVIEW_IN_PAST = "The new review date must be today or later"
ERROR_ALERT_ENDED = "This alert ended on {date}. Nothing was changed"
ERROR_END_BEFORE_RAISED = "The alert cannot end before it was raised ({date})"
ERROR_END_REASON = "Enter why the alert is ended"
ERROR_NOT_ALLOWED_ON_CHILD = "You cannot record on this child's record"

# The fields of a note a writer types; a draft save carries all of them.
NOTE_FIELDS = ("note_type_id", "event_date", "childs_voice", "present", "text")


class StaleDraftError(ValidationError):
    """A draft save from an older version: carries the draft as it now stands, so the page can
    show the writer what the other person changed while keeping what they typed."""

    def __init__(self, current: CaseNote):
        who = current.last_saved_by.get_full_name() or current.last_saved_by.username
        super().__init__(ERROR_STALE_DRAFT.format(who=who, when=format_when(current.last_saved_at)), code="stale")
        self.current = current


def _long_date(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def _is_manager(user) -> bool:
    return user.is_superuser or has_role(user, *MANAGERS)


def _children_to_record_on(actor, child_ids) -> list[Child]:
    """The children chosen, each of whom the writer must be able to see and work with."""
    ids = {int(child_id) for child_id in child_ids}
    if not ids:
        raise ValidationError({"children": ERROR_NO_CHILD})
    if not (actor.is_superuser or has_role(actor, *CASE_WORKERS)):
        raise ValidationError({"children": ERROR_CHILD_NOT_YOURS})
    children = list(children_visible_to(actor).filter(pk__in=ids))
    if len(children) != len(ids):
        raise ValidationError({"children": ERROR_CHILD_NOT_YOURS})
    return children


def _note_type(actor, code: str) -> NoteType | None:
    if not code:
        return None
    note_type = NoteType.objects.filter(pk=code, active=True).first()
    if note_type is None:
        raise ValidationError({"note_type": ERROR_TYPE_UNKNOWN})
    if note_type.is_management_oversight and not _is_manager(actor):
        raise ValidationError({"note_type": ERROR_OVERSIGHT_BY_MANAGERS})
    return note_type


def _check_event_date(event_date: datetime.date | None) -> None:
    if event_date is not None and event_date > timezone.localdate():
        raise ValidationError({"event_date": ERROR_DATE_IN_FUTURE})


def _locked_draft(actor, note_id: int, version: int | None) -> CaseNote:
    note = CaseNote.objects.select_for_update().get(pk=note_id)
    if note.is_final:
        raise ValidationError(ERROR_NOTE_FINAL, code="final")
    visible = children_visible_to(actor).filter(pk__in=note.links.values("child_id")).count()
    if not actor.is_superuser and (not has_role(actor, *CASE_WORKERS) or visible != note.links.count()):
        raise ValidationError(ERROR_CANNOT_EDIT)
    if version != note.version:
        raise StaleDraftError(CaseNote.objects.select_related("last_saved_by", "note_type").get(pk=note.pk))
    return note


def note_draft_save(
    *,
    actor,
    note_id: int | None = None,
    version: int | None = None,
    child_ids,
    note_type_code: str = "",
    event_date: datetime.date | None = None,
    childs_voice: str = "",
    present: str = "",
    text: str = "",
) -> CaseNote:
    """Save a draft as it stands (a new one when note_id is None). A draft may be incomplete; a save
    from an older version than the stored one is refused (StaleDraftError), nothing written."""
    values = {
        "event_date": event_date,
        "childs_voice": childs_voice.strip(),
        "present": present.strip(),
        "text": text.strip(),
    }
    with transaction.atomic():
        children = _children_to_record_on(actor, child_ids)
        note_type = _note_type(actor, note_type_code)
        _check_event_date(event_date)
        now = timezone.now()
        if note_id is None:
            if not any(values.values()) and note_type is None:
                raise ValidationError({"text": ERROR_EMPTY_DRAFT})
            note = CaseNote.objects.create(
                note_type=note_type, author=actor, last_saved_at=now, last_saved_by=actor, **values
            )
            CaseNoteChild.objects.bulk_create([CaseNoteChild(note=note, child=child) for child in children])
            audit_record(
                actor=actor, action="note.draft_create", obj=note, child=children[0], detail=_child_detail(children)
            )
            return note
        note = _locked_draft(actor, note_id, version)
        unchanged = (
            all(getattr(note, field) == value for field, value in values.items())
            and note.note_type_id == (note_type.pk if note_type else None)
            and set(note.links.values_list("child_id", flat=True)) == {c.pk for c in children}
        )
        if unchanged:
            return note  # an autosave of nothing new: no new version to collide with
        for field, value in values.items():
            setattr(note, field, value)
        note.note_type = note_type
        note.version += 1
        note.last_saved_at, note.last_saved_by = now, actor
        note.save()
        _relink(note, children)
        audit_record(actor=actor, action="note.draft_save", obj=note, child=children[0], detail=_child_detail(children))
    return note


def _relink(note: CaseNote, children: list[Child]) -> None:
    chosen = {child.pk for child in children}
    note.links.exclude(child_id__in=chosen).delete()
    linked = set(note.links.values_list("child_id", flat=True))
    CaseNoteChild.objects.bulk_create([CaseNoteChild(note=note, child_id=pk) for pk in chosen - linked])


def _child_detail(children) -> dict:
    return {"children": sorted(child.pk for child in children)}


def note_finalise(*, actor, note_id: int, version: int | None) -> CaseNote:
    """Make the saved draft final: complete, dated, typed. From then on it is only amended."""
    with transaction.atomic():
        note = _locked_draft(actor, note_id, version)
        children = list(note.children.all())
        errors = {}
        if note.event_date is None:
            errors["event_date"] = ERROR_DATE_REQUIRED
        elif note.event_date > timezone.localdate():
            errors["event_date"] = ERROR_DATE_IN_FUTURE
        if note.note_type is None:
            errors["note_type"] = ERROR_TYPE_REQUIRED
        elif note.note_type.is_management_oversight and not _is_manager(actor):
            errors["note_type"] = ERROR_OVERSIGHT_BY_MANAGERS
        if not note.text:
            errors["text"] = ERROR_EMPTY_NOTE
        if not children:
            errors["children"] = ERROR_NO_CHILD
        if errors:
            raise ValidationError(errors)
        note.status = NoteStatus.FINAL
        note.finalised_at, note.finalised_by = timezone.now(), actor
        note.management_oversight = note.note_type.is_management_oversight
        note.needs_sign_off = note.note_type.needs_sign_off and not _is_manager(actor)
        note.version += 1
        note.save()
        for child in children:
            audit_record(actor=actor, action="note.finalise", obj=note, child=child)
    return note


def note_amend(*, actor, note_id: int, text: str, reason: str) -> NoteAmendment:
    """Add an amendment to a final note (the note itself is never changed)."""
    text, reason = text.strip(), reason.strip()
    with transaction.atomic():
        note = CaseNote.objects.select_for_update().get(pk=note_id)
        if not note.is_final:
            raise ValidationError(ERROR_AMEND_DRAFT)
        children = list(note.children.all())
        if not actor.is_superuser and (
            not has_role(actor, *CASE_WORKERS)
            or children_visible_to(actor).filter(pk__in=[c.pk for c in children]).count() != len(children)
        ):
            raise ValidationError(ERROR_CANNOT_EDIT)
        errors = {}
        if not text:
            errors["text"] = ERROR_AMENDMENT_TEXT
        if not reason:
            errors["reason"] = ERROR_AMENDMENT_REASON
        if errors:
            raise ValidationError(errors)
        amendment = NoteAmendment.objects.create(note=note, text=text, reason=reason, amended_by=actor)
        for child in children:
            audit_record(actor=actor, action="note.amend", obj=note, child=child, detail={"amendment": amendment.pk})
    return amendment


def note_sign_off(*, actor, note_id: int) -> CaseNote:
    """A manager's sign-off of a social worker's note (never their own)."""
    if not _is_manager(actor):
        raise ValidationError(ERROR_NOT_A_MANAGER)
    with transaction.atomic():
        note = CaseNote.objects.select_for_update().get(pk=note_id)
        if not note.needs_sign_off:
            raise ValidationError(ERROR_NO_SIGN_OFF_NEEDED)
        if note.signed_off_at is not None:
            raise ValidationError(
                ERROR_ALREADY_SIGNED_OFF.format(date=_long_date(timezone.localdate(note.signed_off_at)))
            )
        if note.finalised_by_id == actor.pk:
            raise ValidationError(ERROR_OWN_NOTE)
        children = list(note.children.all())
        if children_visible_to(actor).filter(pk__in=[c.pk for c in children]).count() != len(children):
            raise ValidationError(ERROR_CANNOT_EDIT)
        note.signed_off_at, note.signed_off_by = timezone.now(), actor
        note.save(update_fields=["signed_off_at", "signed_off_by"])
        for child in children:
            audit_record(actor=actor, action="note.sign_off", obj=note, child=child)
    return note


# Alerts --------------------------------------------------------------------------------------


def _child_to_alert(actor, child_id: int) -> Child:
    child = Child.objects.get(pk=child_id)
    if not actor.is_superuser and not (
        has_role(actor, *CASE_WORKERS, Role.MASH_SCREENER) and children_visible_to(actor).filter(pk=child.pk).exists()
    ):
        raise ValidationError(ERROR_NOT_ALLOWED_ON_CHILD)
    return child


def alert_raise(
    *,
    actor,
    child_id: int,
    alert_type_code: str,
    reason: str,
    raised_on: datetime.date,
    review_on: datetime.date,
) -> Alert:
    reason = reason.strip()
    with transaction.atomic():
        child = _child_to_alert(actor, child_id)
        alert_type = AlertType.objects.filter(pk=alert_type_code, active=True).first()
        errors = {}
        if alert_type is None:
            errors["alert_type"] = ERROR_ALERT_TYPE
        if not reason:
            errors["reason"] = ERROR_ALERT_REASON
        if raised_on > timezone.localdate():
            errors["raised_on"] = ERROR_DATE_IN_FUTURE
        if review_on < raised_on:
            errors["review_on"] = ERROR_REVIEW_BEFORE_RAISED
        if errors:
            raise ValidationError(errors)
        alert = Alert.objects.create(
            child=child, alert_type=alert_type, reason=reason, raised_on=raised_on, raised_by=actor, review_on=review_on
        )
        audit_record(actor=actor, action="alert.raise", obj=alert, child=child, detail={"type": alert_type.pk})
    return alert


def alert_review(*, actor, alert_id: int, review_on: datetime.date) -> Alert:
    """The alert was reviewed and still stands: the next review date."""
    with transaction.atomic():
        alert = Alert.objects.select_for_update().get(pk=alert_id)
        _child_to_alert(actor, alert.child_id)
        if alert.ended_on is not None:
            raise ValidationError(ERROR_ALERT_ENDED.format(date=_long_date(alert.ended_on)))
        if review_on < timezone.localdate():
            raise ValidationError({"review_on": ERROR_REVIEW_IN_PAST})
        previous = alert.review_on
        alert.review_on = review_on
        alert.save(update_fields=["review_on"])
        audit_record(
            actor=actor,
            action="alert.review",
            obj=alert,
            child=alert.child,
            detail={"previous_review_on": previous.isoformat(), "review_on": review_on.isoformat()},
        )
    return alert


def alert_end(*, actor, alert_id: int, ended_on: datetime.date, reason: str) -> Alert:
    reason = reason.strip()
    with transaction.atomic():
        alert = Alert.objects.select_for_update().get(pk=alert_id)
        _child_to_alert(actor, alert.child_id)
        if alert.ended_on is not None:
            raise ValidationError(ERROR_ALERT_ENDED.format(date=_long_date(alert.ended_on)))
        errors = {}
        if ended_on < alert.raised_on:
            errors["ended_on"] = ERROR_END_BEFORE_RAISED.format(date=_long_date(alert.raised_on))
        elif ended_on > timezone.localdate():
            errors["ended_on"] = ERROR_DATE_IN_FUTURE
        if not reason:
            errors["reason"] = ERROR_END_REASON
        if errors:
            raise ValidationError(errors)
        alert.ended_on, alert.ended_by, alert.end_reason = ended_on, actor, reason
        alert.save(update_fields=["ended_on", "ended_by", "end_reason"])
        audit_record(actor=actor, action="alert.end", obj=alert, child=alert.child)
    return alert
