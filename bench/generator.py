"""What building a synthetic council costs, part by part: the generator's wall clock, this
process's CPU time (Hearth's Python and the generator's own) and the database server's CPU time for
the connection (read from /proc: PostgreSQL runs on the same machine here). Each part is printed
as it ends (a long build says how far it got), and all of them again at the end.

Into an empty, migrated PostgreSQL database (the same options as `manage.py simulate`):
    createdb hearth_bench_generator && export DATABASE_URL=postgres://postgres@127.0.0.1:5432/hearth_bench_generator
    export HEARTH_SECRET_KEY=...  # any 50 characters
    .venv/bin/python manage.py migrate
    .venv/bin/python bench/generator.py [--size medium] [--months 1] [--looked-after 75] [--seed 2014] [--no-bulk]

Or into SQLite (DATABASE_URL unset): HEARTH_SQLITE_PATH=/tmp/medium.sqlite3, migrate, then the same. SQLite
runs inside this process, so there is no database CPU column of its own: its work is in the CPU column.

It builds as the command does: in bulk for medium and large, through the services for small (the
demo), unless --bulk or --no-bulk says otherwise (`writes_in_bulk` in hearth/simulate/sizes.py
decides for both). Name the path in what you write down: the figures differ several times over.

On a machine shared with other work the wall clock mostly measures the others; the two CPU times
added together are what a quiet machine's wall clock would be, near enough (the generator and the
database take turns: one waits while the other works). Each part's time includes everything it
writes through the services; the front door is every contact with the casework that follows it
(assessments, child in need and child protection work).
"""

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from hearth.frontdoor.models import Contact, Referral  # noqa: E402
from hearth.simulate import council  # noqa: E402
from hearth.simulate.sizes import SIZES, writes_in_bulk  # noqa: E402

# The parts of Simulation.run, by the name each is called through in hearth/simulate/council.py.
MODULE_PARTS = {
    "register_for": "placement providers' register",
    "simulate_children_for_adoption": "children adopted or awaiting a match",
    "simulate_records": "case notes and alerts",
    "simulate_characteristics": "characteristics",
    "simulate_oc2": "OC2 facts",
    "simulate_missing": "missing episodes",
    "simulate_permanence": "permanence",
    "simulate_case_audits": "case audits",
    # The smaller parts, each timed so that a long tail says where it is.
    "simulate_plans": "plans (child in need and protection, besides the front door's)",
    "simulate_permanence_plans": "plans for permanence",
    "simulate_review_challenge": "IROs' challenges from reviews",
    "simulate_fostering": "fostering households",
    "simulate_changes_of_social_worker": "changes of social worker",
    "simulate_case_transfers": "case transfers",
    "simulate_deprivation_of_liberty_orders": "deprivation of liberty orders",
    "simulate_support_to_25": "support to 25",
    "simulate_census_identifiers": "census identifiers (unborn children, former UPNs)",
    "simulate_workforce": "workforce (employment, caseload snapshots)",
    "simulate_supervision": "supervision",
    "simulate_clinics": "performance clinics",
    "simulate_this_morning": "contacts waiting this morning",
    "simulate_conferences_booked": "conferences booked for the coming weeks",
}
# Classes whose run() does the work (the constructor only sets up).
CLASS_PARTS = {
    "CareSimulation": "looked-after children and care leavers",
    "PeopleSimulation": "families, identifiers, documents",
}
METHOD_PARTS = {
    "_staff": "staff (PBKDF2 password hashing)",
    "_child_for_contact": "front door: the child (possible-match search, new record)",
    "_contact": "front door: the contact and its casework",
    "_work_the_case": "front door: the casework after a referral",
    "_dip_samples": "dip samples",
    "_targets_and_benchmarks": "targets and benchmarks",
    "_publish_recent_months": "publishing months (the scorecard each month)",
}


