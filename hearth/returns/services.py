"""Writers for return runs: request a run, mark it started, record its progress, store its results or
why it failed. Each is one transaction; requesting, finishing and failing write an audit-trail row
(progress is a counter on the run, not a fact about anyone, so it writes none). A refusal writes nothing."""

import datetime
import io
import zipfile
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.core.collection_years import collection_year_of, latest_ended_year
from hearth.people.models import Child, parse_hearth_id
from hearth.returns.kinds import RETURN_KINDS
from hearth.returns.models import (
    UNFINISHED,
    ReconciliationRun,
    ReconciliationStage,
    ReturnFailure,
    ReturnName,
    ReturnRun,
    RuleNotChecked,
    RunStage,
    RunStatus,
    collection_year_label,
)
from hearth.returns.rules import may_run_returns

# The first collection year Hearth offers (the DfE's 903 rules as the validator has them start at 2022-23,
# and the validator compares each year with the one before; the CIN validator's rules, cin2022_23, too).
FIRST_COLLECTION_YEAR = 2023
# A run still marked running this long after it started has lost its worker (a restart, a crash):
# a new request marks it failed rather than waiting on it for ever.
STALE_AFTER = datetime.timedelta(hours=2)

ERROR_MAY_NOT_RUN = "Only a performance and quality officer can run a statutory return"
ERROR_YEAR = "Choose a collection year from {first} to {last}"
ERROR_ALREADY_RUNNING = "The {year} {noun} is already being run (requested at {at}): wait for it to finish"
ERROR_UNKNOWN_RETURN = "Hearth makes no return called {name!r}"
ERROR_NOT_UNFINISHED = "Run {run} has already finished ({status}). Nothing was changed"
ERROR_STALE = "The run stopped without finishing (no word from it for {hours} hours): run it again"


def current_collection_year(today: datetime.date | None = None) -> int:
    return collection_year_of(today or timezone.localdate())


def offered_collection_years(today: datetime.date | None = None) -> list[int]:
    """The years the Returns page offers, newest first: the current one and every complete one since
    the first Hearth offers."""
    return [current_collection_year(today), *ended_collection_years(today)]


def ended_collection_years(today: datetime.date | None = None) -> list[int]:
    """The complete collection years Hearth offers, newest first (the latest ended first)."""
    return list(range(latest_ended_year(today), FIRST_COLLECTION_YEAR - 1, -1))


def _check_year(collection_year: int) -> None:
    years = offered_collection_years()
    if collection_year not in years:
        raise ValidationError(
            {
                "collection_year": ERROR_YEAR.format(
                    first=collection_year_label(years[-1]), last=collection_year_label(years[0])
                )
            }
        )


