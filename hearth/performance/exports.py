"""A published month as an Excel workbook (XlsxWriter), from the same frozen snapshot as the page."""

import io
from collections.abc import Callable

from django.db.models import QuerySet

from hearth.core.spreadsheets import new_streamed_workbook, new_workbook
from hearth.people.models import format_hearth_id, full_name
from hearth.performance.selectors import rows_behind
from hearth.performance.suppression import figure_shown, value_shown

FIGURE_COLUMNS = [
    "Indicator",
    "Title",
    "Value",
    "Numerator",
    "Denominator",
    "Target",
    "RAG",
    "Same point last year",
    "Direction of travel",
    "Commentary",
]
ROW_COLUMNS = ["Indicator", "What", "Hearth ID", "Child", "Worker", "Team", "Counted"]


def published_workbook(
    snapshot,
    *,
    aggregate_only: bool,
    visible_children: QuerySet | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """Figures for everyone who may read them (small numbers suppressed for aggregate-only
    readers); the children behind them only for those who may see those children
    (`visible_children`, a query the rows are filtered by in the database). The rows are read as
    values and written as they are read (a large council's month has hundreds of thousands);
    `progress(written, of)` is told every few thousand."""
    buffer = io.BytesIO()
    book = new_streamed_workbook(buffer)
    bold = book.add_format({"bold": True})
    _write_figures(book.add_worksheet("Figures"), snapshot, aggregate_only=aggregate_only, bold=bold)
    if not aggregate_only:
        _write_rows_behind(book.add_worksheet("Behind the figures"), snapshot, visible_children, bold, progress)
    book.close()
    return buffer.getvalue()


# How many rows the workbook writes between two calls of its progress callback.
PROGRESS_EVERY_ROWS = 5000


def _write_figures(sheet, snapshot, *, aggregate_only: bool, bold) -> None:
    sheet.write(0, 0, f"Performance, {snapshot.month:%B %Y} (as of {snapshot.as_of:%d %B %Y})", bold)
    sheet.write_row(2, 0, FIGURE_COLUMNS, bold)
    sheet.set_column(1, 1, 50)
    sheet.set_column(9, 9, 60)
    for number, figure in enumerate(snapshot.figures.all(), start=3):
        is_count = figure.unit == "count"
        value = figure.value
        numerator, denominator = figure.numerator, None if is_count else figure.denominator
        if aggregate_only:
            shown = figure_shown(value, numerator, denominator, is_count)
            value, numerator, denominator = shown.value, shown.numerator, shown.denominator
        sheet.write_row(
            number,
            0,
            [
                figure.indicator_id,
                figure.title,
                _cell(value),
                numerator,
                denominator,
                _cell(figure.target),
                figure.rag,
                _cell(figure.last_year_value),
                figure.travel,
                figure.commentary,
            ],
        )


def _write_rows_behind(sheet, snapshot, visible_children, bold, progress) -> None:
    sheet.write_row(0, 0, ROW_COLUMNS, bold)
    rows = rows_behind(snapshot, visible_children)
    total = rows.count() if progress else 0
    values = rows.order_by("figure_id", "counted", "id").values_list(
        "figure__indicator_id",
        "subject",
        "child_id",
        "child__first_name",
        "child__last_name",
        "worker",
        "team",
        "counted",
    )
    line = 0
    for indicator_id, subject, child_id, first_name, last_name, worker, team, counted in values.iterator(
        chunk_size=5000
    ):
        line += 1
        is_child = child_id is not None
        sheet.write_row(
            line,
            0,
            [
                indicator_id,
                subject,
                format_hearth_id(child_id) if is_child else "",
                full_name(first_name, last_name) if is_child else "",
                worker,
                team,
                "yes" if counted else "no",
            ],
        )
        if progress and line % PROGRESS_EVERY_ROWS == 0:
            progress(line, total)


def _cell(value):
    return float(value) if value is not None and not isinstance(value, str) else value


def quarterly_workbook(year: int, quarter: int, lines, ends, *, aggregate_only: bool) -> bytes:
    """The quarterly report as a workbook: each indicator at the quarter's three month-ends (marked
    where the figure is the published one), with target, RAG, travel and benchmarks at the quarter's
    end; small numbers suppressed for aggregate-only readers, as on the page."""
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet(f"Q{quarter} {year}-{(year + 1) % 100:02d}")
    sheet.write(0, 0, f"Quarterly performance indicator report: Q{quarter} {year}-{(year + 1) % 100:02d}", bold)
    months = [f"{end:%b %Y}" for end in ends]
    header = ["Indicator", "Title", *months, *(f"{m} published?" for m in months)]
    sheet.write_row(2, 0, [*header, "Target", "RAG", "Travel", "Statistical neighbours", "England"], bold)
    for number, line in enumerate(lines, start=3):
        values = []
        for _, value, numerator, denominator, _ in line.monthly:
            shown = (
                value_shown(value, numerator, None if line.is_count else denominator, line.is_count)
                if aggregate_only
                else value
            )
            values.append(_cell(shown))
        published = ["yes" if was_published else "no" for *_, was_published in line.monthly]
        benchmarks = [line.benchmarks.get(geography) for geography in ("SN", "ENGLAND")]
        sheet.write_row(
            number,
            0,
            [
                line.indicator_id,
                line.title,
                *values,
                *published,
                _cell(line.target),
                line.rag or None,
                line.travel or None,
                *(_cell(b.value) if b else None for b in benchmarks),
            ],
        )
    sheet.set_column(1, 1, 50)
    book.close()
    return buffer.getvalue()
