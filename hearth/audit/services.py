"""The audit trail's one writer. Services call audit_record inside their own transaction, so a
write and its audit row are committed together or not at all."""

import contextlib
import datetime
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from django.utils import timezone
from django.utils.module_loading import import_string

from hearth.audit.models import AuditEvent

_kept: ContextVar[list | None] = ContextVar("hearth_audit_rows_kept", default=None)

# When a row is stamped: the moment it is written, always, in every installation. The one exception
# is the synthetic demo council, generated in one go but standing for months of recording: while it
# is generated (hearth/simulate/recorded_at.py, and nowhere else), a row is stamped with the moment
# the simulation says the fact was recorded, never later than the moment it is written.
_simulated_moment: ContextVar[Callable | None] = ContextVar("hearth_audit_simulated_moment", default=None)


@contextlib.contextmanager
def simulated_recording_times(moment_of: Callable):
    """For the synthetic council's generator only: `moment_of(action, obj, child)` gives the moment
    the simulated fact was recorded (an aware datetime), or None for the moment it is written."""
    token = _simulated_moment.set(moment_of)
    try:
        yield
    finally:
        _simulated_moment.reset(token)


def recorded_at(action: str, obj=None, child=None) -> datetime.datetime:
    """The moment an audit row is stamped with: now, unless the synthetic council is being generated."""
    now = timezone.now()
    moment_of = _simulated_moment.get()
    moment = moment_of(action, obj, child) if moment_of is not None else None
    return now if moment is None else min(moment, now)


def audit_record(*, actor, action: str, obj=None, child=None, detail: dict | None = None) -> AuditEvent:
    """One row. Whatever a person does to a sealed adoption record while they have it open (a
    change, a download, an export) names the opening and its reason, as each page they see does."""
    actor = actor if actor is not None and actor.is_authenticated else None
    detail = dict(detail or {})
    if child is not None and actor is not None and action not in ("child.view", "child.sealed_open", "access.refused"):
        seen_as = _child_view_detail(actor, child)
        if "opening" in seen_as:
            detail = seen_as | detail
    event = AuditEvent(
        at=recorded_at(action, obj, child),
        actor=actor,
        action=action,
        child=child,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail,
    )
    kept = _kept.get()
    if kept is None:
        event.save()
    else:
        kept.append(event)
    return event


@contextlib.contextmanager
def audit_rows_kept() -> Iterator[None]:
    """Inside the block every audit row is kept and all are written in one statement when it ends
    without an error: inside the caller's transaction still, so committed with the writes they
    record or not at all (an error discards them with the writes it undoes). Each row is the same
    row, stamped when its service made it. For the import of past returns, which writes each child's dozens of
    facts, each through its service, in a savepoint of the child's own (docs/performance.md). A read
    of the trail inside the block does not see its rows yet; a block inside another keeps its rows
    in the outer."""
    if _kept.get() is not None:
        yield
        return
    kept: list[AuditEvent] = []
    token = _kept.set(kept)
    try:
        yield
    finally:
        _kept.reset(token)
    if kept:  # reached only without an error
        AuditEvent.objects.bulk_create(kept)


# What a view of a child's record adds to its audit row, from the apps above the audit trail that
# know more about the child: a sealed adoption record says so and names the opening it was seen
# under. Each is `(actor, child) -> dict`, named by its dotted path so the trail imports no app.
CHILD_VIEW_DETAIL_SOURCES: tuple[str, ...] = ("hearth.people.selectors.sealed_record_view_detail",)


def child_view_record(*, actor, child, page: str) -> AuditEvent:
    """Seeing a child's record is audited like changing it (need-to-know access). Opening a record
    sealed by an adoption order says so, and names the opening (with its reason) it was seen
    under, so that the adoption team can say why each page of it was seen."""
    detail = {"page": page} | _child_view_detail(actor, child)
    return audit_record(actor=actor, action="child.view", child=child, obj=child, detail=detail)


def _child_view_detail(actor, child) -> dict:
    detail = {}
    for path in CHILD_VIEW_DETAIL_SOURCES:
        detail.update(import_string(path)(actor, child))
    return detail
