"""The Import page's runs: asked for with the upload and the administrator's choices, run in the
background (tasks.py, django-tasks as the returns' runs), their progress kept where the page can
read it while the import's own transaction is still open, and their report stored.

An import is one transaction (nothing half-written), so its progress cannot be written inside it
for the page to see: it is written through a second database connection of its own, outside that
transaction (on SQLite, which allows one writer, the bar moves only at the end)."""

import dataclasses
import datetime
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connections, transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.migration.cin_census_services import ERROR_WORKER, cin_census_import
from hearth.migration.cin_census_upload import Upload, read_upload
from hearth.migration.models import ImportRun, ImportRunStatus
from hearth.migration.names_services import names_import
from hearth.migration.plan import Plan
from hearth.migration.reading import Problem
from hearth.migration.services import ImportRefused, ImportReport, _check_importer, returns_import
from hearth.workforce.models import Worker

ERROR_UPLOAD_REQUIRED = "Choose the zip of your past returns"
ERROR_ALREADY_RUNNING = "Import {run} is still running (asked for {at}): wait for it to finish"
UPLOAD_LIMIT = 500 * 1024 * 1024
ERROR_UPLOAD_TOO_BIG = "The zip is larger than 500 MB: upload fewer years at a time"
STALE_AFTER = datetime.timedelta(hours=6)


def import_run_request(
    *,
    actor,
    upload: bytes,
    upload_name: str,
    dry_run: bool,
    leave_out_bad_children: bool,
    team_id: int | None,
    worker_id: int | None,
    chair_id: int | None,
) -> ImportRun:
    """Ask for an import; the background worker runs it. One at a time: two imports writing the same
    children at once would each see the other's half."""
    _check_importer(actor, team_id, chair_id)
    errors = {}
    if not Worker.objects.filter(pk=worker_id, team_id=team_id, holds_cases=True, left_on__isnull=True).exists():
        errors["worker"] = ERROR_WORKER
    if not upload:
        errors["upload"] = ERROR_UPLOAD_REQUIRED
    elif len(upload) > UPLOAD_LIMIT:
        errors["upload"] = ERROR_UPLOAD_TOO_BIG
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        running = ImportRun.objects.select_for_update().filter(
            status__in=[ImportRunStatus.QUEUED, ImportRunStatus.RUNNING]
        )
        for run in running:
            if now - (run.started_at or run.requested_at) > STALE_AFTER:
                _finish(run, ImportRunStatus.FAILED, error="The import stopped without finishing (its worker was lost)")
            else:
                at = f"{timezone.localtime(run.requested_at):%H:%M %-d %b %Y}"
                raise ValidationError(ERROR_ALREADY_RUNNING.format(run=run.pk, at=at))
        run = ImportRun.objects.create(
            requested_by=actor,
            requested_at=now,
            dry_run=dry_run,
            leave_out_bad_children=leave_out_bad_children,
            team_id=team_id,
            worker_id=worker_id,
            chair_id=chair_id,
            upload_name=upload_name[:200],
            upload=upload,
        )
        audit_record(
            actor=actor,
            action="migration.import_requested",
            obj=run,
            detail={"dry_run": dry_run, "leave_out_bad_children": leave_out_bad_children, "upload": upload_name},
        )
        from hearth.migration.tasks import import_run_task

        transaction.on_commit(lambda: import_run_task.enqueue(run.pk))
    return run


def _finish(run: ImportRun, status: str, *, report: dict | None = None, error: str = "") -> None:
    run.status, run.finished_at, run.error = status, timezone.now(), error
    run.report = report if report is not None else run.report
    run.save(update_fields=["status", "finished_at", "error", "report"])


class ProgressWriter:
    """Writes the run's progress through a connection of its own, outside the import's transaction."""

    def __init__(self, run_id: int):
        self.run_id = run_id
        self.connection = connections.create_connection("default")

    def __call__(self, done: int, total: int) -> None:
        if done != total and done % 10:
            return  # every tenth child: enough for a bar, few writes
        try:
            with self.connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {ImportRun._meta.db_table} SET progress_done = %s, progress_total = %s WHERE id = %s",  # noqa: S608 (the table's own name)
                    [done, total, self.run_id],
                )
        except DatabaseError:
            pass  # SQLite's one writer is the import itself: the bar moves at the end

    def close(self) -> None:
        self.connection.close()


def _problem(problem: Problem) -> dict:
    return {"file": problem.file, "line": problem.line, "column": problem.column, "reason": problem.reason}


def _report(report: ImportReport, upload) -> dict:
    return {
        "children_created": report.children_created,
        "children_matched": report.children_matched,
        "created": dict(sorted(report.created.items())),
        "already_held": dict(sorted(report.already_held.items())),
        "left_out": [
            {"child": child, "problems": [_problem(p) for p in problems]} for child, problems in report.left_out.items()
        ],
        "notes": report.notes,
        "files": [
            *upload.census.files_read,
            *(f"SSDA903 {n}" for n in upload.plan_903.not_imported),
            *([f"Names and addresses {upload.names.path}"] if upload.names else []),
        ],
        "rows_read": upload.rows_read,
    }


