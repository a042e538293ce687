"""Visits indicators: children on a child in need plan seen in timescale; visits that could not happen."""

import datetime

from django.db.models import F, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce, Greatest

from hearth.calendar.days import ensure_calendar_days
from hearth.cin.indicators import cin_plans_on_sql, due_by_local_standard_sql
from hearth.cin.selectors import cin_plans_on, holder_on
from hearth.performance.indicator import Indicator, Period, Polarity, Row, counted_figure, latest_sql, year_start
from hearth.visits.models import Visit
from hearth.visits.selectors import last_seen_visits, latest_attempts
from hearth.visits.timeliness import PlanKind, next_visit_due, visit_clock
from hearth.workforce.selectors import TRANSFERS, team_on


def cin_visits_in_timescale_rows(as_of: datetime.date) -> list[Row]:
    """V01. Denominator: children on a child in need plan on as_of. Numerator: those seen within
    the visiting interval (T09N) of as_of: the next visit, counted from the last visit at which the
    child was seen (or the plan's start), is not yet overdue."""
    rule_clock = visit_clock(PlanKind.CHILD_IN_NEED)
    plans = cin_plans_on(as_of, reviews=False)  # V01 reads no review
    child_ids = {plan.child_id for plan in plans}
    last_seen = last_seen_visits(child_ids, as_of)
    attempts = latest_attempts(child_ids, as_of)
    rows = []
    for plan in plans:
        seen = last_seen.get(plan.child_id)
        if seen is not None and seen < plan.started_on:
            seen = None  # a visit before the plan began does not count for it
        due = next_visit_due(PlanKind.CHILD_IN_NEED, plan.started_on, seen, rule_clock)
        attempt = attempts.get(plan.child_id)
        not_possible = attempt is not None and not attempt.happened and attempt.visited_on >= plan.started_on
        rows.append(
            Row(
                subject="Child in need plan"
                + (f"; last visit could not happen: {attempt.not_possible_reason}" if not_possible else ""),
                child_id=plan.child_id,
                child_name=str(plan.child),
                worker=holder_on(plan.referral, as_of),
                team=str(team_on(plan.referral, as_of)),
                started=plan.started_on,
                due=due,
                stopped=seen,
                counted=as_of <= due,
            )
        )
    return rows


def visits_not_possible_rows(as_of: datetime.date) -> list[Row]:
    """V02. Every visit since 1 April (to as_of) that could not happen; each row names its reason,
    so the drill-down shows them by reason (child out of the country, refused access, ...)."""
    visits = (
        Visit.objects.filter(happened=False, visited_on__gte=year_start(as_of), visited_on__lte=as_of)
        .select_related("child", "visitor__user", "referral__team", "not_possible_reason")
        .prefetch_related(Prefetch("referral__transfers", queryset=TRANSFERS.queryset))
        .order_by("visited_on", "pk")
    )
    return [
        Row(
            subject=f"Visit could not happen: {visit.not_possible_reason}",
            child_id=visit.child_id,
            child_name=str(visit.child),
            worker=str(visit.visitor),
            team=str(team_on(visit.referral, as_of)),
            started=visit.visited_on,
            due=None,
            stopped=None,
            counted=True,
        )
        for visit in visits
    ]


def visits_in_timescale_figure(plans, kind: PlanKind, as_of: datetime.date) -> tuple[int, int]:
    """(counted, rows) for a queryset of plans, one row each, counted when the next visit (the visit
    rule's interval from the last visit at which the child was seen since the plan began, or from
    the plan's start) is not yet overdue on as_of: next_visit_due in SQL. V01 and P06."""
    ensure_calendar_days(as_of)
    seen = Visit.objects.filter(child_id=OuterRef("child_id"), seen=True, visited_on__lte=as_of)
    plans = plans.annotate(runs_from=Greatest("started_on", Coalesce(latest_sql(seen, "visited_on"), F("started_on"))))
    plans = plans.annotate(due=due_by_local_standard_sql(visit_clock(kind), "runs_from"))
    return counted_figure(plans, Q(due__gte=as_of))


def cin_visits_in_timescale_figure(as_of: datetime.date) -> tuple[int, int]:
    """V01 in SQL: the same (counted, rows) as cin_visits_in_timescale_rows."""
    return visits_in_timescale_figure(cin_plans_on_sql(as_of), PlanKind.CHILD_IN_NEED, as_of)


def visits_not_possible_figure(as_of: datetime.date) -> tuple[int, int]:
    """V02 in SQL: the same count as visits_not_possible_rows."""
    return counted_figure(
        Visit.objects.filter(happened=False, visited_on__gte=year_start(as_of), visited_on__lte=as_of)
    )


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="V01",
        title="Children in need visits in timescale",
        definition=(
            "Of the children on a child in need plan on the date, the share seen within the visiting "
            "interval (timescale T09N, the council's local standard: 20 working days unless it sets another), "
            "counted from the last visit at which the child was seen, or from the plan's start. A visit that "
            "could not happen does not count as a visit; it is shown beside the child and counted in V02."
        ),
        source="Local measure",
        evidence="Rotherham improvement papers: children visited at the required frequency",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.AS_AT,
        counts="children",
        rows=cin_visits_in_timescale_rows,
        figure=cin_visits_in_timescale_figure,
        counted_label="Seen in timescale",
    ),
    Indicator(
        id="V02",
        title="Visits that could not happen",
        definition=(
            "Statutory visits since 1 April that could not happen, each with its reason (child not at home, "
            "family refused access, child out of the country, child in hospital, other): reported apart from "
            "visits that were simply missed."
        ),
        source="Local measure",
        evidence="Rotherham improvement papers: visits physically impossible, e.g. child abroad",
        polarity=Polarity.CONTEXT,
        unit="count",
        period=Period.YEAR_TO_DATE,
        counts="visits",
        rows=visits_not_possible_rows,
        figure=visits_not_possible_figure,
        counted_label="Could not happen",
    ),
)
