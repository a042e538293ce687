"""When a looked-after child's statutory duties fall due: visits, reviews, health assessments and
dental checks. The one definition: the child's page, the worklists and the indicators all ask here,
and every date comes from the timescales rules (T12-T15, T13L, T18-T23, T35, T36); nothing here counts
days.

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

DUTY_RULES = ("T12", "T13", "T14", "T15", "T13L", "T18", "T19", "T20", "T21", "T22U", "T22", "T23", "T35", "T36")


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
    held = sorted(held)
    return next_review_due(care_start, len(held), held[-1] if held else None, clocks)


def next_review_due(
    care_start: datetime.date, reviews_held: int, last_held: datetime.date | None, clocks: Clocks | None = None
) -> DueDate:
    """review_due from how many reviews the period has had and the last one's date: all it depends
    on (a list of many children reads these two per child, not every review)."""
    clocks = _clocks(clocks)
    if not reviews_held:
        return DueDate(clocks["T18"].due(care_start), care_start, clocks["T18"])
    rule_clock = clocks["T19" if reviews_held == 1 else "T20"]
    return DueDate(rule_clock.due(last_held), last_held, rule_clock)


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


def next_health_assessment_due(
    care_start: datetime.date,
    initial_done: bool,
    assessments: Iterable[datetime.date],
    date_of_birth: datetime.date | None,
    clocks: Clocks | None = None,
) -> DueDate:
    """The health assessment the child's page and the IRO's list show as next: the initial one
    (T21) until an initial assessment is done (not refused), then health_assessment_due's review."""
    if not initial_done:
        return initial_health_assessment_due(care_start, clocks)
    return health_assessment_due(care_start, assessments, date_of_birth, clocks)


def dental_check_due(
    care_start: datetime.date, checks: Iterable[datetime.date], clocks: Clocks | None = None
) -> DueDate:
    """The next dental check: 12 months after the last (T23), or after becoming looked after."""
    runs_from = max((day for day in checks if day >= care_start), default=care_start)
    rule_clock = _clocks(clocks)["T23"]
    return DueDate(rule_clock.due(runs_from), runs_from, rule_clock)


# Personal education plans -------------------------------------------------------------------------
# School age, as the DfE's guidance on promoting the education of looked-after children reads it for
# PEPs: reception to year 11. A child starts reception on the 1 September after the 31 August by which
# they are 4 (the school year runs 1 September to 31 August) and leaves year 11 on the 31 August
# twelve school years later (docs/looked-after.md).

SCHOOL_YEARS = 12  # reception, then years 1 to 11


def school_age_window(date_of_birth: datetime.date | None) -> tuple[datetime.date, datetime.date] | None:
    """The first day of reception and the last day of year 11 (None when the date of birth is not known)."""
    if date_of_birth is None:
        return None
    reception = date_of_birth.year + (4 if date_of_birth.month < 9 else 5)
    return datetime.date(reception, 9, 1), datetime.date(reception + SCHOOL_YEARS, 8, 31)


def is_school_age(date_of_birth: datetime.date | None, day: datetime.date) -> bool:
    window = school_age_window(date_of_birth)
    return window is not None and window[0] <= day <= window[1]


def academic_year_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year if day.month >= 9 else day.year - 1, 9, 1)


def school_age_births(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The dates of birth of the children of school age on `day`, as a range (for a query): from
    1 September sixteen years before the school year's start to 31 August four years before it."""
    year = academic_year_start(day).year
    return datetime.date(year - 16, 9, 1), datetime.date(year - 4, 8, 31)


def pep_due(
    care_start: datetime.date,
    held: Iterable[datetime.date],
    date_of_birth: datetime.date | None,
    clocks: Clocks | None = None,
) -> DueDate:
    """The next personal education plan: before any in the period, 20 working days from becoming
    looked after or from starting reception, whichever is later (T35); then by the end of the term
    after the last one's (T36)."""
    clocks = _clocks(clocks)
    done = [day for day in held if day >= care_start]
    if done:
        last = max(done)
        return DueDate(clocks["T36"].due(last), last, clocks["T36"])
    window = school_age_window(date_of_birth)
    runs_from = max(care_start, window[0]) if window else care_start
    return DueDate(clocks["T35"].due(runs_from), runs_from, clocks["T35"])
