"""The nightly run of the statutory returns: asks the background worker (`manage.py db_worker`) to
export and validate the current collection year of every return Hearth makes (the SSDA903 and the
children in need census), from the record as it stands. Run it from cron or a systemd timer once a
night (docs/operations.md, "Background work"); django-tasks has no scheduler of its own."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hearth.returns import services
from hearth.returns.kinds import RETURN_KINDS
from hearth.returns.models import collection_year_label


class Command(BaseCommand):
    help = "Ask for the nightly run of the statutory returns (the current collection year, or the years given)"
    # The returns asked for when none is named: every one Hearth makes.
    default_returns: tuple[str, ...] = tuple(RETURN_KINDS)

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            type=int,
            action="append",
            dest="years",
            help="A collection year by the year it ends (2026 is 2025-26); repeat for more. Default: the current one",
        )
        if len(self.default_returns) > 1:
            parser.add_argument(
                "--return",
                choices=list(RETURN_KINDS),
                action="append",
                dest="returns",
                help="A return to run (903 or CIN); repeat for more. Default: every return",
            )

    def handle(self, *args, years=None, returns=None, **options):
        for return_name in returns or self.default_returns:
            kind = RETURN_KINDS[return_name]
            for year in years or [services.current_collection_year()]:
                said = self._name(kind, year)
                try:
                    run = services.return_run_request(actor=None, collection_year=year, return_name=return_name)
                except ValidationError as refused:
                    # A run already under way is the night's run; anything else is worth a non-zero exit.
                    message = " ".join(refused.messages)
                    if "already being run" not in message:
                        raise CommandError(message) from refused
                    self.stdout.write(f"{said}: {message}")
                else:
                    self.stdout.write(f"{said}: run {run.pk} asked for")

    def _name(self, kind, year: int) -> str:
        """The line's name, "CIN census 2025-26"; a command for one return only (enqueue_nightly_903) names the year
        alone, as its timers' logs always had it ("2025-26: run 12 asked for")."""
        label = collection_year_label(year)
        return label if len(self.default_returns) == 1 else f"{kind.short} {label}"
