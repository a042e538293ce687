"""Reads of case audits: a child's audits, one audit with its actions, the quality leads' list with
its counts by grade, and who held a case on a date. Lists of children go through the access rule."""

import datetime
from collections import Counter

from django.db.models import Prefetch

from hearth.core.shared_reads import shared
from hearth.people.rows_held import may_hold
from hearth.people.selectors import children_visible_to
from hearth.quality.models import GOOD_OR_BETTER, AuditAction, CaseAudit, Grade
from hearth.workforce.models import Allocation, Team, Worker


def holder_on(referral, day: datetime.date):
    """The worker who held the case on the day (from allocations prefetched on the referral), or None."""
    for allocation in referral.allocations.all():
        if allocation.started_on <= day and (allocation.ended_on is None or allocation.ended_on > day):
            return allocation.worker
    return None


def _with_actions(queryset):
    return queryset.select_related("child", "referral__team", "auditor").prefetch_related(
        Prefetch("actions", queryset=AuditAction.objects.select_related("worker__user", "completed_by")),
        Prefetch("referral__allocations", queryset=Allocation.objects.select_related("worker__user")),
    )


@shared  # the child's page reads them for its case audits and for what is due (their open actions)
def child_audits(child) -> list[CaseAudit]:
    """The child's case audits, newest first, each with its actions."""
    if not may_hold(child, "quality.CaseAudit"):
        return []
    return list(_with_actions(CaseAudit.objects.filter(child=child)))


def child_case_supervisions(child) -> list:
    """The case supervisions on the child's file, newest first, with who held the case and who supervised."""
    from hearth.quality.models import CaseSupervision

    if not may_hold(child, "quality.CaseSupervision"):
        return []
    return list(CaseSupervision.objects.filter(child=child).select_related("worker__user", "supervisor"))


def audit_with_actions(pk: int) -> CaseAudit:
    return _with_actions(CaseAudit.objects.all()).get(pk=pk)


def workers_for_actions(referral) -> list[Worker]:
    """Who an audit's actions can be for: the workers of the team holding the case, the case
    holder first (actions are taken up with them), then the rest by name."""
    workers = list(Worker.objects.filter(team=referral.team).select_related("user"))
    holding = {a.worker_id for a in referral.allocations.filter(ended_on__isnull=True)}
    return sorted(workers, key=lambda w: (w.pk not in holding, str(w)))


def audit_months(today: datetime.date, count: int = 24) -> list[datetime.date]:
    """The first days of this month and the months before it, newest first (the list's filter)."""
    months, month = [], today.replace(day=1)
    for _ in range(count):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return months


def audit_list(*, user, month: datetime.date | None, team_id: int | None, grade: str | None) -> dict:
    """The audits of children the user may see, filtered by month and team; the counts by grade are
    of those (so that choosing a grade narrows the list, not the counts)."""
    audits = CaseAudit.objects.filter(child__in=children_visible_to(user))
    if month is not None:
        next_month = (month + datetime.timedelta(days=32)).replace(day=1)
        audits = audits.filter(audited_on__gte=month, audited_on__lt=next_month)
    if team_id is not None:
        audits = audits.filter(referral__team_id=team_id)
    audits = list(_with_actions(audits))
    counts = Counter(audit.grade for audit in audits)
    good = sum(counts[g] for g in GOOD_OR_BETTER)
    return {
        "audits": [a for a in audits if not grade or a.grade == grade],
        "by_grade": [(value, label, counts[value]) for value, label in Grade.choices],
        "total": len(audits),
        "good_or_better": good,
        "good_or_better_percent": round(good * 100 / len(audits), 1) if audits else None,
    }


def teams_for_filter() -> list[Team]:
    return list(Team.objects.filter(takes_referrals=True))
