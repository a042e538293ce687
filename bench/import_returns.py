"""The import of past returns (issue 16): a built council's children in need census (every year from
its first referral) and SSDA903 (every year from its first period of care) exported, the council
rolled back, and the files imported into the empty database as the Import page's run imports one
zip (both returns together, through Hearth's services), timed; rows (903 CSV rows, census children and
their CIN episodes) a second.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hearth_bench .venv/bin/python bench/import_returns.py \
        [--seed 7] [--months 3] [--contacts 30] [--zip returns.zip] [--profile import.prof]

--zip keeps the exported returns in that file (and reads them from it when it exists, skipping the
council's build); --profile writes the import's cProfile statistics there and prints the queries it
made, the most frequent first (the statement with its values left out).

The database must be migrated and empty of children; nothing is left in it (both the council and the
import are rolled back). Prints the years, the rows read, the children created, the import's wall
clock and CPU time, and rows a second.
"""

import argparse
import contextlib
import cProfile
import csv
import datetime
import io
import os
import re
import sys
import time
import traceback
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--months", type=int, default=3)
    parser.add_argument("--contacts", type=int, default=30)
    parser.add_argument("--zip", type=Path, default=None)
    parser.add_argument("--profile", type=Path, default=None)
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    import django

    django.setup()
    import time_machine
    from django.db import transaction

    from hearth.migration.import_runs import import_run_execute, import_run_request
    from hearth.migration.tests.cin_census_files import zipped
    from hearth.migration.tests.helpers import add_workers
    from hearth.testing.journeys import make_staff

    today = datetime.date(2026, 5, 15)
    evening = datetime.datetime(2026, 5, 15, 18, tzinfo=datetime.UTC)

    if options.zip and options.zip.exists():
        content = options.zip.read_bytes()
    else:
        content = zipped(_exported(options, today, evening))
        if options.zip:
            options.zip.write_bytes(content)
    try:
        with transaction.atomic(), time_machine.travel(evening):
            from django.contrib.auth import get_user_model

            staff = make_staff()
            add_workers(staff.north, *_social_worker_numbers(content))  # as docs/migration.md asks, before importing
            admin = get_user_model().objects.create_superuser("bench-admin", password=None)
            run = import_run_request(
                actor=admin,
                upload=content,
                upload_name="bench.zip",
                dry_run=False,
                # A child the services refuse is left out (and listed), not the whole import: the
                # figure is of the children imported, as on a council's real run.
                leave_out_bad_children=True,
                team_id=staff.north.pk,
                worker_id=staff.social_worker.pk,
                chair_id=staff.iro.pk,
            )
            with _measured(options.profile) as timing:
                run = import_run_execute(run.pk)
            report = run.report
            raise Rollback
    except Rollback:
        pass
    wall, cpu = timing["wall"], timing["cpu"]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
    print(f"files: {len(names)}, years: {', '.join(sorted({name.split('/')[0] for name in names}))}")
    print(f"status: {run.status}; rows read (903 rows, census children and CIN episodes): {run.rows_read}")
    for problem in report.get("refused", [])[:5]:
        print(f"refused: {problem['file']} line {problem['line']} {problem['column']}: {problem['reason']}")
    print(
        f"children created: {report.get('children_created')}; facts created: {sum(report.get('created', {}).values())}"
    )
    for left_out in report.get("left_out", []):
        reasons = "; ".join(f"{p['file']} line {p['line']}: {p['reason']}" for p in left_out["problems"])
        print(f"left out: {left_out['child']} ({reasons})")
    print(f"import: {wall:.1f} s wall, {cpu:.1f} s CPU (this process); {run.rows_read / wall:.1f} rows a second")
    if timing.get("queries") is not None:
        queries = timing["queries"]
        print(f"queries: {sum(queries.values())} ({sum(queries.values()) / max(run.rows_read, 1):.1f} a row read)")
        for statement, count in queries.most_common(25):
            print(f"{count:7d}  {statement[:160]}")
        print("asked for by:")
        for caller, count in timing["callers"].most_common(40):
            print(f"{count:7d}  {caller}")


class Rollback(Exception):
    pass


def _social_worker_numbers(content: bytes) -> list[str]:
    """The registration numbers (SW_ID) the SWEpisodes files name: the council's social workers."""
    numbers = set()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if "swepisodes" in name.lower():
                rows = csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig")))
                numbers |= {row["SW_ID"] for row in rows if row.get("SW_ID")}
    return sorted(numbers)


@contextlib.contextmanager
def _measured(profile_path: Path | None):
    """The import's wall clock and CPU time; with a profile path, its cProfile statistics (written
    there) and its queries counted by statement."""
    from django.db import connection

    timing: dict = {}
    queries: Counter = Counter()
    callers: Counter = Counter()

    def count(execute, sql, params, many, context):
        queries[re.sub(r"\s+", " ", sql)] += 1
        callers[_hearth_caller()] += 1
        return execute(sql, params, many, context)

    profiler = cProfile.Profile() if profile_path else None
    wall, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(count) if profile_path else contextlib.nullcontext():
        if profiler:
            profiler.enable()
        try:
            yield timing
        finally:
            if profiler:
                profiler.disable()
    timing["wall"], timing["cpu"] = time.perf_counter() - wall, time.process_time() - cpu
    if profiler:
        profiler.dump_stats(profile_path)
        timing["queries"], timing["callers"] = queries, callers


def _hearth_caller() -> str:
    """Where in Hearth a query was asked for: the innermost frame of Hearth's own code, and the frame
    of the import (hearth/migration) that led to it."""
    frames = [frame for frame in traceback.extract_stack()[:-3] if "/hearth/" in frame.filename]
    innermost = frames[-1] if frames else None
    importer = next((f for f in reversed(frames) if "/hearth/migration/" in f.filename), None)
    named = [
        f"{Path(f.filename).parent.name}/{Path(f.filename).name}:{f.lineno} {f.name}"
        for f in (innermost, importer)
        if f
    ]
    return " <- ".join(dict.fromkeys(named))


def _exported(options, today, evening) -> dict[str, bytes]:
    """The built council's returns, every year, by their path in the zip; the council rolled back."""
    import time_machine
    from django.db import transaction

    from hearth.care.models import PeriodOfCare
    from hearth.frontdoor.models import Referral
    from hearth.migration.reading import collection_label
    from hearth.returns.cin_census.export import census_file_name, export_cin_census
    from hearth.returns.ssda903.export import export_903
    from hearth.simulate.council import Simulation

    files = {}
    try:
        with transaction.atomic(), time_machine.travel(evening):
            Simulation(seed=options.seed, today=today, months=options.months, contacts_per_month=options.contacts).run()
            first = Referral.objects.order_by("referral_date").first().referral_date
            first_year = first.year + 1 if first.month >= 4 else first.year
            for year in range(first_year, 2027):
                files[f"{collection_label(year)}/{census_file_name(year)}"] = export_cin_census(year)
            first_care = PeriodOfCare.objects.order_by("started_on").first().started_on
            for year in range(first_care.year + 1 if first_care.month >= 4 else first_care.year, 2027):
                for name, content in export_903(year).items():
                    files[f"{collection_label(year)}/{name}"] = content
            raise Rollback
    except Rollback:
        pass
    return files


if __name__ == "__main__":
    main()
