"""Children in need indicators: N01, children on a plan whose plan is up to date."""

import datetime

from hearth.cin.selectors import cin_plans_on, holder_on, review_dates
from hearth.cin.timeliness import REVIEW_RULE, last_review_or_start, plan_up_to_date, review_due
from hearth.performance.indicator import Indicator, Period, Polarity, Row
from hearth.timescales.selectors import clock


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
        counted_label="Plan up to date",
    ),
)
