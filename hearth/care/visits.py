"""Looked-after children offered to the statutory visits (hearth/visits/plans.py, PLAN_SOURCES), so
the visit form, the child's page, the worklist's "visit due" and indicators L04/L05 cover them. The
interval follows the CURRENT placement (CPPCR reg 28, rules T12-T15; hearth/duties/due_dates.py),
so the plan offered starts on the placement's start, not the period's: a placement change restarts
T12. A status-only change (903 reason PLACE) is not a move: the child is still in the same home, so
the clock runs from the day they came there (hearth/care/placement_runs.py), as L06 counts it.

A child is never on a child in need plan and looked after at once: care_start ends the CIN plan.
"""

from collections import defaultdict

from hearth.care.models import Placement
from hearth.care.placement_runs import home_since
from hearth.care.selectors import periods_of_care_of
from hearth.people.rows_held import cases_may_hold, the_page_child
from hearth.visits.plans import VisitedPlan
from hearth.visits.timeliness import PlanKind


def looked_after_for_visits(referrals) -> list:
    """One VisitedPlan per open period of care on these cases, from its current placement."""
    referrals = list(referrals)
    if not cases_may_hold(referrals, "care.PeriodOfCare"):
        return []
    by_id = {referral.pk: referral for referral in referrals}
    placements_by_period = defaultdict(list)
    if child := the_page_child(referrals):  # the child's periods as the page reads them, placements oldest first
        for period in periods_of_care_of(child):
            if period.ended_on is None and period.referral_id in by_id:
                placements_by_period[period].extend(period.placements.all())
    else:
        open_periods_placements = (
            Placement.objects.filter(period__referral_id__in=by_id, period__ended_on__isnull=True)
            .select_related("period")
            .order_by("period__started_on", "period_id", "started_on")
        )
        for placement in open_periods_placements:
            placements_by_period[placement.period].append(placement)
    plans = []
    for period, placements in placements_by_period.items():
        current = next((p for p in placements if p.ended_on is None), None)
        if current is None:
            continue
        referral = by_id[period.referral_id]
        plans.append(
            VisitedPlan(
                kind=PlanKind.LOOKED_AFTER,
                referral=referral,
                child_id=referral.child_id,
                child_name=str(referral.child),
                started_on=home_since(placements, current),
                long_term_until_18=current.long_term_until_18,
                care_started_on=period.started_on,
            )
        )
    return plans
