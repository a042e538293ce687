"""The Corporate Parenting Panel report: the looked-after and care leaver indicators of a published
month, for councillors (DOMAIN 1.1: aggregates only, small numbers suppressed, no drill-down, no
names).

It reads the same frozen snapshot as the monthly report (so the page, the PDF and the workbook
agree with each other and with what was published), keeps the figures whose indicator declares a
`corporate_parenting_section`, and groups them by section in catalogue order. Everything here is
aggregate whoever reads it: the panel's report is the same document for an officer as for a
councillor, and nothing in it comes from the children behind the figures.
"""

import io
from dataclasses import dataclass, replace

from django.conf import settings
from django.shortcuts import get_object_or_404

from hearth.core.spreadsheets import new_workbook
from hearth.performance import selectors
from hearth.performance.catalogue import CATALOGUE, CATALOGUE_BY_ID
from hearth.performance.charts import published_trend_chart, trend_chart_size
from hearth.performance.indicator import AVERAGES
from hearth.performance.models import Snapshot
from hearth.performance.rag import travel
from hearth.performance.suppression import SUPPRESSED, figure_shown, value_shown

TITLE = "Corporate Parenting Panel report"


@dataclass(frozen=True)
class PanelLine:
    figure: object  # SnapshotFigure
    benchmarks: dict  # geography -> Benchmark
    chart: str  # the trend chart (SVG), empty when no month has a figure to draw
    trend: list  # (month label, value shown) for the table beside the chart
    # The direction of travel the panel reads, judged against the earliest published month the
    # chart draws (travel_since, its label), so the word always agrees with the line beside it:
    # the stored `figure.travel` compares with the same point last year worked out from the record,
    # which on a council with a short history, or a year whose months were not published, is a
    # point the chart does not show and may not be comparable. None when no earlier month was published.
    travel: str | None = None
    travel_since: str = ""

    @property
    def indicator_id(self):
        return self.figure.indicator_id

    @property
    def title(self):
        return self.figure.title

    @property
    def rag(self):
        return self.figure.rag

    @property
    def counts(self) -> str:
        """What the denominator is made of (children, workers, adopters' households), for an average."""
        indicator = CATALOGUE_BY_ID.get(self.figure.indicator_id)
        return indicator.counts if indicator else ""

    @property
    def is_average(self) -> bool:
        return self.figure.unit in AVERAGES

    @property
    def shown(self):
        """The value as the panel sees it: 'c' where a small number would show."""
        f = self.figure
        is_count = f.unit == "count"
        return value_shown(f.value, f.numerator, None if is_count else f.denominator, is_count)

    def _shown(self):
        f = self.figure
        is_count = f.unit == "count"
        return figure_shown(f.value, f.numerator, None if is_count else f.denominator, is_count)

    @property
    def numerator(self):
        return self._shown().numerator

    @property
    def denominator(self):
        return self._shown().denominator

    @property
    def counts_withheld(self) -> bool:
        return self._shown().counts_withheld


@dataclass(frozen=True)
class PanelSection:
    name: str
    lines: list[PanelLine]


def panel_sections_by_indicator() -> dict[str, str]:
    """Indicator id -> the panel section it is reported in, for every indicator that has one."""
    return {i.id: i.corporate_parenting_section for i in CATALOGUE if i.corporate_parenting_section}


def panel_sections(snapshot: Snapshot, *, for_print: bool = False) -> list[PanelSection]:
    """The snapshot's panel figures, by section (sections and figures in catalogue order)."""
    sections = panel_sections_by_indicator()
    order = {indicator.id: number for number, indicator in enumerate(CATALOGUE)}
    figures = sorted(
        (f for f in snapshot.figures.all() if f.indicator_id in sections), key=lambda f: order[f.indicator_id]
    )
    benchmarks = selectors.latest_benchmarks(selectors.statutory_year(snapshot.as_of))
    trend = selectors.published_trend(snapshot, aggregate_only=True)
    published = selectors.published_trend(snapshot, aggregate_only=False)
    grouped: dict[str, list[PanelLine]] = {}
    for figure in figures:
        chart, shown = published_trend_chart(figure, trend, trend_chart_size(for_print))
        travel_word, since = travel_since_first_published(figure, published)
        line = PanelLine(figure, benchmarks.get(figure.indicator_id, {}), chart, shown, travel_word, since)
        if line.shown == SUPPRESSED:  # no direction beside a "c": the reader sees no line to judge
            line = replace(line, travel=None, travel_since="")
        grouped.setdefault(sections[figure.indicator_id], []).append(line)
    return [PanelSection(name, lines) for name, lines in grouped.items()]


