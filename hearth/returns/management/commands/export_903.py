"""manage.py export_903 --year 2026 --out DIR [--validate] [--previous-year-dir DIR]

Writes the SSDA903 return for the collection year ending 31 March YEAR as the DfE's CSV files, and
with --validate checks it with the DfE's validator (last year's return made from the record too,
unless a folder of last year's files is given), printing the failures by rule and the rules the
validator could not check."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hearth.returns.ssda903.export import export_903
from hearth.returns.ssda903.validation import ValidatorUnavailable, validate_903


class Command(BaseCommand):
    help = "Export the SSDA903 return for a collection year as the DfE's CSV files, and optionally validate it."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="the year the collection ends (2026: 2025-26)")
        parser.add_argument("--out", type=Path, required=True, help="the folder to write the CSV files to")
        parser.add_argument("--validate", action="store_true", help="check the return with the DfE's validator")
        parser.add_argument(
            "--previous-year-dir",
            type=Path,
            help="last year's return as sent (CSV files); made from the record when not given",
        )

    def handle(self, *args, year, out, validate, previous_year_dir, **options):
        if year < 2000 or year > 2100:
            raise CommandError(f"--year {year}: give the year the collection ends, e.g. 2026 for 2025-26.")
        out.mkdir(parents=True, exist_ok=True)
        files = export_903(year, progress=self._progress(f"Exporting the {year - 1}-{year % 100:02d} return"))
        for name, content in files.items():
            (out / name).write_bytes(content)
            rows = content.count(b"\n") - 1
            self.stdout.write(f"  {out / name}: {rows} row{'' if rows == 1 else 's'}")
        if not validate:
            return
        if previous_year_dir is not None:
            previous = {path.name: path.read_bytes() for path in sorted(previous_year_dir.glob("*.csv"))}
            if not previous:
                raise CommandError(f"--previous-year-dir {previous_year_dir}: no CSV files there.")
        else:
            previous = export_903(year - 1, progress=self._progress(f"Exporting {year - 2}-{(year - 1) % 100:02d}"))
        self.stdout.write("Validating with the DfE's validator (csc-validator-be-903)...")
        try:
            result = validate_903(files, previous, collection_year=year, la_code=settings.HEARTH_LA_CODE)
        except ValidatorUnavailable as error:
            raise CommandError(str(error)) from error
        self._report(result)

    def _progress(self, label: str):
        def show(done: int, total: int) -> None:
            filled = round(40 * done / total) if total else 40
            self.stdout.write(f"\r{label} [{'#' * filled}{'.' * (40 - filled)}] {done}/{total} files", ending="")
            if done == total:
                self.stdout.write("")
            self.stdout.flush()

        return show

    def _report(self, result) -> None:
        by_rule = result.failures_by_rule()
        total = sum(len(failures) for failures in by_rule.values())
        self.stdout.write(
            f"{len(result.rules_run)} rules run; {total} failure{'' if total == 1 else 's'} "
            f"of {len(by_rule)} rule{'' if len(by_rule) == 1 else 's'}."
        )
        for rule, failures in by_rule.items():
            self.stdout.write(f"\nRule {rule} ({len(failures)}): {failures[0].description}")
            for failure in failures:
                columns = ", ".join(failure.columns)
                self.stdout.write(f"  {failure.child or '-'}  {failure.file} row {failure.row + 1}  ({columns})")
        if result.not_checked:
            self.stdout.write("\nThe validator could not check:")
            for rule in result.not_checked:
                rows = f"{len(rule.rows)} row{'' if len(rule.rows) == 1 else 's'}"
                flagged = f" ({rows} flagged, not counted as failures)" if rule.rows else ""
                self.stdout.write(f"  Rule {rule.rule}{flagged}: {rule.reason}")
