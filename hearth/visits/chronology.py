"""The child's chronology: each statutory visit with its write-up, and each that could not happen
with its reason."""

from hearth.records.chronology import ChronologyEntry
from hearth.visits.models import Visit


def chronology_entries(child) -> list[ChronologyEntry]:
    entries = []
    for visit in Visit.objects.filter(child=child).select_related("visitor__user", "not_possible_reason"):
        entries.append(
            ChronologyEntry(
                when=visit.visited_on,
                kind="visit",
                title=f"Visit: {visit.outcome[0].lower()}{visit.outcome[1:]}",
                detail=_detail(visit),
                by=str(visit.visitor),
            )
        )
    return entries


def _detail(visit: Visit) -> str:
    if not visit.happened:
        return visit.not_possible_detail
    return "\n".join(f"{label}: {text}" for label, text in visit.write_up)
