"""The DfE's CIN census validator, called as councils run it: `csc-validator-be-cin` (package
`cin_validator`) in the validators' own environment (.venv-validators, requirements/validators.txt)
through a subprocess running runner.py, with the year's own rules (cin2025_26 for 2025-26). Never
re-implemented: Hearth reads what the tool says. The result has the SSDA903's shape
(ValidationResult of Failure and NotChecked), so the Returns page can show both alike.

A rule that raises inside the tool is reported as one the validator could not check, with the
tool's reason, never as the child's error and never hidden. Rules whose code ends in Q are the
DfE's queries ("please check and either amend or provide a reason"), errors otherwise: both are
failures here; `is_query` tells them apart."""

import base64
from pathlib import Path

from hearth.returns.validator_process import (  # noqa: F401 (is_query, read from here too)
    ValidationResult,
    failures_and_crashes,
    is_query,
    run_runner,
)

RUNNER = Path(__file__).with_name("runner.py")


def validate_cin_census(
    content: bytes,
    *,
    collection_year: int,
    reading: str = "hearth",
    batch_children: int | None = None,
    workers: int | None = None,
) -> ValidationResult:
    """Validate a census file (the XML) for the year ending 31 March `collection_year` with that
    year's rules. `reading`: how the XML becomes the tables the tool's rules read (runner.py):
    "hearth", the runner's one-pass reading (reading.py), the same tables as the tool's own reading
    cell for cell and about a hundredth of its time, the tool's own reading being used instead for a
    file it does not model; or "tool", the tool's own reading (its convert_data), given the children
    `batch_children` at a time by `workers` processes (runner.py's BATCH_CHILDREN and the cores there
    are when None; batch_children 0 for the whole file in one call, as the tool's own command reads
    it). The failures are the same whichever reading; only the time differs. The result's `reading`
    says which was used."""
    request = {
        "collection_year": str(collection_year),
        "content": base64.b64encode(content).decode(),
        "reading": reading,
    }
    if batch_children is not None:
        request["batch_children"] = batch_children
    if workers is not None:
        request["workers"] = workers
    output = run_runner(RUNNER, request)
    failures, not_checked = failures_and_crashes(output)
    return ValidationResult(
        failures=failures, not_checked=not_checked, rules_run=output["rules_run"], reading=output["reading"]
    )


def validate_cin_census_files(
    this_year: dict[str, bytes], previous_year: dict[str, bytes] | None, *, collection_year: int, la_code: str
) -> ValidationResult:
    """The census checked as the return runs check every return (hearth/returns/runner.py): the
    year's files as export_cin_census_files made them. The census is checked alone (the validator
    compares no year with the one before, and reads the council's number from the file's Header),
    so `previous_year` and `la_code` are not used."""
    (content,) = this_year.values()
    return validate_cin_census(content, collection_year=collection_year)
