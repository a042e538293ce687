"""Child protection plans offered to the statutory visits (hearth/visits/plans.py, PLAN_SOURCES), so
the worklist's "visit due", the visit form and indicator P06 cover children on a plan (rule T09)."""

from hearth.people.rows_held import cases_may_hold, the_page_child
from hearth.protection.models import ProtectionPlan
from hearth.protection.selectors import protection_plans_of
from hearth.visits.plans import VisitedPlan
from hearth.visits.timeliness import PlanKind


def cp_plans_for_visits(referrals) -> list:
    """The open child protection plans on these cases, one VisitedPlan each."""
    referrals = list(referrals)
    if not cases_may_hold(referrals, "protection.ProtectionPlan"):
        return []
    by_id = {referral.pk: referral for referral in referrals}
    plans = ProtectionPlan.objects.filter(referral_id__in=by_id, ended_on__isnull=True).values_list(
        "referral_id", "started_on"
    )
    if child := the_page_child(referrals):  # as the child's page reads them
        plans = [(p.referral_id, p.started_on) for p in protection_plans_of(child) if p.ended_on is None]
        plans = [(referral_id, started_on) for referral_id, started_on in plans if referral_id in by_id]
    return [
        VisitedPlan(
            kind=PlanKind.CHILD_PROTECTION,
            referral=by_id[referral_id],
            child_id=by_id[referral_id].child_id,
            child_name=str(by_id[referral_id].child),
            started_on=started_on,
        )
        for referral_id, started_on in plans
    ]
