"""The working-day calendar as a table a query joins (CalendarDay), and the expressions that count
days in SQL with it, on PostgreSQL and SQLite alike.

The table is derived data: one row per date from FIRST_DAY to a few years ahead, each with its
number of working days since FIRST_DAY. It is rebuilt whenever the holiday list changes (its
fingerprint, the same key `current_calendar` watches) or a date beyond its end is asked for, so a
figure worked out in SQL can never use an older holiday list than the one worked out in Python.
The arithmetic is the same as hearth.calendar.workingdays: day 0 is the start date; the Nth
working day after it is the working day whose number is the start's number plus N (a start on a
weekend or holiday has the number of the working day before it, so the next working day is day 1).
"""

import calendar as _stdlib_calendar
import datetime
import functools

from django.db import connection, transaction
from django.db.models import Case, Count, DateField, F, Func, IntegerField, Max, Min, OuterRef, Subquery, Value, When
from django.db.models.functions import Cast, ExtractMonth, ExtractYear
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from hearth.calendar.models import BankHoliday, CalendarDay, CalendarTable
from hearth.calendar.workingdays import SATURDAY, TERM_LAST_MONTHS
from hearth.core.shared_reads import shared

FIRST_DAY = datetime.date(1990, 1, 1)
YEARS_AHEAD = 5  # due dates run at most a few years past the date asked about (24 months, P03)


def _fingerprint() -> str:
    held = BankHoliday.objects.aggregate(n=Count("id"), last=Max("loaded_at"), first=Min("date"), until=Max("date"))
    return f"{held['n']}|{held['first']}|{held['until']}|{held['last']}"


def _rows(holidays: set[datetime.date], last: datetime.date):
    day, number, working = FIRST_DAY, 0, 0
    while day <= last:
        is_working = day.weekday() < SATURDAY and day not in holidays
        working += is_working
        yield CalendarDay(
            date=day,
            day_number=number,
            working_days=working,
            is_working_day=is_working,
            month_index=day.year * 12 + day.month - 1,
            day_of_month=day.day,
            month_days=_stdlib_calendar.monthrange(day.year, day.month)[1],
        )
        day += datetime.timedelta(days=1)
        number += 1


def calendar_days_build(through: datetime.date | None = None) -> CalendarTable:
    """Rebuild the whole table from the holiday list, to the end of the year YEARS_AHEAD after the
    later of today, `through` and the last holiday (derived data: no audit row; the holiday load
    that changes it is audited)."""
    latest = max(d for d in (timezone.localdate(), through, BankHoliday.objects.aggregate(m=Max("date"))["m"]) if d)
    last = datetime.date(latest.year + YEARS_AHEAD, 12, 31)
    with transaction.atomic():
        CalendarTable.objects.all().delete()
        CalendarDay.objects.all().delete()
        holidays = set(BankHoliday.objects.values_list("date", flat=True))
        CalendarDay.objects.bulk_create(_rows(holidays, last), batch_size=2000)
        table = CalendarTable.objects.create(fingerprint=_fingerprint(), first=FIRST_DAY, last=last)
        if connection.vendor == "postgresql":
            # Fresh rows have no statistics until autovacuum comes round, and without them the
            # planner scans the whole table for each row's lookup instead of using the index.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {CalendarDay._meta.db_table}")
        return table


def ensure_calendar_days(through: datetime.date) -> None:
    """Make sure the table holds the current holiday list and reaches `through` plus the years
    ahead a due date can fall in; rebuild it if not."""
    _ensure_calendar_days_for(through.year)


@shared  # once per scorecard or report, and per year asked about: the table runs to a year's end,
# so the up-to-date plans page's 13 month-ends need two checks, not 13
def _ensure_calendar_days_for(year: int) -> None:
    needed = datetime.date(min(year + 3, datetime.MAXYEAR), 12, 31)
    table = CalendarTable.objects.first()
    if table is None or table.fingerprint != _fingerprint() or table.last < needed:
        calendar_days_build(datetime.date(year, 12, 31))  # the same table as for any day of the year


def _number_of(column: str, start) -> Subquery:
    """The CalendarDay column's value on the outer query's date `start` (a field name or expression)."""
    return Subquery(CalendarDay.objects.filter(date=OuterRef(start)).values(column)[:1], output_field=IntegerField())


# The expressions below are built once per (field, count) and reused: an expression is a template
# Django copies when a query takes it up (resolve_expression), never changed by a query, and building
# the lookups' querysets again for each figure was a tenth of the scorecard's Python time.
_built = functools.lru_cache(maxsize=512)


