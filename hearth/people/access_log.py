"""Who has seen or changed a child's record: the access log a manager reads on the child's page, from
the audit trail."""

from hearth.audit.models import AuditEvent
from hearth.people.models import SealedRecordOpeningReason

# How each recorded action reads on the access log a manager sees.
ACTION_LABELS = {
    "child.view": "Viewed the record",
    "access.refused": "Tried to open the record and was refused",
    "child.create": "Created the record",
    "contact.record": "Recorded a contact",
    "contact.screen": "Recorded the screening decision",
    "referral.open": "Opened the case",
    "case.allocate": "Allocated the case",
    "assessment.start": "Started an assessment",
    "assessment.record": "Recorded assessment details",
    "assessment.submit": "Submitted an assessment for authorisation",
    "assessment.return": "Returned an assessment to the worker",
    "assessment.authorise": "Authorised an assessment",
    "child.restrict": "Restricted the record",
    "child.export": "Exported the whole record (subject access)",
    "child.restriction_lift": "Lifted the restriction",
    "retention.report": "Read the retention report",
    "child.seal": "Sealed the record (adoption order)",
    "child.sealed_open": "Gave a reason to open the sealed adoption record",
    "child.ethnicity_record": "Recorded the child's ethnicity",
    "child.upn_unknown_record": "Recorded why the UPN is not known",
    "child.disabilities_record": "Recorded the child's disabilities",
    "child.uasc_record": "Recorded unaccompanied asylum-seeking status",
}


def child_access_log(child, limit: int = 500):
    """Everything recorded about who saw or changed the child's record, newest first."""
    events = AuditEvent.objects.filter(child=child).select_related("actor").order_by("-at", "-id")[:limit]
    return [{"event": e, "label": _label(e), "reason": _reason(e)} for e in events]


def _label(event: AuditEvent) -> str:
    if event.action == "child.view" and event.detail.get("sealed"):
        return "Opened the sealed adoption record"
    return ACTION_LABELS.get(event.action, event.action)


def _reason(event: AuditEvent) -> dict | None:
    """Why a sealed adoption record was opened: the reason given (and, where it was given, the
    explanation), for the opening itself and for each page seen and each thing done under it."""
    code = event.detail.get("reason")
    if not code or (event.action != "child.sealed_open" and "opening" not in event.detail):
        return None
    label = dict(SealedRecordOpeningReason.choices).get(code, code)
    return {"label": label, "explanation": event.detail.get("explanation", "")}
