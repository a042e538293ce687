"""How long the performance page's figures take on a council's data.

Run against the demo council (or any database named by DATABASE_URL / HEARTH_SQLITE_PATH):
    HEARTH_SQLITE_PATH=var/demo.sqlite3 .venv/bin/python bench/indicators.py
Prints one line per indicator and the total, best of five runs.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.utils import timezone  # noqa: E402

from hearth.frontdoor.models import Contact  # noqa: E402
from hearth.performance.catalogue import CATALOGUE  # noqa: E402
from hearth.performance.selectors import indicator_result, scorecard  # noqa: E402


def best_of(runs, action):
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        timings.append(time.perf_counter() - started)
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
    seconds, _ = best_of(3, lambda: scorecard(as_of))
    print(f"performance page scorecard (all indicators now and a year ago): {seconds * 1000:.0f} ms")
    from django.conf import settings

    settings.DEBUG = True
    reset_queries()
    for indicator in CATALOGUE:
        indicator_result(indicator, as_of)
    print(f"queries for all indicators: {len(connection.queries)}")


if __name__ == "__main__":
    main()
