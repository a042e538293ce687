"""The child's chronology: each missing episode on the day it started (with its return), and the
return home interview offered, linked to the episode's page."""

from django.urls import reverse

from hearth.core.services import format_when
from hearth.missing.models import MissingEpisode
from hearth.records.chronology import ChronologyEntry

KIND = "missing"


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def chronology_entries(child) -> list[ChronologyEntry]:
    entries = []
    for episode in MissingEpisode.objects.filter(child=child).select_related("recorded_by"):
        url = reverse("missing:episode", args=[episode.pk])
        what = "Missing" if episode.kind == "M" else "Away from placement without authorisation"
        entries.append(
            ChronologyEntry(
                when=episode.started_at,
                kind=KIND,
                title=what,
                detail=f"Came back {format_when(episode.returned_at)}."
                if episode.returned_at
                else "Not yet recorded as back.",
                by=_name(episode.recorded_by),
                url=url,
            )
        )
        if episode.interview_offered_at is not None:
            answer = {"accepted": " The child accepted it.", "declined": " The child declined it."}
            entries.append(
                ChronologyEntry(
                    when=episode.interview_offered_at,
                    kind=KIND,
                    title="Return home interview offered",
                    detail=answer.get(episode.interview_response, ""),
                    url=url,
                )
            )
    return entries
