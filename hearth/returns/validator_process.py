"""Running a DfE validator in its own environment (.venv-validators, settings.HEARTH_VALIDATOR_PYTHON)
through a subprocess: a runner script beside the return's code reads a JSON request on stdin and
prints JSON. Shared by the returns whose validators are Python packages (the CIN census; the
SSDA903's validation keeps its own copy for now)."""

import json
import subprocess
from pathlib import Path

from django.conf import settings

from hearth.returns.ssda903.validation import ValidatorUnavailable

TIMEOUT_SECONDS = 600


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
