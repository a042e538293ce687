"""The children in need census at a large council's size (issue 15: 10,000 children in need in the
year): the export from the record and the DfE's validator on the file.

Run against a council built with the generator (DATABASE_URL names its database):
    .venv/bin/python bench/census.py [--year 2027] [--children 10000] [--runs 2]

How the 10,000 are made: the export is timed on the council as built (its children in need, all of
them), and its cost a child is what a larger council pays a child (the export reads each child's
episodes, assessments, plans and characteristics with a fixed number of queries for the whole year,
hearth/returns/cin_census/export.py, so it grows with the children and not with anything else). The
validator is timed on a file of --children children: the council's own census with each child
repeated under new LAchildIDs (the k-th copy of H0000123 is Hk0000123) until there are that many,
no database behind it. The copies' failures (a UPN repeated) are the copies', not the record's; the
validator's work is the rows it reads, which is what a real council of that size would give it.
--copies-without-upns gives each copy's UPN as not known (UN2) instead, so that the copies add no
failures of their own (to tell the tool's cost for its rows from its cost for its failures).

--reading passes the runner's reading through: "hearth" (the default, the runner's one-pass reading,
hearth/returns/cin_census/reading.py) or "tool" (the tool's own convert_data); --batch-children and
--workers pass the tool's reading's batches through (0 children: the whole file at once, as the
tool's own command reads it); --save-file writes the file at --children children
and stops, for bench/census_rules.py (each rule of the validator timed alone).

Prints each part's wall clock and this process's CPU (the export: Hearth's Python), the validator
subprocess's CPU (the DfE's tool in .venv-validators), and the database's for the export.
"""

import argparse
import os
import resource
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from hearth.returns.cin_census.export import export_cin_census  # noqa: E402
from hearth.returns.cin_census.validation import validate_cin_census  # noqa: E402
from hearth.returns.services import current_collection_year  # noqa: E402
from hearth.returns.validator_process import ValidatorUnavailable  # noqa: E402


def process_cpu(pid: int) -> float:
    """CPU seconds (user and system) a process on this machine has used, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def replicated(content: bytes, children: int, *, upns: bool = True) -> tuple[bytes, int]:
    """The census with its children repeated under new LAchildIDs until there are `children`; with
    upns False, each copy's UPN (and former UPN) given as not known (UN2) instead of repeated, so the
    copies fail nothing the originals do not."""
    root = ET.fromstring(content)  # noqa: S314 (Hearth's own export)
    container = root.find("Children")
    originals = list(container)
    copy = 1
    while len(container) < children:
        for child in originals:
            if len(container) >= children:
                break
            twin = ET.fromstring(ET.tostring(child))  # noqa: S314
            reference = twin.find("ChildIdentifiers/LAchildID")
            reference.text = f"H{copy}{reference.text[1:]}"
            identifiers = twin.find("ChildIdentifiers")
            if not upns and identifiers.find("UPN") is not None:
                for item in ("UPN", "FormerUPN", "UPNunknown"):
                    for element in identifiers.findall(item):
                        identifiers.remove(element)
                unknown = ET.Element("UPNunknown")
                unknown.text = "UN2"
                identifiers.insert(1, unknown)
            container.append(twin)
        copy += 1
    return ET.tostring(root, encoding="utf-8", xml_declaration=True), len(container)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=current_collection_year())
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument(
        "--copies-without-upns", action="store_true", help="give each copy's UPN as not known (UN2), not repeated"
    )
    parser.add_argument("--reading", choices=("hearth", "tool"), default="hearth", help="how the runner reads the file")
    parser.add_argument(
        "--batch-children",
        type=int,
        help="children a batch of the runner's reading of the file (0: the whole file, as the tool's command)",
    )
    parser.add_argument("--workers", type=int, help="processes reading the batches at once (default: the cores)")
    parser.add_argument(
        "--save-file",
        type=Path,
        help="write the file at --children children here and stop (for bench/census_rules.py), not validating",
    )
    args = parser.parse_args()
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    print(
        f"PostgreSQL {connection.pg_version}; {os.cpu_count()} cores; load average "
        + " ".join(f"{load:.1f}" for load in os.getloadavg())
    )
    exports = []
    for _ in range(args.runs):
        with CaptureQueriesContext(connection) as queries:
            started, cpu, db = time.perf_counter(), time.process_time(), process_cpu(backend)
            content = export_cin_census(args.year)
            exports.append(
                (time.perf_counter() - started, time.process_time() - cpu, process_cpu(backend) - db, len(queries))
            )
    built = len(ET.fromstring(content).find("Children"))  # noqa: S314
    episodes = content.count(b"<CINdetails>")
    wall, cpu, db = (min(run[i] for run in exports) for i in range(3))
    per_child = (cpu + db) / built if built else 0.0
    print(
        f"census {args.year - 1}-{args.year % 100:02d} of the council: {built:,} children, {episodes:,} CINdetails, "
        f"{len(content):,} bytes, {exports[-1][3]} queries"
    )
    print(f"export, best of {args.runs}: wall {wall:.2f} s, CPU {cpu:.2f} s, database CPU {db:.2f} s")
    print(
        f"export a child: {per_child * 1000:.2f} ms of CPU (Hearth and database); at {args.children:,} children: "
        f"{per_child * args.children:.1f} s"
    )

    large, count = replicated(content, args.children, upns=not args.copies_without_upns)
    print(f"the file at {count:,} children: {len(large):,} bytes, {large.count(b'<CINdetails>'):,} CINdetails")
    if args.save_file:
        args.save_file.write_bytes(large)
        print(f"written to {args.save_file}")
        return
    validations = []
    for _ in range(args.runs):
        started, before = time.perf_counter(), children_cpu()
        try:
            result = validate_cin_census(
                large,
                collection_year=args.year,
                reading=args.reading,
                batch_children=args.batch_children,
                workers=args.workers,
            )
        except ValidatorUnavailable as error:  # the runner's own time limit (600 s): said, not hidden
            print(f"validate: {error} (after {time.perf_counter() - started:.0f} s wall)")
            return
        validations.append((time.perf_counter() - started, children_cpu() - before))
    print(
        f"validate, best of {args.runs}: wall {min(v[0] for v in validations):.1f} s "
        f"(median {statistics.median(v[0] for v in validations):.1f} s), "
        f"the validator's CPU {min(v[1] for v in validations):.1f} s; {len(result.rules_run)} rules run, "
        f"{len(result.failures):,} failures, {len(result.not_checked)} rules not checked; read by {result.reading}"
    )
    total = per_child * args.children + min(v[1] for v in validations)
    print(f"export and validate at {args.children:,} children, in CPU: {total:.1f} s")


if __name__ == "__main__":
    main()
