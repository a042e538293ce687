"""Reads of visits: the last time each child was seen, a child's visits, visits that could not happen."""

import datetime
from collections import Counter

from django.db.models import Max, OuterRef, Subquery

from hearth.core.shared_reads import shared
from hearth.people.rows_held import may_hold
from hearth.visits.models import Visit, VisitNotPossibleReason


def last_seen_visits(child_ids, as_of: datetime.date) -> dict[int, datetime.date]:
    """For each child, the date of the last visit on or before as_of at which the child was seen."""
    return _last_seen_visits(frozenset(child_ids), as_of)


@shared  # the child's page asks for the child's last visit three times (what is due, visits, care duties)
def _last_seen_visits(child_ids: frozenset[int], as_of: datetime.date) -> dict[int, datetime.date]:
    rows = (
        Visit.objects.filter(child_id__in=child_ids, seen=True, visited_on__lte=as_of)
        .values("child_id")
        .annotate(last=Max("visited_on"))
    )
    return {row["child_id"]: row["last"] for row in rows}


def latest_attempts(child_ids, as_of: datetime.date) -> dict[int, Visit]:
    """Each child's latest visit or attempt on or before as_of (to show why a child was not seen):
    one row per child, chosen in the database (the latest date, then the latest recorded), never
    every visit the child has had."""
    on_or_before = Visit.objects.filter(visited_on__lte=as_of)
    latest = on_or_before.filter(child_id=OuterRef("child_id")).order_by("-visited_on", "-pk").values("pk")[:1]
    visits = (
        on_or_before.filter(child_id__in=child_ids).filter(pk=Subquery(latest)).select_related("not_possible_reason")
    )
    return {visit.child_id: visit for visit in visits}


def child_visits(child, limit: int = 5) -> list[Visit]:
    if not may_hold(child, "visits.Visit"):
        return []
    return list(
        Visit.objects.filter(child=child)
        .select_related("visitor__user", "not_possible_reason")
        .order_by("-visited_on", "-pk")[:limit]
    )


def visits_not_possible_by_reason(start: datetime.date, end: datetime.date) -> list[tuple[str, int]]:
    """How many visits could not happen between start and end (inclusive), by reason, every reason
    in the code list shown (zero included), in the list's order."""
    counts = Counter(
        Visit.objects.filter(happened=False, visited_on__gte=start, visited_on__lte=end).values_list(
            "not_possible_reason_id", flat=True
        )
    )
    return [(reason.label, counts.get(reason.code, 0)) for reason in VisitNotPossibleReason.objects.all()]
