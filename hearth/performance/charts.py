"""Server-drawn SVG charts: they work without JavaScript, go into a PDF unchanged, and always sit
beside a table of the same numbers (for screen readers and for anyone who prefers to read)."""

from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Point:
    label: str  # "Aug 2025"
    value: Decimal | None
    published: bool = False  # the figure the month was published with, not worked out again


@dataclass(frozen=True)
class ChartSize:
    """A chart's drawing box (SVG units) and which axis labels it carries."""

    width: int
    height: int
    left: int  # room for the value labels
    right: int
    top: int
    bottom: int  # room for the month labels, when it has them
    gridlines: tuple  # the fractions of the value axis drawn across
    value_labels: tuple  # and those labelled
    month_labels: bool
    label_size: int = 12  # the labels' font size, in the drawing's units


# On a page, or above its table: the months are labelled along the bottom.
FULL = ChartSize(
    640, 240, 48, 32, 16, 40, gridlines=(0, 0.25, 0.5, 0.75, 1), value_labels=(0, 0.5, 1), month_labels=True
)
# In a row of a table whose columns are the twelve months (the PDF's trends): the columns name the
# months, so the chart does not, and it is short enough for a row.
IN_A_ROW = ChartSize(
    320, 88, 46, 8, 10, 10, gridlines=(0, 0.5, 1), value_labels=(0, 1), month_labels=False, label_size=15
)


def trend_chart_size(for_print: bool) -> ChartSize:
    """A report's trend charts: on its page above their table (FULL); in its PDF each in a row of one
    table whose columns are the months (IN_A_ROW), because WeasyPrint lays out one large table far
    faster than fifty small ones beside fifty charts with their months labelled."""
    return IN_A_ROW if for_print else FULL


# Colours and lines are the chart's own attributes, on one group for each kind of mark: WeasyPrint
# draws an SVG from its attributes only (never the page's stylesheet), and inherited from a group
# they cost nothing per mark. The page's stylesheet (.hearth-chart__*) may still restyle them.
GRID = 'stroke="#b1b4b6" stroke-width="1"'
AXIS = 'fill="#505a5f" font-family="arial, sans-serif"'
LINE = 'fill="none" stroke="#1d70b8" stroke-width="3" stroke-linejoin="round"'
POINT = 'fill="#1d70b8"'
TARGET = 'stroke="#d4351c" stroke-width="2" stroke-dasharray="6 4"'
# A month is labelled every third month counting back from the latest, so the latest is always
# labelled and no two labels meet; the table beside the chart names every month. (WeasyPrint lays
# out an SVG text letter by letter: the labels were most of a report's drawing time.)
MONTHS_BETWEEN_LABELS = 3


def line_chart(
    points: list[Point], *, title: str, unit: str, target: Decimal | None = None, size: ChartSize = FULL
) -> str:
    """A line chart of monthly values; gaps where a month has no value; the target as a dashed line.
    Small on purpose (a report draws fifty): few labels, and one group of attributes per kind of mark."""
    values = [p.value for p in points if p.value is not None]
    top = max([*values, target or 0, Decimal(1)])
    top = Decimal(100) if unit == "%" else _nice(top)
    plot_w, plot_h = size.width - size.left - size.right, size.height - size.top - size.bottom
    step = plot_w / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return size.left + i * step

    def y(v: Decimal) -> float:
        return size.top + plot_h - float(v / top) * plot_h

    def across(y_at: float, css_class: str, attributes: str = "") -> str:
        return (
            f'<line x1="{size.left}" x2="{size.width - size.right}" y1="{y_at:.1f}" y2="{y_at:.1f}"{attributes} '
            f'class="{css_class}"/>'
        )

    grid, labels = [], []
    for fraction in size.gridlines:
        v = top * Decimal(str(fraction))
        grid.append(across(y(v), "hearth-chart__grid"))
        if fraction in size.value_labels:
            labels.append(
                f'<text x="{size.left - 6}" y="{y(v) + size.label_size / 3:.1f}" text-anchor="end" '
                f'class="hearth-chart__axis">'
                f"{v.normalize():f}{'%' if unit == '%' else ''}</text>"
            )
    last = len(points) - 1
    for i, point in enumerate(points):
        if size.month_labels and (last - i) % MONTHS_BETWEEN_LABELS == 0:
            labels.append(
                f'<text x="{x(i):.1f}" y="{size.height - 12}" text-anchor="middle" class="hearth-chart__axis">'
                f"{escape(point.label)}</text>"
            )
    lines, dots, segment = [], [], []
    for i, point in enumerate(points):
        if point.value is None:
            lines.append(_polyline(segment))
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(point.value):.1f}")
        dots.append(f'<circle cx="{x(i):.1f}" cy="{y(point.value):.1f}" r="3" class="hearth-chart__point"/>')
    lines.append(_polyline(segment))
    target_line = across(y(target), "hearth-chart__target", f" {TARGET}") if target is not None else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size.width} {size.height}" class="hearth-chart" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f'<g {GRID}>{"".join(grid)}</g><g {AXIS} font-size="{size.label_size}">{"".join(labels)}</g>{target_line}'
        f"<g {LINE}>{''.join(lines)}</g><g {POINT}>{''.join(dots)}</g></svg>"
    )


def _polyline(points: list[str]) -> str:
    return f'<polyline points="{" ".join(points)}" class="hearth-chart__line"/>' if len(points) > 1 else ""


def _nice(top: Decimal) -> Decimal:
    """A round axis top just above the largest value (10, 20, 50, 100, 200, ...)."""
    nice = Decimal(10)
    while nice < top:
        for factor in (2, Decimal("2.5"), 2):
            if nice >= top:
                break
            nice *= factor
    return nice


def published_trend_chart(figure, trend: dict, size: ChartSize = FULL) -> tuple[SafeString, list]:
    """A published figure's last 12 published months as a chart (empty when no month has a value to
    draw), with the values its table shows; `trend` is selectors.published_trend's answer."""
    points, shown = trend.get(figure.indicator_id, ([], []))
    title = f"{figure.indicator_id} {figure.title}: the last 12 published months"
    chart = line_chart(points, title=title, unit=figure.unit, target=figure.target, size=size) if points else ""
    return mark_safe(chart), shown  # noqa: S308 (line_chart escapes every text it writes)
