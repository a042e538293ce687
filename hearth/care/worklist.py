"""The decision to look after a child on worklists: a child who became looked after in an emergency,
before the decision was approved, until a service manager (or the director, by the council's
threshold) approves it: due T51, the next working day. On the case's worker's worklist and the team's,
which service managers open for any team. A period with no decision recorded (history) owes none."""

from django.urls import reverse

from hearth.care.models import CareDecision, PeriodOfCare
from hearth.care.selectors import periods_of_care_of
from hearth.care.services import approvers_named
from hearth.people.rows_held import cases_may_hold, the_page_child
from hearth.timescales.selectors import clock


def care_decision_items(referrals) -> list:
    from hearth.worklists.selectors import WorkItem

    referrals = list(referrals)
    by_id = {r.pk: r for r in referrals}
    if not by_id or not cases_may_hold(referrals, "care.PeriodOfCare"):
        return []
    awaiting = (
        CareDecision.objects.filter(
            period__referral_id__in=by_id, period__ended_on__isnull=True, emergency=True, approved_by__isnull=True
        )
        .select_related("period")
        .order_by("period__started_on", "pk")
    )
    t51 = clock("T51")
    items = []
    for decision in awaiting:
        period = decision.period
        referral = by_id[period.referral_id]
        allocations = getattr(referral, "current_allocations", None)
        if allocations is None:
            allocations = [a for a in referral.allocations.all() if a.ended_on is None]
        items.append(
            WorkItem(
                child_id=referral.child_id,
                child_name=str(referral.child),
                duty=f"Emergency decision to look after (from {period.started_on:%-d %b %Y}): "
                f"approval by {approvers_named()}",
                started=period.started_on,
                due=t51.due(period.started_on),
                rule=t51.explain(),
                local_due=t51.local_due(period.started_on),
                local_rule=t51.explain_local(),
                worker=str(allocations[0].worker) if allocations else "Unallocated",
                team=str(referral.team),
                url=reverse("care:decision_approve", args=[period.pk]),
            )
        )
    return items


def cases_in_care(referrals) -> set[int]:
    """Of these open cases, those from which the child has been looked after (still, or a care
    leaver since): care planning has superseded the case's assessment, so one never started is no
    longer owed (worklists.selectors.ASSESSMENT_OVERTAKEN_SOURCES)."""
    by_id = {referral.pk: referral for referral in referrals}
    if not cases_may_hold(by_id.values(), "care.PeriodOfCare"):
        return set()
    if child := the_page_child(by_id.values()):  # as the child's care section reads them
        return {period.referral_id for period in periods_of_care_of(child) if period.referral_id in by_id}
    return set(PeriodOfCare.objects.filter(referral_id__in=by_id).values_list("referral_id", flat=True))
