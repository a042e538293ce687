"""Audit actions on worklists: each open action of an audit of an open case, due on the date the
auditor set, overdue once that date has passed (the worklist's own status)."""

from django.urls import reverse
from django.utils import timezone

from hearth.people.rows_held import cases_may_hold, the_page_child
from hearth.quality.case_supervision import needing_case_supervision
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


def case_supervision_items(referrals) -> list:
    """Case supervision due on the file of each child of these open cases who is on a child protection
    plan or looked after today (quality/case_supervision.py), on the case that holds the plan."""
    from hearth.worklists.selectors import WorkItem

    cases = {referral.pk: referral for referral in referrals}
    if not (
        cases_may_hold(cases.values(), "protection.ProtectionPlan")
        or cases_may_hold(cases.values(), "care.PeriodOfCare")
    ):
        return []
    today = timezone.localdate()
    items = []
    for due in needing_case_supervision(today, child_ids={case.child_id for case in cases.values()}):
        case = cases.get(due.referral.pk) or next((c for c in cases.values() if c.child_id == due.child_id), None)
        if case is None:
            continue
        allocation = case.current_allocations[0] if getattr(case, "current_allocations", None) else None
        last = f"last {due.last:%-d %b %Y}" if due.last else "none yet"
        items.append(
            WorkItem(
                child_id=due.child_id,
                child_name=str(due.child),
                duty=f"Case supervision ({due.reason}; {last})",
                started=due.last or due.status_started,
                due=due.due,
                rule=due.rule,
                local_due=None,
                local_rule=None,
                worker=str(allocation.worker) if allocation else "Unallocated",
                team=str(case.team),
                url=reverse("quality:case_supervision_record", args=[case.pk]),
                permission="quality.record_case_supervision",
                permission_object=case,
            )
        )
    return items


def clinic_action_items(worker) -> list:
    """The open actions of performance clinics this worker owns (docs/workforce.md)."""
    from hearth.quality.models import ClinicAction
    from hearth.worklists.selectors import OwnAction

    actions = ClinicAction.objects.filter(owner=worker, completed_on__isnull=True).select_related("clinic")
    return [
        OwnAction(
            what=_short(action.action),
            due=action.due_on,
            found_by=f"Performance clinic on {action.clinic.indicator_id}, {action.clinic.held_on:%-d %b %Y}",
            url=reverse("quality:clinic_action_complete", args=[action.pk]),
        )
        for action in actions
    ]
