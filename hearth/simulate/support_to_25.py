"""Care leavers to 25 in the demo council: of the young people who were former relevant and turned 21
in the simulated months, about three in five ask for a personal adviser's support to 25 (Children Act
1989 s23CZB) around their birthday; their adviser then goes on seeing them every six to ten weeks and
reviews their pathway plan every six months, through the services, as before 21. About one in four of
those who asked says, two to seven months after the birthday, that they no longer want it: from then
no contact or review is recorded (the services refuse them).

The draws come from generators of their own, so the rest of the council is the same with or without
them (the withdrawals' from one more, so the askings and the contacts' draws are the same with or without
those)."""

import datetime
import random

from django.core.exceptions import ValidationError

from hearth.calendar.workingdays import add_months
from hearth.leavers.selectors import leaver_record, status_of
from hearth.leavers.services import (
    care_leaver_contact_record,
    pathway_plan_review_record,
    support_to_25_request_record,
    support_to_25_withdrawal_record,
)
from hearth.leavers.status import LeaverStatus, birthday
from hearth.people.models import Child
from hearth.simulate.voices import PATHWAY_VOICES, voice_for

SHARE_WHO_ASK = 0.6
SHARE_WHO_NO_LONGER_WANT_IT = 1 / 4
WITHDRAWAL_REASONS = (
    "Settled in work and the flat: doesn't want a personal adviser now, will call if that changes",
    "Moved in with their partner's family; said they are fine on their own",
    "Said they want a break from services for now",
)
ACTIVITIES = {"F2": 20, "F4": 20, "P4": 10, "F1": 10, "G5": 28, "G4": 7, "G6": 5}


def simulate_support_to_25(sim) -> dict:
    draws = random.Random(f"{sim.seed}-support-to-25")
    withdrawal_draws = random.Random(f"{sim.seed}-support-to-25-no-longer-wanted")
    counts = {
        "asked for support to 25": 0,
        "no longer wanted support to 25": 0,
        "contacts after 21": 0,
        "pathway plan reviews after 21": 0,
    }
    for child in _turned_21_in_the_simulation(sim):
        twenty_one = birthday(child.date_of_birth, 21)
        if (
            status_of(leaver_record(child.pk), twenty_one - datetime.timedelta(days=1)).status
            != (LeaverStatus.FORMER_RELEVANT)
            or draws.random() >= SHARE_WHO_ASK
        ):
            continue
        asked = max(sim.first_day, twenty_one - datetime.timedelta(days=draws.randint(0, 45)))
        if asked > sim.today:
            continue
        worker = child.referrals.order_by("-referral_date").first().allocations.order_by("-started_on").first()
        actor = worker.worker.user
        support_to_25_request_record(
            actor=actor, child_id=child.pk, requested_on=asked, note="Asked at the pathway plan review"
        )
        counts["asked for support to 25"] += 1
        counts["no longer wanted support to 25"] += _no_longer_wanted(sim, withdrawal_draws, child, actor, asked)
        counts["pathway plan reviews after 21"] += _reviews(sim, draws, child, actor, twenty_one)
        counts["contacts after 21"] += _contacts(sim, draws, child, actor, twenty_one)
    return counts


def _turned_21_in_the_simulation(sim):
    latest = add_months(sim.today, -12 * 21)
    earliest = add_months(sim.first_day, -12 * 21)
    return (
        Child.objects.filter(
            date_of_birth__gt=earliest,
            date_of_birth__lte=latest,
            periods_of_care__isnull=False,
            referrals__isnull=False,
        )
        .distinct()
        .order_by("pk")
    )


def _reviews(sim, draws, child, actor, twenty_one: datetime.date) -> int:
    done = 0
    day = twenty_one + datetime.timedelta(days=draws.randint(7, 40))
    while day <= sim.today:
        try:
            pathway_plan_review_record(
                actor=actor,
                child_id=child.pk,
                reviewed_on=day,
                personal_adviser="Personal adviser (support to 25)",
                summary="Support to 25: housing, work and money reviewed with the adviser.",
                child_voice=voice_for(PATHWAY_VOICES, day, child),
            )
            done += 1
        except ValidationError:
            pass  # e.g. a review already recorded that day
        day = add_months(day, 6)
    return done


def _contacts(sim, draws, child, actor, twenty_one: datetime.date) -> int:
    done = 0
    day = twenty_one + datetime.timedelta(days=draws.randint(1, 20))
    while day <= sim.today:
        activity = draws.choices(list(ACTIVITIES), weights=list(ACTIVITIES.values()))[0]
        try:
            care_leaver_contact_record(
                actor=actor,
                child_id=child.pk,
                contacted_on=day,
                method=draws.choice(["IN_PERSON", "PHONE", "MESSAGE"]),
                in_touch="YES",
                activity=activity,
                accommodation="U",
                accommodation_suitable=True,
            )
            done += 1
        except ValidationError:
            pass
        day += datetime.timedelta(days=draws.choice([42, 56, 70]))
    return done


def _no_longer_wanted(sim, draws, child, actor, asked: datetime.date) -> int:
    """Some say, months after their 21st birthday, that they no longer want support: recorded before
    their contacts and reviews, so those after it are refused as the pages refuse them."""
    if draws.random() >= SHARE_WHO_NO_LONGER_WANT_IT:
        return 0
    day = birthday(child.date_of_birth, 21) + datetime.timedelta(days=draws.randint(60, 200))
    reason = draws.choice(WITHDRAWAL_REASONS)
    if day > sim.today or day <= asked:
        return 0
    support_to_25_withdrawal_record(actor=actor, child_id=child.pk, withdrawn_on=day, reason=reason)
    return 1
