"""When a statutory visit falls due, by the kind of plan the child is on: the one definition.

Children on a child in need plan: rule T09N (local standard, 20 working days by default).
Children on a child protection plan: rule T09 (local standard, 10 working days by default).
The next visit is due that interval after the last ACTUAL visit at which the child was seen
(DOMAIN 3.1), or after the plan's start before any such visit. A visit where the child was not
seen, or that could not happen, does not stop the clock. The worklist's "visit due" and the
visits indicators both ask this module.
"""

import datetime
from enum import StrEnum

from hearth.cin.timeliness import due_by_local_standard
from hearth.timescales.selectors import Clock, clock


class PlanKind(StrEnum):
    CHILD_IN_NEED = "CIN"
    CHILD_PROTECTION = "CP"


VISIT_RULES = {PlanKind.CHILD_IN_NEED: "T09N", PlanKind.CHILD_PROTECTION: "T09"}


def visit_clock(plan_kind: PlanKind | str) -> Clock:
    return clock(VISIT_RULES[PlanKind(plan_kind)])


def next_visit_due(
    plan_kind: PlanKind | str,
    plan_start: datetime.date,
    last_seen_visit: datetime.date | None,
    rule_clock: Clock | None = None,
) -> datetime.date:
    """The date the next visit must happen by. `last_seen_visit` is the date of the last visit at
    which the child was seen (None if none); a visit before the plan began does not count."""
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
