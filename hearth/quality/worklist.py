"""Audit actions on worklists: each open action of an audit of an open case, due on the date the
auditor set, overdue once that date has passed (the worklist's own status)."""

from django.urls import reverse

from hearth.people.rows_held import cases_may_hold, the_page_child
from hearth.quality.models import AuditAction
from hearth.quality.selectors import child_audits

RULE = "Due date set by the auditor"


def audit_action_items(referrals) -> list:
    from hearth.worklists.selectors import WorkItem

    cases = {referral.pk: referral for referral in referrals}
    if not cases_may_hold(cases.values(), "quality.CaseAudit"):  # an action belongs to an audit of the case
        return []
    actions = (
        AuditAction.objects.filter(audit__referral_id__in=cases.keys(), completed_on__isnull=True)
        .select_related("audit", "worker__user")
        .order_by("due_on", "pk")
    )
    if child := the_page_child(cases.values()):  # as the child's case audits section reads them
        actions = [
            action
            for audit in child_audits(child)
            if audit.referral_id in cases
            for action in audit.actions.all()
            if action.completed_on is None
        ]
        actions.sort(key=lambda action: (action.due_on, action.pk))
    items = []
    for action in actions:
        referral = cases[action.audit.referral_id]
        audited = f"{action.audit.audited_on:%-d %b %Y}"
        items.append(
            WorkItem(
                child_id=referral.child_id,
                child_name=str(referral.child),
                duty=f"Case audit action ({audited}) for {action.worker}: {_short(action.action)}",
                started=action.audit.audited_on,
                due=action.due_on,
                rule=RULE,
                local_due=None,
                local_rule=None,
                worker=str(action.worker),
                team=str(referral.team),
                url=reverse("quality:audit_detail", args=[action.audit_id]),
                permission="quality.view_audit",
                permission_object=action.audit,
            )
        )
    return items


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
