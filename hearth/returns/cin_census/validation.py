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

from hearth.returns.validator_process import ValidationResult, failures_and_crashes, run_runner

RUNNER = Path(__file__).with_name("runner.py")


def is_query(rule: str) -> bool:
    """A DfE query (code ending in Q): a council may send the census with a reason instead of a fix."""
    return rule.upper().endswith("Q")


def validate_cin_census(content: bytes, *, collection_year: int) -> ValidationResult:
    """Validate a census file (the XML) for the year ending 31 March `collection_year` with that
    year's rules."""
    output = run_runner(
        RUNNER, {"collection_year": str(collection_year), "content": base64.b64encode(content).decode()}
    )
    failures, not_checked = failures_and_crashes(output)
    return ValidationResult(failures=failures, not_checked=not_checked, rules_run=output["rules_run"])
