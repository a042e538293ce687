"""Changes of social worker for looked-after children, through the allocation service, with their
reasons (the SSDA903's social worker episodes, hearth/returns/ssda903/social_workers.py).

About a third of the children looked after today change worker once in the simulated months, most
because a worker left or a manager decided, as councils report. The draws come from a generator of
their own, so the rest of the council (and the demo worker's cases, which keep their worker) is the
same with or without them.
"""

import datetime
import random

from hearth.care.models import PeriodOfCare
from hearth.workforce.models import Allocation, SocialWorkerChangeReason, Worker
from hearth.workforce.services import case_allocate

SHARE_CHANGING_WORKER = 0.35
# The rule SW09STG2 of the DfE's validator fails an episode shorter than three days; the newest
# change is a week old so that no episode open today is younger than that.
NEWEST_CHANGE_DAYS = 7
REASON_WEIGHTS = {
    SocialWorkerChangeReason.LEFTRL: 35,
    SocialWorkerChangeReason.MANAGE: 25,
    SocialWorkerChangeReason.TSPROC: 15,
    SocialWorkerChangeReason.ABSENC: 8,
    SocialWorkerChangeReason.ORGRST: 7,
    SocialWorkerChangeReason.CHCHAN: 4,
    SocialWorkerChangeReason.PCCHAN: 3,
    SocialWorkerChangeReason.OTHERS: 3,
}
REASONS, WEIGHTS = zip(*REASON_WEIGHTS.items(), strict=True)
DEMO_WORKER = "sw"


def simulate_changes_of_social_worker(sim) -> dict:
    draws = random.Random(f"{sim.seed}-social-workers")
    looked_after = PeriodOfCare.objects.filter(ended_on__isnull=True).values_list("child_id", flat=True)
    current = (
        Allocation.objects.filter(
            ended_on__isnull=True, referral__closed_on__isnull=True, referral__child_id__in=looked_after
        )
        .exclude(worker__user__username=DEMO_WORKER)
        .select_related("referral__team", "worker")
        .order_by("referral__child_id", "pk")
    )
    changes = 0
    for allocation in current:
        if draws.random() >= SHARE_CHANGING_WORKER:
            continue
        day = _change_day(draws, allocation, sim.first_day, sim.today)
        others = list(
            Worker.objects.filter(team=allocation.referral.team, holds_cases=True)
            .exclude(pk=allocation.worker_id)
            .exclude(user__username=DEMO_WORKER)
            .order_by("pk")
        )
        if day is None or not others:
            continue
        case_allocate(
            actor=sim.users["managers"][allocation.referral.team_id],
            referral_id=allocation.referral_id,
            worker_id=draws.choice(others).pk,
            started_on=day,
            change_reason=draws.choices(REASONS, WEIGHTS)[0],
        )
        changes += 1
    return {"changes of social worker": changes}


def _change_day(draws, allocation, first_day: datetime.date, today: datetime.date) -> datetime.date | None:
    """A day in the simulated months, at least a month into the current worker's time with the child."""
    earliest = max(allocation.started_on + datetime.timedelta(days=30), first_day)
    latest = today - datetime.timedelta(days=NEWEST_CHANGE_DAYS)
    if earliest > latest:
        return None
    return earliest + datetime.timedelta(days=draws.randint(0, (latest - earliest).days))
