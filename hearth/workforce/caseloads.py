"""What a caseload is: the one rule every page, the weekly snapshot and the W indicators count with.

A worker's caseload on a day is the number of distinct children in cases they hold that day: an
allocation that started on or before the day and had not ended by it (a reallocation ends the old
allocation on the day the new one starts, so the case counts for the new worker that day), in a case
that was still open that day (not closed on or before it). A child counts once however many of
their cases a worker holds. Only case-holding workers employed that day have a caseload (started on
or before it, or no start recorded; not left before it). The thresholds are settings
(HEARTH_CASELOAD_THRESHOLD, 22 by default; HEARTH_ASYE_CASELOAD_THRESHOLD, 16, for a worker in their
ASYE year): a caseload over the threshold, not at it, is flagged (docs/workforce.md).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from hearth.workforce.models import Allocation, Team, Worker


def caseload_threshold() -> int:
    return settings.HEARTH_CASELOAD_THRESHOLD


def asye_caseload_threshold() -> int:
    return settings.HEARTH_ASYE_CASELOAD_THRESHOLD


def held_on(day: datetime.date) -> Q:
    """Allocations (as a filter on Allocation) that hold a case on the day."""
    return (
        Q(started_on__lte=day)
        & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        & (Q(referral__closed_on__isnull=True) | Q(referral__closed_on__gt=day))
    )


def employed_on(day: datetime.date) -> Q:
    """Workers (as a filter on Worker) employed on the day."""
    return (Q(started_on__isnull=True) | Q(started_on__lte=day)) & (Q(left_on__isnull=True) | Q(left_on__gte=day))


@dataclass(frozen=True)
class Caseload:
    worker: Worker
    children: int
    child_ids: tuple[int, ...]
    fte: float
    in_asye: bool
    threshold: int  # the threshold that applies to this worker on the day
    over_threshold: bool


def caseloads_on(day: datetime.date, *, team: Team | None = None) -> list[Caseload]:
    """Every case-holding worker employed on the day (in the team, if given) with their caseload, in
    the workers' order. Two queries, whatever the size of the council."""
    workers = list(
        Worker.objects.filter(employed_on(day), holds_cases=True, **({"team": team} if team is not None else {}))
        .select_related("user", "team")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    held: dict[int, set[int]] = {w.pk: set() for w in workers}
    for worker_id, child_id in Allocation.objects.filter(held_on(day), worker__in=[w.pk for w in workers]).values_list(
        "worker_id", "referral__child_id"
    ):
        held[worker_id].add(child_id)
    loads = []
    for worker in workers:
        in_asye = worker.in_asye_on(day)
        threshold = asye_caseload_threshold() if in_asye else caseload_threshold()
        children = held[worker.pk]
        loads.append(
            Caseload(
                worker=worker,
                children=len(children),
                child_ids=tuple(sorted(children)),
                fte=float(worker.fte),
                in_asye=in_asye,
                threshold=threshold,
                over_threshold=len(children) > threshold,
            )
        )
    return loads


def caseloads(team: Team) -> list[Caseload]:
    """The team's caseloads today (the team page, the allocation form)."""
    return caseloads_on(timezone.localdate(), team=team)


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekTrend:
    week_starting: datetime.date
    frozen: bool  # False: the job did not run that week (a gap in the chart, "not frozen" in the table)
    workers: int
    over_threshold: int
    asye_over_threshold: int
    average: float | None  # children per case-holding worker that Monday


def weekly_trend(as_of: datetime.date, *, weeks: int = 12) -> list[WeekTrend]:
    """The last `weeks` Mondays up to as_of, oldest first, from the frozen snapshots (one query)."""
    from django.db.models import Count, Q, Sum

    from hearth.workforce.models import CaseloadWeek

    mondays = [monday_of(as_of) - datetime.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    frozen = {
        w.week_starting: w
        for w in CaseloadWeek.objects.filter(week_starting__in=mondays).annotate(
            workers=Count("caseloads"),
            children=Sum("caseloads__children"),
            over=Count("caseloads", filter=Q(caseloads__over_threshold=True)),
            asye_over=Count("caseloads", filter=Q(caseloads__over_threshold=True, caseloads__in_asye=True)),
        )
    }
    trend = []
    for monday in mondays:
        week = frozen.get(monday)
        if week is None:
            trend.append(WeekTrend(monday, False, 0, 0, 0, None))
        else:
            average = round((week.children or 0) / week.workers, 1) if week.workers else None
            trend.append(WeekTrend(monday, True, week.workers, week.over, week.asye_over, average))
    return trend


def average_caseload_by_team(week) -> list[dict]:
    """A frozen week's caseloads by team (the team each worker was in that Monday): workers, children,
    the average caseload (W01 for the team) and the workers over their threshold. One query."""
    from django.db.models import Count, Q, Sum

    teams = (
        week.caseloads.values("team__name")
        .annotate(workers=Count("pk"), children=Sum("children"), over=Count("pk", filter=Q(over_threshold=True)))
        .order_by("team__name")
    )
    return [
        {
            "name": team["team__name"],
            "workers": team["workers"],
            "children": team["children"],
            "average": round(team["children"] / team["workers"], 1),
            "over": team["over"],
        }
        for team in teams
    ]
