"""manage.py import_returns FOLDER [FOLDER ...] --by USERNAME --team TEAM --chair USERNAME
[--dry-run] [--leave-out-bad-children]

Imports a council's past SSDA903 returns, one folder per collection year named by its year (2024-25),
each holding the DfE's CSV files (every 903 file: Header, Episodes, Reviews, UASC, OC2, OC3, AD1,
PlacedAdoption, PrevPerm, Missing, SWEpisodes, DoLo). Every file
is checked first; a problem anywhere refuses the import whole, listing each bad row's file, line,
column and reason, and nothing is written (docs/migration.md)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hearth.migration.plan import plan_import
from hearth.migration.reading import read_year_folder
from hearth.migration.services import ImportRefused, returns_import
from hearth.workforce.models import Team


class Command(BaseCommand):
    help = "Import past SSDA903 returns (one folder of the DfE's CSV files per collection year)."

    def add_arguments(self, parser):
        parser.add_argument("folders", nargs="+", type=Path, help="one folder per year, named by it: 2024-25")
        parser.add_argument("--by", required=True, help="the system administrator (username) importing")
        parser.add_argument("--team", required=True, help="the team (name) that holds the imported cases")
        parser.add_argument("--chair", required=True, help="the IRO (username) named as chair of imported reviews")
        parser.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
        parser.add_argument(
            "--leave-out-bad-children",
            action="store_true",
            help="import the children whose rows are good, and report each child left out and why",
        )

    def handle(self, *args, folders, by, team, chair, dry_run, leave_out_bad_children, **options):
        actor, team_id, chair_id = self._people(by, team, chair)
        for folder in folders:
            if not folder.is_dir():
                raise CommandError(f"{folder}: no such folder.")
        years = [read_year_folder(folder) for folder in folders]
        for files in years:
            counts = ", ".join(f"{name} {len(rows)} rows" for name, rows in files.rows.items())
            self.stdout.write(f"Read {files.folder}: {counts or 'nothing'}")
        plan = plan_import(years)
        try:
            report = returns_import(
                actor=actor,
                plan=plan,
                team_id=team_id,
                chair_id=chair_id,
                leave_out_bad_children=leave_out_bad_children,
                dry_run=dry_run,
                progress=self._progress(len(plan.children)),
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

    def _progress(self, total: int):
        def show(done: int, _total: int) -> None:
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
