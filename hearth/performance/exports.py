"""A published month as an Excel workbook (XlsxWriter), from the same frozen snapshot as the page."""

import io

from hearth.core.spreadsheets import new_workbook
from hearth.performance.models import SnapshotRow
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


def published_workbook(snapshot, *, aggregate_only: bool, visible_child_ids: set[int]) -> bytes:
    """Figures for everyone who may read them (small numbers suppressed for aggregate-only
    readers); the children behind them only for those who may see those children."""
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    bold = book.add_format({"bold": True})
    figures = book.add_worksheet("Figures")
    figures.write(0, 0, f"Performance, {snapshot.month:%B %Y} (as of {snapshot.as_of:%d %B %Y})", bold)
    figures.write_row(2, 0, FIGURE_COLUMNS, bold)
    for number, figure in enumerate(snapshot.figures.all(), start=3):
        is_count = figure.unit == "count"
        value = figure.value
        numerator, denominator = figure.numerator, None if is_count else figure.denominator
        if aggregate_only:
            shown = figure_shown(value, numerator, denominator, is_count)
            value, numerator, denominator = shown.value, shown.numerator, shown.denominator
        figures.write_row(
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
    figures.set_column(1, 1, 50)
    figures.set_column(9, 9, 60)
    if not aggregate_only:
        rows = book.add_worksheet("Behind the figures")
        rows.write_row(0, 0, ROW_COLUMNS, bold)
        behind = (
            SnapshotRow.objects.filter(figure__snapshot=snapshot)
            .select_related("figure", "child")
            .only(
                "subject",
                "worker",
                "team",
                "counted",
                "figure",
                "child",
                "figure__indicator_id",
                "child__first_name",
                "child__last_name",
            )
            .order_by("figure_id", "counted", "id")
        )
        line = 0
        for row in behind.iterator(chunk_size=2000):
            if row.child_id is not None and row.child_id not in visible_child_ids:
                continue  # a row that is no child's (a worker's, a household's) is listed to whoever may read rows
            line += 1
            rows.write_row(
                line,
                0,
                [
                    row.figure.indicator_id,
                    row.subject,
                    row.child.hearth_id if row.child else "",
                    str(row.child) if row.child else "",
                    row.worker,
                    row.team,
                    "yes" if row.counted else "no",
                ],
            )
    book.close()
    return buffer.getvalue()


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
