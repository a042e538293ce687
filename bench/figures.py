"""The whole indicator set as of a date: figures in SQL against figures counted from rows, and a
plain scan of the same tables in the same run (the floor the database sets).

    HEARTH_SQLITE_PATH=/tmp/sqlfig.sqlite3 .venv/bin/python bench/figures.py [YYYY-MM-DD] [--quick]
    DATABASE_URL=postgres://... HEARTH_SECRET_KEY=... .venv/bin/python bench/figures.py [YYYY-MM-DD] [--quick]

--buffers (PostgreSQL): each query of the indicator set as of the date and the same day last year
run again under EXPLAIN (ANALYZE, BUFFERS): the database's own execution time and the pages it
touched (shared buffers hit or read), which unlike time do not depend on the machine's load; the
indicators whose queries touch most.
--calls: what does not depend on the machine's load: the queries, the characters of SQL and the
Python function calls (counted by cProfile) of the indicator set as of the date and at the
scorecard's three dates, each computation once, warmed up.
--quick: only the SQL path (the indicator set, the scorecard's three dates) and the scan, best of
five; not the rows, nor each indicator alone (minutes on a large council).

Prints, best of five runs, wall-clock time (on PostgreSQL the database's work is in another
process, so process time alone would flatter the SQL path) and this process's CPU time:
- the indicator set as of the date, every indicator worked out once inside one report computation
  (shared reads on, as the performance page and the published month do): with each indicator's SQL
  figure where it has one, then with every figure counted from its rows (as before this change);
- the scorecard's three dates (the date, the same day last year, the last month-end) the same two ways;
- a plain scan of the tables the indicator set reads: SELECT COUNT(*) and MIN() of a date on each;
- the ratio of the SQL path to the scan.
Then each indicator's own time with and without SQL (the slowest first), and which indicators have
no SQL figure yet.
"""

import cProfile
import dataclasses
import datetime
import json
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from hearth.calendar.days import ensure_calendar_days  # noqa: E402
from hearth.core.shared_reads import shared_reads  # noqa: E402
from hearth.frontdoor.models import Contact  # noqa: E402
from hearth.performance.catalogue import CATALOGUE  # noqa: E402
from hearth.performance.selectors import end_of_last_period, indicator_result, same_day_last_year  # noqa: E402

# The tables the indicator set reads, each with a date column to scan.
SCANNED = (
    ("frontdoor_contact", "received_at"),
    ("frontdoor_referral", "referral_date"),
    ("frontdoor_dipsampleitem", "reviewed_at"),
    ("assessment_assessment", "started_on"),
    ("cin_cinplan", "started_on"),
    ("cin_cinplanreview", "reviewed_on"),
    ("visits_visit", "visited_on"),
    ("protection_section47enquiry", "started_on"),
    ("protection_conference", "held_on"),
    ("protection_protectionplan", "started_on"),
    ("protection_coregroup", "held_on"),
    ("protection_escalationstep", "opened_on"),
    ("care_periodofcare", "started_on"),
    ("care_legalstatusspell", "started_on"),
    ("care_placement", "started_on"),
    ("care_careplan", "agreed_on"),
    ("duties_carereview", "held_on"),
    ("duties_healthcheck", "done_on"),
    ("leavers_careleavercontact", "contacted_on"),
    ("leavers_pathwayplanreview", "reviewed_on"),
    ("duties_sdq", "completed_on"),
    ("duties_healthstatus", "as_at"),
    ("missing_missingepisode", "started_at"),
    ("workforce_allocation", "started_on"),
    ("people_child", "date_of_birth"),
)


def timed(runs, action):
    """Best of the runs: (wall seconds, process seconds, result)."""
    best = None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if best is None or wall < best[0]:
            best = (wall, cpu, result)
    return best


def figures(indicators, days):
    with shared_reads():
        return [
            (i.id, r.numerator, r.denominator) for day in days for i in indicators for r in [indicator_result(i, day)]
        ]


def scan():
    with connection.cursor() as cursor:
        for table, column in SCANNED:
            cursor.execute(f"SELECT COUNT(*), MIN({column}) FROM {table}")  # noqa: S608 (names from the list above)
            cursor.fetchall()


def buffers(days) -> None:
    """The indicator set's queries at the days, each explained: execution time and pages touched."""
    by_indicator = {}
    with shared_reads():
        for indicator in CATALOGUE:
            with CaptureQueriesContext(connection) as queries:
                for day in days:
                    indicator_result(indicator, day)
            by_indicator[indicator.id] = [q["sql"] for q in queries.captured_queries]
    totals = {}
    for indicator_id, statements in by_indicator.items():
        executed, pages = 0.0, 0
        for sql in statements:
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
                plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            executed += plan[0]["Execution Time"]
            pages += plan[0]["Plan"].get("Shared Hit Blocks", 0) + plan[0]["Plan"].get("Shared Read Blocks", 0)
        totals[indicator_id] = (pages, executed, len(statements))
    print(
        f"indicator set at {', '.join(str(day) for day in days)}: {sum(t[2] for t in totals.values())} queries, "
        f"{sum(t[1] for t in totals.values()):.0f} ms executing in the database, "
        f"{sum(t[0] for t in totals.values())} pages touched"
    )
    for indicator_id, (pages, executed, count) in sorted(totals.items(), key=lambda item: -item[1][0])[:8]:
        print(f"  {indicator_id:<7} {pages:>7} pages {executed:8.1f} ms ({count} queries)")


