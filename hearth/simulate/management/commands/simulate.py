import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from hearth.frontdoor.models import Contact, Referral
from hearth.simulate.council import COUNCIL_NAME, Simulation


class Command(BaseCommand):
    help = "Generate a synthetic council (fictional people, deterministic from --seed) through Hearth's services."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2014)
        parser.add_argument("--months", type=int, default=15, help="how many months of history")
        parser.add_argument("--contacts-per-month", type=int, default=145)

    def handle(self, *args, seed, months, contacts_per_month, **options):
        if Contact.objects.exists():
            raise CommandError("This database already holds records. Simulate into an empty database.")
        simulation = Simulation(
            seed=seed, today=timezone.localdate(), months=months, contacts_per_month=contacts_per_month
        )
        self.stdout.write(f"Generating {COUNCIL_NAME} (seed {seed}, {months} months)...")
        # One outer transaction: the council is generated whole or not at all (and SQLite is spared
        # a disk sync per service call). Each service still runs in its own inner transaction.
        with transaction.atomic():
            counts = simulation.run(progress=self._progress)
        sys.stderr.write("\n")
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
