"""The workforce indicators (issue 19; docs/workforce.md "Indicators"): W01-W04 read the weekly
caseload snapshot (the week of the date: its Monday's frozen caseloads, so a past week's figure never
moves), W05 reads the supervisions recorded. Their rows are workers, not children: each names the
worker and their team and no child (docs/decisions/0009-worker-rows.md).

A week the job did not freeze has no rows: its figures are 0 of 0, as the weekly review shows "Not
counted" for it.
"""

import datetime

from django.db.models import Case, Count, Exists, F, OuterRef, Q, Sum, When

from hearth.calendar.days import ensure_calendar_days
from hearth.cin.indicators import due_by_local_standard_sql
from hearth.core.shared_reads import shared
from hearth.performance.indicator import (
    AVERAGE_CHILDREN,
    WORKERS,
    Indicator,
    Period,
    Polarity,
    Row,
    counted_figure,
    latest_sql,
)
from hearth.timescales.selectors import clock
from hearth.workforce.caseloads import employed_on, monday_of
from hearth.workforce.models import CaseloadWeek, EmploymentType, Supervision, WeeklyCaseload, Worker
from hearth.workforce.supervision import (
    SUPERVISION_RULE,
    supervision_due,
    supervision_in_timescale,
    supervision_runs_from,
)

SECTION = "Workforce"  # the Corporate Parenting Panel report's section (aggregates only)
SOURCE = "Local measure"
EVIDENCE = "Rotherham improvement papers: caseloads monitored weekly, protected ASYE caseloads, agency reliance"
TREND_WEEKS = 12


@shared  # W01-W04 read the same week once per date
def week_of(as_of: datetime.date) -> tuple[CaseloadWeek | None, list[WeeklyCaseload]]:
    """The frozen week that contains as_of (its Monday's snapshot) and its caseloads, or (None, [])."""
    week = CaseloadWeek.objects.filter(week_starting=monday_of(as_of)).first()
    if week is None:
        return None, []
    return week, list(week.caseloads.select_related("worker__user", "team").order_by("team__name", "pk"))


def _week_caseloads(as_of: datetime.date):
    return WeeklyCaseload.objects.filter(week__week_starting=monday_of(as_of))


def worker_row(worker, team, *, subject: str, started, counted: bool, days=None, weight=1, due=None) -> Row:
    """A workforce indicator's row: the worker and their team, no child (docs/decisions/0009)."""
    return Row(
        subject=f"{worker}: {subject}",
        child_id=None,
        child_name="",
        worker=str(worker),
        team=str(team),
        started=started,
        due=due,
        stopped=None,
        counted=counted,
        days=days,
        weight=weight,
    )


def _held(load: WeeklyCaseload) -> str:
    return f"{load.children} child{'ren' if load.children != 1 else ''} on {load.week.week_starting:%-d %b %Y}"


# W01 ---------------------------------------------------------------------------------------------


def average_caseload_rows(as_of: datetime.date) -> list[Row]:
    """W01. Every case-holding worker in the week's snapshot, with the children they held."""
    week, loads = week_of(as_of)
    return [
        worker_row(
            load.worker, load.team, subject=_held(load), started=week.week_starting, counted=True, days=load.children
        )
        for load in loads
    ]


def average_caseload_figure(as_of: datetime.date) -> tuple[int, int]:
    totals = _week_caseloads(as_of).aggregate(children=Sum("children"), workers=Count("pk"))
    return totals["children"] or 0, totals["workers"]


# W02, W02T ---------------------------------------------------------------------------------------


def over_threshold_rows(as_of: datetime.date) -> list[Row]:
    """W02. Every case-holding worker in the week's snapshot; counted when they held more children
    than the week's threshold (22 by default), ASYE or not (W03 looks at the protected one)."""
    week, loads = week_of(as_of)
    return [
        worker_row(
            load.worker,
            load.team,
            subject=_held(load),
            started=week.week_starting,
            counted=load.children > week.threshold,
        )
        for load in loads
    ]


def over_threshold_figure(as_of: datetime.date) -> tuple[int, int]:
    return counted_figure(_week_caseloads(as_of), Q(children__gt=F("week__threshold")))


def _twelve_weeks(as_of: datetime.date) -> tuple[datetime.date, datetime.date]:
    last = monday_of(as_of)
    return last - datetime.timedelta(weeks=TREND_WEEKS - 1), last


