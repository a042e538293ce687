"""One run of a statutory return, whichever it is (hearth/returns/kinds.py): export the collection year
from the record (and the year before, for a return whose validator compares the two), check the files
with the DfE's validator, and store what it found. The background task (tasks.py) calls this; so may a
test, with its own exporter and validator passed in."""

import logging
import time

from django.conf import settings

from hearth.returns import services
from hearth.returns.kinds import kind_of
from hearth.returns.models import ReconciliationStage, RunStage
from hearth.returns.reconciliation import lines_as_data, read_returns, reconcile

logger = logging.getLogger(__name__)


def _progress_in(run_id: int, stage: str):
    def report(done: int, total: int) -> None:
        # Each hundredth of the way (and the end) is enough for a progress bar.
        if done == total or done % max(1, total // 100) == 0:
            services.return_run_progress_record(run_id, stage=stage, done=done, total=total)

    return report


def run_return(run_id: int, *, export=None, validate=None) -> None:
    """export(collection_year, progress=None) -> {file name: bytes};
    validate(this_year, previous_year, *, collection_year, la_code) -> the validator's result
    (previous_year None for a return whose validator does not compare the years)."""
    run = services.return_run_start(run_id)
    try:
        kind = kind_of(run.return_name)
        export = export or kind.exporter()
        validate = validate or kind.validator()
        services.return_run_progress_record(run_id, stage=RunStage.EXPORTING)
        this_year = export(run.collection_year, progress=_progress_in(run_id, RunStage.EXPORTING))
        previous_year = None
        if kind.compares_previous_year:
            services.return_run_progress_record(run_id, stage=RunStage.EXPORTING_PREVIOUS)
            previous_year = export(run.collection_year - 1, progress=_progress_in(run_id, RunStage.EXPORTING_PREVIOUS))
        services.return_run_progress_record(run_id, stage=RunStage.VALIDATING)
        result = validate(
            this_year, previous_year, collection_year=run.collection_year, la_code=settings.HEARTH_LA_CODE
        )
        services.return_run_progress_record(run_id, stage=RunStage.STORING)
        services.return_run_results_store(run_id, files=this_year, result=result)
    except Exception as error:  # noqa: BLE001 - any failure is the run's, said on the page (never left "running")
        logger.exception("Return run %s failed", run_id)
        services.return_run_failure_record(run_id, error=f"{type(error).__name__}: {error}")


# The name the 903's callers and tests know; it runs whatever return the run is of.
run_903 = run_return


def run_reconciliation(run_id: int) -> None:
    """Work out the Reconciliation page for the run's year (hearth/returns/reconciliation.py) and keep
    it; the progress bar follows the exports file by file and child by child, then the figures."""
    run = services.reconciliation_run_start(run_id)
    last = {"stage": None, "at": 0.0}

    def report(stage: str, done: int, total: int) -> None:
        # The bar is asked every two seconds: a stage's start and end, and a second's progress, are
        # enough (each write is a transaction; a small council's whole run takes about a second).
        now = time.monotonic()
        if stage != last["stage"] or done == total or now - last["at"] >= 1.0:
            last["stage"], last["at"] = stage, now
            services.reconciliation_run_progress_record(run_id, stage=stage, done=done, total=total)

    try:
        lines = reconcile(read_returns(run.collection_year, progress=report), progress=report)
        services.reconciliation_run_progress_record(run_id, stage=ReconciliationStage.STORING)
        services.reconciliation_run_results_store(run_id, lines=lines_as_data(lines))
    except Exception as error:  # noqa: BLE001 - any failure is the run's, said on the page (never left "running")
        logger.exception("Reconciliation run %s failed", run_id)
        services.reconciliation_run_failure_record(run_id, error=f"{type(error).__name__}: {error}")
