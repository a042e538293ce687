"""Indicator values as of a date, from the catalogue's rows."""

import datetime
import functools
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Q, QuerySet

from hearth.calendar.workingdays import add_months
from hearth.core import collection_years
from hearth.core.shared_reads import shared, shared_reads
from hearth.people.selectors import children_visible_to
from hearth.performance.catalogue import CATALOGUE, CATALOGUE_BY_ID, Indicator, Row, year_start  # noqa: F401
from hearth.performance.indicator import (
    AVERAGE_CHILDREN,
    AVERAGES,
    RATE_PER_10000,
    WORKERS,
    measures_alone,
    period_start,
)
from hearth.performance.models import (
    AGGREGATE_KINDS,
    PER_READER_KINDS,
    Benchmark,
    ChildPopulation,
    Commentary,
    ReportFile,
    ReportKind,
    ReportStatus,
    Snapshot,
    SnapshotFigure,
    SnapshotRow,
    Target,
)
from hearth.performance.rag import Rag, Travel, rag, travel


@dataclass(frozen=True)
class Result:
    indicator: Indicator
    as_of: datetime.date
    period_start: datetime.date
    numerator: int
    denominator: int
    # The rows, when the figure was counted from them; else worked out when first asked for (the
    # drill-down, a published month's rows), so a figure alone costs only its aggregate queries.
    counted_rows: list[Row] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def rows(self) -> list[Row]:
        return self.counted_rows if self.counted_rows is not None else self.indicator.rows(self.as_of)

    @property
    def is_count(self) -> bool:
        return self.indicator.unit == "count"

    @property
    def is_rate(self) -> bool:
        return self.indicator.unit == RATE_PER_10000

    @property
    def is_average_days(self) -> bool:
        """An average (of days, or of children per worker): the unit says which."""
        return self.indicator.unit in AVERAGES

    @property
    def rows_are_workers(self) -> bool:
        return self.indicator.rows_are == WORKERS

    @property
    def value(self) -> float | int | None:
        """A count, the proportion (0-1), a rate per 10,000 children, or an average of days; None
        when there is nothing to divide by (for a rate: no population set for the year)."""
        if self.is_count:
            return self.numerator
        if self.is_average_days:
            return self.numerator / self.denominator if self.denominator else None
        if self.is_rate:
            return self.numerator * 10000 / self.denominator if self.denominator else None
        return self.numerator / self.denominator if self.denominator else None


@shared  # within one scorecard or report, an indicator at a date is worked out once
def indicator_result(indicator: Indicator, as_of: datetime.date) -> Result:
    """The indicator's figure as of the date: from its SQL figure where it has one, else counted
    from its rows. Either way `result.rows` is the drill-down behind the figure."""
    if indicator.figure is not None:
        numerator, row_count = indicator.figure(as_of)
        rows = None
    else:
        rows = indicator.rows(as_of)
        numerator, row_count = counted_from(indicator, rows)
    # A rate's rows are the children counted; its denominator is the council's population of
    # children aged 0-17 (per 10,000), not the rows.
    denominator = population_under_18(as_of) if indicator.unit == RATE_PER_10000 else row_count
    return Result(
        indicator=indicator,
        as_of=as_of,
        period_start=period_start(indicator.period, as_of),
        numerator=numerator,
        denominator=denominator,
        counted_rows=rows,
    )


def counted_from(indicator: Indicator, rows: list[Row]) -> tuple[int, int]:
    """(rows counted, rows), each row by its weight (1 unless the indicator weighs them: W04's FTE);
    for an average, (the rows' days or children added up, rows)."""
    if indicator.unit in AVERAGES:
        return sum(row.days or 0 for row in rows), len(rows)
    return sum(row.weight for row in rows if row.counted), sum(row.weight for row in rows)


def figure_from_rows(indicator: Indicator, as_of: datetime.date) -> tuple[int, int]:
    """(rows counted, rows): what the SQL figure must equal."""
    return counted_from(indicator, indicator.rows(as_of))


@shared  # every rate per 10,000 divides by it
def population_under_18(as_of: datetime.date) -> int:
    """Children aged 0-17 for the statutory year of as_of: the latest estimate the performance team
    has entered for that year or before (estimates are published a year or more late); 0 if none."""
    estimate = ChildPopulation.objects.filter(year__lte=statutory_year(as_of)).order_by("-year").first()
    return estimate.children if estimate else 0


