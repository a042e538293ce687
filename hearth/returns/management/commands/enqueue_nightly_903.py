"""The nightly 903 run: asks the background worker (`manage.py db_worker`) to export and validate the
current collection year's return from the record as it stands. Run it from cron or a systemd timer
once a night (docs/operations.md, "Background work"); django-tasks has no scheduler of its own."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hearth.returns import services
from hearth.returns.models import collection_year_label


class Command(BaseCommand):
    help = "Ask for the nightly run of the SSDA903 return (the current collection year, or the years given)"

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            type=int,
            action="append",
            dest="years",
            help="A collection year by the year it ends (2026 is 2025-26); repeat for more. Default: the current one",
        )

    def handle(self, *args, years=None, **options):
        for year in years or [services.current_collection_year()]:
            try:
                run = services.return_run_request(actor=None, collection_year=year)
            except ValidationError as refused:
                # A run already under way is the night's run; anything else is worth a non-zero exit.
                message = " ".join(refused.messages)
                if "already being run" not in message:
                    raise CommandError(message) from refused
                self.stdout.write(f"{collection_year_label(year)}: {message}")
            else:
                self.stdout.write(f"{collection_year_label(year)}: run {run.pk} asked for")
