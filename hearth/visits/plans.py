"""The plans that oblige statutory visits, by kind, so the visiting interval follows the plan.

Each plan area offers one function: (open cases) -> list[VisitedPlan] for its plans open today,
listed once in PLAN_SOURCES. Children in need plans are wired here; child protection plans join
with one line (their kind, PlanKind.CHILD_PROTECTION, already has its rule, T09).
"""

from dataclasses import dataclass

from django.utils.module_loading import import_string

from hearth.cin.models import CinPlan
from hearth.visits.timeliness import PlanKind


@dataclass(frozen=True)
class VisitedPlan:
    kind: PlanKind
    referral: object  # frontdoor.Referral (with current_allocations when the worklist prefetched them)
    child_id: int
    child_name: str
    started_on: object  # datetime.date


def cin_plans_for_visits(referrals) -> list[VisitedPlan]:
    plans = CinPlan.objects.filter(referral__in=referrals, ended_on__isnull=True).values_list(
        "referral_id", "started_on"
    )
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


PLAN_SOURCES: tuple[str, ...] = ("hearth.visits.plans.cin_plans_for_visits",)


def plans_for_visits(referrals) -> list[VisitedPlan]:
    return [plan for path in PLAN_SOURCES for plan in import_string(path)(referrals)]
