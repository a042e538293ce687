"""The social worker's and manager's recording of a simulated assessment, through the services or
in bulk (`sim.casework`, hearth/simulate/casework_writes.py).

Each assessment's details come from a random generator of its own, seeded from the simulation's
seed and the case, so adding this recording leaves the rest of the synthetic council (contacts,
timings, outcomes) exactly as it was for the same seed.
"""

import datetime
import random

from hearth.simulate.draws import case_key
from hearth.simulate.write_ups import AUTHORISATION_REASONS, assessment_narrative

# Factors and how often assessments find them (several may be found together).
FACTOR_WEIGHTS = {
    "16A": 30, "3B": 18, "3A": 8, "4B": 16, "2B": 10, "1B": 8, "17A": 10, "18C": 6, "19C": 2,
    "14A": 5, "15A": 4, "5B": 3, "6B": 3, "7A": 2, "10A": 3, "11A": 2, "24A": 2, "20": 4,
}  # fmt: skip
ADOLESCENT_FACTORS = {"10A", "11A", "14A", "15A", "24A"}
WISHES_YOUNG = [
    "Too young to say in words; observed to be settled and reaching for mum during the visit.",
    "Showed me their bedroom and toys; smiled when talking about nursery.",
    "Said they like it when daddy reads a story and do not like shouting.",
]
WISHES_OLDER = [
    "Wants to stay at the same school and keep seeing friends after school.",
    "Says home is better when mum is well; wants someone to help mum with her feelings.",
    "Would like the arguments at home to stop and to see their dad at weekends.",
    "Says they feel safe with their nan and want to spend more time there.",
    "Does not want a social worker at school; happy to meet at the youth centre.",
    "Wants to be listened to and says the adults do not tell them what is happening.",
]
RETURN_REASONS = [
    "Please add the child's own words to the wishes and feelings section before I authorise.",
    "The analysis does not yet explain the domestic abuse risk; please add the police information.",
    "Please record whether the child was seen alone, and if not, why not.",
]


def details_random(seed: int, referral) -> random.Random:
    return random.Random(f"{seed}-assessment-{case_key(referral.child, referral.referral_date)}")


def _factors(rng: random.Random, adolescent: bool, outcome: str | None) -> list[str]:
    if outcome == "NFA" and rng.random() < 0.5:
        return ["21"]
    weights = {code: w for code, w in FACTOR_WEIGHTS.items() if adolescent or code not in ADOLESCENT_FACTORS}
    chosen = rng.choices(list(weights), weights=list(weights.values()), k=rng.choice([1, 1, 2, 2, 3]))
    return sorted(set(chosen))


def _record(sim, rng, assessment, worker_user, *, seen_on, adolescent, outcome) -> None:
    old_enough = assessment.child.date_of_birth is not None and (
        (seen_on - assessment.child.date_of_birth).days >= 4 * 365
    )
    seen = rng.random() < 0.96
    sim.casework.record_assessment(
        actor=worker_user,
        assessment=assessment,
        factor_codes=_factors(rng, adolescent, outcome),
        wishes_and_feelings=rng.choice(WISHES_OLDER if old_enough else WISHES_YOUNG),
        seen_on=seen_on if seen else None,
        seen_alone=seen and old_enough and rng.random() < 0.8,
        # A generator of its own, so the case's other draws are those the same seed made before.
        narrative=assessment_narrative(
            random.Random(f"narrative-{case_key(assessment.child, assessment.started_on)}"),
            assessment.child,
            seen_on,
            outcome,
        ),
    )


def work_the_assessment(
    sim,
    *,
    assessment,
    referral,
    worker,
    manager,
    working_days: int,
    authorised_on: datetime.date,
    outcome: str | None,
    adolescent: bool,
) -> None:
    """Record, submit (sometimes returned once and resubmitted) and, with an outcome, authorise.

    The manager authorises on the day the case's timing says (`authorised_on`); the worker
    submits up to four working days before. An assessment still running today is recorded and
    submitted only as far as today allows."""
    rng = details_random(sim.seed, referral)
    started_on, today, calendar = assessment.started_on, sim.today, sim.calendar
    submit_day = max(0, working_days - rng.randint(0, 4))
    returned = submit_day >= 4 and rng.random() < 0.08
    first_submit_day = submit_day - 3 if returned else submit_day
    seen_on = calendar.add_working_days(started_on, min(rng.randint(0, 5), first_submit_day))
    if seen_on > today:
        return
    _record(sim, rng, assessment, worker.user, seen_on=seen_on, adolescent=adolescent, outcome=outcome)
    first_submitted_on = calendar.add_working_days(started_on, first_submit_day)
    if first_submitted_on > today:
        return
    sim.casework.submit_assessment(actor=worker.user, assessment=assessment, submitted_on=first_submitted_on)
    if returned:
        returned_on = calendar.add_working_days(started_on, first_submit_day + 1)
        if returned_on > today:
            return
        sim.casework.return_assessment(
            actor=manager, assessment=assessment, returned_on=returned_on, reason=rng.choice(RETURN_REASONS)
        )
        submitted_on = calendar.add_working_days(started_on, submit_day)
        if submitted_on > today:
            return
        sim.casework.submit_assessment(actor=worker.user, assessment=assessment, submitted_on=submitted_on)
    if outcome is not None and authorised_on <= today:
        sim.casework.authorise_assessment(
            actor=manager,
            assessment=assessment,
            authorised_on=authorised_on,
            outcome=outcome,
            reasons=AUTHORISATION_REASONS[outcome],
        )
