"""How long the Reconciliation page's figures take (issue 15): the returns exported from the record
(the 903 of the year and the two before, whose episodes L07 needs; the census of the year and the
one before, which holds the referrals a re-referral may follow) and set beside the catalogue's
figures for 31 March.

Run against the demo council (or any database named by DATABASE_URL / HEARTH_SQLITE_PATH):
    HEARTH_SQLITE_PATH=var/demo.sqlite3 .venv/bin/python bench/reconciliation.py [--year 2026] [--runs 3]
Prints, best of the runs, each part's CPU time (time.process_time: SQLite runs in the process, so
this is the whole cost, and it holds steady on a machine shared with other work) and wall clock,
and the figures compared and agreeing. Then, with --as-run, the same work as the page's background
run does it (hearth/returns/runner.py run_reconciliation: the progress recorded as it goes, the
figures kept), as a performance officer of the council asks for it: the run's cost over the parts'
is its progress writes and the kept JSON.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")

import django  # noqa: E402

django.setup()

from hearth.returns.reconciliation import read_returns, reconcile  # noqa: E402
from hearth.returns.services import current_collection_year  # noqa: E402


def timed(action):
    cpu, wall = time.process_time(), time.perf_counter()
    result = action()
    return result, time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=current_collection_year() - 1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--as-run", action="store_true", help="also time it as the page's background run")
    args = parser.parse_args()
    best = {}
    for _ in range(args.runs):
        source, *export = timed(lambda: read_returns(args.year))
        lines, *compare = timed(lambda source=source: reconcile(source))
        for part, times in (("export the returns", export), ("compare with the catalogue", compare)):
            best[part] = min(best.get(part, times), times)
    for part, (cpu, wall) in best.items():
        print(f"{part:30} cpu {cpu:6.2f} s   wall {wall:6.2f} s")
    total_cpu, total_wall = (sum(times[i] for times in best.values()) for i in (0, 1))
    print(f"{'the page (both)':30} cpu {total_cpu:6.2f} s   wall {total_wall:6.2f} s")
    compared = [line for line in lines if line.compared]
    print(
        f"{args.year - 1}-{args.year % 100:02d}: {len(lines)} figures, {len(compared)} with a catalogue entry, "
        f"{sum(1 for line in compared if line.agrees)} agree"
    )
    if args.as_run:
        as_a_run(args.year, args.runs)
    for line in compared:
        if not line.agrees:
            print(f"  {line.pair.key}: return {line.return_count}, catalogue {line.catalogue_count}")
            for d in line.differences:
                print(f"    {d.reference}: {d.in_return} / {d.in_catalogue}: {d.reason}")


def as_a_run(year: int, runs: int) -> None:
    """The background run end to end (each run kept, as the page keeps it), best of the runs."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hearth.returns.models import ReconciliationRun
    from hearth.returns.rules import may_run_returns
    from hearth.returns.runner import run_reconciliation
    from hearth.returns.services import reconciliation_run_request

    officer = next((user for user in get_user_model().objects.order_by("pk") if may_run_returns(user)), None)
    if officer is None:
        print("as a run: no performance officer on this council to ask for it")
        return
    best = None
    for _ in range(runs):
        run = reconciliation_run_request(actor=officer, collection_year=year, enqueue=False)
        with CaptureQueriesContext(connection) as queries:
            _, cpu, wall = timed(lambda run=run: run_reconciliation(run.pk))
        best = min(best or (cpu, wall, len(queries)), (cpu, wall, len(queries)))
        run.refresh_from_db()
        assert run.status == "DONE", run.error
    kept = len(ReconciliationRun.objects.get(pk=run.pk).lines)
    print(
        f"{'as the background run':30} cpu {best[0]:6.2f} s   wall {best[1]:6.2f} s   "
        f"({best[2]} queries, {kept} figures kept)"
    )


if __name__ == "__main__":
    main()
