"""When a statutory visit falls due, by the kind of plan the child is on: the one definition.

Children on a child in need plan: rule T09N (local standard, 20 working days by default).
Children on a child protection plan: rule T09 (local standard, 10 working days by default).
Looked-after children: the interval follows the current placement (T12-T15, CPPCR reg 28), with the
council's own standard for all placements beside it (T13L); hearth/duties/due_dates.py picks the rule.
The next visit is due that interval after the last ACTUAL visit at which the child was seen
(DOMAIN 3.1), or after the plan's start before any such visit. A visit where the child was not
seen, or that could not happen, does not stop the clock. The worklist's "visit due" and the
visits indicators both ask this module.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from hearth.calendar.workingdays import add_months
from hearth.cin.timeliness import due_by_local_standard
from hearth.timescales.selectors import Clock, Clocks, DueDate, clock


class PlanKind(StrEnum):
    CHILD_IN_NEED = "CIN"
    CHILD_PROTECTION = "CP"
    LOOKED_AFTER = "LAC"


VISIT_RULES = {PlanKind.CHILD_IN_NEED: "T09N", PlanKind.CHILD_PROTECTION: "T09"}
LOCAL_VISIT_RULE = "T13L"  # the council's own standard for every looked-after child


def visit_clock(plan_kind: PlanKind | str) -> Clock:
    kind = PlanKind(plan_kind)
    if kind not in VISIT_RULES:
        raise ValueError(f"{kind} visits follow the placement, not one rule: ask plan_visit_due")
    return clock(VISIT_RULES[kind])


def next_visit_due(
    plan_kind: PlanKind | str,
    plan_start: datetime.date,
    last_seen_visit: datetime.date | None,
    rule_clock: Clock | None = None,
) -> datetime.date:
    """The date the next visit must happen by. `last_seen_visit` is the date of the last visit at
    which the child was seen (None if none); a visit before the plan began does not count."""
    if rule_clock is not None and PlanKind(plan_kind) not in VISIT_RULES:
        raise ValueError(f"{plan_kind} visits follow the placement, not one rule: ask plan_visit_due")
    runs_from = plan_start if last_seen_visit is None or last_seen_visit < plan_start else last_seen_visit
    return due_by_local_standard(rule_clock or visit_clock(plan_kind), runs_from)


def visits_in_timescale(
    plan_kind: PlanKind | str,
    plan_start: datetime.date,
    last_seen_visit: datetime.date | None,
    as_of: datetime.date,
    rule_clock: Clock | None = None,
) -> bool:
    """Whether, on as_of, the child has been seen within the plan's visiting interval (a child whose
    first visit is not yet due counts as in timescale; one whose visit is overdue does not)."""
    return as_of <= next_visit_due(plan_kind, plan_start, last_seen_visit, rule_clock)


# Looked-after children (CPPCR reg 28) -----------------------------------------------------------


def visit_rule_id(placement_start: datetime.date, last_seen: datetime.date | None, long_term_until_18: bool) -> str:
    """Which of reg 28's intervals applies to the next visit: T12 until the child is first seen in this
    placement; then T13 while the last visit fell in the placement's first year; after that T14 for a
    placement with the recorded decision that it lasts until 18, else T15."""
    if last_seen is None or last_seen < placement_start:
        return "T12"
    if last_seen < add_months(placement_start, 12):
        return "T13"
    return "T14" if long_term_until_18 else "T15"


def visit_due(
    placement_start: datetime.date,
    last_seen: datetime.date | None,
    long_term_until_18: bool,
    clocks: Clocks | None = None,
) -> DueDate:
    """The national minimum (reg 28) for the current placement: a visit before it began does not count."""
    rule_id = visit_rule_id(placement_start, last_seen, long_term_until_18)
    runs_from = placement_start if rule_id == "T12" else last_seen
    rule_clock = (Clocks() if clocks is None else clocks)[rule_id]
    return DueDate(rule_clock.due(runs_from), runs_from, rule_clock)


def local_visit_due(
    care_start: datetime.date, last_seen: datetime.date | None, clocks: Clocks | None = None
) -> DueDate:
    """The council's own standard for every looked-after child (T13L, six weeks unless it sets
    another), from the last visit at which the child was seen in this period of care, or its start."""
    runs_from = care_start if last_seen is None or last_seen < care_start else last_seen
    rule_clock = (Clocks() if clocks is None else clocks)[LOCAL_VISIT_RULE]
    return DueDate(due_by_local_standard(rule_clock, runs_from), runs_from, rule_clock)


@dataclass(frozen=True)
class VisitDue:
    due: datetime.date
    rule: str
    local_due: datetime.date | None = None
    local_rule: str | None = None


def plan_visit_due(plan, last_seen_visit: datetime.date | None, clocks: dict | None = None) -> VisitDue:
    """The next visit for any plan offered to visits (hearth/visits/plans.py VisitedPlan), with the
    rule that set it: for a looked-after child the national minimum for the placement, and the
    council's own standard beside it; for a CIN or CP plan the plan's local standard."""
    from hearth.cin.timeliness import describe_local_standard

    clocks = {} if clocks is None else clocks
    if PlanKind(plan.kind) is PlanKind.LOOKED_AFTER:
        care_clocks = clocks.setdefault("care", Clocks())
        national = visit_due(plan.started_on, last_seen_visit, plan.long_term_until_18, care_clocks)
        local = local_visit_due(plan.care_started_on or plan.started_on, last_seen_visit, care_clocks)
        return VisitDue(national.due, national.rule, local.due, describe_local_standard(local.clock))
    rule_clock = clocks.setdefault(plan.kind, visit_clock(plan.kind))
    due = next_visit_due(plan.kind, plan.started_on, last_seen_visit, rule_clock)
    return VisitDue(due, describe_local_standard(rule_clock))
