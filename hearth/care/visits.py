"""Looked-after children offered to the statutory visits (hearth/visits/plans.py, PLAN_SOURCES), so
the visit form, the child's page, the worklist's "visit due" and indicators L04/L05 cover them. The
interval follows the CURRENT placement (CPPCR reg 28, rules T12-T15; hearth/care/duties.py), so the
plan offered starts on the placement's start, not the period's: a placement change restarts T12.

A child is never on a child in need plan and looked after at once: care_start ends the CIN plan.
"""

from hearth.care.models import Placement
from hearth.visits.plans import VisitedPlan
from hearth.visits.timeliness import PlanKind


def looked_after_for_visits(referrals) -> list:
    """One VisitedPlan per open period of care on these cases, from its current placement."""
    referrals = list(referrals)
    by_id = {referral.pk: referral for referral in referrals}
    placements = Placement.objects.filter(
        period__referral_id__in=by_id, period__ended_on__isnull=True, ended_on__isnull=True
    ).values_list("period__referral_id", "started_on", "long_term_until_18", "period__started_on")
    return [
        VisitedPlan(
            kind=PlanKind.LOOKED_AFTER,
            referral=by_id[referral_id],
            child_id=by_id[referral_id].child_id,
            child_name=str(by_id[referral_id].child),
            started_on=started_on,
            long_term_until_18=long_term,
            care_started_on=care_started_on,
        )
        for referral_id, started_on, long_term, care_started_on in placements
    ]