def over_threshold_in_twelve_weeks_rows(as_of: datetime.date) -> list[Row]:
    """W02T. Every worker with a caseload in any frozen week of the 12 to as_of's; counted when they
    held more than that week's threshold in at least one of them."""
    first, last = _twelve_weeks(as_of)
    loads = (
        WeeklyCaseload.objects.filter(week__week_starting__range=(first, last))
        .select_related("worker__user", "team", "week")
        .order_by("worker_id", "-week__week_starting")
    )
    by_worker: dict[int, list[WeeklyCaseload]] = {}
    for load in loads:
        by_worker.setdefault(load.worker_id, []).append(load)
    rows = []
    for worker_loads in by_worker.values():
        latest = worker_loads[0]
        over = [load for load in worker_loads if load.children > load.week.threshold]
        rows.append(
            worker_row(
                latest.worker,
                latest.team,
                subject=f"over the threshold in {len(over)} of the {len(worker_loads)} weeks counted",
                started=worker_loads[-1].week.week_starting,
                counted=bool(over),
            )
        )
    return sorted(rows, key=lambda row: (row.team, row.worker))


def over_threshold_in_twelve_weeks_figure(as_of: datetime.date) -> tuple[int, int]:
    first, last = _twelve_weeks(as_of)
    in_weeks = WeeklyCaseload.objects.filter(worker=OuterRef("pk"), week__week_starting__range=(first, last))
    workers = Worker.objects.filter(Exists(in_weeks)).annotate(
        was_over=Exists(in_weeks.filter(children__gt=F("week__threshold")))
    )
    return counted_figure(workers, Q(was_over=True))


# W03 ---------------------------------------------------------------------------------------------


def asye_over_threshold_rows(as_of: datetime.date) -> list[Row]:
    """W03. The workers in their ASYE year in the week's snapshot; counted when they held more than
    the week's protected ASYE threshold (16 by default)."""
    week, loads = week_of(as_of)
    return [
        worker_row(
            load.worker,
            load.team,
            subject=f"{_held(load)} (ASYE year)",
            started=week.week_starting,
            counted=load.children > week.asye_threshold,
        )
        for load in loads
        if load.in_asye
    ]


def asye_over_threshold_figure(as_of: datetime.date) -> tuple[int, int]:
    return counted_figure(_week_caseloads(as_of).filter(in_asye=True), Q(children__gt=F("week__asye_threshold")))


# W04 ---------------------------------------------------------------------------------------------


def _hundredths(fte) -> int:
    return int(fte * 100)


def agency_rows(as_of: datetime.date) -> list[Row]:
    """W04. The case-holding social workers in the week's snapshot, each weighed by their FTE that
    Monday (in hundredths: 0.8 FTE weighs 80); counted when employed through an agency."""
    week, loads = week_of(as_of)
    return [
        worker_row(
            load.worker,
            load.team,
            subject=f"{load.get_employment_type_display()}, {load.fte} FTE on {week.week_starting:%-d %b %Y}",
            started=week.week_starting,
            counted=load.employment_type == EmploymentType.AGENCY,
            weight=_hundredths(load.fte),
        )
        for load in loads
    ]


def agency_figure(as_of: datetime.date) -> tuple[int, int]:
    totals = _week_caseloads(as_of).aggregate(
        agency=Sum("fte", filter=Q(employment_type=EmploymentType.AGENCY)), all=Sum("fte")
    )
    return _hundredths(totals["agency"] or 0), _hundredths(totals["all"] or 0)


# W05 ---------------------------------------------------------------------------------------------


def _supervised_workers(as_of: datetime.date):
    return Worker.objects.filter(employed_on(as_of), holds_cases=True)


def supervision_rows(as_of: datetime.date) -> list[Row]:
    """W05. The case-holding workers employed on as_of; counted when their supervision is not overdue
    then (rule T40 from their last supervision, or their start: workforce/supervision.py)."""
    workers = (
        _supervised_workers(as_of)
        .select_related("user", "team")
        .prefetch_related("supervisions")
        .order_by("team__name", "user__last_name", "user__first_name", "pk")
    )
    rule_clock = clock(SUPERVISION_RULE)
    rows = []
    for worker in workers:
        held = [s.held_on for s in worker.supervisions.all()]
        runs_from = supervision_runs_from(worker, held, as_of)
        last = max((day for day in held if day <= as_of), default=None)
        rows.append(
            worker_row(
                worker,
                worker.team,
                subject=f"last supervised {last:%-d %b %Y}" if last else "no supervision recorded",
                started=runs_from or as_of,
                due=supervision_due(worker, held, as_of, rule_clock),
                counted=supervision_in_timescale(worker, held, as_of, rule_clock),
            )
        )
    return rows


