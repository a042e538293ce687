"""What an indicator is: the declaration every area app uses to add its indicators to the catalogue.

Kept apart from catalogue.py so that an app's `indicators.py` can declare indicators without
importing the catalogue (which imports every app's indicators).
"""

import datetime
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, Q, QuerySet, Subquery

from hearth.core import collection_years
from hearth.core.services import london_datetime
from hearth.core.shared_reads import shared, sharing


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


def counted_figure(queryset, counted: Q | None = None, member: Q | None = None) -> tuple[int, int]:
    """(rows counted, rows) of a queryset with one row per member of the denominator, in one
    aggregate query; `counted` is the numerator's condition (None: every row counts). `member`, where
    given, is the denominator's condition on the queryset's rows: a condition on a column worked out
    by a subquery costs less as a condition of the count than as a filter, which puts the subquery
    into the query again at each comparison, for Django to build and compile each time."""
    rows, counted_rows = _counts(member, counted)
    totals = queryset.aggregate(rows=rows, counted=counted_rows)
    return totals["counted"], totals["rows"]


def latest_sql(rows: QuerySet, column: str) -> Subquery:
    """The latest value of `column` among the rows (a correlated queryset: a child's visits, a
    period's reviews), NULL if none: what a Max grouped by the outer row gives, read as the first
    row in descending order. The database finds that row with one probe of an index ending in the
    column, where Max reads every row of the group (a looked-after child's years of visits), and the
    figures read such a column several times a row. NULLs are left out, as Max leaves them out."""
    rows = rows.filter(**{f"{column}__isnull": False}).order_by(f"-{column}")
    return Subquery(rows.values(column)[:1])


def _counts(member: Q | None, counted: Q | None) -> tuple[Count, Count]:
    """The rows in the denominator, and those of them counted, as two conditional counts."""
    both = [condition for condition in (member, counted) if condition is not None]
    return Count("pk", filter=member), Count("pk", filter=Q(*both) if both else None)


# A measure over a cohort shared with other indicators: given the cohort (a queryset) and the date,
# the cohort with the columns the measure reads (annotations only, never a filter), the condition
# for a row to be in its denominator (None: every row of the cohort) and its numerator's condition
# (None: every row it has counts).
Measure = Callable[[QuerySet, datetime.date], tuple[QuerySet, Q | None, Q | None]]


# A limit no cohort reaches. Counting from a limited query makes the database work out each row's
# columns once, then count: PostgreSQL otherwise folds the query into the count and works a column out
# again wherever a condition names it (first_due, in six of the looked-after cohort's counts).
EVERY_ROW = 2**62


# Set while a page asks for one indicator at many dates (the drill-down's trend of twelve month-ends):
# a measure of a shared cohort is then its own query, as outside a report. Inside a report one
# aggregate gives every measure of the cohort, worth it when every indicator is wanted; for one it
# worked out all fifteen looked-after measures at each date to read one (L03's trend, 0.4 s a date
# against 0.1 s alone on a council of 300 looked-after children).
_measures_alone: ContextVar[bool] = ContextVar("hearth_measures_alone", default=False)


@contextmanager
def measures_alone() -> Iterator[None]:
    """Within the block, each shared cohort's measure is worked out in a query of its own, even
    inside shared reads (core.shared_reads): for a page that wants one indicator, not all (a
    drill-down's trend; the up-to-date plans page, which asks L02 alone of the fifteen looked-after
    measures at up to thirteen dates)."""
    token = _measures_alone.set(True)
    try:
        yield
    finally:
        _measures_alone.reset(token)


class SharedCohort:
    """Indicators whose figures start from one cohort (the children looked after on the date, the OC2
    cohort), worked out together: inside a report computation (core.shared_reads: the scorecard, a
    published month) one aggregate query a date gives every measure's (counted, rows), two
    conditional counts each, where one by one each was a query of its own for Django to build and
    compile, and the database to plan (docs/performance.md, "Fewer, larger queries"). Asked alone
    (outside such a block: a hand-worked test, a single figure; or inside measures_alone: one
    indicator's trend), a measure is its own query, as before.

    `figure` declares one: a function of (cohort, date) giving a Measure's three parts becomes the
    indicator's figure, a function of the date. Measures combined in one query share its columns by
    name, so a column two measures read is built once (has_columns); a measure that gives an
    existing name a column of its own, or filters the cohort, is a mistake the combined query stops
    at with a clear message rather than counting wrongly."""

    def __init__(self, name: str, cohort: Callable[[datetime.date], QuerySet]):
        self.name = name
        self.cohort = cohort
        self.measures: list[Measure] = []

    def __repr__(self) -> str:
        return f"SharedCohort({self.name!r})"

    def figure(self, measure: Measure) -> Callable[[datetime.date], tuple[int, int]]:
        self.measures.append(measure)

        @functools.wraps(measure)
        def figure(as_of: datetime.date) -> tuple[int, int]:
            if sharing() and not _measures_alone.get():
                together = _figures_together(self, as_of)
                if measure in together:
                    return together[measure]
            return self.alone(measure, as_of)

        return figure

    def alone(self, measure: Measure, as_of: datetime.date) -> tuple[int, int]:
        """One measure's (counted, rows) in a query of its own."""
        cohort, member, counted = measure(self.cohort(as_of), as_of)
        return counted_figure(cohort, counted, member)

    def together(self, as_of: datetime.date) -> dict[Measure, tuple[int, int]]:
        """Every measure's (counted, rows) as of the date in one aggregate query."""
        cohort = self.cohort(as_of)
        counts = {}
        for index, measure in enumerate(self.measures):
            before = cohort
            cohort, member, counted = measure(cohort, as_of)
            self._check_columns(before, cohort, measure)
            counts[f"shared_{index}_rows"], counts[f"shared_{index}_counted"] = _counts(member, counted)
        totals = cohort[:EVERY_ROW].aggregate(**counts)
        return {
            measure: (totals[f"shared_{index}_counted"], totals[f"shared_{index}_rows"])
            for index, measure in enumerate(self.measures)
        }

    def _check_columns(self, before: QuerySet, after: QuerySet, measure: Measure) -> None:
        where = f"{self.name}'s measure {measure.__module__}.{measure.__qualname__}"
        if len(after.query.where.children) != len(before.query.where.children):
            raise ValueError(f"{where} filters the cohort: give the condition as its denominator's instead")
        for name, column in before.query.annotations.items():
            if after.query.annotations.get(name) is not column:
                raise ValueError(
                    f"{where} gives the column {name!r} a meaning of its own, but another measure of the "
                    "same query already has a column of that name: rename one, or share it (has_columns)"
                )


@shared  # once per cohort and date within a report computation
def _figures_together(cohort: SharedCohort, as_of: datetime.date) -> dict[Measure, tuple[int, int]]:
    return cohort.together(as_of)


def has_columns(queryset: QuerySet, *names: str) -> bool:
    """Whether the queryset already has these columns: measures of a SharedCohort combined in one
    query share the columns a helper builds the same way for each, built once."""
    return all(name in queryset.query.annotations for name in names)
