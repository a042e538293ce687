"""The child's chronology: each statutory visit, and each that could not happen with its reason."""

from hearth.records.chronology import ChronologyEntry
from hearth.visits.models import Visit


def chronology_entries(child) -> list[ChronologyEntry]:
    entries = []
    for visit in Visit.objects.filter(child=child).select_related("visitor__user", "not_possible_reason"):
        if visit.happened:
            detail = f"The child's voice: {visit.child_voice}" if visit.child_voice else ""
        else:
            detail = visit.not_possible_detail
        entries.append(
            ChronologyEntry(
                when=visit.visited_on,
                kind="visit",
                title=f"Visit: {visit.outcome[0].lower()}{visit.outcome[1:]}",
                detail=detail,
                by=str(visit.visitor),
            )
        )
    return entries
