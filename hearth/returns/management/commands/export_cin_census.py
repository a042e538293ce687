"""manage.py export_cin_census --year 2026 --out DIR [--validate]

Writes the children in need census for the collection year ending 31 March YEAR as the DfE's XML
(DIR/CIN_Census_YEAR.xml), and with --validate checks it with the DfE's validator
(csc-validator-be-cin, that year's rules), printing the failures by rule (errors, then the DfE's
queries) and the rules the validator could not check."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hearth.returns.cin_census.export import census_file_name, export_cin_census
from hearth.returns.cin_census.validation import is_query, validate_cin_census
from hearth.returns.validator_process import ValidatorUnavailable


class Command(BaseCommand):
    help = "Export the children in need census for a collection year as the DfE's XML, and optionally validate it."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="the year the collection ends (2026: 2025-26)")
        parser.add_argument("--out", type=Path, required=True, help="the folder to write the XML file to")
        parser.add_argument("--validate", action="store_true", help="check the census with the DfE's validator")

    def handle(self, *args, year, out, validate, **options):
        if year < 2000 or year > 2100:
            raise CommandError(f"--year {year}: give the year the collection ends, e.g. 2026 for 2025-26.")
        out.mkdir(parents=True, exist_ok=True)
        content = export_cin_census(year, progress=self._progress(f"Exporting the {year - 1}-{year % 100:02d} census"))
        path = out / census_file_name(year)
        path.write_bytes(content)
        children = content.count(b"<Child>")
        self.stdout.write(f"  {path}: {children} child{'' if children == 1 else 'ren'}")
        if not validate:
            return
        self.stdout.write("Validating with the DfE's validator (csc-validator-be-cin)...")
        try:
            result = validate_cin_census(content, collection_year=year)
        except ValidatorUnavailable as error:
            raise CommandError(str(error)) from error
        by_rule = result.failures_by_rule()
        errors = {rule: found for rule, found in by_rule.items() if not is_query(rule)}
        queries = {rule: found for rule, found in by_rule.items() if is_query(rule)}
        self.stdout.write(
            f"{len(result.rules_run)} rules run; {sum(map(len, errors.values()))} error"
            f"{'' if sum(map(len, errors.values())) == 1 else 's'} of {len(errors)} rule"
            f"{'' if len(errors) == 1 else 's'}; {sum(map(len, queries.values()))} "
            f"quer{'y' if sum(map(len, queries.values())) == 1 else 'ies'} of {len(queries)} rule"
            f"{'' if len(queries) == 1 else 's'}."
        )
        for kind, group in (("Error", errors), ("Query", queries)):
            for rule, failures in group.items():
                self.stdout.write(f"\n{kind} {rule} ({len(failures)}): {failures[0].description}")
                for failure in failures:
                    where = f"{failure.file} row {failure.row + 1}" if failure.file else "the whole return"
                    columns = ", ".join(failure.columns)
                    self.stdout.write(f"  {failure.child or '-'}  {where}" + (f"  ({columns})" if columns else ""))
        if result.not_checked:
            self.stdout.write("\nThe validator could not check:")
            for rule in result.not_checked:
                self.stdout.write(f"  Rule {rule.rule}: {rule.reason}")

    def _progress(self, label: str):
        def show(done: int, total: int) -> None:
            filled = round(40 * done / total) if total else 40
            self.stdout.write(f"\r{label} [{'#' * filled}{'.' * (40 - filled)}] {done}/{total} children", ending="")
            if done == total:
                self.stdout.write("")
            self.stdout.flush()

        return show