def travel_since_first_published(figure, published_trend: dict) -> tuple[str | None, str]:
    """The figure's direction of travel since the earliest month of its chart that was published
    with a value (the chart's first point), by the indicator's polarity; (None, "") when this month
    is the only one."""
    indicator = CATALOGUE_BY_ID.get(figure.indicator_id)
    _points, months = published_trend.get(figure.indicator_id, ([], []))
    earlier = [(label, value) for label, value in months[:-1] if value is not None]
    if indicator is None or not earlier or figure.value is None:
        return None, ""
    label, value = earlier[0]
    word = travel(figure.value, value, indicator.polarity)
    return (word.value if word else None), label


def panel_context(pk: int) -> dict:
    return panel_context_for(get_object_or_404(Snapshot.objects.select_related("published_by"), pk=pk))


def panel_context_for(snapshot: Snapshot, *, for_print: bool = False) -> dict:
    """The panel report's page, PDF and workbook read this: the snapshot's frozen figures, the
    published months' trend and the benchmarks, never the record. In print (the PDF) each trend
    chart is drawn in a row of a table of the months (charts.trend_chart_size)."""
    sections = panel_sections(snapshot, for_print=for_print)
    lines = [line for section in sections for line in section.lines]
    return {
        "snapshot": snapshot,
        "sections": sections,
        "trend_months": [f"{first:%b %Y}" for first in selectors.published_trend_months(snapshot)],
        "for_print": for_print,
        "title": TITLE,
        **selectors.strengths_and_concerns(lines),
        "aggregate_only": True,  # the panel's report is aggregate for every reader
        "small_numbers_up_to": settings.HEARTH_SMALL_NUMBERS_UP_TO,
        "rates_shown_from": settings.HEARTH_RATES_SHOWN_FROM,
    }


COLUMNS = [
    "Section",
    "Indicator",
    "Title",
    "Value",
    "Numerator",
    "Denominator",
    "Target",
    "RAG",
    "Same point last year",
    "Direction of travel",
    "Travel since",
    "Statistical neighbours",
    "England",
    "Benchmark year",
    "Commentary",
]


def _cell(value):
    return float(value) if value is not None and not isinstance(value, str) else value


def _benchmark_year(benchmarks: dict) -> str:
    years = sorted({b.year for b in benchmarks.values()})
    return ", ".join(f"{year}-{(year + 1) % 100:02d}" for year in years)


def _figure_row(section: str, line: PanelLine) -> list:
    f = line.figure
    is_count = f.unit == "count"
    return [
        section,
        f.indicator_id,
        f.title,
        _cell(line.shown),
        line.numerator,
        None if is_count else line.denominator,
        _cell(f.target),
        f.rag,
        _cell(f.last_year_value),
        line.travel,
        line.travel_since,
        *(_cell(b.value) if b else None for b in (line.benchmarks.get("SN"), line.benchmarks.get("ENGLAND"))),
        _benchmark_year(line.benchmarks),
        f.commentary,
    ]


def panel_workbook(snapshot: Snapshot, sections: list[PanelSection], small_numbers_up_to: int) -> bytes:
    """The panel report as a workbook: the figures by section, and each figure's last 12 published
    months; small numbers suppressed as on the page; no sheet of children, whoever downloads it."""
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("Figures")
    sheet.write(0, 0, f"{TITLE}, {snapshot.month:%B %Y} (as of {snapshot.as_of:%d %B %Y})", bold)
    sheet.write(
        1,
        0,
        f'Counts from 1 to {small_numbers_up_to} are "c"; a rate whose counts include one is rounded to a whole '
        f'number with its counts "c" (or is "c" itself when fewer than {settings.HEARTH_RATES_SHOWN_FROM} children '
        "are behind it).",
    )
    sheet.write_row(3, 0, COLUMNS, bold)
    number = 4
    for section in sections:
        for line in section.lines:
            sheet.write_row(number, 0, _figure_row(section.name, line))
            number += 1
    sheet.set_column(2, 2, 50)
    sheet.set_column(13, 13, 60)
    trends = book.add_worksheet("Trends")
    months = [label for label, _ in sections[0].lines[0].trend] if sections and sections[0].lines[0].trend else []
    trends.write_row(0, 0, ["Indicator", "Title", *months], bold)
    row = 1
    for section in sections:
        for line in section.lines:
            values = [_cell(value) for _, value in line.trend]
            trends.write_row(row, 0, [line.figure.indicator_id, line.figure.title, *values])
            row += 1
    trends.set_column(1, 1, 50)
    book.close()
    return buffer.getvalue()
