"""The import of past returns (issue 16): a built council's children in need census (every year from
its first referral) and SSDA903 (every year from its first period of care) exported, the council
rolled back, and the files imported into the empty database as the Import page's run imports one
zip (both returns together, through Hearth's services), timed; rows (903 CSV rows, census children and
their CIN episodes) a second.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hearth_bench .venv/bin/python bench/import_returns.py \
        [--seed 7] [--months 3] [--contacts 30]

The database must be migrated and empty of children; nothing is left in it (both the council and the
import are rolled back). Prints the years, the rows read, the children created, the import's wall
clock and CPU time, and rows a second.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--months", type=int, default=3)
    parser.add_argument("--contacts", type=int, default=30)
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    import django

    django.setup()
    import time_machine
    from django.db import transaction

    from hearth.care.models import PeriodOfCare
    from hearth.frontdoor.models import Referral
    from hearth.migration.import_runs import import_run_execute, import_run_request
    from hearth.migration.reading import collection_label
    from hearth.migration.tests.cin_census_files import zipped
    from hearth.returns.cin_census.export import census_file_name, export_cin_census
    from hearth.returns.ssda903.export import export_903
    from hearth.simulate.council import Simulation
    from hearth.testing.journeys import make_staff

    today = datetime.date(2026, 5, 15)
    evening = datetime.datetime(2026, 5, 15, 18, tzinfo=datetime.UTC)

    class Rollback(Exception):
        pass

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
    content = zipped(files)
    try:
        with transaction.atomic(), time_machine.travel(evening):
            from django.contrib.auth import get_user_model

            staff = make_staff()
            admin = get_user_model().objects.create_superuser("bench-admin", password=None)
            run = import_run_request(
                actor=admin,
                upload=content,
                upload_name="bench.zip",
                dry_run=False,
                leave_out_bad_children=False,
                team_id=staff.north.pk,
                worker_id=staff.social_worker.pk,
                chair_id=staff.iro.pk,
            )
            wall, cpu = time.perf_counter(), time.process_time()
            run = import_run_execute(run.pk)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            report = run.report
            raise Rollback
    except Rollback:
        pass
    print(f"files: {len(files)}, years: {', '.join(sorted({name.split('/')[0] for name in files}))}")
    print(f"status: {run.status}; rows read (903 rows, census children and CIN episodes): {run.rows_read}")
    print(
        f"children created: {report.get('children_created')}; facts created: {sum(report.get('created', {}).values())}"
    )
    print(f"import: {wall:.1f} s wall, {cpu:.1f} s CPU (this process); {run.rows_read / wall:.1f} rows a second")


if __name__ == "__main__":
    main()
