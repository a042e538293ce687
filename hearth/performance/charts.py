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


WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


def line_chart(points: list[Point], *, title: str, unit: str, target: Decimal | None = None) -> str:
    """A line chart of monthly values; gaps where a month has no value; the target as a dashed line."""
    values = [p.value for p in points if p.value is not None]
    top = max([*values, target or 0, Decimal(1)])
    top = Decimal(100) if unit == "%" else _nice(top)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return LEFT + i * step

    def y(v: Decimal) -> float:
        return TOP + plot_h - float(v / top) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" class="hearth-chart" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        v = top * Decimal(str(fraction))
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="hearth-chart__grid"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end" class="hearth-chart__axis">'
            f"{v.normalize():f}{'%' if unit == '%' else ''}</text>"
        )
    if target is not None:
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(target):.1f}" y2="{y(target):.1f}" '
            f'class="hearth-chart__target"/>'
        )
    segment = []
    for i, point in enumerate(points):
        if point.value is None:
            parts.append(_polyline(segment))
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(point.value):.1f}")
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(point.value):.1f}" r="3" class="hearth-chart__point"/>')
    parts.append(_polyline(segment))
    for i, point in enumerate(points):
        if i % 2 == 0 or i == len(points) - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{HEIGHT - 12}" text-anchor="middle" class="hearth-chart__axis">'
                f"{escape(point.label)}</text>"
            )
    parts.append("</svg>")
    return "".join(part for part in parts if part)


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


def published_trend_chart(figure, trend: dict) -> tuple[SafeString, list]:
    """A published figure's last 12 published months as a chart (empty when no month has a value to
    draw), with the values its table shows; `trend` is selectors.published_trend's answer."""
    points, shown = trend.get(figure.indicator_id, ([], []))
    title = f"{figure.indicator_id} {figure.title}: the last 12 published months"
    chart = line_chart(points, title=title, unit=figure.unit, target=figure.target) if points else ""
    return mark_safe(chart), shown  # noqa: S308 (line_chart escapes every text it writes)
