"""manage.py import_returns PATH [PATH ...] --by USERNAME --team TEAM --chair USERNAME [--worker USERNAME]
[--dry-run] [--leave-out-bad-children]

Imports a council's past returns: folders named by their collection year (2024-25), each holding
that year's SSDA903 CSV files (Header, Episodes, Reviews, UASC, OC2, OC3, AD1, PlacedAdoption,
PrevPerm, Missing, SWEpisodes, DoLo) and its children in need census XML file (either may be
missing), census XML files given on their own, and the council's extract of its children's names
and addresses (a CSV file whose name says names: names_reading.py), written last, onto the children
the returns made or matched. It imports as the Import page does: the census
first, each looked-after child's periods of care on their CIN episodes. Every file is checked
first; a problem anywhere refuses the import whole, listing each bad row's file, line, column (or
census element) and reason, and nothing is written (docs/migration.md)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hearth.migration.cin_census_upload import read_paths
from hearth.migration.import_runs import import_upload
from hearth.migration.names_reading import is_names_file
from hearth.migration.services import ImportRefused
from hearth.workforce.models import Team, Worker

ERROR_NO_PATH = "{path}: no such folder or file."
ERROR_NOT_A_CENSUS_FILE = (
    "{path}: give a folder named by its year, a census XML file, or the names and addresses CSV file (a name "
    "with 'names' in it)."
)
ERROR_WORKER_NEEDED = (
    "--worker is needed to import the census: the worker (username) the imported cases with assessments are "
    "allocated to (an assessment is started on an allocated case)"
)


class Command(BaseCommand):
    help = (
        "Import past returns: one folder per collection year (2024-25) with the DfE's SSDA903 CSV files and its "
        "children in need census XML file, census XML files on their own, and the names and addresses CSV file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            type=Path,
            help="folders named by their year (2024-25), census XML files, the names and addresses CSV file",
        )
        parser.add_argument("--by", required=True, help="the system administrator (username) importing")
        parser.add_argument("--team", required=True, help="the team (name) that holds the imported cases")
        parser.add_argument("--chair", required=True, help="the IRO (username) named as chair of imported reviews")
        parser.add_argument(
            "--worker",
            help="the case-holding worker (username) in the team the census's cases with assessments are allocated to",
        )
        parser.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
        parser.add_argument(
            "--leave-out-bad-children",
            action="store_true",
            help="import the children whose rows are good, and report each child left out and why",
        )

    def handle(self, *args, paths, by, team, chair, worker, dry_run, leave_out_bad_children, **options):
        actor, team_id, chair_id = self._people(by, team, chair)
        for path in paths:
            if not path.exists():
                raise CommandError(ERROR_NO_PATH.format(path=path))
            if path.is_file() and path.suffix.lower() != ".xml" and not is_names_file(path):
                raise CommandError(ERROR_NOT_A_CENSUS_FILE.format(path=path))
        upload = read_paths(paths)
        for files in upload.files_903:
            counts = ", ".join(f"{name} {len(rows)} rows" for name, rows in files.rows.items())
            self.stdout.write(f"Read {files.folder}: {counts or 'nothing'}")
        for census in upload.census.files_read:
            self.stdout.write(f"Read {census}: the children in need census")
        if upload.names is not None:
            self.stdout.write(f"Read {upload.names.path}: names and addresses, {upload.names.rows_read} rows")
        worker_id = self._worker(worker) if upload.census.children or upload.census.problems else None
        try:
            report = import_upload(
                actor=actor,
                upload=upload,
                team_id=team_id,
                worker_id=worker_id,
                chair_id=chair_id,
                leave_out_bad_children=leave_out_bad_children,
                dry_run=dry_run,
                progress=self._progress(),
            )
        except ImportRefused as refusal:
            raise CommandError(self._refusal(refusal)) from refusal
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self._report(report)

    def _people(self, by: str, team: str, chair: str) -> tuple:
        users = get_user_model().objects
        actor = users.filter(username=by, is_active=True).first()
        if actor is None:
            raise CommandError(f"--by {by}: no active user has that username.")
        found_team = Team.objects.filter(name=team).first()
        if found_team is None:
            raise CommandError(f"--team {team}: no team has that name.")
        found_chair = users.filter(username=chair).first()
        if found_chair is None:
            raise CommandError(f"--chair {chair}: no user has that username.")
        return actor, found_team.pk, found_chair.pk

    def _worker(self, username: str | None) -> int:
        """The census's worker: the import itself checks they hold cases in the team and have not left."""
        if not username:
            raise CommandError(ERROR_WORKER_NEEDED)
        found = Worker.objects.filter(user__username=username).first()
        if found is None:
            raise CommandError(f"--worker {username}: no worker has that username.")
        return found.pk

    def _progress(self):
        def show(done: int, total: int) -> None:
            filled = round(40 * done / total) if total else 40
            self.stdout.write(f"\rImporting [{'#' * filled}{'.' * (40 - filled)}] {done}/{total} children", ending="")
            if done == total:
                self.stdout.write("")
            self.stdout.flush()

        return show

    def _refusal(self, refusal: ImportRefused) -> str:
        lines = [f"The import was refused and nothing was written: {len(refusal.problems)} problem(s)."]
        lines += [f"  {problem}" for problem in refusal.problems]
        return "\n".join(lines)

    def _report(self, report) -> None:
        verb = "Would create" if report.dry_run else "Created"
        self.stdout.write(f"{verb} {report.children_created} children; matched {report.children_matched} already held.")
        for kind, count in sorted(report.created.items()):
            self.stdout.write(f"  {kind}: {count}")
        for kind, count in sorted(report.already_held.items()):
            self.stdout.write(f"  already held, skipped: {kind}: {count}")
        for legacy, problems in report.left_out.items():
            self.stdout.write(f"Left out child {legacy}:")
            for problem in problems:
                self.stdout.write(f"  {problem}")
        for note in report.notes:
            self.stdout.write(f"Note: {note}")
        if report.dry_run:
            self.stdout.write("Dry run: nothing was written.")
