"""The audit trail's one writer. Services call audit_record inside their own transaction, so a
write and its audit row are committed together or not at all."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.module_loading import import_string

from hearth.audit.models import AuditEvent

_kept: ContextVar[list | None] = ContextVar("hearth_audit_rows_kept", default=None)


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


@contextmanager
def audit_rows_kept() -> Iterator[None]:
    """Inside the block every audit row is kept and all are written in one statement when it ends
    without an error: inside the caller's transaction still, so committed with the writes they
    record or not at all (an error discards them with the writes it undoes). Each row is the same
    row, stamped when written. For the import of past returns, which writes each child's dozens of
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
