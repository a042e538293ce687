import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hearth.calendar.models import GOVUK_SOURCE
from hearth.calendar.services import bank_holidays_load, packaged_govuk_data, packaged_source, parse_govuk_bank_holidays


class Command(BaseCommand):
    help = (
        "Load England and Wales bank holidays from GOV.UK's bank-holidays.json: downloaded "
        "(--download), from a saved copy (--file), or from the copy in the govuk-bank-holidays package."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group()
        source.add_argument("--file", type=Path, help="a saved copy of https://www.gov.uk/bank-holidays.json")
        source.add_argument("--download", action="store_true", help="fetch the current list from GOV.UK")

    def handle(self, *args, file=None, download=False, **options):
        if file:
            try:
                data = json.loads(file.read_text())
            except (OSError, ValueError) as error:
                raise CommandError(f"Could not read {file}: {error}") from error
            source = f"{GOVUK_SOURCE}, from {file.name}"
        elif download:
            import requests
            from govuk_bank_holidays.bank_holidays import BankHolidays

            try:
                data = requests.get(BankHolidays.source_url, timeout=20).json()
            except (requests.RequestException, ValueError) as error:
                raise CommandError(f"Could not download {BankHolidays.source_url}: {error}") from error
            source = f"{GOVUK_SOURCE}, downloaded"
        else:
            data, source = packaged_govuk_data(), packaged_source()
        try:
            holidays = parse_govuk_bank_holidays(data)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        count = bank_holidays_load(holidays=holidays, source=source)
        last = max(day for day, _ in holidays)
        self.stdout.write(f"Loaded {count} bank holidays up to {last:%d %B %Y} ({source}).")
