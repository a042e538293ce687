"""The 903 export's cost and its bytes, for comparing two versions of the code on one council
(issue 14: make the export cheaper without changing a byte of it).

    .venv/bin/python bench/export_903_files.py --database hearth_export14 --years 2025,2026 --out /tmp/after
        [--runs 7] [--code /tmp/before] [--url postgres://postgres@127.0.0.1:5432]

For each collection year (the year the collection ends: 2026 is 2025-26) it exports the return
(export_903) --runs times in one process, after one export to warm it (imports, the postcode
directory), and prints the children in Episodes, the best CPU time of this process, the median CPU
time of the database's server process for the connection (from /proc: PostgreSQL on this machine;
10 ms resolution) and the queries. It writes every file to OUT/<year>/ and their SHA-256 sums to
OUT/SHA256SUMS, so two runs compare with `diff before/SHA256SUMS after/SHA256SUMS`.

--code runs another checkout's Hearth (e.g. the commit before a change, from
`git archive <commit> | tar -x -C /tmp/before`) with this script, on the same council.
The council is any built one (`manage.py simulate`); nothing is written to it.
"""

import argparse
import hashlib
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--years", required=True, help="comma-separated, e.g. 2025,2026")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose Hearth is run")
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432")
    options = parser.parse_args()
    os.environ["DATABASE_URL"] = f"{options.url}/{options.database}"
    os.environ.setdefault("HEARTH_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    sys.path.insert(0, str(options.code.resolve()))
    import django

    django.setup()
    run([int(year) for year in options.years.split(",")], options.out, options.runs)


def run(years: list[int], out: Path, runs: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    import hearth
    from hearth.returns.ssda903.export import export_903

    print(f"Hearth from {Path(hearth.__file__).parent}; load average " + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    export_903(years[0])
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    sums = []
    for year in years:
        cpu, database = [], []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started, database_started = time.process_time(), process_cpu(backend)
                files = export_903(year)
                cpu.append(time.process_time() - started)
                database.append(process_cpu(backend) - database_started)
        children = len({line.split(b",")[0] for line in files["Episodes.csv"].splitlines()[1:]})
        rows = sum(content.count(b"\n") - 1 for content in files.values())
        print(
            f"{year - 1}-{year % 100:02d}: {children:,} children in Episodes, {rows:,} rows; CPU best "
            f"{min(cpu):.3f} s, database CPU median {statistics.median(database):.2f} s, {len(queries)} queries"
        )
        (out / str(year)).mkdir(parents=True, exist_ok=True)
        for name, content in sorted(files.items()):
            (out / str(year) / name).write_bytes(content)
            sums.append(f"{hashlib.sha256(content).hexdigest()}  {year}/{name}")
    (out / "SHA256SUMS").write_text("\n".join(sums) + "\n")


def process_cpu(pid: int) -> float:
    """CPU seconds (user and system) a process on this machine has used, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
