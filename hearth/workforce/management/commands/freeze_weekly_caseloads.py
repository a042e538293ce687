"""The weekly caseload snapshot: asks the background worker (`manage.py db_worker`) to freeze this
week's caseloads, counted as on its Monday. Run it from cron or a systemd timer every Monday
(docs/operations.md, "Background work"; docs/workforce.md); django-tasks has no scheduler of its own.
Running it again in the same week changes nothing: a week is frozen once."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hearth.workforce.caseloads import monday_of
from hearth.workforce.tasks import freeze_caseload_week_task


class Command(BaseCommand):
    help = "Ask for this week's caseload snapshot (counted on its Monday), or the week of the date given"

    def add_arguments(self, parser):
        parser.add_argument(
            "--week",
            type=datetime.date.fromisoformat,
            help="A date in the week to freeze, as YYYY-MM-DD (its Monday is used). Default: this week",
        )

    def handle(self, *args, week=None, **options):
        monday = monday_of(week or timezone.localdate())
        if monday > timezone.localdate():
            raise CommandError("That week has not started yet")
        result = freeze_caseload_week_task.enqueue(monday.isoformat())
        self.stdout.write(f"Caseloads of the week of {monday:%-d %B %Y}: snapshot asked for (task {result.id})")
