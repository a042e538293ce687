"""How long the performance page's figures take on a council's data.

Run against the demo council (or any database named by DATABASE_URL / HEARTH_SQLITE_PATH):
    HEARTH_SQLITE_PATH=var/demo.sqlite3 .venv/bin/python bench/indicators.py
Times are the process's CPU time (time.process_time: SQLite runs in the process, so this is the
whole cost, and it holds steady on a machine shared with other work, where the wall-clock time
does not), best of the runs. Prints one line per indicator and the total, best of five runs; then the performance page's
scorecard (every indicator now, at the same point last year and at the last month-end), best of
three, with its queries: as the database stands (comparisons from published months where there
are some) and as if no month had been published (every figure worked out from the record; the
published months are removed inside a transaction that is rolled back).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from hearth.frontdoor.models import Contact  # noqa: E402
from hearth.performance.catalogue import CATALOGUE  # noqa: E402
from hearth.performance.models import Snapshot, SnapshotFigure, SnapshotRow  # noqa: E402
from hearth.performance.selectors import end_of_last_period, indicator_result, same_day_last_year, scorecard  # noqa: E402


def best_of(runs, action):
    timings = []
    for _ in range(runs):
        started = time.process_time()
        result = action()
        timings.append(time.process_time() - started)
    return min(timings), result


def main() -> None:
    as_of = timezone.localdate()
    print(f"database: {connection.vendor}, {Contact.objects.count()} contacts; as of {as_of}")
    total = 0.0
    for indicator in CATALOGUE:
        seconds, result = best_of(5, lambda i=indicator: indicator_result(i, as_of))
        total += seconds
        print(f"{indicator.id}: {seconds * 1000:8.1f} ms  ({result.numerator}/{result.denominator})")
    print(f"all indicators: {total * 1000:.1f} ms")
    from django.conf import settings

    settings.DEBUG = True
    reset_queries()
    for indicator in CATALOGUE:
        indicator_result(indicator, as_of)
    print(f"queries for all indicators: {len(connection.queries)}")
    print(f"scorecard compares with {same_day_last_year(as_of)} and {end_of_last_period(as_of)}")
    scorecard_figures("as the database stands", as_of)
    with transaction.atomic():
        SnapshotRow.objects.all().delete()
        SnapshotFigure.objects.all().delete()
        Snapshot.objects.all().delete()
        scorecard_figures("with no month published", as_of)
        transaction.set_rollback(True)


def scorecard_figures(label: str, as_of) -> None:
    reset_queries()
    lines = scorecard(as_of)
    queries = len(connection.queries)
    published = sum(
        1 for line in lines for earlier in (line.last_year, line.last_period) if getattr(earlier, "published", None)
    )
    seconds, _ = best_of(5, lambda: scorecard(as_of))
    print(
        f"performance page scorecard, {label}: {seconds * 1000:.0f} ms, {queries} queries, "
        f"{published} of {2 * len(lines)} comparisons from a published month"
    )


if __name__ == "__main__":
    main()