def calls(days) -> None:
    """Queries, characters of SQL and Python function calls of the indicator set at the days."""
    profile = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        profile.enable()
        figures(CATALOGUE, days)
        profile.disable()
    sql = sum(len(query["sql"]) for query in queries.captured_queries)
    print(
        f"indicator set at {len(days)} date(s): {len(queries.captured_queries)} queries, {sql} characters of SQL, "
        f"{pstats.Stats(profile).total_calls} Python function calls"
    )


def line(label, wall, cpu):
    print(f"{label:<58} {wall * 1000:9.1f} ms wall {cpu * 1000:9.1f} ms CPU")


def main() -> None:
    arguments = [argument for argument in sys.argv[1:] if not argument.startswith("--")]
    quick = "--quick" in sys.argv[1:]
    as_of = datetime.date.fromisoformat(arguments[0]) if arguments else timezone.localdate()
    ensure_calendar_days(as_of)
    with_sql = list(CATALOGUE)
    from_rows = [dataclasses.replace(i, figure=None) for i in CATALOGUE]
    three = [as_of, same_day_last_year(as_of), end_of_last_period(as_of)]
    print(
        f"database: {connection.vendor}, {Contact.objects.count()} contacts; as of {as_of}; "
        f"{sum(1 for i in CATALOGUE if i.figure)} of {len(CATALOGUE)} indicators have a figure of their own"
    )
    if "--buffers" in sys.argv[1:]:
        buffers([as_of, same_day_last_year(as_of)])
        return
    if "--calls" in sys.argv[1:]:
        figures(CATALOGUE, three)  # warm: the calendar table, the clocks' settings, Django's caches
        calls([as_of])
        calls(three)
        return
    sql_wall, sql_cpu, sql_figures = timed(5, lambda: figures(with_sql, [as_of]))
    if quick:
        line("indicator set, SQL figures (rows where none)", sql_wall, sql_cpu)
        line("scorecard's three dates, SQL figures", *timed(5, lambda: figures(with_sql, three))[:2])
        scan_wall, scan_cpu, _ = timed(5, scan)
        line(f"plain scan of the same {len(SCANNED)} tables (COUNT, MIN)", scan_wall, scan_cpu)
        print(f"SQL path / scan: {sql_wall / scan_wall:.0f}x")
        return
    rows_wall, rows_cpu, rows_figures = timed(5, lambda: figures(from_rows, [as_of]))
    assert sql_figures == rows_figures, "the SQL figures differ from the rows' figures"
    line("indicator set, SQL figures (rows where none)", sql_wall, sql_cpu)
    line("indicator set, every figure counted from rows", rows_wall, rows_cpu)
    line("scorecard's three dates, SQL figures", *timed(3, lambda: figures(with_sql, three))[:2])
    line("scorecard's three dates, counted from rows", *timed(3, lambda: figures(from_rows, three))[:2])
    scan_wall, scan_cpu, _ = timed(5, scan)
    line(f"plain scan of the same {len(SCANNED)} tables (COUNT, MIN)", scan_wall, scan_cpu)
    print(f"SQL path / scan: {sql_wall / scan_wall:.0f}x; rows / scan: {rows_wall / scan_wall:.0f}x")
    print("each indicator alone, best of three, wall (CPU) ms: SQL figure / rows; slowest rows first:")
    timings = []
    for indicator in CATALOGUE:
        rows_time = timed(3, lambda i=indicator: figures([dataclasses.replace(i, figure=None)], [as_of]))[:2]
        sql_time = timed(3, lambda i=indicator: figures([i], [as_of]))[:2] if indicator.figure else None
        timings.append((rows_time, sql_time, indicator.id))
    for (rows_wall, rows_cpu), sql_time, indicator_id in sorted(timings, reverse=True):
        sql = f"{sql_time[0] * 1000:7.1f} ({sql_time[1] * 1000:6.1f})" if sql_time is not None else "   (rows)       "
        print(f"  {indicator_id:<7} {sql} / {rows_wall * 1000:7.1f} ({rows_cpu * 1000:6.1f})")
    print("no SQL figure yet: " + " ".join(i.id for i in CATALOGUE if i.figure is None))


if __name__ == "__main__":
    main()
