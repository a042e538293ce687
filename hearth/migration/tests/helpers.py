"""Hand-written 903 files for the import's tests, in the styles of other systems (columns in their
own order, optional columns left out, dates as D/M/YYYY), and running the import as the command
does."""

import datetime
from pathlib import Path

import time_machine
from django.contrib.auth import get_user_model

from hearth.migration.plan import plan_import
from hearth.migration.reading import read_year_folder
from hearth.migration.services import returns_import
from hearth.people.identifiers import upn_check_letter
from hearth.workforce.services import worker_create

NOW = datetime.datetime(2026, 5, 15, 18, 0, tzinfo=datetime.UTC)


def a_upn(serial: int) -> str:
    """A valid UPN (its check letter worked out), different for each serial."""
    last_twelve = f"80120241{serial:04d}"
    return upn_check_letter(last_twelve) + last_twelve


def write_year(root: Path, label: str, files: dict[str, str]) -> Path:
    """A folder named by the year ("2024-25") holding the files given (name -> text; lines joined by
    the CSV's CRLF)."""
    folder = root / label
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        lines = [line.strip() for line in text.strip().splitlines()]
        (folder / name).write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return folder


def run_import(folders: list[Path], *, actor, staff, **options):
    """Read, check and import the folders, as `manage.py import_returns` does, on 15 May 2026."""
    with time_machine.travel(NOW):
        plan = plan_import([read_year_folder(folder) for folder in folders])
        return returns_import(actor=actor, plan=plan, team_id=staff.north.pk, chair_id=staff.iro.pk, **options)


def add_workers(team, *numbers: str) -> None:
    """The council's social workers, added (as docs/migration.md asks) before the import, each with a
    registration number the SWEpisodes files name, in the team the imported cases are on."""
    for number in numbers:
        user = get_user_model().objects.create_user(number.lower(), password="worker-password-1")
        worker_create(actor=None, user=user, team=team, job_title="Social worker", registration_number=number)
