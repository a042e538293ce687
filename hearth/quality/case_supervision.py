"""Which children need case supervision on their file, and when it is due: the one definition the
worklist, the child's page and W06 ask (docs/workforce.md "Supervision").

On a date D a child needs case supervision when they are on a child protection plan at the end of D
(monthly by default, rule T42) or looked after then (the L indicators' cohort: not only for short
breaks; quarterly by default, T41). A child who is both is supervised monthly, by the plan. The
clock runs from the last case supervision on the child's file held on or before D, or from the day
the plan (or period of care) started if none has been held since: a late supervision restarts it
from the day it was held (DOMAIN 3.1). Both rules are local standards (no national frequency): the
council's own limit if it set one, else the table's.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from hearth.calendar.days import ensure_calendar_days
from hearth.care.indicators import LOOKED_AFTER, looked_after_periods_sql
from hearth.care.models import PeriodOfCare
from hearth.cin.indicators import due_by_local_standard_sql
from hearth.cin.timeliness import due_by_local_standard
from hearth.performance.indicator import counted_figure
from hearth.protection.models import ProtectionPlan
from hearth.quality.models import CaseSupervision
from hearth.timescales.selectors import Clocks, clock

PROTECTION_RULE = "T42"
LOOKED_AFTER_RULE = "T41"
REASONS = {PROTECTION_RULE: "on a child protection plan", LOOKED_AFTER_RULE: "looked after"}


@dataclass(frozen=True)
class CaseSupervisionDue:
    child_id: int
    child: object
    referral: object  # the case the plan or period of care belongs to
    rule_id: str
    status_started: datetime.date  # the plan's or the period of care's start
    last: datetime.date | None  # the last case supervision since then, on or before the date
    due: datetime.date
    rule: str

    @property
    def reason(self) -> str:
        return REASONS[self.rule_id]

    def in_timescale(self, as_of: datetime.date) -> bool:
        return as_of <= self.due


def _plans_on(as_of: datetime.date):
    return ProtectionPlan.objects.filter(started_on__lte=as_of).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))


def needing_case_supervision(as_of: datetime.date, child_ids=None) -> list[CaseSupervisionDue]:
    """The children needing case supervision on as_of (or only those of child_ids), each with when it
    is due; children on a plan first, then looked-after children, each by start."""
    plans = _plans_on(as_of).select_related("child", "referral__team")
    periods = (
        PeriodOfCare.objects.filter(pk__in=looked_after_periods_sql(as_of).values("pk"))
        .select_related("child", "referral__team")
        .order_by("started_on", "pk")
    )
    if child_ids is not None:
        plans, periods = plans.filter(child_id__in=child_ids), periods.filter(child_id__in=child_ids)
    plans = list(plans.order_by("started_on", "pk"))
    on_plans = {plan.child_id for plan in plans}
    periods = [period for period in periods if period.child_id not in on_plans]
    wanted = [(plan, PROTECTION_RULE) for plan in plans] + [(period, LOOKED_AFTER_RULE) for period in periods]
    held = {}
    for child_id, day in CaseSupervision.objects.filter(
        child_id__in={status.child_id for status, _ in wanted}, held_on__lte=as_of
    ).values_list("child_id", "held_on"):
        held.setdefault(child_id, []).append(day)
    clocks = Clocks()
    found = []
    for status, rule_id in wanted:
        last = max((day for day in held.get(status.child_id, ()) if day >= status.started_on), default=None)
        rule_clock = clocks[rule_id]
        found.append(
            CaseSupervisionDue(
                child_id=status.child_id,
                child=status.child,
                referral=status.referral,
                rule_id=rule_id,
                status_started=status.started_on,
                last=last,
                due=due_by_local_standard(rule_clock, last or status.started_on),
                rule=rule_clock.explain_local() or rule_clock.explain(),
            )
        )
    return found


def _last_held(as_of: datetime.date, started_field: str):
    """The child's last case supervision held by as_of since `started_field` (NULL if none)."""
    held = CaseSupervision.objects.filter(
        child_id=OuterRef("child_id"), held_on__lte=as_of, held_on__gte=OuterRef(started_field)
    )
    return Subquery(held.values("child_id").annotate(last=Max("held_on")).values("last")[:1])


@LOOKED_AFTER.figure
def _looked_after_supervision_figure(cohort, as_of: datetime.date):
    """W06's looked-after children (those not also on a plan, who are counted by the plan): counted
    when their case supervision is not overdue. One of the looked-after cohort's measures, so a
    scorecard counts it in the cohort's one query a date."""
    ensure_calendar_days(as_of)
    on_plan = Exists(_plans_on(as_of).filter(child_id=OuterRef("child_id")))
    cohort = cohort.annotate(supervised_by_plan=on_plan)
    cohort = cohort.annotate(supervision_from=Coalesce(_last_held(as_of, "started_on"), F("started_on")))
    due = due_by_local_standard_sql(clock(LOOKED_AFTER_RULE), "supervision_from")
    return cohort.annotate(supervision_due=due), Q(supervised_by_plan=False), Q(supervision_due__gte=as_of)


def case_supervision_figure(as_of: datetime.date) -> tuple[int, int]:
    """W06 in SQL: (children in timescale, children needing case supervision) on as_of, the same two
    numbers as needing_case_supervision's rows."""
    ensure_calendar_days(as_of)
    plans = _plans_on(as_of).annotate(runs_from=Coalesce(_last_held(as_of, "started_on"), F("started_on")))
    plans = plans.annotate(due=due_by_local_standard_sql(clock(PROTECTION_RULE), "runs_from"))
    on_plans = counted_figure(plans, Q(due__gte=as_of))
    looked_after = _looked_after_supervision_figure(as_of)
    return on_plans[0] + looked_after[0], on_plans[1] + looked_after[1]
