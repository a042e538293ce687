"""Every indicator's SQL figure equals the figure counted from its rows, on a built council and
several dates, so the two can never drift (docs/decisions/0008-figures-in-sql.md). The hand-worked
tests of each indicator check the rows; this holds the SQL to them."""

import datetime

import pytest
import time_machine
from django.db import connection

from hearth.calendar.days import add_days_sql, add_months_sql, add_working_days_sql, ensure_calendar_days
from hearth.calendar.models import BankHoliday, CalendarDay
from hearth.calendar.selectors import current_calendar
from hearth.calendar.workingdays import add_months, latest_start_for
from hearth.core.shared_reads import shared_reads
from hearth.performance.catalogue import CATALOGUE
from hearth.performance.selectors import figure_from_rows, indicator_result
from hearth.simulate.council import Simulation

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 31)
# Four month-ends (one the year's last day, one in the year before) and a mid-month date.
DATES = (
    datetime.date(2025, 3, 31),
    datetime.date(2025, 9, 30),
    datetime.date(2025, 12, 31),
    datetime.date(2026, 2, 14),
    TODAY,
)


@pytest.fixture
def built_council():
    with time_machine.travel(datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)):
        Simulation(seed=2014, today=TODAY, months=14, contacts_per_month=25).run()
        yield


def test_the_sql_figure_equals_the_rows_figure_for_every_indicator_and_date(built_council):
    with_sql = [indicator for indicator in CATALOGUE if indicator.figure is not None]
    assert len(with_sql) >= 8
    differences = []
    counted_something = set()
    for as_of in DATES:
        with shared_reads():
            for indicator in with_sql:
                expected = figure_from_rows(indicator, as_of)
                got = indicator.figure(as_of)
                if got != expected:
                    differences.append(f"{indicator.id} as of {as_of}: SQL {got}, rows {expected}")
                if expected[1]:
                    counted_something.add(indicator.id)
                result = indicator_result(indicator, as_of)
                # The rows by their weight (1 each, but W04 weighs a worker by FTE: decision 0009).
                weighed = sum(row.weight for row in result.rows)
                if (result.numerator, weighed) != expected and indicator.unit != "per 10,000":
                    differences.append(f"{indicator.id} as of {as_of}: result {result.numerator}, rows {expected}")
    assert not differences, "\n".join(differences)
    # The council gives most indicators something to count, so the comparison means something.
    assert len(counted_something) >= len(with_sql) * 2 // 3, sorted({i.id for i in with_sql} - counted_something)


def test_days_counted_in_sql_match_the_working_calendar():
    """The CalendarDay lookups give the dates hearth.calendar.workingdays counts, holidays, weekends,
    month ends and leap days included; a new holiday rebuilds the table."""
    ensure_calendar_days(TODAY)
    calendar = current_calendar()
    starts = [
        datetime.date(2024, 1, 31),
        datetime.date(2024, 2, 29),
        datetime.date(2025, 12, 24),
        datetime.date(2026, 4, 4),
    ]
    for start in starts:
        row = CalendarDay.objects.filter(date=start)
        for days in (0, 1, 5, 15, 45):
            got = row.annotate(due=add_working_days_sql("date", days)).values_list("due", flat=True).get()
            assert got == calendar.add_working_days(start, days), (start, days)
            got = row.annotate(due=add_days_sql("date", days)).values_list("due", flat=True).get()
            assert got == start + datetime.timedelta(days=days)
        for months in (0, 1, 3, 6, 12, 24):
            got = row.annotate(due=add_months_sql("date", months)).values_list("due", flat=True).get()
            assert got == add_months(start, months), (start, months)
    # 2 January 2026 (a Friday) becomes a holiday: 5 working days from 31 December now end a day later.
    BankHoliday.objects.create(date=datetime.date(2026, 1, 2), title="Synthetic holiday", source="test")
    ensure_calendar_days(TODAY)
    row = CalendarDay.objects.filter(date=datetime.date(2025, 12, 31))
    assert row.annotate(due=add_working_days_sql("date", 5)).values_list("due", flat=True).get() == datetime.date(
        2026, 1, 9
    )


def test_calendar_days_and_months_are_written_for_the_database_the_query_is_compiled_for():
    """The expressions are built once per process (and cached), then compiled for whichever
    database runs the query: PostgreSQL's own date arithmetic there, the calendar table elsewhere
    (SQLite's date() carries 31 January + 1 month into March)."""
    from django.db.backends.postgresql.base import DatabaseWrapper as PostgreSQL
    from django.db.backends.sqlite3.base import DatabaseWrapper as SQLite

    row = CalendarDay.objects.annotate(a_week_on=add_days_sql("date", 7), a_month_on=add_months_sql("date", 1))
    for engine, arithmetic, looked_up in ((PostgreSQL, 2, False), (SQLite, 0, True)):
        database = engine({**connection.settings_dict, "NAME": "compiled-only", "OPTIONS": {}}, alias="compiled")
        sql, _ = row.query.get_compiler(connection=database).as_sql()
        assert sql.count("+ 7)") + sql.count("make_interval(months => 1)") == arithmetic, sql
        assert ("(SELECT" in sql) == looked_up, sql  # the calendar table's lookups are subqueries


def test_latest_start_for_bounds_a_date_of_birth_exactly():
    """The SQL figures compare a date of birth with latest_start_for(day, months) instead of working
    out each birthday: add_months(born, months) <= day exactly when born <= that bound."""
    # 29 February 2008 turns 17 on 28 February 2025 (add_months clips), so it is the latest birth
    # date 17 on 28 February 2025; 1 March 2008 is not.
    assert latest_start_for(datetime.date(2025, 2, 28), 12 * 17) == datetime.date(2008, 2, 29)
    assert latest_start_for(datetime.date(2025, 3, 1), 12 * 17) == datetime.date(2008, 3, 1)
    # 31 March + 6 months is 30 September, and so are 30 and 31 March: 31 March is the bound.
    assert latest_start_for(datetime.date(2025, 9, 30), 6) == datetime.date(2025, 3, 31)
    for day in (datetime.date(2024, 2, 29), datetime.date(2025, 1, 31), datetime.date(2026, 3, 31)):
        for months in (1, 48, 204, 252):
            bound = latest_start_for(day, months)
            assert add_months(bound, months) <= day < add_months(bound + datetime.timedelta(days=1), months)
