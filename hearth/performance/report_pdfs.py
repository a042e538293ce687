"""Making a published month's report as a PDF, once, in the background (tasks.py runs this; so may a
test or the benchmark). The PDF is laid out by WeasyPrint from the same templates as the report's
page and from the same frozen figures (reports.py), then kept (ReportFile) so that every later
download is instant. Nothing in a PDF depends on who asked for it: each kind is one document for all
its readers (the aggregate kinds for readers without the drill-down). The same task makes a large
month's workbook with the rows behind its figures, which is made for one reader (the children they
may see) and kept for them."""

import logging

from django.template.loader import render_to_string
from django.utils import timezone

from hearth.core.pdf import html_to_pdf, stylesheet
from hearth.people.selectors import children_visible_to
from hearth.performance import services
from hearth.performance.exports import published_workbook
from hearth.performance.models import PER_READER_KINDS, ReportStage
from hearth.performance.reports import pdf_context
from hearth.performance.selectors import REPORT_STYLESHEET, REPORT_TEMPLATES, report_made_from, workbook_made_from

logger = logging.getLogger(__name__)


def report_html(snapshot, kind: str) -> tuple[str, str]:
    """The report's HTML for the PDF, and the digest of what it was made from (read first, so that a
    change made while it is being laid out makes the file stale, never wrongly current)."""
    made_from = report_made_from(snapshot, kind)
    context = pdf_context(snapshot, kind) | {
        "stylesheet": stylesheet(REPORT_STYLESHEET),
        "made_at": timezone.localtime(),
    }
    return render_to_string(REPORT_TEMPLATES[kind], context), made_from


def make_report_pdf(file_id: int) -> None:
    """Make the kept file the background task was asked for: a report's PDF, or a reader's workbook."""
    kept = services.report_pdf_start(file_id)
    if kept is None:
        return  # made meanwhile, or another task has it
    try:
        services.report_pdf_progress_record(file_id, stage=ReportStage.READING)
        if kept.kind in PER_READER_KINDS:
            _make_month_workbook(kept)
            return
        html, made_from = report_html(kept.snapshot, kept.kind)
        services.report_pdf_progress_record(file_id, stage=ReportStage.LAYING_OUT)
        content = html_to_pdf(
            html, laid_out=lambda pages: services.report_pdf_progress_record(file_id, stage=ReportStage.WRITING)
        )
        services.report_pdf_store(file_id, content=content, made_from=made_from)
    except Exception as error:  # noqa: BLE001 - any failure is the file's, said on its page (never left "running")
        logger.exception("Making report file %s failed", file_id)
        services.report_pdf_failure_record(file_id, error=f"{type(error).__name__}: {error}")


def _make_month_workbook(kept) -> None:
    """The month's workbook with every row behind its figures that its reader may see, its rows'
    progress recorded as they are written."""
    snapshot, reader = kept.snapshot, kept.reader
    made_from = workbook_made_from(snapshot, reader)  # read first: a change meanwhile makes it stale

    def rows_written(written: int, of: int) -> None:
        services.report_pdf_progress_record(
            kept.pk, stage=ReportStage.WRITING_ROWS, rows_percent=min(100, written * 100 // max(of, 1))
        )

    content = published_workbook(
        snapshot, aggregate_only=False, visible_children=children_visible_to(reader), progress=rows_written
    )
    services.report_pdf_store(kept.pk, content=content, made_from=made_from)
