"""How long the SSDA903 return takes on a council with 1,000 looked-after children and 5 years of
history (issue 14): the export and the DfE's validator, each timed on its own.

    .venv/bin/python bench/returns_903.py [--database hearth_bench_903] [--runs 3] [--year 2026]
        [--build "--looked-after 1000 --months 60 --contacts-per-month 20"]
        [--url postgres://postgres@127.0.0.1:5432]

The council lives in its own PostgreSQL database and is kept between runs. If the database is
missing, or holds no council (a build that stopped rolls back whole), it is created, migrated and
built with `manage.py simulate` and the --build options (through the services, as every council;
the build's time is printed). The front door is kept small (20 contacts a month): the return reads
the looked-after children's record, not the contacts.

Then, for the last complete collection year (or --year), best and median of --runs:
- the export (export_903: every file built from the record), this year and the year before (the
  validator is given both, as the DfE's tool asks): wall clock, queries, and CPU time, both this
  process's (Hearth's Python) and the database's (its server process for this connection, read
  from /proc: PostgreSQL runs on the same machine here);
- the validation (validate_903), and within it the validator's subprocess (the DfE's tool in its
  own virtual environment): its wall clock and its own CPU time; and, apart, the subprocess's
  start-up alone (importing pandas and the tool's rules for the year, checking nothing).

With --replicate N, the validator is also timed on this year's and last year's files with every
child repeated N times under new CHILD ids (H1..., H2..., so no id meets another): the DfE's tool on
a return N times the size, with no council behind it. It tells how the validator's time grows with
the return's rows, without building a council that large; the failures it finds are not the record's.

On a machine shared with other work the wall clock measures the others as much as Hearth; the CPU
times do not, and, everything here being one thing after another, their sum is what the wall clock
would be on a quiet machine (the data is in memory after the first run).
"""