def all_results(as_of: datetime.date) -> list[Result]:
    return [indicator_result(indicator, as_of) for indicator in CATALOGUE]


def result_by_id(indicator_id: str, as_of: datetime.date) -> Result | None:
    indicator = CATALOGUE_BY_ID.get(indicator_id)
    return indicator_result(indicator, as_of) if indicator else None


def published_comparisons(lines) -> list[Snapshot]:
    """The published months the scorecard's comparisons come from, in order."""
    months = {earlier.published for line in lines for earlier in (line.last_year, line.last_period)}
    return sorted((month for month in months if month is not None), key=lambda snapshot: snapshot.month)


def display_value(result: Result) -> Decimal | None:
    """The value in the unit people read: a percentage to one place, or a count."""
    if result.value is None:
        return None
    if result.is_count:
        return Decimal(result.value)
    if result.is_average_days:  # days to the whole day; children per worker to one place (W01)
        places = Decimal("0.1") if result.indicator.unit == AVERAGE_CHILDREN else Decimal(1)
        return (Decimal(result.numerator) / Decimal(result.denominator)).quantize(places)
    if result.is_rate:
        return (Decimal(result.numerator) * 10000 / Decimal(result.denominator)).quantize(Decimal("0.1"))
    return (Decimal(result.numerator) * 100 / Decimal(result.denominator)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Comparison:
    """An earlier figure shown beside the current one. Where the month ending on that date was
    published, it is the published figure (what the panel was sent, whatever was corrected since:
    the published month's page shows the difference); otherwise it is worked out from the record
    as it stands, for any date."""

    as_of: datetime.date
    numerator: int
    denominator: int
    value: Decimal | None
    published: Snapshot | None  # the published month the figure comes from; None: from the record


def published_figures(days) -> dict[tuple[datetime.date, str], SnapshotFigure]:
    """The published figures for those of the days that are a published month's end, by (day,
    indicator id): one query."""
    figures = SnapshotFigure.objects.filter(snapshot__as_of__in=set(days)).select_related("snapshot")
    return {(figure.snapshot.as_of, figure.indicator_id): figure for figure in figures}


def comparison(indicator: Indicator, day: datetime.date, published: dict) -> Comparison:
    """The indicator on an earlier day: its published figure if that day's month was published
    with this indicator in it (and in the same unit), else the record's figure for the day."""
    figure = published.get((day, indicator.id))
    if figure is not None and figure.unit == indicator.unit:
        value = figure.value
        if value is not None and indicator.unit == "count":
            value = value.quantize(Decimal(1))  # stored to one place (12.0); a count reads 12, as live
        return Comparison(
            as_of=day,
            numerator=figure.numerator,
            denominator=figure.denominator,
            value=value,
            published=figure.snapshot,
        )
    result = indicator_result(indicator, day)
    return Comparison(
        as_of=day,
        numerator=result.numerator,
        denominator=result.denominator,
        value=display_value(result),
        published=None,
    )


@dataclass(frozen=True)
class ScorecardLine:
    result: Result
    value: Decimal | None
    target: Target | None
    rag: Rag | None
    last_year: Comparison
    last_year_value: Decimal | None
    travel: Travel | None
    last_period: Comparison  # at the end of the month before
    last_period_value: Decimal | None
    travel_since_last_period: Travel | None
    benchmarks: dict[str, Benchmark]
    benchmark_year: int | None
    commentary: str


def statutory_year(day: datetime.date) -> int:
    """The year of the 1 April the statutory year holding `day` began on (2025 for 2025-26)."""
    return collection_years.year_start_of(day).year


def same_day_last_year(day: datetime.date) -> datetime.date:
    return add_months(day, -12)


def end_of_last_period(day: datetime.date) -> datetime.date:
    """The last month-end before the day: 31 March for any day in April (30 April included)."""
    return day.replace(day=1) - datetime.timedelta(days=1)


def scorecard(as_of: datetime.date) -> list[ScorecardLine]:
    """Every indicator as of the date with its target and RAG, its direction of travel against the
    same point last year and against the last month-end, and the latest published benchmarks for
    England and statistical neighbours. A comparison date that ends a published month takes the
    published figure (see Comparison); the figures as of the date itself are always the record's.
    Row sets that several indicators start from are read once per date (core.shared_reads)."""
    year = statutory_year(as_of)
    targets = {t.indicator_id: t for t in Target.objects.filter(year=year).select_related("set_by")}
    commentary = {c.indicator_id: c.text for c in Commentary.objects.filter(month=as_of.replace(day=1))}
    benchmarks = latest_benchmarks(year)
    last_year_day, last_period_day = same_day_last_year(as_of), end_of_last_period(as_of)
    published = published_figures([last_year_day, last_period_day])
    lines = []
    with shared_reads():
        for indicator in CATALOGUE:
            result = indicator_result(indicator, as_of)
            last_year = comparison(indicator, last_year_day, published)
            last_period = comparison(indicator, last_period_day, published)
            value = display_value(result)
            target = targets.get(indicator.id)
            held = benchmarks.get(indicator.id, {})
            lines.append(
                ScorecardLine(
                    result=result,
                    value=value,
                    target=target,
                    rag=rag(
                        value,
                        target.target if target else None,
                        target.tolerance if target else Decimal(0),
                        indicator.polarity,
                    ),
                    last_year=last_year,
                    last_year_value=last_year.value,
                    travel=travel(value, last_year.value, indicator.polarity),
                    last_period=last_period,
                    last_period_value=last_period.value,
                    travel_since_last_period=travel(value, last_period.value, indicator.polarity),
                    benchmarks=held,
                    benchmark_year=max((b.year for b in held.values()), default=None),
                    commentary=commentary.get(indicator.id, ""),
                )
            )
    return lines


def indicators_as_data(as_of: datetime.date, *, aggregate_only: bool = False) -> dict:
    """The scorecard as plain data (for JSON): figures only, never a child; small numbers
    suppressed for aggregate-only readers."""
    from hearth.performance.suppression import figure_shown, value_shown

    lines = scorecard(as_of)
    data = {
        "as_of": as_of.isoformat(),
        "period_start": year_start(as_of).isoformat(),
        "indicators": [
            {
                "id": line.result.indicator.id,
                "title": line.result.indicator.title,
                "unit": line.result.indicator.unit,
                "polarity": line.result.indicator.polarity.value,
                "numerator": line.result.numerator,
                "denominator": None if line.result.is_count else line.result.denominator,
                "value": None
                if line.value is None
                else (int(line.value) if line.result.is_count else float(line.value)),
                "target": None if line.target is None else float(line.target.target),
                "rag": line.rag.value if line.rag else None,
                "same_point_last_year": None if line.last_year_value is None else float(line.last_year_value),
                "same_point_last_year_published": line.last_year.published is not None,
                "travel": line.travel.value if line.travel else None,
                "last_period_end": end_of_last_period(as_of).isoformat(),
                "last_period": None if line.last_period_value is None else float(line.last_period_value),
                "last_period_published": line.last_period.published is not None,
                "travel_since_last_period": line.travel_since_last_period.value
                if line.travel_since_last_period
                else None,
                "benchmarks": {geo: {"year": b.year, "value": float(b.value)} for geo, b in line.benchmarks.items()},
            }
            for line in lines
        ],
    }
    if aggregate_only:
        for item, line in zip(data["indicators"], lines, strict=True):
            is_count = item["unit"] == "count"
            shown = figure_shown(item["value"], item["numerator"], item["denominator"], is_count)
            item["value"], item["numerator"], item["denominator"] = shown.value, shown.numerator, shown.denominator
            for key, earlier in (("same_point_last_year", line.last_year), ("last_period", line.last_period)):
                item[key] = value_shown(item[key], earlier.numerator, earlier.denominator, is_count)
    return data


@dataclass(frozen=True)
class PublishedLine:
    figure: object  # SnapshotFigure
    live_numerator: int
    live_denominator: int

    @property
    def changed_since(self) -> bool:
        return (self.live_numerator, self.live_denominator) != (self.figure.numerator, self.figure.denominator)


def latest_benchmarks(year: int) -> dict[str, dict[str, Benchmark]]:
    """Per indicator and geography, the benchmark of the latest year up to `year` (they lag)."""
    benchmarks = defaultdict(dict)
    for benchmark in Benchmark.objects.filter(year__lte=year).order_by("year"):
        benchmarks[benchmark.indicator_id][benchmark.geography] = benchmark  # latest year wins
    return benchmarks


def published_trend_months(snapshot, months: int = 12) -> list[datetime.date]:
    """The first days of the months a published month's trend draws, oldest first, ending with its own."""
    return [add_months(snapshot.month, -back) for back in range(months - 1, -1, -1)]


def published_trend(snapshot, *, aggregate_only: bool, months: int = 12) -> dict[str, list]:
    """Each indicator over the published months up to this one (the last `months` months), from the
    frozen figures only, so the report's trend reproduces exactly; a month not published is a gap,
    and so is a small number on an aggregate-only page (shown "c" in the table beside the chart)."""
    from hearth.performance.charts import Point
    from hearth.performance.suppression import SUPPRESSED, value_shown

    firsts = published_trend_months(snapshot, months)
    figures = SnapshotFigure.objects.filter(snapshot__month__in=firsts).select_related("snapshot")
    held = {(f.indicator_id, f.snapshot.month): f for f in figures}

    def shown(figure):
        if figure is None or not aggregate_only:
            return None if figure is None else figure.value
        is_count = figure.unit == "count"
        return value_shown(figure.value, figure.numerator, None if is_count else figure.denominator, is_count)

    trend = {}
    for indicator_id in {f.indicator_id for f in figures}:
        values = [(first, shown(held.get((indicator_id, first)))) for first in firsts]
        trend[indicator_id] = (
            [Point(label=f"{first:%b %Y}", value=None if value == SUPPRESSED else value) for first, value in values],
            [(f"{first:%b %Y}", value) for first, value in values],
        )
    return trend


def published_with_live(snapshot) -> list[PublishedLine]:
    """Each frozen figure beside what the record gives for the same date today, so corrections made
    after publication show as a difference (the published figure itself never changes)."""
    lines = []
    with shared_reads():
        for figure in snapshot.figures.all():
            indicator = CATALOGUE_BY_ID.get(figure.indicator_id)
            live = indicator_result(indicator, snapshot.as_of) if indicator else None
            lines.append(
                PublishedLine(
                    figure=figure,
                    live_numerator=live.numerator if live else figure.numerator,
                    live_denominator=live.denominator if live else figure.denominator,
                )
            )
    return lines


def monthly_trend(
    indicator: Indicator, as_of: datetime.date, months: int = 12, *, latest: Result | None = None
) -> list:
    """The indicator at each of the last `months` month-ends up to as_of (the last point is as_of).
    A month-end whose month was published is its published figure (marked so, as the scorecard's
    comparisons are: one query for all of them); the rest, and as_of itself, are worked out from the
    record, the indicator alone (measures_alone), and as_of's from `latest` where the caller has it
    (the drill-down has just worked it out)."""
    from hearth.performance.charts import Point

    ends = []
    day = as_of
    for _ in range(months):
        ends.append(day)
        day = day.replace(day=1) - datetime.timedelta(days=1)
    published = published_figures(ends[1:])
    points = []
    with shared_reads(), measures_alone():
        for end in reversed(ends):
            if end == as_of:
                result = latest if latest is not None else indicator_result(indicator, end)
                value, was_published = display_value(result), False
            else:
                earlier = comparison(indicator, end, published)
                value, was_published = earlier.value, earlier.published is not None
            points.append(Point(label=f"{end:%b %Y}", value=value, published=was_published))
    return points


def summary_list(figure) -> str | None:
    """Which of the opening summary's two lists a figure belongs in, if either: never both. The RAG
    rating against the council's target decides when it is green or red (a green figure that fell is
    still on target; a red one that rose is still off it); an amber or unrated figure goes by its
    direction of travel."""
    if figure.rag == "green":
        return "good"
    if figure.rag == "red":
        return "improvement"
    return {"improving": "good", "worsening": "improvement"}.get(figure.travel)


def strengths_and_concerns(figures) -> dict:
    """The report's opening summary: areas of good performance and areas for improvement, each
    figure in one list at most (summary_list)."""
    return {
        "good_performance": [f for f in figures if summary_list(f) == "good"],
        "for_improvement": [f for f in figures if summary_list(f) == "improvement"],
    }


@dataclass(frozen=True)
class WorkerLine:
    worker: str
    team: str
    total: int
    counted: int

    @property
    def not_counted(self) -> int:
        return self.total - self.counted


def by_worker(rows: list[Row]) -> list[WorkerLine]:
    """The drill-down per worker: the deficits taken up worker by worker (most not counted first)."""
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        totals[(row.worker, row.team)][0] += 1
        totals[(row.worker, row.team)][1] += int(row.counted)
    lines = [WorkerLine(worker=w, team=t, total=n, counted=c) for (w, t), (n, c) in totals.items()]
    return sorted(lines, key=lambda line: (-line.not_counted, line.worker))


QUARTER_STARTS = {1: 4, 2: 7, 3: 10, 4: 1}  # statutory quarters: Q1 is April to June


@dataclass(frozen=True)
class QuarterLine:
    """An indicator in the quarterly report: its figure at each of the quarter's month-ends (value,
    numerator, denominator, whether it is the published figure) and its target, RAG, direction of
    travel and benchmarks at the quarter's end."""

    indicator_id: str
    title: str
    unit: str
    monthly: list  # (month end, value, numerator, denominator, published?) for the quarter's months
    target: Decimal | None
    rag: str  # "" where there is none (the shape strengths_and_concerns reads)
    travel: str
    benchmarks: dict

    @property
    def is_count(self) -> bool:
        return self.unit == "count"


def quarter_month_ends(year: int, quarter: int) -> list[datetime.date]:
    """The three month-ends of a statutory quarter (year 2025 = 2025-26; Q4 falls in 2026)."""
    first = datetime.date(year + (1 if quarter == 4 else 0), QUARTER_STARTS[quarter], 1)
    return [add_months(first, n + 1) - datetime.timedelta(days=1) for n in range(3)]


def quarter_of(month_end: datetime.date) -> tuple[int, int] | None:
    """(statutory year, quarter) of the quarter a month-end ends; None if it ends none."""
    quarter = {6: 1, 9: 2, 12: 3, 3: 4}.get(month_end.month)
    if quarter is None:
        return None
    return statutory_year(month_end), quarter


def published_quarter(year: int, quarter: int) -> list[Snapshot] | None:
    """The quarter's three published months, in order, when all three were published; else None."""
    ends = quarter_month_ends(year, quarter)
    snapshots = {snapshot.as_of: snapshot for snapshot in Snapshot.objects.filter(as_of__in=ends)}
    return [snapshots[end] for end in ends] if len(snapshots) == 3 else None


def _published_value(figure: SnapshotFigure) -> Decimal | None:
    value = figure.value
    if value is not None and figure.unit == "count":
        value = value.quantize(Decimal(1))  # stored to one place (12.0); a count reads 12, as live
    return value


def quarter_report(year: int, quarter: int) -> list[QuarterLine]:
    """Each indicator at the quarter's three month-ends, with RAG, travel and benchmarks at the
    quarter's end. A quarter whose three months were all published is the published figures only
    (the indicators its last month published; nothing is worked out again, so it reproduces
    exactly). Otherwise each month-end is the published figure where the month was published, else
    the record today, and RAG and travel are the record's at the quarter's end."""
    snapshots = published_quarter(year, quarter)
    if snapshots is not None:
        return _published_quarter_report(snapshots)
    ends = quarter_month_ends(year, quarter)
    published = {
        (f.snapshot.as_of, f.indicator_id): f
        for f in SnapshotFigure.objects.filter(snapshot__as_of__in=ends).select_related("snapshot")
    }
    lines = []
    with shared_reads():  # the quarter's second month-end is the scorecard's last month-end
        for line in scorecard(ends[-1]):
            indicator = line.result.indicator
            monthly = []
            for end in ends:
                figure = published.get((end, indicator.id))
                if figure is not None:
                    monthly.append((end, _published_value(figure), figure.numerator, figure.denominator, True))
                else:
                    result = indicator_result(indicator, end)
                    monthly.append((end, display_value(result), result.numerator, result.denominator, False))
            lines.append(
                QuarterLine(
                    indicator_id=indicator.id,
                    title=indicator.title,
                    unit=indicator.unit,
                    monthly=monthly,
                    target=line.target.target if line.target else None,
                    rag=str(line.rag or ""),
                    travel=str(line.travel or ""),
                    benchmarks=line.benchmarks,
                )
            )
    return lines


def _published_quarter_report(snapshots: list[Snapshot]) -> list[QuarterLine]:
    """The quarter from its three published months' frozen figures: two queries, whatever the
    council's size. RAG, target and travel are those the last month was published with."""
    last = snapshots[-1]
    held = {
        (figure.snapshot_id, figure.indicator_id): figure
        for figure in SnapshotFigure.objects.filter(snapshot__in=snapshots).order_by("id")
    }
    benchmarks = latest_benchmarks(statutory_year(last.as_of))
    lines = []
    for (snapshot_id, indicator_id), at_end in held.items():
        if snapshot_id != last.pk:
            continue
        monthly = []
        for snapshot in snapshots:
            figure = held.get((snapshot.pk, indicator_id))
            if figure is None:  # an indicator added to the catalogue after that month was published
                monthly.append((snapshot.as_of, None, 0, 0, False))
            else:
                monthly.append((snapshot.as_of, _published_value(figure), figure.numerator, figure.denominator, True))
        held_benchmarks = benchmarks.get(indicator_id, {})
        lines.append(
            QuarterLine(
                indicator_id=indicator_id,
                title=at_end.title,
                unit=at_end.unit,
                monthly=monthly,
                target=at_end.target,
                rag=at_end.rag,
                travel=at_end.travel,
                benchmarks=held_benchmarks,
            )
        )
    return lines


# Kept PDFs of a published month's reports (ReportFile): what a file is made from, and whether the
# one kept is still the report.

# Raised when a report's making changes in a way its templates do not show (the charts, the figures'
# formatting): every kept file is then made again on its next download.
REPORT_LAYOUT_VERSION = 2  # 2: the charts drawn from their own attributes, small in the PDF
REPORT_TEMPLATES = {
    ReportKind.MONTH: "performance/published_month_pdf.html",
    ReportKind.MONTH_AGGREGATE: "performance/published_month_pdf.html",
    ReportKind.PANEL: "performance/corporate_parenting_pdf.html",
    ReportKind.QUARTER: "performance/quarterly_pdf.html",
    ReportKind.QUARTER_AGGREGATE: "performance/quarterly_pdf.html",
}
REPORT_STYLESHEET = "hearth/report-print.css"


@functools.cache
def _layout_digest(template_name: str) -> str:
    """The report's template, the templates it includes and the print stylesheet, as one digest:
    a kept file made before the layout changed is not the report any more. Templates do not change
    while the server runs, so each process works this out once."""
    from django.template.loader import get_template

    from hearth.core.pdf import stylesheet

    digest = hashlib.sha256(f"{REPORT_LAYOUT_VERSION}".encode())
    pending, seen = [template_name], set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        source = get_template(name).template.source
        digest.update(source.encode())
        pending.extend(re.findall(r'{%\s*include\s+"([^"]+)"', source))
    digest.update(stylesheet(REPORT_STYLESHEET).encode())
    return digest.hexdigest()


def report_made_from(snapshot: Snapshot, kind: str) -> str:
    """A digest of everything the report's PDF is made from: the published month (and, for a
    quarter, the quarter's other two), the published months its trends draw, the benchmarks it
    shows, the small-number threshold of the aggregate kinds, and the layout. Three small queries."""
    from django.conf import settings

    parts = [kind, str(snapshot.pk), snapshot.published_at.isoformat(), _layout_digest(REPORT_TEMPLATES[kind])]
    if kind in (ReportKind.QUARTER, ReportKind.QUARTER_AGGREGATE):
        months = [add_months(snapshot.month, -2), add_months(snapshot.month, -1), snapshot.month]
    else:  # the trend charts' twelve months
        months = [add_months(snapshot.month, -back) for back in range(11, -1, -1)]
    parts += [
        f"{pk}:{month}:{published_at.isoformat()}"
        for pk, month, published_at in Snapshot.objects.filter(month__in=months)
        .order_by("month")
        .values_list("pk", "month", "published_at")
    ]
    parts += [
        f"{indicator_id}:{year}:{geography}:{value}"
        for indicator_id, year, geography, value in Benchmark.objects.filter(year__lte=statutory_year(snapshot.as_of))
        .order_by("indicator_id", "year", "geography")
        .values_list("indicator_id", "year", "geography", "value")
    ]
    if kind in AGGREGATE_KINDS:
        parts.append(f"small numbers up to {settings.HEARTH_SMALL_NUMBERS_UP_TO}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class ReportPdfState:
    file: ReportFile | None  # the row kept for the month and kind, whatever its state
    current: bool  # the file is made, and from what the report is made from today

    @property
    def kept(self) -> ReportFile | None:
        """The file to download, if there is one that is still the report."""
        return self.file if self.current else None


def report_pdf_state(snapshot: Snapshot, kind: str, reader=None) -> ReportPdfState:
    """The month's kept file of that kind (without its bytes) and whether it is still the report;
    for a kind made for each reader, the one made for `reader`."""
    per_reader = kind in PER_READER_KINDS
    made_for = reader if per_reader else None
    kept = ReportFile.objects.defer("content").filter(snapshot=snapshot, kind=kind, reader=made_for).first()
    current = (
        kept is not None
        and kept.status == ReportStatus.DONE
        and kept.made_from == (workbook_made_from(snapshot, reader) if per_reader else report_made_from(snapshot, kind))
    )
    return ReportPdfState(file=kept, current=current)


def kept_report_pdf(snapshot: Snapshot, kind: str, reader=None) -> bytes | None:
    """The kept file's bytes when it is still the report; None when it must be made (again)."""
    state = report_pdf_state(snapshot, kind, reader)
    if not state.current:
        return None
    return bytes(ReportFile.objects.values_list("content", flat=True).get(pk=state.file.pk))


# The published month's workbook with the rows behind its figures (exports.py) lists the children
# its reader may see. A few thousand rows are written while the reader waits (a second or so); a
# large council's month (hundreds of thousands of rows, XlsxWriter writing about 25,000 a second) is
# made by the background task and kept for its reader, as the PDFs are.
WORKBOOK_LAYOUT_VERSION = 1


def rows_behind(snapshot: Snapshot, visible_children: QuerySet | None) -> QuerySet:
    """The month's frozen rows a reader may see: a row that is no child's (a worker's, a household's)
    is listed to whoever may read rows; a child's only if the reader may see the child (`visible_children`,
    a query of children, filtered by in the database; None: every row)."""
    # By the month's figures' ids, not a join to the figures: with the join PostgreSQL scanned every
    # month's rows (260 ms at the large size, six months published), by the ids it reads the one month's (87 ms).
    rows = SnapshotRow.objects.filter(figure_id__in=SnapshotFigure.objects.filter(snapshot=snapshot).values("pk"))
    if visible_children is not None:
        rows = rows.filter(Q(child__isnull=True) | Q(child__in=visible_children.values("pk")))
    return rows


def workbook_made_from(snapshot: Snapshot, reader) -> str:
    """A digest of what the reader's workbook of the month is made from: the published month, the
    workbook's layout, and the children behind its figures the reader may see today (one query of
    the month's rows; a child allocated to the reader's team since, or a record restricted since,
    makes the kept workbook stale)."""
    children = (
        rows_behind(snapshot, children_visible_to(reader))
        .filter(child__isnull=False)
        .order_by("child_id")
        .values_list("child_id", flat=True)
        .distinct()
    )
    digest = hashlib.sha256(
        f"{ReportKind.MONTH_WORKBOOK}:{snapshot.pk}:{snapshot.published_at.isoformat()}:{WORKBOOK_LAYOUT_VERSION}:".encode()
    )
    digest.update(",".join(map(str, children)).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Rating:
    """An indicator's figure on a date with its target and RAG rating (as the scorecard rates it)."""

    result: Result
    value: Decimal | None
    target: Target | None
    rag: Rag | None


def indicator_rating(indicator: Indicator, as_of: datetime.date) -> Rating:
    """One indicator rated as the scorecard rates it (a performance clinic asks for one)."""
    result = indicator_result(indicator, as_of)
    value = display_value(result)
    target = Target.objects.filter(indicator_id=indicator.id, year=statutory_year(as_of)).first()
    rated = rag(
        value, target.target if target else None, target.tolerance if target else Decimal(0), indicator.polarity
    )
    return Rating(result=result, value=value, target=target, rag=rated)