def process_cpu(pid: int) -> float:
    """CPU seconds (user and system) a process on this machine has used, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def database_cpu(backend: int | None) -> float:
    """The database server's CPU seconds for this connection; 0 for SQLite, which runs inside this
    process (its work is in this process's CPU time)."""
    return 0.0 if backend is None else process_cpu(backend)


def database_backend() -> int | None:
    """The PostgreSQL server process serving this connection, or None for SQLite (in-process)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


# Parts timed also inside another part, shown as "of which" under it (the outer keeps their time).
NESTED_PARTS = {"front door: the casework after a referral"}
# Parts called once a contact: reported when the last contact is done, not at each call.
EVERY_CONTACT = [
    "front door: the child (possible-match search, new record)",
    "front door: the contact and its casework",
    "front door: the casework after a referral",
]


class Clock:
    """Wall, this process's CPU and the database's CPU, added up per part (outermost part only,
    except the NESTED_PARTS, which are also counted on their own inside the outer part)."""

    def __init__(self, backend: int | None):
        self.backend = backend
        self.wall, self.cpu, self.database, self.calls = Counter(), Counter(), Counter(), Counter()
        self.inside = []

    def timed(self, label, function):
        def run(*args, **kwargs):
            if self.inside and label not in NESTED_PARTS:  # a part inside another counts to the outer one
                return function(*args, **kwargs)
            self.inside.append(label)
            wall, cpu, database = time.perf_counter(), time.process_time(), database_cpu(self.backend)
            try:
                return function(*args, **kwargs)
            finally:
                self.wall[label] += time.perf_counter() - wall
                self.cpu[label] += time.process_time() - cpu
                self.database[label] += database_cpu(self.backend) - database
                self.calls[label] += 1
                self.inside.pop()
                if not self.inside and label not in EVERY_CONTACT:  # a long build says how far it got
                    self.report(label)

        return run

    def report(self, label) -> None:
        print(
            f"  {time.strftime('%H:%M:%S')} {label}: {self.wall[label]:.1f} s wall, {self.cpu[label]:.1f} s CPU, "
            f"{self.database[label]:.1f} s database CPU (load average {os.getloadavg()[0]:.1f})",
            flush=True,
        )

    def progress(self, done: int, total: int) -> None:
        if done % 1000 == 0 or done == total:
            print(f"  {time.strftime('%H:%M:%S')} {done}/{total} contacts", flush=True)
            if done == total:
                for label in EVERY_CONTACT:
                    self.report(label)


def simulation_from(argv: list[str] | None = None) -> council.Simulation:
    """The council the command line asks for, with manage.py simulate's defaults (the size's history,
    front door and cohort; the bulk writers as `writes_in_bulk` decides for the size)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=2014)
    parser.add_argument("--size", choices=list(SIZES), default="small")
    parser.add_argument("--months", type=int)
    parser.add_argument("--contacts-per-month", type=int)
    parser.add_argument("--looked-after", type=int)
    parser.add_argument(
        "--bulk",
        action=argparse.BooleanOptionalAction,
        help="written in bulk: children's records, the MASH's work on contacts, case notes and alerts, "
        "identifiers and families, most of the casework after a referral, the duties to looked-after children "
        "and care leavers (default: as manage.py simulate decides, on for medium and large, off for small; "
        "--no-bulk measures the services' path)",
    )
    options = parser.parse_args(argv)
    size = SIZES[options.size]
    if options.looked_after is not None:
        size = size.with_looked_after(options.looked_after)
    rate = options.contacts_per_month
    return council.Simulation(
        seed=options.seed,
        today=timezone.localdate(),
        months=size.months if options.months is None else options.months,
        contacts_per_month=size.contacts_per_month if rate is None else rate,
        size=size,
        bulk=writes_in_bulk(options.size, options.bulk),
    )


def main():
    if Contact.objects.exists():
        sys.exit("This database already holds records: give an empty, migrated one.")
    simulation = simulation_from()
    size = simulation.size
    clock = Clock(database_backend())
    for name, label in MODULE_PARTS.items():
        setattr(council, name, clock.timed(label, getattr(council, name)))
    for name, label in CLASS_PARTS.items():
        cls = getattr(council, name)
        run = cls.run
        cls.run = lambda self, *args, run=run, label=label, **kwargs: clock.timed(label, run)(self, *args, **kwargs)
    for name, label in METHOD_PARTS.items():
        method = getattr(council.Simulation, name)
        setattr(simulation, name, clock.timed(label, method.__get__(simulation)))

    print(
        f"{size.name}: {simulation.months} months, {simulation.contacts_per_month} contacts a month, "
        f"{size.looked_after} looked after, seed {simulation.seed}{', bulk' if simulation.bulk else ', services'}; "
        f"{connection.vendor}{' (in-process: its work is in the CPU column)' if clock.backend is None else ''}; "
        f"load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    wall, cpu, database = time.perf_counter(), time.process_time(), database_cpu(clock.backend)
    with transaction.atomic():  # as manage.py simulate does
        counts = simulation.run(progress=clock.progress)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    database = database_cpu(clock.backend) - database
    analyzed = time.perf_counter()
    with connection.cursor() as cursor:  # as manage.py simulate does: the benches run after need the statistics
        cursor.execute(council.analyze_statement())
    print(f"ANALYZE: {time.perf_counter() - analyzed:.1f} s wall", flush=True)
    print(f"{Contact.objects.count()} contacts, {Referral.objects.filter(closed_on__isnull=True).count()} open cases")
    print(", ".join(f"{value} {name}" for name, value in counts.items()))
    print(f"\n{'part':<62} {'calls':>6} {'wall s':>8} {'cpu s':>7} {'db cpu s':>8}")
    for label in clock.wall:
        name = f"  of which: {label}" if label in NESTED_PARTS else label
        print(
            f"{name:<62} {clock.calls[label]:>6} {clock.wall[label]:>8.1f} "
            f"{clock.cpu[label]:>7.1f} {clock.database[label]:>8.1f}"
        )
    print(f"{'the whole build':<62} {'':>6} {wall:>8.1f} {cpu:>7.1f} {database:>8.1f}")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