import argparse
import os
import resource
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_BUILD = "--looked-after 1000 --months 60 --contacts-per-month 20"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="hearth_bench_903")
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--build", default=DEFAULT_BUILD, help="simulate's options, if the council must be built")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--year", type=int, help="the year the collection ends (default: the last complete one)")
    parser.add_argument("--replicate", type=int, default=0, help="also validate the return with each child N times")
    options = parser.parse_args()
    os.environ["DATABASE_URL"] = f"{options.url}/{options.database}"
    # Hearth needs a key of its own with a PostgreSQL database: any will do for a benchmark council.
    os.environ.setdefault("HEARTH_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    ensure_council(options)
    import django

    django.setup()
    run(options.runs, options.year, options.replicate)


def ensure_council(options) -> None:
    with psycopg.connect(f"{options.url}/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [options.database]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{options.database}"')
    with psycopg.connect(f"{options.url}/{options.database}") as db:
        built = (
            db.execute("SELECT to_regclass('frontdoor_contact') IS NOT NULL").fetchone()[0]
            and db.execute("SELECT EXISTS (SELECT 1 FROM frontdoor_contact)").fetchone()[0]
        )
    if built:
        return
    manage = [sys.executable, str(ROOT / "manage.py")]
    print(f"Building the council in {options.database}: simulate {options.build}", flush=True)
    started, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([*manage, "migrate", "--verbosity", "0"], check=True)  # noqa: S603 (our own manage.py)
    subprocess.run([*manage, "simulate", *options.build.split()], check=True)  # noqa: S603
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"built in {time.perf_counter() - started:.0f} s wall, "
        f"{after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime:.0f} s CPU (migrate and simulate)",
        flush=True,
    )


def run(runs: int, year: int | None, replicate: int) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from hearth.care.models import PeriodOfCare
    from hearth.frontdoor.models import Contact
    from hearth.returns.ssda903 import validation
    from hearth.returns.ssda903.export import export_903
    from hearth.returns.ssda903.validation import validate_903

    today = timezone.localdate()
    if year is None:
        year = today.year if today.month >= 4 else today.year - 1
    periods = PeriodOfCare.objects
    first_start = periods.order_by("started_on").values_list("started_on", flat=True).first()
    print(
        f"council on {today}: {periods.filter(ended_on__isnull=True).count():,} looked after today, "
        f"{periods.count():,} periods of care (the first from {first_start}), "
        f"{Contact.objects.count():,} contacts; PostgreSQL {connection.pg_version}; {os.cpu_count()} cores, "
        "load average " + " ".join(f"{load:.1f}" for load in os.getloadavg())
    )
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]

    # The validator's subprocess, timed from inside validate_903 (the same function, measured).
    subprocess_runs = []
    run_validator = validation.run_validator

    def measured_run_validator(*args, **kwargs):
        before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        try:
            return run_validator(*args, **kwargs)
        finally:
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            subprocess_runs.append((time.perf_counter() - started, cpu))

    validation.run_validator = measured_run_validator

    def export(for_year):
        with CaptureQueriesContext(connection) as queries:
            started, cpu, db = time.perf_counter(), time.process_time(), process_cpu(backend)
            files = export_903(for_year)
            database_cpu[for_year].append(process_cpu(backend) - db)
            return files, time.perf_counter() - started, time.process_time() - cpu, len(queries)

    rows = {}
    timings = {"export this year": [], "export last year": [], "validate_903": [], "validator subprocess": []}
    cpus = {key: [] for key in timings}
    query_counts = {}
    database_cpu = {year: [], year - 1: []}
    for _ in range(runs):
        files, wall, cpu, queries = export(year)
        timings["export this year"].append(wall)
        cpus["export this year"].append(cpu)
        query_counts["export this year"] = queries
        previous, wall, cpu, queries = export(year - 1)
        timings["export last year"].append(wall)
        cpus["export last year"].append(cpu)
        query_counts["export last year"] = queries
        started, cpu = time.perf_counter(), time.process_time()
        result = validate_903(files, previous, collection_year=year, la_code=settings.HEARTH_LA_CODE)
        timings["validate_903"].append(time.perf_counter() - started)
        cpus["validate_903"].append(time.process_time() - cpu)  # Hearth's own part, in this process
        sub_wall, sub_cpu = subprocess_runs[-1]
        timings["validator subprocess"].append(sub_wall)
        cpus["validator subprocess"].append(sub_cpu)
        rows = {name: content.count(b"\n") - 1 for name, content in files.items()}
    # The validators' Python, as hearth/returns/validator_process.py runs it.
    startup = [validator_startup(Path(settings.HEARTH_VALIDATOR_PYTHON), year) for _ in range(runs)]

    episodes_children = len({line.split(b",")[0] for line in files["Episodes.csv"].splitlines()[1:]})
    print(
        f"return {year - 1}-{year % 100:02d}: {episodes_children:,} children in Episodes; rows "
        + ", ".join(f"{name.removesuffix('.csv')} {count:,}" for name, count in rows.items())
    )
    failures = sum(len(found) for found in result.failures_by_rule().values())
    print(
        f"validator: {len(result.rules_run)} rules run, {failures:,} failures of "
        f"{len(result.failures_by_rule())} rules, {len(result.not_checked)} rules not checked"
    )
    database_cpu = {"export this year": database_cpu[year], "export last year": database_cpu[year - 1]}
    print(f"\n{'':28}{'best wall':>12}{'median wall':>14}{'median CPU':>13}{'database CPU':>15}{'queries':>9}")
    for label, values in timings.items():
        cpu_label = " (Hearth's part, in this process)" if label == "validate_903" else ""
        db = f"{statistics.median(database_cpu[label]):>14.2f}s" if label in database_cpu else " " * 15
        print(
            f"{label:28}{min(values):>11.2f}s{statistics.median(values):>13.2f}s"
            f"{statistics.median(cpus[label]):>12.2f}s{db}{query_counts.get(label, ''):>9}{cpu_label}"
        )
    walls = [wall for wall, _ in startup]
    print(
        f"{'validator start-up alone':28}{min(walls):>11.2f}s{statistics.median(walls):>13.2f}s"
        f"{statistics.median(cpu for _, cpu in startup):>12.2f}s"
    )
    exports = [a + b for a, b in zip(timings["export this year"], timings["export last year"], strict=True)]
    totals = [e + v for e, v in zip(exports, timings["validate_903"], strict=True)]
    export_cpu = sum(statistics.median(cpus[k]) + statistics.median(database_cpu[k]) for k in database_cpu)
    validator_cpu = statistics.median(cpus["validator subprocess"]) + statistics.median(cpus["validate_903"])
    print(
        f"\nexport and validate (both exports and validate_903), wall: best {min(totals):.2f} s, "
        f"median {statistics.median(totals):.2f} s; the exports are "
        f"{statistics.median(exports) / statistics.median(timings['validator subprocess']):.0%} of the "
        "validator subprocess's wall time"
    )
    print(
        f"CPU (a quiet machine's wall clock): exports {export_cpu:.2f} s (Hearth and database), "
        f"validation {validator_cpu:.2f} s, together {export_cpu + validator_cpu:.2f} s; the exports are "
        f"{export_cpu / validator_cpu:.0%} of the validation"
    )
    if replicate:
        big, big_previous = replicated(files, replicate), replicated(previous, replicate)
        found = []
        for _ in range(runs):
            result = validate_903(big, big_previous, collection_year=year, la_code=settings.HEARTH_LA_CODE)
            found.append(subprocess_runs[-1])
        failures = sum(len(rows) for rows in result.failures_by_rule().values())
        print(
            f"\nvalidator on the return with every child {replicate} times "
            f"({episodes_children * replicate:,} children in Episodes, {failures:,} failures): "
            f"subprocess best wall {min(w for w, _ in found):.2f} s, median CPU "
            f"{statistics.median(c for _, c in found):.2f} s"
        )


def replicated(files: dict[str, bytes], times: int) -> dict[str, bytes]:
    """Each file with every row repeated `times` times, the k-th copy's CHILD H0000123 made Hk0000123."""
    out = {}
    for name, content in files.items():
        header, *rows = content.decode("utf-8").split("\r\n")
        rows = [row for row in rows if row]
        copies = [f"H{k}{row[1:]}" if row.startswith("H") else row for k in range(1, times + 1) for row in rows]
        out[name] = "\r\n".join([header, *copies, ""]).encode("utf-8")
    return out


def process_cpu(pid: int) -> float:
    """CPU seconds (user and system) a process on this machine has used, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def validator_startup(python: Path, year: int) -> tuple[float, float]:
    """The validator's Python importing the tool and the year's rules, and doing nothing else."""
    sys.path.insert(0, str(ROOT / "hearth" / "returns" / "ssda903"))
    from runner import registry_module  # the runner's own choice of rules, without Django

    code = f"import lac_validator.lac_validator, lac_validator.report, {registry_module(year)}"
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run([str(python), "-c", code], check=True)  # noqa: S603 (the validators' Python, fixed code)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - started, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


if __name__ == "__main__":
    main()
