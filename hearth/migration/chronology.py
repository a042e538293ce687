"""The child's chronology: each fact imported from a past return, on its day, saying the file and
line it came from ("Imported from 2024-25 Episodes line 12"), so a worker reading the history knows
which of it was typed in Hearth and which came from the council's old system."""

from hearth.migration.selectors import imported_facts_of
from hearth.records.chronology import ChronologyEntry

KIND = "imported"


def chronology_entries(child) -> list[ChronologyEntry]:
    return [
        ChronologyEntry(
            when=fact.fact_on,
            kind=KIND,
            title=fact.description,
            detail=f"Imported from {fact.source}",
            by=fact.imported_by.get_full_name() or fact.imported_by.username,
        )
        for fact in imported_facts_of(child)
    ]
