"""The synthetic council's plans for permanence, through the service: for the children looked after
today, the plan agreed around their second review (about four months after they started to be
looked after), and for some a later change of plan with its reason.

Rates (synthetic, in proportion to the DfE's children looked after statistics, where long-term
fostering is the most common plan and adoption a minority): every child under a placement order or
with a decision that they should be placed for adoption has adoption as their plan (agreed before
the decision); the others long-term fostering 40%, return home 22%, family and friends 14%, special
guardianship 12%, adoption 7% (not yet decided), child arrangements 5%. A child in care for less
than about four months mostly has no plan yet. About one plan in eight is changed later.

The draws come from a generator of their own, so the rest of the council is the same with or
without them (the pattern of hearth/simulate/social_workers.py).
"""

import datetime
import random

from hearth.care.codes import ADOPTION_PLACEMENTS
from hearth.care.models import PeriodOfCare
from hearth.permanence.models import AdoptionDecision
from hearth.permanence.services import permanence_plan_record

PLANS = {
    "long_term_fostering": 40,
    "return_home": 22,
    "family_friends": 14,
    "special_guardianship": 12,
    "adoption": 7,
    "child_arrangements": 5,
}
# Where a changed plan goes, and why.
CHANGES = {
    "return_home": (
        "long_term_fostering",
        "Parenting assessment: a return home is not safe within the child's timescale",
    ),
    "family_friends": ("special_guardianship", "Connected carers assessed positively; applying for an order"),
    "long_term_fostering": ("special_guardianship", "The foster carers wish to apply for special guardianship"),
    "special_guardianship": ("long_term_fostering", "The special guardianship assessment was negative"),
    "child_arrangements": ("return_home", "Father's circumstances have changed; rehabilitation plan agreed"),
    "adoption": ("long_term_fostering", "No adopters found within the child's timescale"),
}
SECOND_REVIEW_DAYS = (100, 140)  # the first review within 20 working days, the second 3 months later
SHARE_CHANGED = 0.12
SHARE_EARLY_PLAN = 0.3  # children not yet at their second review who have a plan already


def simulate_permanence_plans(sim) -> dict:
    draws = random.Random(f"{sim.seed}-permanence-plans")
    decided = {
        decision.period_id: decision.decided_on
        for decision in AdoptionDecision.objects.filter(reversed_on__isnull=True, period__ended_on__isnull=True)
    }
    periods = (
        PeriodOfCare.objects.filter(ended_on__isnull=True)
        .select_related("started_by")
        .prefetch_related("legal_statuses", "placements")
        .order_by("started_on", "pk")
    )
    plans = changes = 0
    yesterday = sim.today - datetime.timedelta(days=1)
    for period in periods:
        agreed_on = period.started_on + datetime.timedelta(days=draws.randint(*SECOND_REVIEW_DAYS))
        if agreed_on > yesterday:
            if draws.random() >= SHARE_EARLY_PLAN or period.started_on + datetime.timedelta(days=30) > yesterday:
                continue
            agreed_on = period.started_on + datetime.timedelta(
                days=draws.randint(20, (yesterday - period.started_on).days)
            )
        for_adoption = (
            period.pk in decided
            or any(s.legal_status == "E1" for s in period.legal_statuses.all())
            or any(p.placement_type in ADOPTION_PLACEMENTS for p in period.placements.all())
        )
        if for_adoption:
            plan = "adoption"
            if period.pk in decided:
                agreed_on = max(
                    period.started_on,
                    min(agreed_on, decided[period.pk] - datetime.timedelta(days=draws.randint(7, 40))),
                )
        else:
            plan = draws.choices(list(PLANS), weights=list(PLANS.values()))[0]
        permanence_plan_record(
            actor=period.started_by, child_id=period.child_id, plan=plan, agreed_on=agreed_on, version=0
        )
        plans += 1
        room = (yesterday - agreed_on).days
        if not for_adoption and room > 60 and draws.random() < SHARE_CHANGED:
            new_plan, reason = CHANGES[plan]
            permanence_plan_record(
                actor=period.started_by,
                child_id=period.child_id,
                plan=new_plan,
                agreed_on=agreed_on + datetime.timedelta(days=draws.randint(45, room)),
                version=1,
                reason=reason,
            )
            changes += 1
    return {"plans for permanence": plans, "plans for permanence changed": changes}
