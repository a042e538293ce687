"""The synthetic council's children in need work: after an assessment concluding a plan, the plan,
its reviews, the statutory visits, and for some children the plan's end and the case's closure.

Written through the services, as workers would, or the reviews and visits in bulk (`sim.casework`,
hearth/simulate/casework_writes.py, flushed before each step still written through the services).
Practice improves over the simulated months (as in the seeds, where up-to-date CIN plans rose from
36% to 87%): early on more reviews and visits are late; later most are on time. A few visits cannot
happen (child not at home, out of the country).
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.calendar.workingdays import add_months
from hearth.cin.models import PlanEndReason, ReviewDecision
from hearth.cin.services import cin_plan_start
from hearth.frontdoor.services import case_close
from hearth.simulate.write_ups import cin_review_reasons, visit_write_up

CIN_VISIT_WORKING_DAYS = 20  # the T09N default the simulated workers aim for
AIMS = [
    "School attendance above 95% by the end of term; mum supported to manage her anxiety with her GP.",
    "The children live in a home free from domestic abuse; dad completes the perpetrator programme.",
    "Bedtime and morning routines in place; the baby's weight checked fortnightly by the health visitor.",
    "Young person re-engaged with college; no further missing episodes; a trusted adult identified.",
    "Housing repaired and warm; the family's benefits sorted with the money advice service.",
]
AGREED = [
    "Mother; father; school's safeguarding lead; health visitor",
    "Mother; grandmother; GP; school nurse",
    "Young person; mother; college tutor; youth worker",
    "Parents; nursery manager; housing officer",
]
VOICES = [
    "Showed me her bedroom and the drawing on her wall; said she likes it when mum picks her up from school.",
    "Said things are calmer at home and he has stopped worrying at night.",
    "Told me she misses her dad but likes seeing him at nan's on Saturdays.",
    "Did not want to talk much; nodded when I asked if school was better. Smiled when we played Uno.",
    "Said he is fed up with people asking questions but that college is 'alright actually'.",
    "Babbling and reaching for mum; settled and well cared for, clean clothes, bottle ready.",
    "Said the shouting has stopped and she wants the plan to finish so things are normal.",
]
NOT_POSSIBLE = {"NOT_HOME": 45, "REFUSED": 20, "ABROAD": 15, "HOSPITAL": 10, "OTHER": 10}


def simulate_children_in_need(sim, *, referral, worker, manager, authorised_on, counts) -> None:
    """Plan, reviews, visits and, for some, the end of the plan and closure of the case."""
    today = min(sim.today, timezone.localdate())
    started_on = sim.calendar.add_working_days(authorised_on, sim.random.choice([0, 1, 2, 3, 5, 8]))
    if started_on > today:
        return
    sim.casework.flush()  # the plan's start reads the assessment
    try:
        plan = cin_plan_start(
            actor=worker.user,
            referral_id=referral.pk,
            started_on=started_on,
            aims=sim.random.choice(AIMS),
            agreed_with=sim.random.choice(AGREED),
        )
    except ValidationError:
        return  # e.g. an earlier plan of the child's still ran then: the worker would not start one
    counts["CIN plans"] = counts.get("CIN plans", 0) + 1
    reviews_before_end = sim.random.choice([1, 2, 3, 4]) if sim.random.random() < 0.45 else None
    escalates_on = _escalation(sim, started_on, today)
    ended_on = _reviews(sim, plan, worker, escalates_on or today, reviews_before_end, counts)
    _visits(sim, plan, worker, ended_on or escalates_on or today, counts)
    if escalates_on is not None and ended_on is None:
        # Concerns grow while on the plan: a strategy discussion, a section 47 enquiry and, usually, an
        # initial conference whose protection plan ends this CIN plan (the conference's service does it).
        sim.casework.flush()
        sim.protection.escalate_from_child_in_need(referral, escalates_on, counts)
        plan.refresh_from_db()
        if plan.ended_on is not None:
            counts["CIN plans ended by a CP plan"] = counts.get("CIN plans ended by a CP plan", 0) + 1
            return
        ended_on = _reviews(sim, plan, worker, today, reviews_before_end, counts, since=escalates_on)
        _visits(sim, plan, worker, ended_on or today, counts, since=escalates_on)
    if ended_on is not None:
        closed_on = sim.calendar.add_working_days(ended_on, sim.random.randint(0, 5))
        if closed_on <= today:
            sim.casework.flush()
            case_close(actor=manager, referral_id=referral.pk, closed_on=closed_on, reason="RC7")
            counts["cases closed"] = counts.get("cases closed", 0) + 1


def _escalation(sim, started_on: datetime.date, today: datetime.date) -> datetime.date | None:
    """For about 1 child in 12 on a plan, the day concerns escalate to a strategy discussion."""
    if sim.random.random() >= 0.08:
        return None
    day = _weekday(started_on + datetime.timedelta(days=sim.random.randint(30, 200)))
    return day if day <= today else None


def _lateness(sim, day: datetime.date, worst: float, best: float) -> float:
    """The chance a duty is late on this day: `worst` for the first half of the simulated months,
    then falling steadily to `best` by today, as a drive to improve takes hold."""
    span = max((sim.today - sim.first_day).days, 1)
    progress = min(max((day - sim.first_day).days / span, 0), 1)
    return worst if progress < 0.5 else worst + (best - worst) * (progress - 0.5) / 0.5


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def _reviews(sim, plan, worker, today, reviews_before_end, counts, since=None) -> datetime.date | None:
    """Reviews about every 3 months (some late) up to `today`; the date the plan ended at a review, if
    it did. `since`: carry on after that day, from the last review held."""
    last = plan.reviews.order_by("-reviewed_on").values_list("reviewed_on", flat=True).first() if since else None
    last = last or plan.started_on
    held_count = plan.reviews.count() if since else 0
    while True:
        due = add_months(last, 3)
        lateness = _lateness(sim, due, worst=0.95, best=0.12)
        if sim.random.random() < lateness:
            # Early on, reviews slip by months; once the drive to improve takes hold, by days.
            held = due + datetime.timedelta(days=sim.random.randint(4, 10 + int(190 * lateness)))
        else:
            held = due - datetime.timedelta(days=sim.random.randint(0, 12))
        held = _weekday(max(held, last + datetime.timedelta(days=14)))
        if held > today:
            return None
        held_count += 1
        ends = reviews_before_end is not None and held_count >= reviews_before_end
        decision = ReviewDecision.END if ends else sim._weighted({"CONTINUE": 70, "CHANGE": 30})
        end_reason = sim._weighted({PlanEndReason.NEEDS_MET: 70, PlanEndReason.STEP_DOWN: 30}) if ends else ""
        sim.casework.review_cin_plan(
            actor=worker.user,
            plan=plan,
            version=sim.casework.cin_plan_version(plan),
            reviewed_on=held,
            attendees=f"{plan.agreed_with}; {worker}",
            decision=decision,
            changes="More support with routines from the family support worker" if decision == "CHANGE" else "",
            end_reason=end_reason,
            decision_reasons=cin_review_reasons(plan.child, held, decision, end_reason),
        )
        counts["CIN plan reviews"] = counts.get("CIN plan reviews", 0) + 1
        if ends:
            return held
        last = held


def _visits(sim, plan, worker, until: datetime.date, counts, since=None) -> None:
    """Visits about every 20 working days, most in time; a few late, not seen, or not possible.
    `since`: carry on after that day (from it, as the last visit)."""
    calendar = sim.calendar
    last_seen = since or plan.started_on
    earliest = calendar.add_working_days(since, 1) if since else plan.started_on
    child = plan.child
    while True:
        if sim.random.random() < _lateness(sim, last_seen, worst=0.35, best=0.06):
            day = calendar.add_working_days(last_seen, CIN_VISIT_WORKING_DAYS + sim.random.randint(1, 12))
        else:
            day = calendar.add_working_days(last_seen, sim.random.randint(8, CIN_VISIT_WORKING_DAYS))
        day = max(day, earliest)
        if day > until:
            return
        roll = sim.random.random()
        if roll < 0.06:
            reason = sim._weighted(NOT_POSSIBLE)
            _record(sim, plan, worker, day, happened=False, reason=reason)
            counts["visits not possible"] = counts.get("visits not possible", 0) + 1
            earliest = calendar.add_working_days(day, sim.random.randint(1, 4))
            continue
        if roll < 0.09:
            _record(sim, plan, worker, day, happened=True, seen=False)
            earliest = calendar.add_working_days(day, sim.random.randint(1, 4))
            continue
        old_enough = child.date_of_birth is None or (day - child.date_of_birth).days >= 4 * 365
        _record(sim, plan, worker, day, happened=True, seen=True, alone=old_enough and sim.random.random() < 0.55)
        counts["visits"] = counts.get("visits", 0) + 1
        last_seen = earliest = day


def _record(sim, plan, worker, day, *, happened, seen=False, alone=False, reason="") -> None:
    sim.casework.visit(
        actor=worker.user,
        referral_id=plan.referral_id,
        child=plan.child,
        visited_on=day,
        visitor=worker,
        happened=happened,
        seen=seen if happened else None,
        seen_alone=alone if happened and seen else None,
        not_possible_reason=reason,
        not_possible_detail="Family moved in with relatives for a week; not told in advance"
        if reason == "OTHER"
        else "",
        **visit_write_up_args(sim, plan.child, day, happened=happened, seen=seen),
    )


def visit_write_up_args(sim, child, day, *, happened: bool, seen: bool, in_care: bool = False) -> dict:
    """The visit's write-up, worded for the child's sex and age (hearth/simulate/write_ups.py).
    The simulation's own draw of a voice is still made, so the rest of the council is the one the
    same seed built before visits were written up; the write-up has a generator of its own."""
    if not happened:
        return {}
    if seen:
        sim.random.choice(VOICES)
    return visit_write_up(child, day, seen=seen, in_care=in_care)
