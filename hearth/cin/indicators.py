"""Children in need indicators: N01, children on a plan whose plan is up to date; N03 and N04, the
children in need cohort on a date (its number, and its rate per 10,000 children aged 0-17 in the
population the performance team records, performance.models.ChildPopulation)."""

import datetime

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce

from hearth.calendar.days import ensure_calendar_days
from hearth.cin.models import CinPlan, CinPlanReview
from hearth.cin.selectors import cin_plans_on, holder_on, review_dates
from hearth.cin.timeliness import REVIEW_RULE, last_review_or_start, plan_up_to_date, review_due
from hearth.core.shared_reads import shared
from hearth.frontdoor.models import Referral
from hearth.people.models import Child
from hearth.performance.indicator import RATE_PER_10000, Indicator, Period, Polarity, Row, counted_figure, latest_sql
from hearth.timescales.selectors import Clock, clock
from hearth.workforce.selectors import TRANSFERS, team_on


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
                team=str(team_on(plan.referral, as_of)),
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
    reviews = CinPlanReview.objects.filter(
        plan_id=OuterRef("pk"), reviewed_on__gte=OuterRef("started_on"), reviewed_on__lte=as_of
    )
    plans = cin_plans_on_sql(as_of).filter(~Exists(on_protection_plan))
    plans = plans.annotate(runs_from=Coalesce(latest_sql(reviews, "reviewed_on"), F("started_on")))
    plans = plans.annotate(due=due_by_local_standard_sql(clock(REVIEW_RULE), "runs_from"))
    return counted_figure(plans, Q(due__gte=as_of))


def open_cases_on(as_of: datetime.date):
    """Referrals (the CIN census's episodes) open at the end of as_of: referred by then, not closed by
    then (a case closed on as_of is closed on it)."""
    return Referral.objects.filter(referral_date__lte=as_of).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=as_of))


def children_in_need_rows(as_of: datetime.date) -> list[Row]:
    """N03 and N04. Every child with a case open at the end of as_of (the DfE's children in need: an
    episode not closed; those on child protection plans and looked after included), one row each: a
    child holds one open case at a time, so the latest referral open on the day is theirs."""
    cases = (
        open_cases_on(as_of)
        .select_related("child", "team")
        .prefetch_related("allocations__worker__user", TRANSFERS)
        .order_by("child_id", "-referral_date", "-pk")
    )
    rows, seen = [], set()
    for referral in cases:
        if referral.child_id in seen:
            continue
        seen.add(referral.child_id)
        rows.append(
            Row(
                subject=f"Case open from {referral.referral_date:%-d %b %Y}",
                child_id=referral.child_id,
                child_name=str(referral.child),
                worker=holder_on(referral, as_of),
                team=str(team_on(referral, as_of)),
                started=referral.referral_date,
                due=None,
                stopped=None,
                counted=True,
            )
        )
    return sorted(rows, key=lambda row: (row.started, row.child_id))


@shared  # N03 and N04 count the same children: one query a date in a report computation
def children_in_need_figure(as_of: datetime.date) -> tuple[int, int]:
    """N03 and N04 in SQL: the children with a case open at the end of as_of, each once."""
    return counted_figure(Child.objects.filter(Exists(open_cases_on(as_of).filter(child_id=OuterRef("pk")))))


CHILDREN_IN_NEED = (
    "children in need on the date: every child with a case (a referral, the census's episode) open at the "
    "end of the date, those on child protection plans and those looked after included, each once"
)
CHILDREN_IN_NEED_SOURCE = "DfE children in need statistics (children in need at 31 March)"
CHILDREN_IN_NEED_EVIDENCE = "Rotherham improvement papers (the children in need cohort)"

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
        source="Local measure",
        evidence="Rotherham improvement papers: 36% at the lowest, 87% by May 2015",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.AS_AT,
        counts="children",
        rows=cin_up_to_date_plan_rows,
        figure=cin_up_to_date_plan_figure,
        counted_label="Plan up to date",
    ),
    Indicator(
        id="N03",
        title="Children in need",
        definition=f"The number of {CHILDREN_IN_NEED}.",
        source=CHILDREN_IN_NEED_SOURCE,
        evidence=CHILDREN_IN_NEED_EVIDENCE,
        polarity=Polarity.CONTEXT,
        unit="count",
        period=Period.AS_AT,
        counts="children",
        rows=children_in_need_rows,
        figure=children_in_need_figure,
        counted_label="Child in need",
    ),
    Indicator(
        id="N04",
        title="Children in need per 10,000 children",
        definition=f"The {CHILDREN_IN_NEED}, per 10,000 children aged 0-17 in the council's population setting.",
        source=CHILDREN_IN_NEED_SOURCE,
        evidence=CHILDREN_IN_NEED_EVIDENCE,
        polarity=Polarity.CONTEXT,
        unit=RATE_PER_10000,
        period=Period.AS_AT,
        counts="children",
        rows=children_in_need_rows,
        figure=children_in_need_figure,
        counted_label="Child in need",
    ),
)