def supervision_figure(as_of: datetime.date) -> tuple[int, int]:
    ensure_calendar_days(as_of)
    last = latest_sql(Supervision.objects.filter(worker=OuterRef("pk"), held_on__lte=as_of), "held_on")
    workers = _supervised_workers(as_of).annotate(last=last)
    workers = workers.annotate(
        runs_from=Case(
            When(Q(last__isnull=False) & (Q(started_on__isnull=True) | Q(last__gte=F("started_on"))), then=F("last")),
            default=F("started_on"),
        )
    )
    workers = workers.annotate(due=due_by_local_standard_sql(clock(SUPERVISION_RULE), "runs_from"))
    return counted_figure(workers, Q(runs_from__isnull=False, due__gte=as_of))


def _weekly(**fields) -> Indicator:
    return Indicator(
        source=SOURCE,
        evidence=EVIDENCE,
        period=Period.AS_AT,
        counts="workers",
        rows_are=WORKERS,
        corporate_parenting_section=SECTION,
        **fields,
    )


INDICATORS: tuple[Indicator, ...] = (
    _weekly(
        id="W01",
        title="Average caseload",
        definition=(
            "The children held per case-holding social worker in the week of the date, from its Monday's frozen "
            "caseloads (a child counts once per worker). The drill-down lists every worker with "
            "their team and children; the weekly caseload review gives the average by team."
        ),
        polarity=Polarity.LOWER_IS_BETTER,
        unit=AVERAGE_CHILDREN,
        rows=average_caseload_rows,
        figure=average_caseload_figure,
        counted_label="Children held",
    ),
    _weekly(
        id="W02",
        title="Workers over the caseload threshold this week",
        definition=(
            "Case-holding social workers holding more children than the caseload threshold (22 unless the council "
            "sets another) on the Monday of the date's week."
        ),
        polarity=Polarity.LOWER_IS_BETTER,
        unit="count",
        rows=over_threshold_rows,
        figure=over_threshold_figure,
        counted_label="Over the threshold",
    ),
    _weekly(
        id="W02T",
        title="Workers over the caseload threshold in the last 12 weeks",
        definition=(
            "Social workers holding more children than the threshold on at least one of the 12 Mondays to the "
            "date's week (the weeks frozen: a week the job did not run is not counted)."
        ),
        polarity=Polarity.LOWER_IS_BETTER,
        unit="count",
        rows=over_threshold_in_twelve_weeks_rows,
        figure=over_threshold_in_twelve_weeks_figure,
        counted_label="Over in any week",
    ),
    _weekly(
        id="W03",
        title="ASYE workers over their protected caseload",
        definition=(
            "Newly qualified social workers in their assessed and supported year in employment holding more "
            "children than the protected ASYE threshold (16 unless the council sets another) on the Monday of the "
            "date's week."
        ),
        polarity=Polarity.LOWER_IS_BETTER,
        unit="count",
        rows=asye_over_threshold_rows,
        figure=asye_over_threshold_figure,
        counted_label="Over the protected threshold",
    ),
    _weekly(
        id="W04",
        title="Agency social workers (FTE)",
        definition=(
            "Of the case-holding social workers' full-time equivalents on the Monday of the date's week, the share "
            "worked by agency staff (numerator and denominator in hundredths of FTE: a worker at 0.8 counts 80)."
        ),
        polarity=Polarity.LOWER_IS_BETTER,
        unit="%",
        rows=agency_rows,
        figure=agency_figure,
        counted_label="Agency",
    ),
    Indicator(
        id="W05",
        title="Workers' supervision in timescale",
        definition=(
            "Of the case-holding social workers employed on the date, the share whose supervision is not overdue: "
            "held within the interval before the date (timescale T40, the council's local standard: monthly unless "
            "it sets another), counted from their last supervision or, before the first, their start."
        ),
        source="Local measure",
        evidence="Rotherham improvement papers: monthly supervision",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.AS_AT,
        counts="workers",
        rows=supervision_rows,
        figure=supervision_figure,
        counted_label="In timescale",
        rows_are=WORKERS,
        corporate_parenting_section=SECTION,
    ),
)
