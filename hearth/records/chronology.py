"""The chronology: every dated fact in a child's record in one timeline.

Each area app that holds facts about a child offers one function, `chronology_entries(child)`,
returning ChronologyEntry values for that child; it is listed once in CHRONOLOGY_SOURCES. The
chronology page, its print view and its PDF all read `chronology_for`, so nothing about a child's
history is gathered twice or in two ways.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.module_loading import import_string

CHRONOLOGY_SOURCES: tuple[str, ...] = (
    # (area apps add "hearth.<app>.chronology.chronology_entries" lines here, one per app)
    # Later stages of the journey first: facts dated the same day (no time) keep this order,
    # newest first (an assessment started the day of its referral reads above the referral).
    "hearth.assessment.chronology.chronology_entries",
    "hearth.workforce.chronology.chronology_entries",
    "hearth.frontdoor.chronology.chronology_entries",
    "hearth.cin.chronology.chronology_entries",
    "hearth.visits.chronology.chronology_entries",
    "hearth.protection.chronology.chronology_entries",
)


@dataclass(frozen=True)
class ChronologyEntry:
    when: datetime.date | datetime.datetime  # when it happened (a date, or an aware time)
    kind: str  # what sort of fact, for filtering: "contact", "assessment", "conference", "note", ...
    title: str  # one line: "Initial child protection conference: child protection plan (neglect)"
    detail: str = ""  # a sentence or two more, if any
    by: str = ""  # who did or recorded it
    url: str = ""  # where the fact itself can be read, if it has a page

    @property
    def day(self) -> datetime.date:
        return timezone.localdate(self.when) if isinstance(self.when, datetime.datetime) else self.when


def chronology_for(child, *, kinds: set[str] | None = None) -> list[ChronologyEntry]:
    """The child's facts from every area, newest first; only the kinds asked for, if any."""
    entries = [entry for path in CHRONOLOGY_SOURCES for entry in import_string(path)(child)]
    if kinds:
        entries = [entry for entry in entries if entry.kind in kinds]
    return sorted(entries, key=lambda entry: (entry.day, _time_of(entry)), reverse=True)


def _time_of(entry: ChronologyEntry) -> datetime.time:
    if isinstance(entry.when, datetime.datetime):
        return timezone.localtime(entry.when).time()
    return datetime.time(23, 59, 59)  # a bare date sorts after the timed facts of its day
