"""The plans that oblige statutory visits, by kind, so the visiting interval follows the plan.

Each plan area offers one function: (open cases) -> list[VisitedPlan] for its plans open today,
listed once in PLAN_SOURCES: children in need plans here (T09N), child protection plans in
hearth/protection/visits.py (T09). A child is never on both at once (the services end the CIN plan
when a CP plan starts), so each child has at most one visiting interval.
"""

from dataclasses import dataclass

from django.utils.module_loading import import_string

from hearth.cin.models import CinPlan
from hearth.cin.selectors import cin_plans_of
from hearth.core.shared_reads import shared
from hearth.people.rows_held import cases_may_hold, the_page_child
from hearth.visits.timeliness import PlanKind


@dataclass(frozen=True)
class VisitedPlan:
    kind: PlanKind
    referral: object  # frontdoor.Referral (with current_allocations when the worklist prefetched them)
    child_id: int
    child_name: str
    started_on: object  # datetime.date
    # For a looked-after child (hearth/care/visits.py) started_on is the current placement's start;
    # these say which of reg 28's intervals applies and where the local standard's clock starts.
    long_term_until_18: bool = False
    care_started_on: object = None  # datetime.date


def cin_plans_for_visits(referrals) -> list[VisitedPlan]:
    if not cases_may_hold(referrals, "cin.CinPlan"):
        return []
    plans = CinPlan.objects.filter(referral__in=referrals, ended_on__isnull=True).values_list(
        "referral_id", "started_on"
    )
    if child := the_page_child(referrals):  # as the child's page reads them
        plans = [(p.referral_id, p.started_on) for p in cin_plans_of(child) if p.ended_on is None]
    by_referral = dict(plans)
    return [
        VisitedPlan(
            kind=PlanKind.CHILD_IN_NEED,
            referral=referral,
            child_id=referral.child_id,
            child_name=str(referral.child),
            started_on=by_referral[referral.pk],
        )
        for referral in referrals
        if referral.pk in by_referral
    ]


PLAN_SOURCES: tuple[str, ...] = (
    "hearth.visits.plans.cin_plans_for_visits",
    "hearth.protection.visits.cp_plans_for_visits",
    "hearth.care.visits.looked_after_for_visits",
)


def plans_for_visits(referrals) -> list[VisitedPlan]:
    return _plans_for_visits(tuple(referrals))


@shared  # the child's page asks for its case's plan three times (what is due, visits, care duties)
def _plans_for_visits(referrals: tuple) -> list[VisitedPlan]:
    """(Referrals compare by their id, so the same cases read by two sections share the answer.)"""
    return [plan for path in PLAN_SOURCES for plan in import_string(path)(referrals)]


PLAN_NAMES = {
    PlanKind.CHILD_IN_NEED: "child in need plan",
    PlanKind.CHILD_PROTECTION: "child protection plan",
    PlanKind.LOOKED_AFTER: "looked-after placement",
}


def visited_plan_for(referral) -> VisitedPlan | None:
    """The plan that obliges visits to the child on this case today, if any (the stricter interval,
    a child protection plan's, should legacy records ever hold both)."""
    plans = plans_for_visits([referral])
    return next((p for p in plans if p.kind == PlanKind.CHILD_PROTECTION), plans[0] if plans else None)
