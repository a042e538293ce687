"""When a child in need plan's review falls due, and what "up to date" means: the one definition.

A plan is up to date on a date D when its last review on or before D (or, before any review, its
start) is within the review interval before D: rule T10, a local standard (no national timescale;
3 months typical). The worklist's "CIN plan review due" and indicator N01 both ask this module.
Recurring duties run from the last ACTUAL event (DOMAIN 3.1): a late review restarts the clock
from the day it was held, never from the day it was due.
"""

import datetime
from collections.abc import Iterable

from hearth.timescales.selectors import Clock, clock

REVIEW_RULE = "T10"


def due_by_local_standard(rule_clock: Clock, start: datetime.date) -> datetime.date:
    """For a rule with no national limit: the council's own standard if it set one, else the typical
    limit the rules table gives."""
    local = rule_clock.local_due(start)
    return local if local is not None else rule_clock.due(start)


def describe_local_standard(rule_clock: Clock) -> str:
    return rule_clock.explain_local() or rule_clock.explain()


def last_review_or_start(
    plan_start: datetime.date, review_dates: Iterable[datetime.date], as_of: datetime.date
) -> datetime.date:
    """The event the review clock runs from on as_of: the latest review held by then, else the start."""
    held = [day for day in review_dates if plan_start <= day <= as_of]
    return max(held, default=plan_start)


def review_due(
    plan_start: datetime.date,
    review_dates: Iterable[datetime.date],
    as_of: datetime.date,
    rule_clock: Clock | None = None,
) -> datetime.date:
    """When the next review is due, as seen on as_of."""
    runs_from = last_review_or_start(plan_start, review_dates, as_of)
    return due_by_local_standard(rule_clock or clock(REVIEW_RULE), runs_from)


def plan_up_to_date(
    plan_start: datetime.date,
    review_dates: Iterable[datetime.date],
    as_of: datetime.date,
    rule_clock: Clock | None = None,
) -> bool:
    """Whether the plan was reviewed (or started) within the review interval before as_of."""
    return as_of <= review_due(plan_start, review_dates, as_of, rule_clock)
