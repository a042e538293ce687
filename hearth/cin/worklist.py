"""The worklist duty "CIN plan review due": one item per open case with an open child in need plan."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from hearth.cin.models import CinPlan, CinPlanReview
from hearth.cin.selectors import cin_plans_of
from hearth.cin.timeliness import REVIEW_RULE, describe_local_standard, review_due
from hearth.people.rows_held import cases_may_hold, the_page_child
from hearth.timescales.selectors import clock
from hearth.workforce.selectors import case_holder


def cin_plan_review_items(referrals) -> list:
    from hearth.worklists.selectors import WorkItem

    today = timezone.localdate()
    review_clock = clock(REVIEW_RULE)
    by_id = {referral.pk: referral for referral in referrals}  # the open cases, as the worklist read them
    if not cases_may_hold(by_id.values(), "cin.CinPlan"):
        return []
    plans = (
        CinPlan.objects.filter(referral_id__in=by_id, ended_on__isnull=True)
        .select_related("child")
        .prefetch_related(Prefetch("reviews", queryset=CinPlanReview.objects.order_by("reviewed_on")))
    )
    if child := the_page_child(by_id.values()):  # as the child's page reads them
        plans = [p for p in cin_plans_of(child) if p.referral_id in by_id and p.ended_on is None]
    items = []
    for plan in plans:
        dates = sorted(review.reviewed_on for review in plan.reviews.all())
        referral = by_id[plan.referral_id]
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
                worker=case_holder(referral),
                team=str(referral.team),
                url=reverse("cin:review", args=[plan.pk]),
                permission="cin.change_plan",
                permission_object=plan,
            )
        )
    return items


def cases_with_a_plan(referrals) -> set[int]:
    """Of these open cases, those on which a child in need plan has started (open or ended): their
    assessment stage is over (worklists.selectors.ASSESSMENT_OVERTAKEN_SOURCES)."""
    by_id = {referral.pk: referral for referral in referrals}
    if not cases_may_hold(by_id.values(), "cin.CinPlan"):
        return set()
    if child := the_page_child(by_id.values()):  # as the child's page reads them
        return {plan.referral_id for plan in cin_plans_of(child) if plan.referral_id in by_id}
    return set(CinPlan.objects.filter(referral_id__in=by_id).values_list("referral_id", flat=True))
