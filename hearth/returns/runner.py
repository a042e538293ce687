"""One run of the 903 return: export the collection year and the year before from the record, check
them with the DfE's validator, and store what it found. The background task (tasks.py) calls this; so
may a test, with its own exporter and validator passed in.

The exporter and the validator are named by dotted path and resolved when a run starts, so that this
module, the page and the schedule do not depend on how the return is built (hearth/returns/ssda903/)."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

from hearth.returns import services
from hearth.returns.models import RunStage

logger = logging.getLogger(__name__)

# The settings HEARTH_RETURNS_903_EXPORT and HEARTH_RETURNS_903_VALIDATE may name others (the page's
# tests give their own, small ones); these are what a council runs.
EXPORT_903 = "hearth.returns.ssda903.export.export_903"
VALIDATE_903 = "hearth.returns.ssda903.validation.validate_903"


def _named(setting: str, default: str):
    return import_string(getattr(settings, setting, default))


def run_903(run_id: int, *, export=None, validate=None) -> None:
    """export(collection_year, progress=None) -> {file name: CSV bytes};
    validate(this_year, previous_year, *, collection_year, la_code) -> the validator's result."""
    run = services.return_run_start(run_id)
    try:
        export = export or _named("HEARTH_RETURNS_903_EXPORT", EXPORT_903)
        validate = validate or _named("HEARTH_RETURNS_903_VALIDATE", VALIDATE_903)

        def progress_in(stage):
            def report(done: int, total: int) -> None:
                # Each hundredth of the way (and the end) is enough for a progress bar.
                if done == total or done % max(1, total // 100) == 0:
                    services.return_run_progress_record(run_id, stage=stage, done=done, total=total)

            return report

        services.return_run_progress_record(run_id, stage=RunStage.EXPORTING)
        this_year = export(run.collection_year, progress=progress_in(RunStage.EXPORTING))
        services.return_run_progress_record(run_id, stage=RunStage.EXPORTING_PREVIOUS)
        previous_year = export(run.collection_year - 1, progress=progress_in(RunStage.EXPORTING_PREVIOUS))
        services.return_run_progress_record(run_id, stage=RunStage.VALIDATING)
        result = validate(
            this_year, previous_year, collection_year=run.collection_year, la_code=settings.HEARTH_LA_CODE
        )
        services.return_run_progress_record(run_id, stage=RunStage.STORING)
        services.return_run_results_store(run_id, files=this_year, result=result)
    except Exception as error:  # noqa: BLE001 - any failure is the run's, said on the page (never left "running")
        logger.exception("Return run %s failed", run_id)
        services.return_run_failure_record(run_id, error=f"{type(error).__name__}: {error}")
