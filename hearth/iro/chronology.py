"""The child's chronology: each IRO appointment on the day it began, linked to the period of care; a
change names who the child's IRO was until then. Listed in CHRONOLOGY_SOURCES just before the care
record's own entries (hearth/care/chronology.py), so an appointment made the day a child
became looked after, or the day of a move or a care plan, reads above it as it always has."""

from itertools import groupby

from django.urls import reverse

from hearth.iro.models import IROAppointment
from hearth.records.chronology import ChronologyEntry

KIND = "looked_after"  # filtered with the rest of the child's care


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def chronology_entries(child) -> list[ChronologyEntry]:
    appointments = (
        IROAppointment.objects.filter(period__child=child)
        .select_related("iro", "recorded_by")
        .order_by("-period__started_on", "-period_id", "started_on", "id")
    )
    entries = []
    for period_id, of_period in groupby(appointments, key=lambda appointment: appointment.period_id):
        entries += _period_entries(list(of_period), reverse("care:period", args=[period_id]))
    return entries


def _period_entries(appointments: list[IROAppointment], url: str) -> list[ChronologyEntry]:
    """One period's appointments (oldest first), the latest entry first: facts of one day keep the
    order given (the chronology sorts by day only)."""
    previous = [None, *appointments][: len(appointments)]
    entries = [
        ChronologyEntry(
            when=appointment.started_on,
            kind=KIND,
            title=f"Independent reviewing officer appointed: {_name(appointment.iro)}",
            detail=f"In place of {_name(before.iro)}." if before else "",
            by=_name(appointment.recorded_by),
            url=url,
        )
        for before, appointment in zip(previous, appointments, strict=True)
    ]
    return list(reversed(entries))