def return_run_request(*, actor, collection_year: int, return_name: str = ReturnName.SSDA903) -> ReturnRun:
    """Ask for a run of a return (the SSDA903 or the CIN census) for a collection year; the background
    worker runs it (tasks.py). `actor` None is the nightly schedule. One run of a return's year at a
    time: a second request while one is waiting or running is refused (a run that lost its worker is
    marked failed first); the other return's runs are not held up."""
    if actor is not None and not may_run_returns(actor):
        raise ValidationError(ERROR_MAY_NOT_RUN)
    if return_name not in RETURN_KINDS:
        raise ValidationError(ERROR_UNKNOWN_RETURN.format(name=return_name))
    _check_year(collection_year)
    now = timezone.now()
    with transaction.atomic():
        unfinished = (
            ReturnRun.objects.select_for_update()
            .filter(return_name=return_name, collection_year=collection_year, status__in=UNFINISHED)
            .first()
        )
        if unfinished is not None:
            last_heard = unfinished.started_at or unfinished.requested_at
            if unfinished.status == RunStatus.RUNNING and now - last_heard > STALE_AFTER:
                _fail(unfinished, ERROR_STALE.format(hours=int(STALE_AFTER.total_seconds() // 3600)), now)
            else:
                raise ValidationError(
                    ERROR_ALREADY_RUNNING.format(
                        year=unfinished.year_label,
                        noun=RETURN_KINDS[return_name].noun,
                        at=f"{timezone.localtime(unfinished.requested_at):%H:%M %-d %b %Y}",
                    )
                )
        run = ReturnRun.objects.create(
            return_name=return_name, collection_year=collection_year, requested_by=actor, requested_at=now
        )
        audit_record(
            actor=actor,
            action="returns.run_requested",
            obj=run,
            detail={"return": return_name, "collection_year": collection_year, "scheduled": actor is None},
        )
        from hearth.returns.tasks import run_return_task

        transaction.on_commit(lambda: run_return_task.enqueue(run.pk))
    return run


def _unfinished(run_id: int) -> ReturnRun:
    run = ReturnRun.objects.select_for_update().get(pk=run_id)
    if not run.is_unfinished:
        raise ValidationError(ERROR_NOT_UNFINISHED.format(run=run.pk, status=run.get_status_display()))
    return run


def return_run_start(run_id: int) -> ReturnRun:
    with transaction.atomic():
        run = _unfinished(run_id)
        run.status = RunStatus.RUNNING
        run.started_at = timezone.now()
        run.save(update_fields=["status", "started_at"])
    return run


def return_run_progress_record(run_id: int, *, stage: str, done: int = 0, total: int = 0) -> None:
    """Where the run has got to (the Returns page's progress bar reads it)."""
    if stage not in RunStage.values:
        raise ValueError(f"Unknown stage {stage!r}")
    with transaction.atomic():
        _unfinished(run_id)
        ReturnRun.objects.filter(pk=run_id).update(stage=stage, progress_done=min(done, total), progress_total=total)


def _zip(files: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()


def _children_by_reference(references: set[str]) -> dict[str, Child]:
    ids = {ref: parse_hearth_id(ref) for ref in references if ref.upper().startswith("H")}
    found = Child.objects.in_bulk([pk for pk in ids.values() if pk is not None])
    return {ref: found[pk] for ref, pk in ids.items() if pk in found}


def _count(rules_run) -> int:
    # The validator's result says which rules it ran: a number, or the rules themselves.
    return rules_run if isinstance(rules_run, int) else len(rules_run)


def return_run_results_store(run_id: int, *, files: Mapping[str, bytes], result) -> ReturnRun:
    """Keep the exported files and the validator's findings; the run is done. `result` is the
    validator's result (hearth.returns.validator_process.ValidationResult): `.failures`,
    `.not_checked` and `.rules_run`. The census's "file" is the table the validator names
    (ChildCharacteristics, CINdetails, ...)."""
    with transaction.atomic():
        run = _unfinished(run_id)
        references = {str(f.child or "") for f in result.failures}
        children = _children_by_reference(references)
        ReturnFailure.objects.bulk_create(
            ReturnFailure(
                run=run,
                rule_code=str(f.rule),
                message=f.description,
                child=children.get(str(f.child or "")),
                child_reference=str(f.child or ""),
                file=f.file or "",
                row=f.row,
                columns=list(f.columns or []),
            )
            for f in result.failures
        )
        RuleNotChecked.objects.bulk_create(
            RuleNotChecked(run=run, rule_code=str(n.rule), message=n.description or "", reason=n.reason)
            for n in result.not_checked
        )
        run.files_zip = _zip(files)
        run.file_names = sorted(files)
        run.rules_run = _count(result.rules_run)
        run.failure_count = len(result.failures)
        run.children_failing = len({ref for ref in references if ref})
        run.not_checked_count = len(result.not_checked)
        run.status = RunStatus.DONE
        run.stage = RunStage.STORING
        run.progress_done = run.progress_total
        run.finished_at = timezone.now()
        run.save()
        audit_record(
            actor=None,
            action="returns.run_done",
            obj=run,
            detail={
                "collection_year": run.collection_year,
                "failures": run.failure_count,
                "children": run.children_failing,
                "not_checked": run.not_checked_count,
            },
        )
    return run


def _fail(run: ReturnRun, error: str, now) -> None:
    run.status = RunStatus.FAILED
    run.error = error
    run.finished_at = now
    run.save(update_fields=["status", "error", "finished_at"])
    audit_record(actor=None, action="returns.run_failed", obj=run, detail={"error": error[:500]})


def return_run_failure_record(run_id: int, *, error: str) -> ReturnRun:
    """The run stopped: say why on the Returns page; the findings of the last good run still stand."""
    with transaction.atomic():
        run = _unfinished(run_id)
        _fail(run, error, timezone.now())
    return run


# The Reconciliation page's background runs ----------------------------------------------------------

ERROR_RECONCILE_YEAR = "Choose a complete collection year from {first} to {last}"
ERROR_RECONCILIATION_RUNNING = "The {year} reconciliation is already being worked out (asked for at {at}): wait for it"

# A write to the record that no audit row names as a read: the reconciliation's result is kept for the
# record's state, which is the trail's last row that is not one of these (a page seen, a search, an
# export, a refusal, the returns' own runs and downloads).
READS_ON_THE_TRAIL = ("child.view", "child.search", "child.export", "access.refused", "retention.report")


def record_state() -> int:
    """The record's state, as the audit trail's last write: every service writes its audit row with
    its change, so a result worked out at this state is still the record's while it is the same."""
    writes = AuditEvent.objects.exclude(action__in=READS_ON_THE_TRAIL).exclude(action__startswith="returns.")
    return writes.order_by("-id").values_list("id", flat=True).first() or 0


def reconcilable_years(today: datetime.date | None = None) -> list[int]:
    """The complete collection years, newest first (the page compares figures for a 31 March passed)."""
    return ended_collection_years(today)


def reconciliation_run_request(*, actor, collection_year: int, enqueue: bool = True) -> ReconciliationRun:
    """Ask for the Reconciliation page of a complete year to be worked out again; the background worker
    does it (tasks.py), or the caller at once with enqueue False (the page of a small council). One at a
    time for a year: a second request while one is waiting or running is refused (one that lost its
    worker is marked failed first)."""
    if not may_run_returns(actor):
        raise ValidationError(ERROR_MAY_NOT_RUN)
    years = reconcilable_years()
    if collection_year not in years:
        raise ValidationError(
            {
                "year": ERROR_RECONCILE_YEAR.format(
                    first=collection_year_label(years[-1]), last=collection_year_label(years[0])
                )
            }
        )
    now = timezone.now()
    with transaction.atomic():
        unfinished = (
            ReconciliationRun.objects.select_for_update()
            .filter(collection_year=collection_year, status__in=UNFINISHED)
            .first()
        )
        if unfinished is not None:
            last_heard = unfinished.started_at or unfinished.requested_at
            if unfinished.status == RunStatus.RUNNING and now - last_heard > STALE_AFTER:
                stale = ERROR_STALE.format(hours=int(STALE_AFTER.total_seconds() // 3600))
                _fail_reconciliation(unfinished, stale, now)
            else:
                raise ValidationError(
                    ERROR_RECONCILIATION_RUNNING.format(
                        year=unfinished.year_label, at=f"{timezone.localtime(unfinished.requested_at):%H:%M %-d %b %Y}"
                    )
                )
        run = ReconciliationRun.objects.create(collection_year=collection_year, requested_by=actor, requested_at=now)
        audit_record(
            actor=actor,
            action="returns.reconciliation_requested",
            obj=run,
            detail={"collection_year": collection_year, "in_background": enqueue},
        )
        if enqueue:
            from hearth.returns.tasks import run_reconciliation_task

            transaction.on_commit(lambda: run_reconciliation_task.enqueue(run.pk))
    return run


def _unfinished_reconciliation(run_id: int) -> ReconciliationRun:
    run = ReconciliationRun.objects.select_for_update().get(pk=run_id)
    if not run.is_unfinished:
        raise ValidationError(ERROR_NOT_UNFINISHED.format(run=run.pk, status=run.get_status_display()))
    return run


def reconciliation_run_start(run_id: int) -> ReconciliationRun:
    """The run begins: the record's state it will be worked out on is taken now."""
    with transaction.atomic():
        run = _unfinished_reconciliation(run_id)
        run.status = RunStatus.RUNNING
        run.started_at = timezone.now()
        run.record_state = record_state()
        run.save(update_fields=["status", "started_at", "record_state"])
    return run


def reconciliation_run_progress_record(run_id: int, *, stage: str, done: int = 0, total: int = 0) -> None:
    if stage not in ReconciliationStage.values:
        raise ValueError(f"Unknown stage {stage!r}")
    with transaction.atomic():
        _unfinished_reconciliation(run_id)
        ReconciliationRun.objects.filter(pk=run_id).update(
            stage=stage, progress_done=min(done, total), progress_total=total
        )


def reconciliation_run_results_store(run_id: int, *, lines: list[dict]) -> ReconciliationRun:
    """Keep the figures (hearth.returns.reconciliation.lines_as_data); the run is done."""
    with transaction.atomic():
        run = _unfinished_reconciliation(run_id)
        run.lines = lines
        run.status = RunStatus.DONE
        run.stage = ReconciliationStage.STORING
        run.progress_done = run.progress_total
        run.finished_at = timezone.now()
        run.save()
        compared = [line for line in lines if line["catalogue_count"] is not None]
        audit_record(
            actor=None,
            action="returns.reconciliation_done",
            obj=run,
            detail={
                "collection_year": run.collection_year,
                "compared": len(compared),
                "differing": sum(1 for line in compared if line["differences"]),
            },
        )
    return run


def _fail_reconciliation(run: ReconciliationRun, error: str, now) -> None:
    run.status = RunStatus.FAILED
    run.error = error
    run.finished_at = now
    run.save(update_fields=["status", "error", "finished_at"])
    audit_record(actor=None, action="returns.reconciliation_failed", obj=run, detail={"error": error[:500]})


def reconciliation_run_failure_record(run_id: int, *, error: str) -> ReconciliationRun:
    with transaction.atomic():
        run = _unfinished_reconciliation(run_id)
        _fail_reconciliation(run, error, timezone.now())
    return run
