"""Audit actions on worklists: each open action of an audit of an open case, due on the date the
auditor set, overdue once that date has passed (the worklist's own status)."""

from django.urls import reverse

from hearth.people.rows_held import cases_may_hold
from hearth.quality.models import AuditAction

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
            )
        )
    return items


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