class _DateShift(Func):
    """A calendar shift of the outer query's date field, `days` later (a date plus an integer) or
    `months` later (a date plus an interval of months keeps the day of the month and clips it to the
    month's end, as workingdays.add_months does), written for the database the query is compiled
    for: PostgreSQL's own arithmetic, which needs no table (the figures count dozens of due dates a
    row, and each lookup in the table was two index probes: docs/performance.md, "The indicator set
    as of a date, and the calendar"); elsewhere (SQLite, whose date() carries 31 January + 1 month
    into March) the calendar table's lookup, `by_table`. Chosen when the query is compiled, not when
    the expression is built: the expressions are built once per process (_built) and a query may be
    compiled for any database alias."""

    output_field = DateField()

    def __init__(self, start: str, by_table, *, days: int = 0, months: int = 0):
        super().__init__(F(start), by_table)
        self.days, self.months = int(days), int(months)

    def as_sql(self, compiler, connection, **extra):
        return compiler.compile(self.source_expressions[1])

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        if self.months:
            return f"CAST({sql} + make_interval(months => {self.months}) AS date)", params
        return f"({sql} + {self.days})", params


@_built
def add_working_days_sql(start: str, days: int):
    """The date of working day `days` after the outer query's date field `start` (day 0)."""
    if days == 0:
        return F(start)
    target = CalendarDay.objects.filter(
        is_working_day=True, working_days=_number_of("working_days", OuterRef(start)) + days
    ).values("date")[:1]
    return Subquery(target, output_field=DateField())


@_built
def add_days_sql(start: str, days: int):
    """The date `days` calendar days after the outer query's date field `start`."""
    if days == 0:
        return F(start)
    target = CalendarDay.objects.filter(day_number=_number_of("day_number", OuterRef(start)) + days).values("date")[:1]
    return _DateShift(start, Subquery(target, output_field=DateField()), days=days)


@_built
def add_months_sql(start: str, months: int):
    """The same day of the month `months` later, clipped to the month's end (workingdays.add_months):
    on PostgreSQL its own month arithmetic; elsewhere the start's row, then in the month `months`
    later the last day not after the start's day of the month, one probe of the month's index each.
    The start is named once: it is often a subquery of its own (the last review), which the database
    works out again wherever the SQL names it."""
    if months == 0:
        return F(start)
    target = CalendarDay.objects.filter(
        month_index=OuterRef("month_index") + months, day_of_month__lte=OuterRef("day_of_month")
    )
    target = Subquery(target.order_by("-day_of_month").values("date")[:1], output_field=DateField())
    start_day = CalendarDay.objects.filter(date=OuterRef(start)).annotate(target=target)
    return _DateShift(start, Subquery(start_day.values("target")[:1], output_field=DateField()), months=months)


@_built
def add_terms_sql(start: str, terms: int):
    """workingdays.term_end in SQL: the last day of the school term `terms` after the one the outer
    query's date field `start` falls in (the month index of that term's last month, then its last day)."""

    def last_month_index(term_in_year: int):
        year, index = divmod(term_in_year + terms, 3)
        return Value(year * 12 + TERM_LAST_MONTHS[index] - 1)

    month = ExtractMonth(OuterRef(start))
    offset = Case(
        When(LessThanOrEqual(month, 3), then=last_month_index(0)),
        When(LessThanOrEqual(month, 8), then=last_month_index(1)),
        default=last_month_index(2),
        output_field=IntegerField(),
    )
    # The month's last day: its last row in the month's index, not a test of every day's month_days.
    target = CalendarDay.objects.filter(month_index=integer(ExtractYear(OuterRef(start)) * 12 + offset))
    return Subquery(target.order_by("-day_of_month").values("date")[:1], output_field=DateField())


def integer(expression):
    """The expression as an integer column's type. PostgreSQL's EXTRACT gives a numeric, and a
    numeric compared with CalendarDay's integer columns casts the column, so the lookup scans the
    whole table (20,000 rows) instead of using its index: once per row of the outer query."""
    return Cast(expression, IntegerField())


class _DateKey(Func):
    """The date written yyyymmdd, as an integer: one formatting of the date, where its year, month
    and day taken apart named it three times (a subquery, such as the last health assessment, the
    database then works out three times)."""

    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(to_char({sql}, 'YYYYMMDD') AS integer)", params

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(strftime(%s, {sql}) AS integer)", ["%Y%m%d", *params]


def date_key(field: str):
    """The date as the integer yyyymmdd: the difference of two keys divided by 10,000 (rounded down)
    is the age in whole years as workingdays.age_on counts it (a 29 February birthday comes on
    1 March in other years)."""
    return _DateKey(F(field))
