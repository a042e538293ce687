"""Small stand-ins for the 903 exporter and the DfE's validator, at the boundary the Returns page
calls (hearth/returns/runner.py): the page's tests need a run whose findings they know, not the
return's own rules (hearth/returns/ssda903/ has those, with their tests).

The exporter writes one file, Header.csv, with each child's Hearth ID and date of birth, reporting
progress child by child. The validator fails rule 102 ("Date of birth is after the end of the
collection year") for each child born after 31 March of the collection year, rule 101 (the Header
must have rows) when the file is empty, and says it could not check rule 231 (a known defect of
csc-validator-be-903 0.1.17 on CSV input)."""

import csv
import datetime
import io

from hearth.people.models import Child
from hearth.returns.validator_process import Failure, NotChecked, ValidationResult

RULE_231_REASON = "csc-validator-be-903 0.1.17 stops with an error on this rule when given CSV files"


def Result(*, failures: list, could_not_check: list, rules_run) -> ValidationResult:  # noqa: N802
    """The validator's own result type (hearth.returns.ssda903.validation), as the real call returns it."""
    return ValidationResult(failures=failures, not_checked=could_not_check, rules_run=rules_run)


def export(collection_year: int, progress=None) -> dict[str, bytes]:
    children = list(Child.objects.order_by("pk"))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["CHILD", "DOB"])
    for done, child in enumerate(children, start=1):
        writer.writerow([child.hearth_id, f"{child.date_of_birth:%d/%m/%Y}"])
        if progress is not None:
            progress(done, len(children))
    return {"Header.csv": out.getvalue().encode()}


def validate(this_year, previous_year, *, collection_year: int, la_code: str) -> Result:
    rows = list(csv.DictReader(io.StringIO(this_year["Header.csv"].decode())))
    end = datetime.date(collection_year, 3, 31)
    failures = [
        Failure("102", "Date of birth is after the end of the collection year", row["CHILD"], "Header", index, ["DOB"])
        for index, row in enumerate(rows)
        if datetime.datetime.strptime(row["DOB"], "%d/%m/%Y").date() > end
    ]
    if not rows:
        failures.append(Failure("101", "The Header file has no rows", "", "Header", None, []))
    return Result(
        failures=failures,
        could_not_check=[NotChecked("231", "Placement postcodes must be valid", RULE_231_REASON)],
        rules_run=3,
    )


def export_that_fails(collection_year: int, progress=None) -> dict[str, bytes]:
    raise RuntimeError("the exporter could not read the record")
