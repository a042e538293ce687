"""Who has seen or changed a child's record: the access log a manager reads on the child's page, from
the audit trail."""

from hearth.audit.labels import action_label
from hearth.audit.models import AuditEvent
from hearth.people.models import SealedRecordOpeningReason


def child_access_log(child, limit: int = 500):
    """Everything recorded about who saw or changed the child's record, newest first."""
    events = AuditEvent.objects.filter(child=child).select_related("actor").order_by("-at", "-id")[:limit]
    return [{"event": e, "label": _label(e), "reason": _reason(e)} for e in events]


def _label(event: AuditEvent) -> str:
    if event.action == "child.view" and event.detail.get("sealed"):
        return "Opened the sealed adoption record"
    return action_label(event.action)


def _reason(event: AuditEvent) -> dict | None:
    """Why a sealed adoption record was opened: the reason given (and, where it was given, the
    explanation), for the opening itself and for each page seen and each thing done under it."""
    code = event.detail.get("reason")
    if not code or (event.action != "child.sealed_open" and "opening" not in event.detail):
        return None
    label = dict(SealedRecordOpeningReason.choices).get(code, code)
    return {"label": label, "explanation": event.detail.get("explanation", "")}
