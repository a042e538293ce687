"""Supervision in the synthetic council (issue 19, docs/workforce.md "Supervision"): each case-holding
worker's supervision with their team manager over the last six months, and case supervision on the
file of each child looked after or on a child protection plan today. Mostly on time: most gaps are
within the month (or the quarter), about one in eight runs late, and a few workers and children have
had none recently, so the worklists and W05, W06 have something to show. Each team manager has taken
up a few overdue items on the weekly exceptions this week. The draws come from a
generator of their own, so the rest of the council is the same with or without them.
"""

import datetime
import random

from hearth.quality.case_supervision import LOOKED_AFTER_RULE, needing_case_supervision
from hearth.quality.services import case_supervision_record
from hearth.workforce.exceptions import weekly_exceptions
from hearth.workforce.models import Team, Worker
from hearth.workforce.services import deficit_take_up, supervision_record

MONTHS_BACK = 6
SHARE_LATE = 0.12
SHARE_NEVER = 0.04
WORKER_DECISIONS = (
    "Caseload reviewed; the two oldest assessments to be authorised this week",
    "Training on direct work with teenagers booked; reflective discussion on the Hallam family",
    "Leave agreed; cover for visits arranged with the team",
    "Two cases to close by the end of the month; allocation paused while caseload is high",
    "Wellbeing check; caseload held at its current level for a month",
)
CASE_DECISIONS = (
    "Plan reviewed; visits to continue fortnightly; school to be invited to the next meeting",
    "Contact with father to be reviewed at the next looked-after review",
    "Core group to meet before the review conference; health assessment to be chased",
    "Permanence planning meeting to be booked; life story work to start",
    "Risk assessment updated; safety plan shared with the family",
)


def _dates(draws, start: datetime.date, today: datetime.date, interval: tuple[int, int]) -> list[datetime.date]:
    """Days from start to today, one each interval (now and then late)."""
    days, day = [], start
    while True:
        low, high = interval
        gap = draws.randint(high + 4, high + 20) if draws.random() < SHARE_LATE else draws.randint(low, high)
        day += datetime.timedelta(days=gap)
        if day > today:
            return days
        days.append(day)


def simulate_supervision(sim) -> dict:
    draws = random.Random(f"{sim.seed}-supervision")
    today = sim.today
    since = today - datetime.timedelta(days=30 * MONTHS_BACK)
    counts = {"supervisions": 0, "case supervisions": 0}
    workers = Worker.objects.filter(holds_cases=True, left_on__isnull=True).select_related("team__manager__user")
    for worker in workers.order_by("pk"):
        manager = worker.team.manager
        if manager is None or draws.random() < SHARE_NEVER:
            continue
        start = max(worker.started_on or since, since)
        for day in _dates(draws, start, today, (21, 30)):
            supervision_record(
                actor=manager.user, worker_id=worker.pk, held_on=day, decisions=draws.choice(WORKER_DECISIONS)
            )
            counts["supervisions"] += 1
    for due in needing_case_supervision(today):
        manager = due.referral.team.manager
        if manager is None or due.referral.closed_on is not None or draws.random() < SHARE_NEVER:
            continue
        interval = (60, 88) if due.rule_id == LOOKED_AFTER_RULE else (20, 29)
        start = max(due.status_started, since, due.referral.referral_date)
        for day in _dates(draws, start, today, interval):
            case_supervision_record(
                actor=manager.user, referral_id=due.referral.pk, held_on=day, decisions=draws.choice(CASE_DECISIONS)
            )
            counts["case supervisions"] += 1
    counts["overdue items taken up"] = _take_up_deficits(draws)
    return counts


AGREED = (
    "Worker to complete it by Friday; I will check on Monday",
    "Booked for tomorrow; the worker's other visits moved to make room",
    "Reallocation considered: the worker keeps it, with a date agreed",
)


def _take_up_deficits(draws) -> int:
    """Each team manager has taken up the oldest overdue item of their first three workers this week
    (each taking-up reads the team's list again, so the demo keeps to a few)."""
    taken = 0
    for team in Team.objects.exclude(manager=None).select_related("manager__user").order_by("pk"):
        for group in weekly_exceptions(team, user=team.manager.user)[:3]:
            exception = group.exceptions[0]
            deficit_take_up(
                actor=team.manager.user, team_id=team.pk, item_key=exception.key, agreed=draws.choice(AGREED)
            )
            taken += 1
    return taken
