"""Children in need indicators: N01, children on a plan whose plan is up to date."""

import datetime

from django.db.models import Exists, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from hearth.calendar.days import ensure_calendar_days
from hearth.cin.models import CinPlan, CinPlanReview
from hearth.cin.selectors import cin_plans_on, holder_on, review_dates
from hearth.cin.timeliness import REVIEW_RULE, last_review_or_start, plan_up_to_date, review_due
from hearth.performance.indicator import Indicator, Period, Polarity, Row, counted_figure
from hearth.timescales.selectors import Clock, clock


def cin_up_to_date_plan_rows(as_of: datetime.date) -> list[Row]:
    """N01. Denominator: children on a child in need plan on as_of and not on a child protection plan
    then (DOMAIN 4.2: "CIN (not CP/LAC)"; the services end a CIN plan when a CP plan starts, so this
    only matters for records kept before they did). Numerator: those whose plan was reviewed (or
    started) within the review interval before as_of (rule T10, cin.timeliness)."""
    from hearth.protection.selectors import children_on_plans_on

    review_clock = clock(REVIEW_RULE)
    on_protection_plans = children_on_plans_on(as_of)
    rows = []
    for plan in cin_plans_on(as_of):
        if plan.child_id in on_protection_plans:
            continue
        dates = review_dates(plan)
        last = last_review_or_start(plan.started_on, dates, as_of)
        rows.append(
            Row(
                subject=f"Child in need plan from {plan.started_on:%-d %b %Y}",
                child_id=plan.child_id,
                child_name=str(plan.child),
                worker=holder_on(plan.referral, as_of),
                team=str(plan.referral.team),
                started=plan.started_on,
                due=review_due(plan.started_on, dates, as_of, review_clock),
                stopped=last if last != plan.started_on else None,
                counted=plan_up_to_date(plan.started_on, dates, as_of, review_clock),
            )
        )
    return rows


def cin_plans_on_sql(as_of: datetime.date):
    """cin_plans_on as a queryset, for the SQL figures: the plans open on as_of on a case not closed
    by then, one per child (the latest started, as cin_plans_on keeps)."""
    open_plans = (
        CinPlan.objects.filter(started_on__lte=as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
        .filter(Q(referral__closed_on__isnull=True) | Q(referral__closed_on__gt=as_of))
    )
    later = open_plans.filter(child_id=OuterRef("child_id")).filter(
        Q(started_on__gt=OuterRef("started_on")) | Q(started_on=OuterRef("started_on"), pk__gt=OuterRef("pk"))
    )
    return open_plans.filter(~Exists(later))


def due_by_local_standard_sql(rule_clock: Clock, start: str):
    """cin.timeliness.due_by_local_standard in SQL: the council's own standard if set, else the rule's."""
    local = rule_clock.due_sql(start, local=True)
    return local if local is not None else rule_clock.due_sql(start)


def cin_up_to_date_plan_figure(as_of: datetime.date) -> tuple[int, int]:
    """N01 in SQL: the same (counted, rows) as cin_up_to_date_plan_rows."""
    from hearth.protection.models import ProtectionPlan

    ensure_calendar_days(as_of)
    on_protection_plan = ProtectionPlan.objects.filter(child_id=OuterRef("child_id"), started_on__lte=as_of).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=as_of)
    )
    last_review = (
        CinPlanReview.objects.filter(
            plan_id=OuterRef("pk"), reviewed_on__gte=OuterRef("started_on"), reviewed_on__lte=as_of
        )
        .values("plan_id")
        .annotate(last=Max("reviewed_on"))
        .values("last")[:1]
    )
    plans = cin_plans_on_sql(as_of).filter(~Exists(on_protection_plan))
    plans = plans.annotate(runs_from=Coalesce(Subquery(last_review), F("started_on")))
    plans = plans.annotate(due=due_by_local_standard_sql(clock(REVIEW_RULE), "runs_from"))
    return counted_figure(plans, Q(due__gte=as_of))


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="N01",
        title="Children in need with an up-to-date plan",
        definition=(
            "Of the children on a child in need plan on the date (and not on a child protection plan), the "
            "share whose plan was reviewed (or, "
            "before its first review, started) within the review interval before the date (timescale T10, "
            "the council's local standard: 3 months unless it sets another)."
        ),
        source="Local measure (Rotherham improvement papers: 36% at the lowest, 87% by May 2015)",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.AS_AT,
        counts="children",
        rows=cin_up_to_date_plan_rows,
        figure=cin_up_to_date_plan_figure,
        counted_label="Plan up to date",
    ),
)
