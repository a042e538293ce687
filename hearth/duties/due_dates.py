"""When a looked-after child's statutory duties fall due: visits, reviews, health assessments and
dental checks. The one definition: the child's page, the worklists and the indicators all ask here,
and every date comes from the timescales rules (T12-T15, T13L, T18-T23); nothing here counts days.

Recurring duties run from the last ACTUAL event (DOMAIN 3.1): a late review or check restarts the
clock from the day it happened. A refused health check is not a check done, so it stops no clock.
"""

import datetime
from collections.abc import Iterable

from hearth.calendar.workingdays import age_on
from hearth.timescales.selectors import Clocks, DueDate

# The looked-after child's visits fall due by reg 28's intervals, which visits owns with the other
# plans' visiting rules; named here too, beside the other duties' due dates.
from hearth.visits.timeliness import LOCAL_VISIT_RULE, local_visit_due, visit_due, visit_rule_id  # noqa: F401

DUTY_RULES = ("T12", "T13", "T14", "T15", "T13L", "T18", "T19", "T20", "T21", "T22U", "T22", "T23")


def _clocks(clocks: Clocks | None) -> Clocks:
    return Clocks() if clocks is None else clocks


# Reviews -----------------------------------------------------------------------------------------


def reviews_with_due_dates(
    care_start: datetime.date, held: Iterable[datetime.date], clocks: Clocks | None = None
) -> list[tuple[datetime.date, datetime.date]]:
    """Each review held, oldest first, with the date it was due: the first 20 working days from
    becoming looked after (T18), the second 3 months after the first (T19), later ones 6 months after
    the one before (T20)."""
    clocks = _clocks(clocks)
    result = []
    due = clocks["T18"].due(care_start)
    for number, held_on in enumerate(sorted(held), start=1):
        result.append((held_on, due))
        due = clocks["T19" if number == 1 else "T20"].due(held_on)
    return result


def review_due(care_start: datetime.date, held: Iterable[datetime.date], clocks: Clocks | None = None) -> DueDate:
    clocks = _clocks(clocks)
    held = sorted(held)
    if not held:
        return DueDate(clocks["T18"].due(care_start), care_start, clocks["T18"])
    rule_clock = clocks["T19" if len(held) == 1 else "T20"]
    return DueDate(rule_clock.due(held[-1]), held[-1], rule_clock)


# Health ------------------------------------------------------------------------------------------


def initial_health_assessment_due(care_start: datetime.date, clocks: Clocks | None = None) -> DueDate:
    rule_clock = _clocks(clocks)["T21"]
    return DueDate(rule_clock.due(care_start), care_start, rule_clock)


def health_assessment_due(
    care_start: datetime.date,
    assessments: Iterable[datetime.date],
    date_of_birth: datetime.date | None,
    clocks: Clocks | None = None,
) -> DueDate:
    """The next health assessment: the initial one (T21) before any is done, then a review 6 months
    after the last (T22U) if the child was under 5 on that day, else 12 months (T22). A child whose
    date of birth is not known gets the shorter interval, so no young child is missed."""
    done = [day for day in assessments if day >= care_start]
    if not done:
        return initial_health_assessment_due(care_start, clocks)
    last = max(done)
    age = age_on(date_of_birth, last)
    rule_clock = _clocks(clocks)["T22U" if age is None or age < 5 else "T22"]
    return DueDate(rule_clock.due(last), last, rule_clock)


def dental_check_due(
    care_start: datetime.date, checks: Iterable[datetime.date], clocks: Clocks | None = None
) -> DueDate:
    """The next dental check: 12 months after the last (T23), or after becoming looked after."""
    runs_from = max((day for day in checks if day >= care_start), default=care_start)
    rule_clock = _clocks(clocks)["T23"]
    return DueDate(rule_clock.due(runs_from), runs_from, rule_clock)
