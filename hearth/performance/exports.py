"""A published month as an Excel workbook (XlsxWriter), from the same frozen snapshot as the page."""

import io

import xlsxwriter

from hearth.performance.suppression import count_shown, value_shown

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
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    figures = book.add_worksheet("Figures")
    figures.write(0, 0, f"Performance, {snapshot.month:%B %Y} (as of {snapshot.as_of:%d %B %Y})", bold)
    figures.write_row(2, 0, FIGURE_COLUMNS, bold)
    for number, figure in enumerate(snapshot.figures.all(), start=3):
        is_count = figure.unit == "count"
        value = figure.value
        numerator, denominator = figure.numerator, None if is_count else figure.denominator
        if aggregate_only:
            value = value_shown(value, numerator, denominator, is_count)
            numerator, denominator = count_shown(numerator), count_shown(denominator)
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
        line = 1
        for figure in snapshot.figures.all():
            for row in figure.rows.select_related("child").order_by("counted", "id"):
                if row.child_id not in visible_child_ids:
                    continue
                rows.write_row(
                    line,
                    0,
                    [
                        figure.indicator_id,
                        row.subject,
                        row.child.hearth_id,
                        str(row.child),
                        row.worker,
                        row.team,
                        "yes" if row.counted else "no",
                    ],
                )
                line += 1
    book.close()
    return buffer.getvalue()


def _cell(value):
    return float(value) if value is not None and not isinstance(value, str) else value
