import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hearth.performance.selectors import indicators_as_data


class Command(BaseCommand):
    help = "Every indicator's value, numerator and denominator as of a date (figures only, never a child)."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="a date written 2026-03-31 (today if omitted)")
        parser.add_argument("--json", action="store_true", help="print JSON (the same as GET /api/indicators/)")

    def handle(self, *args, as_of=None, **options):
        try:
            day = datetime.date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError as error:
            raise CommandError("--as-of must be a date written 2026-03-31") from error
        data = indicators_as_data(day)
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2))
            return
        self.stdout.write(f"As of {day:%d %B %Y} (year to date from {data['period_start']}):")
        for line in data["indicators"]:
            figure = line["value"] if line["value"] is not None else "-"
            fraction = "" if line["denominator"] is None else f" ({line['numerator']}/{line['denominator']})"
            self.stdout.write(
                f"  {line['id']:<4} {figure!s:>7}{line['unit'] if line['unit'] == '%' else ''}"
                f"{fraction}  {line['rag'] or ''}  {line['title']}"
            )
