"""The conferences the demo's IRO has in the diary when the demo opens: a handful of initial child
protection conferences booked for the coming days and weeks, each after a strategy discussion held
in the last few working days and a section 47 enquiry that concluded a conference is needed, so the
IRO's journey in the README (hold a booked conference, the quality checklist, escalate a concern)
can be done as written whatever day the demo is built. The rest of the council's conferences are
chaired by its IROs at random and most are held long before the demo opens.

A few review conferences are booked ahead as well: the open plans whose next review falls due
soonest, each booked by the demo's IRO to chair, for a working day in the next four weeks (no later
than the review is due, where that is ahead), so "Conferences I chair" lists reviews waiting to sit
as well as initial conferences, and the IRO records one on the day through the review page.

Each initial conference is on a child with an open, allocated case, not on a protection plan and not looked after,
recorded by the allocated social worker through the protection services; one is on a child the
demo's social worker (`sw`) holds, so that their worklist shows the conference due too. Written
last of all and from a generator of its own (as the morning's contacts are, this_morning.py), so
the rest of the council is the same with or without them, and anchored to the council's own day.
"""

import datetime
import random

from django.db.models import Exists, OuterRef

from hearth.care.models import PeriodOfCare
from hearth.core.services import london_datetime
from hearth.frontdoor.models import Referral
from hearth.protection import services
from hearth.protection.models import Conference, ProtectionPlan, Section47Enquiry, Section47Outcome, StrategyDecision
from hearth.protection.selectors import next_review_due
from hearth.timescales.selectors import clock
from hearth.workforce.models import Allocation

HOW_MANY = (3, 6)
# Initial conferences are due within 15 working days of the strategy discussion (T05): the demo's
# are booked for the 12th to 15th working day after one held 2 to 10 working days before today.
HELD_WORKING_DAYS_AGO = (2, 10)
BOOKED_WORKING_DAYS_AFTER = (12, 15)
REVIEWS_BOOKED = (2, 4)
# A review is booked no further ahead than this, and at least one working day ahead.
REVIEW_BOOKED_WITHIN_DAYS = 28
REASONS = [
    "Reasonable cause to suspect significant harm: repeated injuries with no consistent explanation",
    "Reasonable cause to suspect significant harm: neglect of the child's basic care, worsening since the assessment",
    "Reasonable cause to suspect significant harm: domestic abuse in the home, the child present at the last incident",
]


def _cases_that_could_go_to_conference():
    """Open cases with a worker allocated now, whose child is on no protection plan, is not looked
    after, has no section 47 enquiry open or awaiting its conference, and whose record is neither
    sealed nor restricted (the demo's IRO may open them)."""
    allocated = Allocation.objects.filter(referral=OuterRef("pk"), ended_on__isnull=True)
    on_a_plan = ProtectionPlan.objects.filter(child=OuterRef("child_id"), ended_on__isnull=True)
    looked_after = PeriodOfCare.objects.filter(child=OuterRef("child_id"), ended_on__isnull=True)
    enquiry_open = Section47Enquiry.objects.filter(referral=OuterRef("pk"), outcome__in=["", Section47Outcome.ICPC])
    return (
        Referral.objects.filter(closed_on__isnull=True, child__date_of_birth__isnull=False)
        .filter(Exists(allocated))
        .exclude(Exists(on_a_plan) | Exists(looked_after) | Exists(enquiry_open))
        .filter(child__seal__isnull=True, child__restriction__isnull=True)
        .select_related("child")
        .prefetch_related("allocations__worker")
        .order_by("pk")
    )