def import_run_execute(run_id: int) -> ImportRun:
    """Read the upload, then import the census and the SSDA903 (the census first: a looked-after
    child's open case from the census is the one their period of care goes on), in one transaction
    rolled back for a dry run. A refusal is stored as the run's report, never a traceback."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run_id)
        if not run.is_unfinished:
            return run
        run.status, run.started_at = ImportRunStatus.RUNNING, timezone.now()
        run.save(update_fields=["status", "started_at"])
    upload = read_upload(bytes(run.upload), run.upload_name)
    ImportRun.objects.filter(pk=run.pk).update(rows_read=upload.rows_read, progress_total=_children_to_write(upload))
    run.refresh_from_db()
    actor = get_user_model().objects.get(pk=run.requested_by_id)
    progress = ProgressWriter(run.pk)
    try:
        report = import_upload(
            actor=actor,
            upload=upload,
            team_id=run.team_id,
            worker_id=run.worker_id,
            chair_id=run.chair_id,
            leave_out_bad_children=run.leave_out_bad_children,
            dry_run=run.dry_run,
            progress=progress,
        )
    except ImportRefused as refusal:
        _finish(run, ImportRunStatus.REFUSED, report={"refused": [_problem(p) for p in refusal.problems]})
    except ValidationError as error:
        _finish(
            run,
            ImportRunStatus.REFUSED,
            report={"refused": [{"file": "", "line": None, "column": "", "reason": m} for m in error.messages]},
        )
    except Exception as error:  # a fault, not a refusal: the run says so, and the log has the rest
        _finish(run, ImportRunStatus.FAILED, error=f"The import stopped with an error: {type(error).__name__}")
        raise
    else:
        run.progress_done = run.progress_total
        run.save(update_fields=["progress_done"])
        _finish(run, ImportRunStatus.DONE, report=_report(report, upload))
    finally:
        progress.close()
    return run


def import_upload(
    *,
    actor,
    upload: Upload,
    team_id: int | None,
    worker_id: int | None,
    chair_id: int | None,
    leave_out_bad_children: bool,
    dry_run: bool,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import what was read (the page's zip or the command's folders and files): the census first (a
    looked-after child's open case from the census is the one their period of care goes on), then
    the SSDA903's other children, then the names and addresses extract (matched to the children now
    held), in one transaction rolled back for a dry run. Raises ImportRefused (every problem, before
    any write, unless bad children are to be left out) or ValidationError."""
    whole = [*upload.problems, *(problem for problem in upload.names_problems if not problem.child)]
    if whole or (upload.all_problems and not leave_out_bad_children):
        raise ImportRefused(whole or upload.all_problems)
    report = ImportReport(dry_run=dry_run)
    census, care, rest = _split(upload)
    names_count = len(upload.names.rows) if upload.names else 0
    census_count, total = len(census.children), len(census.children) + len(rest.children) + names_count

    def progress_of(offset: int):
        return (lambda done, _total: progress(offset + done, total)) if progress else None

    with transaction.atomic():
        if census.children or census.problems:
            cin_census_import(
                actor=actor,
                plan=census,
                team_id=team_id,
                worker_id=worker_id,
                chair_id=chair_id,
                leave_out_bad_children=leave_out_bad_children,
                progress=progress_of(0),
                report=report,
                care=care,
            )
        if rest.children or rest.problems:
            done_903 = returns_import(
                actor=actor,
                plan=rest,
                team_id=team_id,
                chair_id=chair_id,
                leave_out_bad_children=leave_out_bad_children,
                progress=progress_of(census_count),
            )
            _add_report(report, done_903)
        if upload.names is not None:
            names_import(
                actor=actor,
                names=upload.names,
                leave_out_bad_children=leave_out_bad_children,
                report=report,
                progress=progress_of(census_count + len(rest.children)),
            )
        if dry_run:
            transaction.set_rollback(True)
    return report


def _children_to_write(upload: Upload) -> int:
    """The progress bar's whole: the census's children, the 903's, and the extract's rows."""
    names = len(upload.names.rows) if upload.names else 0
    return len(upload.census.children) + len(upload.plan_903.children) + names


def _split(upload) -> tuple:
    """The census's plan, the 903's children who are in it (their care written with their census
    history), and the 903's plan of the others. A child whose 903 rows are refused is left out of
    both (the 903's writer reports them); any 903 problem of the files themselves is in `rest`."""
    problem_children = {problem.child for problem in upload.plan_903.problems}
    census = dataclasses.replace(
        upload.census,
        children={k: v for k, v in upload.census.children.items() if k not in problem_children - {""}},
    )
    both = {k: v for k, v in upload.plan_903.children.items() if k in census.children and k not in problem_children}
    rest = dataclasses.replace(
        upload.plan_903, children={k: v for k, v in upload.plan_903.children.items() if k not in census.children}
    )
    return census, Plan(children=both), rest


def _add_report(report: ImportReport, other: ImportReport) -> None:
    report.children_created += other.children_created
    report.children_matched += other.children_matched
    report.created.update(other.created)
    report.already_held.update(other.already_held)
    report.left_out.update(other.left_out)
    report.notes.extend(other.notes)
