"""The independent reviewing officers' challenge on the synthetic council's looked-after reviews,
recorded through the services after the care histories are built: the chair's quality checklist for
most reviews held in the simulated months (a day to a week after the review), and now and then a
concern raised from the review through the dispute resolution stages (protection's escalations), most
resolved informally, some escalated to stage 1 and a few to stage 2 or 3, the recent ones still open.

The rates follow the seeds' IRO report (267 reviews: 18 informal concerns, 7 at stage 1, 4 at stage 2),
a little raised so that the demo's smaller council shows every stage. Its own random stream leaves every
other draw of the simulation as it was.
"""

import datetime
import random

from hearth.duties.checklist import questions
from hearth.duties.models import CareReview
from hearth.duties.services import review_checklist_complete, review_concern_raise
from hearth.protection.models import EscalationStage, StepOutcome
from hearth.protection.services import escalation_step_close

CHECKLIST_COMPLETED = 0.9
CONCERN_RAISED = 0.1
ESCALATED = 0.45  # of the stages closed, those escalated to the next (none beyond stage 3)
ANSWERED_YES = 0.85
CONCERNS = (
    "The care plan has no plan for permanence at the second review.",
    "The personal education plan is out of date and the review could not consider it.",
    "The social worker's report was not shared before the review.",
    "The recommendation to arrange contact with the child's brother was not carried out.",
    "The child's health assessment is overdue and no date has been booked.",
)
WITH_WHOM = {
    EscalationStage.INFORMAL: "Team manager holding the case",
    EscalationStage.STAGE_1: "Service manager",
    EscalationStage.STAGE_2: "Head of service",
    EscalationStage.STAGE_3: "Director of children's services",
}


def simulate_review_challenge(sim) -> dict:
    draws = random.Random(f"{sim.seed}-review-challenge")
    counts = {"review checklists": 0, "concerns from looked-after reviews": 0}
    reviews = (
        CareReview.objects.filter(held_on__gte=sim.first_day, held_on__lte=sim.today)
        .select_related("chair")
        .order_by("held_on", "pk")
    )
    for review in reviews:
        if draws.random() < CHECKLIST_COMPLETED:
            completed_on = min(sim.today, review.held_on + datetime.timedelta(days=draws.randint(0, 7)))
            review_checklist_complete(
                actor=review.chair,
                review_id=review.pk,
                completed_on=completed_on,
                answers={key: draws.random() < ANSWERED_YES for key, _ in questions()},
            )
            counts["review checklists"] += 1
        if draws.random() < CONCERN_RAISED:
            _concern(draws, review, sim.today)
            counts["concerns from looked-after reviews"] += 1
    return counts


def _concern(draws, review, today: datetime.date) -> None:
    raised_on = min(today, review.held_on + datetime.timedelta(days=draws.randint(0, 3)))
    concern = review_concern_raise(
        actor=review.chair,
        review_id=review.pk,
        raised_on=raised_on,
        concern=draws.choice(CONCERNS),
        with_whom=WITH_WHOM[EscalationStage.INFORMAL],
    )
    step = concern.escalation.steps.get()
    day = raised_on
    while step is not None:
        day += datetime.timedelta(days=draws.randint(3, 12))
        if day > today:
            return  # still open at this stage
        escalate = step.stage != EscalationStage.STAGE_3 and draws.random() < ESCALATED
        following = list(EscalationStage)[list(EscalationStage).index(step.stage) + 1] if escalate else None
        step = escalation_step_close(
            actor=review.chair,
            step_id=step.pk,
            closed_on=day,
            outcome=StepOutcome.ESCALATED if escalate else StepOutcome.RESOLVED,
            outcome_detail="No response within the agreed time" if escalate else "Agreed actions completed",
            next_with_whom=WITH_WHOM[following] if following else "",
        )
        if not escalate:
            return
