"""The weekly exceptions (docs/workforce.md "Deficits taken up"): every overdue item across the record
on a team's cases, from the one list of what is due (worklists.selectors.due_items, every area's
duties), grouped by the worker who holds the case, each with what its manager recorded when taking it
up. An item is known across weeks by its key: the child, the rule behind its date and the due date
(the duty's words can change as the work moves on; the rule and the date do not until it is done)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from hearth.workforce.caseloads import monday_of
from hearth.workforce.models import DeficitTakenUp, Team


def item_key(item) -> str:
    due = item.due.isoformat() if hasattr(item.due, "isoformat") else str(item.due)
    return f"{item.child_id}|{item.rule}|{due}"[:300]


@dataclass(frozen=True)
class Exception_:
    item: object  # a worklists WorkItem, overdue
    key: str
    taken_up: DeficitTakenUp | None  # the latest time it was taken up, if ever

    def chased_this_week(self, monday: datetime.date) -> bool:
        return self.taken_up is not None and self.taken_up.week_starting == monday

    def chased_before(self, monday: datetime.date) -> bool:
        """Taken up in an earlier week and still late: chased, not yet put right."""
        return self.taken_up is not None and self.taken_up.week_starting < monday


@dataclass(frozen=True)
class WorkerExceptions:
    worker: str
    exceptions: list[Exception_]


def overdue_items(team: Team, *, user) -> list:
    from hearth.worklists.selectors import worklist_for_team

    now = timezone.now()
    return [item for item in worklist_for_team(team, user=user) if item.status(now) == "overdue"]


def weekly_exceptions(team: Team, *, user) -> list[WorkerExceptions]:
    """The team's overdue items now, grouped by worker (by name, the unallocated last), each with the
    latest time it was taken up."""
    items = overdue_items(team, user=user)
    keys = {item_key(item) for item in items}
    latest: dict[str, DeficitTakenUp] = {}
    for taken in DeficitTakenUp.objects.filter(team=team, item_key__in=keys).select_related("recorded_by"):
        if taken.item_key not in latest:  # newest first
            latest[taken.item_key] = taken
    grouped: dict[str, list[Exception_]] = {}
    for item in items:
        key = item_key(item)
        grouped.setdefault(item.worker, []).append(Exception_(item, key, latest.get(key)))
    order = sorted(grouped, key=lambda name: (name == "Unallocated", name))
    return [WorkerExceptions(name, grouped[name]) for name in order]


def this_monday() -> datetime.date:
    return monday_of(timezone.localdate())
