"""What an indicator is: the declaration every area app uses to add its indicators to the catalogue.

Kept apart from catalogue.py so that an app's `indicators.py` can declare indicators without
importing the catalogue (which imports every app's indicators).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, Q

from hearth.core import collection_years
from hearth.core.services import london_datetime


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "higher is better"
    LOWER_IS_BETTER = "lower is better"
    CONTEXT = "contextual"


class Period(StrEnum):
    YEAR_TO_DATE = "year to date (from 1 April)"
    AS_AT = "as at the date"
    THREE_YEARS = "the three years to the date"


# The units an indicator's value is in: "count", "%" and a rate per 10,000 children aged 0-17 (whose
# denominator is the council's population setting, performance.models.ChildPopulation), and an
# average number of days (the adoption scorecard's A1, A2, A10): its numerator is the days of all
# its rows added up (each row's `days`), its denominator the rows.
RATE_PER_10000 = "per 10,000"
AVERAGE_DAYS = "days"  # an average (the published months keep the unit in 10 characters)
# An average number of children per worker (W01, the average caseload): each row a worker, its `days`
# the children they held (docs/decisions/0009-worker-rows.md).
AVERAGE_CHILDREN = "children"
AVERAGES = frozenset({AVERAGE_DAYS, AVERAGE_CHILDREN})

# What an indicator's rows are: children (every indicator but the workforce's), or workers, whose rows
# name no child (child_id None) and are listed in the drill-down with their team (docs/decisions/0009).
CHILDREN = "children"
WORKERS = "workers"


@dataclass(frozen=True)
class Row:
    """One member of an indicator's denominator: a child, or (child_id None) something that is not
    a child's record, such as a foster carer household, with `link` to its page (the fostering
    sufficiency indicators); the drill-down lists such rows to whoever may drill down."""

    subject: str
    child_id: int | None  # None for a row that is not a child's: a worker's (rows_are WORKERS), a household's
    child_name: str
    worker: str
    team: str
    started: datetime.date | datetime.datetime
    due: datetime.date | datetime.datetime | None
    stopped: datetime.date | datetime.datetime | None
    counted: bool
    days: int | None = None  # an average's quantity for this row, days or children held (its figure adds them up)
    # The row's weight in a percentage (its figure adds up the weights): 1, but W04 weighs a worker by
    # their FTE in hundredths (a worker at 0.8 FTE weighs 80), so the share is of FTE, not of heads.
    weight: int = 1
    link: str = ""  # the page of a row that is not a child (a household's)


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    definition: str
    source: str
    polarity: Polarity
    unit: str
    period: Period
    counts: str  # what the denominator is made of: contacts, assessments, children
    rows: Callable[[datetime.date], list[Row]]
    counted_label: str = "In timescale"  # what being in the numerator means, for the drill-down
    # The Corporate Parenting Panel report's section this indicator appears in ("Looked-after
    # children", "Care leavers"); empty for indicators that are not the panel's.
    corporate_parenting_section: str = ""
    # The figure worked out in the database: (rows counted, rows) as of a date, the same two numbers
    # `rows` gives (a test holds them equal on a built council), from one or a few aggregate queries
    # instead of a row per member of the denominator (docs/decisions/0008-figures-in-sql.md). None:
    # the figure is counted from the rows.
    figure: Callable[[datetime.date], tuple[int, int]] | None = None
    rows_are: str = CHILDREN  # or WORKERS: rows naming a worker and their team, no child
    # Where the measure came from, for the next engineer and docs/indicators.md (the papers it was
    # taken from, the docs that explain it). Never shown in the product: `source` is what readers see
    # (the statute, the DfE collection, or "Local measure").
    evidence: str = ""


# The earliest date figures can be asked for: the Children Act 1989 came into force on 14 October
# 1991, and every measure counts back from the date (12 months, a care leaver's 21 years), so an
# earlier date means nothing and the first years of the calendar cannot be counted back from.
EARLIEST_AS_OF = datetime.date(1991, 10, 14)


def year_start(as_of: datetime.date) -> datetime.date:
    """1 April of the statutory year (1 April to 31 March) that contains as_of."""
    return collection_years.year_start_of(as_of)


def three_years_start(as_of: datetime.date) -> datetime.date:
    """The first day of the three years that end on as_of (the adoption scorecard's three-year
    averages): 1 April 2021 for 31 March 2024."""
    try:
        return as_of.replace(year=as_of.year - 3) + datetime.timedelta(days=1)
    except ValueError:  # 29 February
        return datetime.date(as_of.year - 3, 3, 1)


def period_start(period: Period, as_of: datetime.date) -> datetime.date:
    """The first day an indicator of this period counts from, for a figure as of the date."""
    return three_years_start(as_of) if period == Period.THREE_YEARS else year_start(as_of)


def end_of_day(day: datetime.date) -> datetime.datetime:
    return london_datetime(day + datetime.timedelta(days=1), datetime.time(0, 0))


def year_to_date_bounds(as_of: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """From the start of 1 April to the end of as_of, as aware datetimes."""
    return end_of_day(year_start(as_of) - datetime.timedelta(days=1)), end_of_day(as_of)


def counted_figure(queryset, counted: Q | None = None) -> tuple[int, int]:
    """(rows counted, rows) of a queryset with one row per member of the denominator, in one
    aggregate query; `counted` is the numerator's condition (None: every row counts)."""
    totals = queryset.aggregate(
        rows=Count("pk"), counted=Count("pk", filter=counted) if counted is not None else Count("pk")
    )
    return totals["counted"], totals["rows"]
