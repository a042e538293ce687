"""The home page of those who hold or oversee cases (a social worker, a team manager): their work,
and what changed on their children since the previous working day began, rather than a list of links.

What changed is told from what the records and the audit trail can honestly say: cases allocated
to the worker (the allocations), duties that have become overdue (the same due items the worklist
shows, so the two cannot disagree), new cases waiting for the team (the unallocated cases), and
what other people recorded on these children (the audit trail: every change a service makes is
one row, with who and when; reads, searches and unfinished drafts are not changes).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from hearth.audit.labels import action_label
from hearth.audit.models import AuditEvent
from hearth.calendar.selectors import current_calendar
from hearth.core.roles import Role, has_role
from hearth.workforce.models import Allocation, Worker
from hearth.worklists import selectors

# Audit rows that change nothing in a child's record.
NOT_A_CHANGE = frozenset(
    {
        "child.view",
        "child.search",
        "child.export",
        "child.sealed_open",
        "access.refused",
        "document.download",
        "note.draft_create",
        "note.draft_save",
    }
)
CHANGES_SHOWN = 25  # the newest; the child's access log holds the rest
DUE_SOON_DAYS = 14  # the worklist's items shown on the home page: overdue, or due within two weeks


@dataclass(frozen=True)
class Change:
    at: datetime.datetime
    child_id: int
    child_name: str
    what: str
    by: str


def start_of_previous_working_day(now: datetime.datetime) -> datetime.datetime:
    """Midnight (Europe/London) at the start of the working day before today: on a Monday, Friday's,
    so what happened over the weekend is not missed."""
    calendar = current_calendar()
    day = timezone.localdate(now) - datetime.timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def became_overdue(items, *, since: datetime.datetime, now: datetime.datetime) -> list:
    """The items overdue now that were not overdue at `since` (WorkItem.status's own test)."""
    return [item for item in items if item.status(now) == "overdue" and item.status(since) != "overdue"]


def due_soon(items, *, now: datetime.datetime) -> list:
    """The items overdue or due within DUE_SOON_DAYS, soonest first (the worklist's order)."""
    horizon = timezone.localdate(now) + datetime.timedelta(days=DUE_SOON_DAYS)
    return [item for item in items if selectors.due_day(item) <= horizon]


def counts(items, *, now: datetime.datetime) -> dict[str, int]:
    statuses = [item.status(now) for item in items]
    return {
        "overdue": statuses.count("overdue"),
        "past_local": statuses.count("past local standard"),
        "due_today": statuses.count("due today"),
        "due_soon": len(due_soon(items, now=now)),
    }


def changes_by_others(user, child_ids, *, since: datetime.datetime) -> list[Change]:
    """What other people recorded on these children since `since`, newest first (the audit trail)."""
    if not child_ids:
        return []
    events = (
        AuditEvent.objects.filter(child_id__in=child_ids, at__gte=since)
        .exclude(action__in=NOT_A_CHANGE)
        .exclude(actor=user)
        .select_related("actor", "child")
        .order_by("-at", "-id")[:CHANGES_SHOWN]
    )
    return [
        Change(
            at=event.at,
            child_id=event.child_id,
            child_name=str(event.child),
            what=action_label(event.action),
            by=(event.actor.get_full_name() or event.actor.username) if event.actor else "Hearth",
        )
        for event in events
    ]


def _worker_part(worker: Worker, user, *, since, now) -> dict:
    cases = list(selectors.open_cases_of_worker(worker, user=user))
    items = selectors.links_the_user_may_open(user, selectors.due_items(cases))
    allocated = (
        Allocation.objects.filter(worker=worker, started_on__gte=timezone.localdate(since), ended_on__isnull=True)
        .select_related("referral__child")
        .order_by("-started_on", "-pk")
    )
    return {
        "items": items,
        "due_soon": due_soon(items, now=now),
        "counts": counts(items, now=now),
        "became_overdue": became_overdue(items, since=since, now=now),
        "allocated": [a for a in allocated if a.referral.closed_on is None],
        "child_ids": {case.child_id for case in cases},
    }


def _team_part(team, user, *, since, now) -> dict:
    items = selectors.worklist_for_team(team, user=user)
    unallocated = selectors.unallocated_cases(team, user=user)
    since_date = timezone.localdate(since)
    return {
        "team": team,
        "team_counts": counts(items, now=now),
        "team_became_overdue": became_overdue(items, since=since, now=now),
        "unallocated": unallocated,
        "new_unallocated": [case for case in unallocated if case.referral_date >= since_date],
        "team_child_ids": set(selectors.open_cases_of_team(team, user=user).values_list("child_id", flat=True)),
    }


def working_day(user) -> dict | None:
    """The home page's section for a social worker or team manager set up as a worker: None for
    anyone else (their home page keeps its links)."""
    if not has_role(user, Role.SOCIAL_WORKER, Role.TEAM_MANAGER):
        return None
    worker = Worker.objects.filter(user=user).select_related("team").first()
    if worker is None:
        return None
    now = timezone.now()
    since = start_of_previous_working_day(now)
    day = {"template": "worklists/home.html", "worker": worker, "since": since, "now": now}
    day |= _worker_part(worker, user, since=since, now=now)
    child_ids = set(day["child_ids"])
    if has_role(user, Role.TEAM_MANAGER):
        day |= _team_part(worker.team, user, since=since, now=now)
        child_ids |= day["team_child_ids"]
    day["changes"] = changes_by_others(user, child_ids, since=since)
    return day
