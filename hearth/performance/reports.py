"""The reports of published months as their templates read them, with no request: the page, the PDF
the background task makes and the workbook each read the same context, so they agree.

Everything here reads the published months' frozen figures (SnapshotFigure), the benchmarks and the
targets they were published with: no indicator is worked out again, so a report costs a few queries
whatever the council's size and reproduces exactly. The one place a published month meets the record
today is its "corrections since publication" page (selectors.published_with_live), which is not
part of any report.
"""

from django.conf import settings

from hearth.performance import selectors
from hearth.performance.charts import published_trend_chart, trend_chart_size
from hearth.performance.corporate_parenting import panel_context_for
from hearth.performance.models import AGGREGATE_KINDS, ReportKind, Snapshot


def month_context(snapshot: Snapshot, *, aggregate_only: bool, for_print: bool = False) -> dict:
    """The published month's report: each frozen figure with its benchmarks and its last 12
    published months as a chart, and the opening summary (small numbers suppressed for
    aggregate-only readers)."""
    figures = list(snapshot.figures.all())
    benchmarks = selectors.latest_benchmarks(selectors.statutory_year(snapshot.as_of))
    trend = selectors.published_trend(snapshot, aggregate_only=aggregate_only)
    return {
        "snapshot": snapshot,
        "lines": [
            (
                figure,
                benchmarks.get(figure.indicator_id, {}),
                published_trend_chart(figure, trend, trend_chart_size(for_print)),
            )
            for figure in figures
        ],
        "trend_months": [f"{first:%b %Y}" for first in selectors.published_trend_months(snapshot)],
        "for_print": for_print,
        **selectors.strengths_and_concerns(figures),
        "aggregate_only": aggregate_only,
        "small_numbers_up_to": settings.HEARTH_SMALL_NUMBERS_UP_TO,
    }


def quarter_context(year: int, quarter: int, *, aggregate_only: bool) -> dict:
    """The quarterly report: from the published figures alone when the quarter's three months were
    all published ("frozen"), else worked out where a month was not (selectors.quarter_report)."""
    lines = selectors.quarter_report(year, quarter)
    return {
        "chosen": (year, quarter),
        "lines": lines,
        "ends": selectors.quarter_month_ends(year, quarter),
        "frozen": selectors.published_quarter(year, quarter) is not None,
        **selectors.strengths_and_concerns(lines),
        "aggregate_only": aggregate_only,
        "small_numbers_up_to": settings.HEARTH_SMALL_NUMBERS_UP_TO,
    }


def pdf_context(snapshot: Snapshot, kind: str) -> dict:
    """What the kind's PDF template reads, for the month (a quarter's: its last month)."""
    aggregate_only = kind in AGGREGATE_KINDS
    if kind in (ReportKind.MONTH, ReportKind.MONTH_AGGREGATE):
        return month_context(snapshot, aggregate_only=aggregate_only, for_print=True)
    if kind == ReportKind.PANEL:
        return panel_context_for(snapshot, for_print=True)
    chosen = selectors.quarter_of(snapshot.as_of)
    if chosen is None or selectors.published_quarter(*chosen) is None:
        raise ValueError(f"{snapshot} does not end a quarter whose three months were published")
    return quarter_context(*chosen, aggregate_only=aggregate_only)
