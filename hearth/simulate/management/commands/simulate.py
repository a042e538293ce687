import argparse
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from hearth.frontdoor.models import Contact, Referral
from hearth.simulate.council import COUNCIL_NAME, Simulation, analyze_statement
from hearth.simulate.sizes import SIZES, writes_in_bulk


class Command(BaseCommand):
    help = "Generate a synthetic council (fictional people, deterministic from --seed) through Hearth's services."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2014)
        parser.add_argument(
            "--size",
            choices=list(SIZES),
            default="small",
            help="small: the demo (about 300 open cases, 45 looked after, 15 months); medium: about 3,000 open "
            "cases, 750 looked after, 15 months; large: about 10,000 open cases, 2,500 looked after, 5 years",
        )
        parser.add_argument("--months", type=int, help="how many months of history (default: the size's)")
        parser.add_argument("--contacts-per-month", type=int, help="the front door's rate (default: the size's)")
        parser.add_argument(
            "--looked-after",
            type=int,
            help="children looked after today (default: the size's); the rest of care is scaled with it",
        )

        parser.add_argument(
            "--bulk",
            action=argparse.BooleanOptionalAction,
            help="write the children's records, the MASH's work on contacts, most of the casework after a "
            "referral, the duties to looked-after children and care leavers, case notes and alerts, identifiers "
            "and families in bulk (the same rows as the services; default: on for medium and large, off for "
            "small, the demo)",
        )

    def handle(self, *args, seed, size, months, contacts_per_month, looked_after, bulk, **options):
        if Contact.objects.exists():
            raise CommandError("This database already holds records. Simulate into an empty database.")
        council_size = SIZES[size]
        if looked_after is not None:
            if looked_after < 1:
                raise CommandError("--looked-after: give at least 1.")
            council_size = council_size.with_looked_after(looked_after)
        months = council_size.months if months is None else months
        contacts_per_month = council_size.contacts_per_month if contacts_per_month is None else contacts_per_month
        simulation = Simulation(
            seed=seed,
            today=timezone.localdate(),
            months=months,
            contacts_per_month=contacts_per_month,
            size=council_size,
            # The demo is built through the services, as it always was; the larger sizes write the children,
            # the MASH's work, casework, care's duties, notes and families in bulk (hearth/simulate/*_writes.py).
            bulk=writes_in_bulk(size, bulk),
        )
        self.stdout.write(
            f"Generating {COUNCIL_NAME} (seed {seed}, {council_size.name}: {months} months, "
            f"{contacts_per_month} contacts a month, {council_size.looked_after} looked after today"
            f"{', in bulk' if simulation.bulk else ''})..."
        )
        # One outer transaction: the council is generated whole or not at all (and SQLite is spared
        # a disk sync per service call). Each service still runs in its own inner transaction.
        with transaction.atomic():
            counts = simulation.run(progress=self._progress)
        sys.stderr.write("\n")
        # Statistics for the planner on the tables just filled (PostgreSQL's autovacuum comes round to
        # them late on a busy machine, and until then it guesses a handful of rows in each table and
        # picks plans that scan them for every row: L21 took six times as long).
        with connection.cursor() as cursor:
            cursor.execute(analyze_statement())
        open_cases = Referral.objects.filter(closed_on__isnull=True).count()
        self.stdout.write(
            ", ".join(f"{value} {name}" for name, value in counts.items()) + f"; {open_cases} open cases."
        )
        self.stdout.write("Sign-ins: `manage.py demo_logins` lists them, one per role.")

    @staticmethod
    def _progress(done: int, total: int) -> None:
        if done % 50 == 0 or done == total:
            width = 40
            filled = width * done // total
            sys.stderr.write(f"\r  [{'#' * filled}{'.' * (width - filled)}] {done}/{total} contacts")
            sys.stderr.flush()
