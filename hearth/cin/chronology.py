"""The child's chronology: each child in need plan's start, reviews and end."""

from django.urls import reverse

from hearth.cin.models import CinPlan
from hearth.records.chronology import ChronologyEntry


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def chronology_entries(child) -> list[ChronologyEntry]:
    entries = []
    plans = (
        CinPlan.objects.filter(child=child)
        .select_related("started_by", "ended_by")
        .prefetch_related("reviews__recorded_by")
    )
    for plan in plans:
        # An open plan's page (its review page) shows the plan itself; an ended plan has none.
        url = reverse("cin:review", args=[plan.pk]) if plan.ended_on is None else ""
        entries.append(
            ChronologyEntry(
                when=plan.started_on,
                kind="cin_plan",
                title="Child in need plan started",
                detail=f"Aims: {plan.aims} Agreed with: {plan.agreed_with}",
                by=_name(plan.started_by),
                url=url,
                permission="cin.change_plan",
                permission_object=plan,
            )
        )
        for review in plan.reviews.all():
            entries.append(
                ChronologyEntry(
                    when=review.reviewed_on,
                    kind="cin_plan",
                    title=f"Child in need plan reviewed: {review.get_decision_display().lower()}",
                    detail=f"Attended: {review.attendees}"
                    + (f" Changes: {review.changes}" if review.changes else "")
                    + (f"\nReasons for the decision: {review.decision_reasons}" if review.decision_reasons else ""),
                    by=_name(review.recorded_by),
                    url=url,
                    permission="cin.change_plan",
                    permission_object=plan,
                )
            )
        if plan.ended_on is not None:
            entries.append(
                ChronologyEntry(
                    when=plan.ended_on,
                    kind="cin_plan",
                    title=f"Child in need plan ended: {plan.get_end_reason_display().lower()}",
                    detail=plan.end_note,
                    by=_name(plan.ended_by),
                )
            )
    return entries
