"""The child's chronology: each personal education plan agreed (with its school, designated teacher
and the virtual school's part) and each health plan agreed from a health assessment, linked to the
period of care's page, which every reader of the chronology may open (the recording pages are only
for those who record). Listed in CHRONOLOGY_SOURCES before the IRO's and care's entries, so a plan
agreed the day the child became looked after reads above it."""

from django.urls import reverse

from hearth.duties.models import CareReview, HealthPlan, PersonalEducationPlan
from hearth.records.chronology import ChronologyEntry

KIND = "looked_after"  # filtered with the rest of the child's care


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def chronology_entries(child) -> list[ChronologyEntry]:
    peps = PersonalEducationPlan.objects.filter(period__child=child).select_related("recorded_by")
    plans = HealthPlan.objects.filter(assessment__period__child=child).select_related("assessment", "recorded_by")
    entries = [
        ChronologyEntry(
            when=pep.held_on,
            kind=KIND,
            title=f"Personal education plan agreed at {pep.school}",
            detail=f"Designated teacher: {pep.designated_teacher}. {pep.get_virtual_school_display()}. "
            f"Targets: {pep.targets}",
            by=_name(pep.recorded_by),
            url=reverse("care:period", args=[pep.period_id]),
        )
        for pep in peps.order_by("-held_on", "-id")
    ]
    entries += [
        ChronologyEntry(
            when=plan.agreed_on,
            kind=KIND,
            title="Health plan agreed",
            detail=f"From the {plan.assessment.get_kind_display().lower()} of {plan.assessment.done_on:%-d %B %Y}; "
            f"led by {plan.lead}. {plan.actions}",
            by=_name(plan.recorded_by),
            url=reverse("care:period", args=[plan.assessment.period_id]),
        )
        for plan in plans.order_by("-agreed_on", "-id")
    ]
    reviews = CareReview.objects.filter(period__child=child).select_related("chair", "recorded_by")
    entries += [
        ChronologyEntry(
            when=review.held_on,
            kind=KIND,
            title=f"Looked-after review held, chaired by {_name(review.chair)}",
            detail=f"{review.get_participation_display()}."
            + (f" The child's voice: {review.child_voice}" if review.child_voice else ""),
            by=_name(review.recorded_by),
            url=reverse("duties:review_detail", args=[review.pk]),
        )
        for review in reviews.order_by("-held_on", "-id")
    ]
    return entries
