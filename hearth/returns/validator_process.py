"""Running a DfE validator in its own environment (.venv-validators, settings.HEARTH_VALIDATOR_PYTHON)
through a subprocess: a runner script beside the return's code reads a JSON request on stdin and
prints JSON. Shared by the returns whose validators are Python packages (the SSDA903 and the CIN
census), with the result's types, so the Returns page reads both alike."""

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

TIMEOUT_SECONDS = 600


class ValidatorUnavailable(RuntimeError):
    """The validators' virtual environment is missing, or the validator did not finish."""


@dataclass(frozen=True)
class Failure:
    rule: str
    description: str
    child: str  # the child's Hearth ID (CHILD), empty if the row has none
    file: str  # Header, Episodes, ... (with "_last" for last year's file)
    row: int  # the row in that file, 0 for the first row after the column names
    columns: tuple[str, ...]


@dataclass(frozen=True)
class NotChecked:
    """A rule the validator could not check, why, and the rows it flagged that cannot be trusted."""

    rule: str
    description: str
    reason: str
    rows: tuple[Failure, ...] = ()


@dataclass(frozen=True)
class ValidationResult:
    failures: list[Failure]
    not_checked: list[NotChecked]
    rules_run: list[str]
    rules_skipped: list[str] = field(default_factory=list)  # lacking a file (e.g. no last year)
    reading: str = ""  # the CIN census: how the runner read the file ("hearth" or "tool"; runner.py)

    def failures_by_rule(self) -> dict[str, list[Failure]]:
        by_rule: dict[str, list[Failure]] = {}
        for failure in sorted(self.failures, key=lambda f: (rule_order(f.rule), f.file, f.row)):
            by_rule.setdefault(failure.rule, []).append(failure)
        return by_rule


def rule_order(code: str) -> tuple:
    """Rules in number order (101 before 1001), whatever letters they carry (8569Q)."""
    digits = "".join(ch for ch in code if ch.isdigit())
    return (int(digits) if digits else 0, code)


def is_query(rule: str) -> bool:
    """A DfE query (a code ending in Q: "please check and either amend or provide a reason"), which a
    council may send with a reason instead of a fix; an error otherwise. The CIN census has queries;
    the 903's rules as its validator numbers them have none."""
    return rule.upper().endswith("Q")


def failures_and_crashes(output: dict) -> tuple[list[Failure], list[NotChecked]]:
    """A runner's failures, and the rules that raised an error inside the tool (could not check)."""
    messages = output["messages"]
    failures = [
        Failure(
            rule=f["rule"],
            description=f["description"],
            child=f["child"],
            file=f["file"],
            row=f["row"],
            columns=tuple(f["columns"]),
        )
        for f in output["failures"]
    ]
    not_checked = [
        NotChecked(rule=code, description=messages.get(code, ""), reason=f"The rule raised an error in the tool: {why}")
        for code, why in sorted(output["crashed"].items(), key=lambda item: rule_order(item[0]))
    ]
    return failures, not_checked


def run_runner(runner: Path, request: dict, *, timeout: int = TIMEOUT_SECONDS) -> dict:
    """Run `runner` with the validators' Python, `request` as JSON on stdin; the JSON it prints."""
    python = Path(settings.HEARTH_VALIDATOR_PYTHON)
    if not python.exists():
        raise ValidatorUnavailable(
            f"The DfE's validator is not installed: {python} does not exist. Run `make venv` (it builds "
            f".venv-validators from requirements/validators.txt), or set HEARTH_VALIDATOR_PYTHON."
        )
    try:
        # The command is fixed: the validators' Python (a setting) and a runner beside Hearth's code.
        done = subprocess.run(  # noqa: S603
            [str(python), str(runner)],
            input=json.dumps(request).encode(),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise ValidatorUnavailable(f"The DfE's validator did not finish in {timeout} seconds.") from error
    if done.returncode != 0:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-5:]
        raise ValidatorUnavailable("The DfE's validator stopped with an error: " + " | ".join(tail))
    return json.loads(done.stdout)
