"""The child's assessments in the chronology: started, submitted, returned, authorised."""

from django.urls import reverse
from django.utils.text import Truncator

from hearth.assessment.models import Assessment
from hearth.records.chronology import ChronologyEntry

# A chronology line, not the whole assessment: its page has every section in full.
NARRATIVE_WORDS_IN_CHRONOLOGY = 60


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def chronology_entries(child) -> list[ChronologyEntry]:
    assessments = (
        Assessment.objects.filter(child=child)
        .select_related("worker__user", "started_by", "submitted_by", "authorised_by")
        .prefetch_related("factors", "returns__submitted_by", "returns__returned_by")
        .order_by("started_on", "pk")
    )
    entries = []
    for assessment in assessments:
        url = reverse("assessment:detail", args=[assessment.pk])
        entries.append(
            ChronologyEntry(
                when=assessment.started_on,
                kind="assessment",
                title="Assessment started",
                detail=f"Assessing worker: {assessment.worker}",
                by=_name(assessment.started_by),
                url=url,
            )
        )
        for returned in assessment.returns.all():
            entries.append(_submitted(returned.submitted_on, returned.submitted_by, url))
            entries.append(
                ChronologyEntry(
                    when=returned.returned_on,
                    kind="assessment",
                    title="Assessment returned to the worker",
                    detail=returned.reason,
                    by=_name(returned.returned_by),
                    url=url,
                )
            )
        if assessment.submitted_on is not None:
            entries.append(_submitted(assessment.submitted_on, assessment.submitted_by, url))
        if assessment.authorised_on is not None:
            factors = "; ".join(f"{f.code} {f.label}" for f in assessment.factors.all())
            seen = (
                f"Child seen {assessment.child_seen_on:%-d %B %Y}{' (alone)' if assessment.child_seen_alone else ''}"
                if assessment.child_seen_on
                else "Child not recorded as seen"
            )
            entries.append(
                ChronologyEntry(
                    when=assessment.authorised_on,
                    kind="assessment",
                    title=f"Assessment authorised: {assessment.get_outcome_display().lower()}",
                    detail="\n".join(
                        [f"Factors identified: {factors or 'none recorded'}. {seen}.", *_narrative(assessment)]
                    ),
                    by=_name(assessment.authorised_by),
                    url=url,
                )
            )
    return _newest_first(entries)


def _narrative(assessment) -> list[str]:
    """The analysis, the recommendation and the manager's reasons, each as a line of its own
    (absent on assessments recorded before Hearth kept them)."""
    lines = []
    for label, text in (
        ("Analysis", assessment.analysis),
        ("Recommendation", assessment.recommendation),
        ("Manager's reasons", assessment.authorisation_reasons),
    ):
        if text:
            lines.append(f"{label}: {Truncator(text).words(NARRATIVE_WORDS_IN_CHRONOLOGY)}")
    return lines


def _newest_first(entries: list[ChronologyEntry]) -> list[ChronologyEntry]:
    """Built in the order things happened; the chronology keeps a source's order for facts of the
    same day, and reads newest first, so the list is handed over reversed."""
    return entries[::-1]


def _submitted(day, user, url) -> ChronologyEntry:
    return ChronologyEntry(
        when=day, kind="assessment", title="Assessment submitted for authorisation", by=_name(user), url=url
    )