def simulate_conferences_booked(sim) -> dict:
    draws = random.Random(f"{sim.seed}-conferences-booked")
    calendar, today, chair = sim.calendar, sim.today, sim.users["iro"]
    cases = list(_cases_that_could_go_to_conference())
    demo_workers = {sim.users["sw"].pk}
    held_by_sw = [case for case in cases if _worker_of(case).user_id in demo_workers]
    others = [case for case in cases if case not in held_by_sw]
    wanted = draws.randint(*HOW_MANY)
    chosen = (draws.sample(held_by_sw, 1) if held_by_sw else []) + draws.sample(
        others, min(len(others), wanted - (1 if held_by_sw else 0))
    )
    booked = 0
    for referral in chosen:
        worker = _worker_of(referral).user
        held_on = _working_days_before(calendar, today, draws.randint(*HELD_WORKING_DAYS_AGO))
        held_on = max(held_on, referral.referral_date)
        discussion = services.strategy_discussion_record(
            actor=worker,
            referral_id=referral.pk,
            held_on=held_on,
            police=True,
            health=draws.random() < 0.8,
            social_care=True,
            education=draws.random() < 0.6,
            other_agencies="",
            participants=f"{worker.get_full_name()} (social worker); DC {sim.faker.last_name()} (police); "
            f"{sim.faker.name()} (named nurse)",
            decision=StrategyDecision.SECTION_47,
            reasons=draws.choice(REASONS),
        )
        enquiry = discussion.section47
        outcome_on = min(calendar.add_working_days(held_on, draws.randint(1, 3)), today)
        services.section47_conclude(
            actor=worker, enquiry_id=enquiry.pk, outcome=Section47Outcome.ICPC, outcome_on=outcome_on
        )
        booked_for = calendar.add_working_days(held_on, draws.randint(*BOOKED_WORKING_DAYS_AFTER))
        if booked_for <= today:
            booked_for = calendar.add_working_days(today, draws.randint(1, 5))
        services.conference_book_initial(actor=worker, enquiry_id=enquiry.pk, booked_for=booked_for, chair=chair)
        booked += 1
    return {"conferences booked for the coming weeks": booked}


def simulate_reviews_booked(sim) -> dict:
    """Review conferences booked ahead by the demo's IRO on the open plans whose review is due
    soonest; on draws of their own, after everything else (the council is the same without them)."""
    draws = random.Random(f"{sim.seed}-reviews-booked")
    calendar, today, chair = sim.calendar, sim.today, sim.users["iro"]
    soonest = sorted(_plans_due_a_review(), key=lambda pair: (pair[1], pair[0].pk))
    booked = 0
    for plan, due in soonest[: draws.randint(*REVIEWS_BOOKED)]:
        latest = min(due, today + datetime.timedelta(days=REVIEW_BOOKED_WITHIN_DAYS))
        booked_for = max(_working_day_on_or_before(calendar, latest), calendar.add_working_days(today, 1))
        # Booked in working hours a few working days ago (the audit row's moment, recorded_at.py).
        booked_on = _working_days_before(calendar, today, draws.randint(1, 5))
        sim.recording.scene = london_datetime(booked_on, datetime.time(draws.randint(9, 16), draws.randrange(60)))
        services.review_conference_book(actor=chair, plan_id=plan.pk, booked_for=booked_for, chair=chair)
        sim.recording.scene = None
        booked += 1
    return {"review conferences booked for the coming weeks": booked}


def _plans_due_a_review() -> list[tuple[ProtectionPlan, datetime.date]]:
    """Each open plan with nothing booked, whose record the demo's IRO may open, and its review due."""
    t07, t08 = clock("T07"), clock("T08")
    plans = (
        ProtectionPlan.objects.filter(ended_on__isnull=True, child__seal__isnull=True, child__restriction__isnull=True)
        .exclude(Exists(Conference.objects.filter(plan=OuterRef("pk"), held_on__isnull=True)))
        .prefetch_related("reviews")
        .order_by("pk")
    )
    return [(plan, next_review_due(plan, list(plan.reviews.all()), t07, t08)) for plan in plans]


def _working_day_on_or_before(calendar, day: datetime.date) -> datetime.date:
    while not calendar.is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def _working_days_before(calendar, day: datetime.date, days: int) -> datetime.date:
    while days:
        day -= datetime.timedelta(days=1)
        days -= calendar.is_working_day(day)
    return day


def _worker_of(referral) -> object:
    return next(a for a in referral.allocations.all() if a.ended_on is None).worker
