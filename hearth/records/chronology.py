"""The chronology: every dated fact in a child's record in one timeline.

Each area app that holds facts about a child offers one function, `chronology_entries(child)`,
returning ChronologyEntry values for that child; it is listed once in CHRONOLOGY_SOURCES. The
chronology page, its print view and its PDF all read `chronology_for`, so nothing about a child's
history is gathered twice or in two ways.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import Truncator

from hearth.core.chronology import ChronologyEntry  # (defined below the records, re-exported here)

CHRONOLOGY_SOURCES: tuple[str, ...] = (
    # (area apps add "hearth.<app>.chronology.chronology_entries" lines here, one per app)
    # Later stages of the journey first: facts dated the same day (no time) keep this order,
    # newest first (an assessment started the day of its referral reads above the referral).
    "hearth.migration.chronology.chronology_entries",  # where imported facts came from (docs/migration.md)
    "hearth.records.chronology.chronology_entries",
    "hearth.people.chronology.chronology_entries",  # asylum-seeking status; a young parent's children
    "hearth.leavers.chronology.chronology_entries",
    "hearth.missing.chronology.chronology_entries",
    "hearth.permanence.chronology.chronology_entries",  # adoption decisions, matches; previous permanence
    "hearth.visits.chronology.chronology_entries",
    "hearth.duties.chronology.chronology_entries",  # personal education plans, health plans
    "hearth.iro.chronology.chronology_entries",
    "hearth.care.chronology.chronology_entries",
    "hearth.protection.chronology.chronology_entries",
    "hearth.cin.chronology.chronology_entries",
    "hearth.assessment.chronology.chronology_entries",
    "hearth.workforce.chronology.chronology_entries",
    "hearth.frontdoor.chronology.chronology_entries",
)


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


# The records area's own entries: final notes (and their amendments) and alerts -------------------

NOTE_WORDS_IN_CHRONOLOGY = 60  # a chronology line, not the whole note: the note's page has it all


def chronology_entries(child) -> list[ChronologyEntry]:
    """Final notes (drafts never), their amendments, and alerts raised and ended."""
    from hearth.records.selectors import ended_alerts, notes_for_child, open_alerts

    entries = []
    for note in notes_for_child(child):
        url = reverse("records:note_detail", args=[note.pk])
        # Other children are counted, not named: the chronology is the same for every reader, and
        # a brother's or sister's record may be closed to some who read this child's.
        others = sum(1 for c in note.children.all() if c.pk != child.pk)
        title = note.note_type.label
        if others:
            title += f", also about {others} other {'child' if others == 1 else 'children'}"
        entries.append(
            ChronologyEntry(
                when=note.event_date,
                kind="oversight" if note.management_oversight else "note",
                title=title,
                detail=Truncator(note.text).words(NOTE_WORDS_IN_CHRONOLOGY),
                by=_name(note.finalised_by),
                url=url,
            )
        )
        for amendment in note.amendments.all():
            entries.append(
                ChronologyEntry(
                    when=amendment.amended_at,
                    kind="note",
                    title=f"Amendment to the {note.note_type.label.lower()} note of {note.event_date:%-d %B %Y}",
                    detail=f"{amendment.text} (Reason: {amendment.reason})",
                    by=_name(amendment.amended_by),
                    url=url,
                )
            )
    for alert in open_alerts(child) + ended_alerts(child):
        entries.append(
            ChronologyEntry(
                when=alert.raised_on,
                kind="alert",
                title=f"Alert raised: {alert.alert_type.label}",
                detail=alert.reason,
                by=_name(alert.raised_by),
            )
        )
        if alert.ended_on is not None:
            entries.append(
                ChronologyEntry(
                    when=alert.ended_on,
                    kind="alert",
                    title=f"Alert ended: {alert.alert_type.label}",
                    detail=alert.end_reason,
                    by=_name(alert.ended_by),
                )
            )
    return entries


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""
