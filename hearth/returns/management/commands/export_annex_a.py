"""manage.py export_annex_a [--from YYYY-MM-DD] [--to YYYY-MM-DD] --out FILE.xlsx [--user USERNAME]

Writes Ofsted's Annex A lists for the period (both days included; by default the six months before
today) as one workbook. Without --user it runs as the system, as the DfE returns do, and lists every
child; with --user it lists what that person may see (their restricted and sealed records left out)
and the audit row names them. Either way the export is on the audit trail."""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hearth.returns.annex_a.export import (
    ERROR_END_BEFORE_START,
    ERROR_END_IN_FUTURE,
    annex_a_export,
    default_period,
)
from hearth.returns.annex_a.rows import Period


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"{text!r} is not a date: give it as YYYY-MM-DD, for example 2026-06-07.") from error


class Command(BaseCommand):
    help = "Export Ofsted's Annex A lists for a period as one Excel workbook."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", help="the period's first day, YYYY-MM-DD (default: six months ago)")
        parser.add_argument("--to", dest="end", help="the period's last day, YYYY-MM-DD (default: yesterday)")
        parser.add_argument("--out", type=Path, required=True, help="the workbook to write (.xlsx)")
        parser.add_argument("--user", help="export as this person: only the children they may see")

    def handle(self, *args, start, end, out, user, **options):
        default = default_period()
        period = Period(_day(start) if start else default.start, _day(end) if end else default.end)
        if period.end < period.start:
            raise CommandError(f"{ERROR_END_BEFORE_START}.")
        if period.end > timezone.localdate():
            raise CommandError(f"{ERROR_END_IN_FUTURE}.")
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user, is_active=True).first()
            if actor is None:
                raise CommandError(f"No active user {user!r}.")
        export = annex_a_export(actor=actor, period=period, source="command line")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(export.content)
        self.stdout.write(f"{out}: Annex A for {period.start:%d/%m/%Y} to {period.end:%d/%m/%Y}")
        for item in export.lists:
            withheld = f" ({item.withheld} not listed: restricted or sealed)" if item.withheld else ""
            self.stdout.write(f"  {item.built.spec.sheet_name}: {len(item.shown)} rows{withheld}")
