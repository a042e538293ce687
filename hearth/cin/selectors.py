"""Reads of children in need plans: who is on a plan on a date, a child's plan, who holds it."""

import datetime

from django.db.models import OuterRef, Prefetch, Q, Subquery

from hearth.cin.models import CinPlan, CinPlanReview, PlanEndReason
from hearth.cin.timeliness import REVIEW_RULE, plan_up_to_date, review_due
from hearth.core.shared_reads import shared, sharing
from hearth.people.rows_held import may_hold
from hearth.timescales.selectors import clock
from hearth.workforce.models import Allocation
from hearth.workforce.selectors import TRANSFERS


def _open_on(plans, as_of: datetime.date):
    return (
        plans.filter(started_on__lte=as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
        .filter(Q(referral__closed_on__isnull=True) | Q(referral__closed_on__gt=as_of))
    )


def cin_plans_on(as_of: datetime.date, *, reviews: bool = True) -> list[CinPlan]:
    """The children on a child in need plan on as_of, one plan each: started by then, not ended by
    then, on a case not closed by then (a plan left open on a closed case counts as ended with it).
    Where a child has two such plans, the latest started (then the latest recorded).

    Chosen in the database, with only what the figures need as of the date: each plan's `reviews`
    hold its latest review on or before as_of (the review clock runs from it: cin.timeliness), and
    its case's `allocations` the one held on as_of (holder_on), not every review and allocation.
    Inside a report (shared reads) the plans are read once a date, with their reviews, for N01 and
    V01 both; asked alone without `reviews` (V01's drill-down, which reads none) they are left out,
    a third of the read."""
    return _cin_plans_on(as_of, reviews=reviews or sharing())


@shared  # N01 and V01 both start from these plans
def _cin_plans_on(as_of: datetime.date, *, reviews: bool) -> list[CinPlan]:
    latest_each = _open_on(CinPlan.objects.filter(child_id=OuterRef("child_id")), as_of).order_by("-started_on", "-pk")
    latest_review = (
        CinPlanReview.objects.filter(plan_id=OuterRef("plan_id"), reviewed_on__lte=as_of)
        .order_by("-reviewed_on", "-pk")
        .values("pk")[:1]
    )
    held_on_the_day = Allocation.objects.filter(started_on__lte=as_of).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=as_of)
    )
    plans = (
        _open_on(CinPlan.objects.all(), as_of)
        .filter(pk=Subquery(latest_each.values("pk")[:1]))
        .select_related("child", "referral__team")
        .prefetch_related(
            Prefetch("referral__allocations", queryset=held_on_the_day.select_related("worker__user")),
            Prefetch("referral__transfers", queryset=TRANSFERS.queryset),  # the team on as_of (team_on)
        )
        .order_by("child_id")
    )
    if reviews:
        plans = plans.prefetch_related(
            Prefetch("reviews", queryset=CinPlanReview.objects.filter(pk=Subquery(latest_review)))
        )
    return list(plans)


def holder_on(referral, as_of: datetime.date) -> str:
    """Who held the case on as_of (from allocations prefetched on the referral)."""
    for allocation in referral.allocations.all():
        if allocation.started_on <= as_of and (allocation.ended_on is None or allocation.ended_on > as_of):
            return str(allocation.worker)
    return "Unallocated"


def review_dates(plan: CinPlan) -> list[datetime.date]:
    return [review.reviewed_on for review in plan.reviews.all()]


def open_cin_plan(child) -> CinPlan | None:
    return (
        CinPlan.objects.filter(child=child, ended_on__isnull=True)
        .select_related("referral")
        .prefetch_related(Prefetch("reviews", queryset=CinPlanReview.objects.order_by("-reviewed_on")))
        .first()
    )


def cin_plan_ended_by_protection_plan(child, on: datetime.date | None) -> CinPlan | None:
    """The child's child in need plan that ended on this date because a child protection plan started."""
    if on is None:
        return None
    return CinPlan.objects.filter(child=child, ended_on=on, end_reason=PlanEndReason.CHILD_PROTECTION).first()


@shared  # the child's page reads them for its summary and for its child in need section
def cin_plans_of(child) -> list[CinPlan]:
    """The child's plans, newest first, each with its case and its reviews (newest first)."""
    if not may_hold(child, "cin.CinPlan"):
        return []
    return list(
        CinPlan.objects.filter(child=child)
        .select_related("referral", "child")
        .prefetch_related(Prefetch("reviews", queryset=CinPlanReview.objects.order_by("-reviewed_on")))
        .order_by("-started_on")
    )


def child_cin_plans(child, as_of: datetime.date) -> dict:
    """What the child's page shows: the open plan with its next review and whether it is up to date,
    and the plans that have ended."""
    plans = cin_plans_of(child)
    # A plan left open when its case was closed is still shown as the current one, flagged, so the
    # worker can end it (the figures already count it as ended at the closure).
    current = next((p for p in plans if p.ended_on is None), None)
    review_clock = clock(REVIEW_RULE)
    summary = {
        "plan": current,
        "ended_plans": [p for p in plans if p is not current],
        "left_open_on_closed_case": current is not None and current.referral.closed_on is not None,
    }
    if current is not None:
        dates = review_dates(current)
        summary.update(
            review_due=review_due(current.started_on, dates, as_of, review_clock),
            up_to_date=plan_up_to_date(current.started_on, dates, as_of, review_clock),
            last_review=current.reviews.all()[0] if dates else None,
        )
    return summary
