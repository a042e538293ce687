"""The worklist duty "CIN plan review due": one item per open case with an open child in need plan."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from hearth.cin.models import CinPlan, CinPlanReview
from hearth.cin.timeliness import REVIEW_RULE, describe_local_standard, review_due
from hearth.timescales.selectors import clock
from hearth.workforce.models import Allocation


def cin_plan_review_items(referrals) -> list:
    from hearth.worklists.selectors import WorkItem

    today = timezone.localdate()
    review_clock = clock(REVIEW_RULE)
    plans = (
        CinPlan.objects.filter(referral__in=referrals, ended_on__isnull=True)
        .select_related("child", "referral__team")
        .prefetch_related(
            Prefetch("reviews", queryset=CinPlanReview.objects.order_by("reviewed_on")),
            Prefetch(
                "referral__allocations",
                queryset=Allocation.objects.filter(ended_on__isnull=True).select_related("worker__user"),
                to_attr="open_allocations",
            ),
        )
    )
    items = []
    for plan in plans:
        dates = [review.reviewed_on for review in plan.reviews.all()]
        allocation = plan.referral.open_allocations[0] if plan.referral.open_allocations else None
        items.append(
            WorkItem(
                child_id=plan.child_id,
                child_name=str(plan.child),
                duty="Child in need plan review" + (f" (last {max(dates):%-d %b %Y})" if dates else " (first)"),
                started=max(dates, default=plan.started_on),
                due=review_due(plan.started_on, dates, today, review_clock),
                rule=describe_local_standard(review_clock),
                local_due=None,
                local_rule=None,
                worker=str(allocation.worker) if allocation else "Unallocated",
                team=str(plan.referral.team),
                url=reverse("cin:review", args=[plan.pk]),
            )
        )
    return items
