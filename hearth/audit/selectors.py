from hearth.audit.models import AuditEvent

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
}


def child_access_log(child, limit: int = 500):
    """Everything recorded about who saw or changed the child's record, newest first."""
    events = AuditEvent.objects.filter(child=child).select_related("actor").order_by("-at", "-id")[:limit]
    return [{"event": e, "label": _label(e)} for e in events]


def _label(event: AuditEvent) -> str:
    if event.action == "child.view" and event.detail.get("sealed"):
        return "Opened the sealed adoption record"
    return ACTION_LABELS.get(event.action, event.action)
