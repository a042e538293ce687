"""The child's chronology: the plan for permanence and its changes, decisions that the child should
be placed for adoption (and their reversal), matches with adopters, and previous permanence found
when a period of care started. The placement order, placement for adoption and adoption order are
care's entries."""

from django.urls import reverse

from hearth.core.chronology import ChronologyEntry
from hearth.permanence.models import AdoptionDecision, AdoptionMatch, PermanencePlan, PreviousPermanence
from hearth.permanence.selectors import council_text, order_date_text


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def chronology_entries(child) -> list[ChronologyEntry]:
    url = reverse("people:child_detail", args=[child.pk]) + "#adoption"
    entries = []
    plans = PermanencePlan.objects.filter(child=child).select_related("recorded_by").order_by("period_id", "agreed_on")
    previous_plan = {}
    for plan in plans:
        before = previous_plan.get(plan.period_id)
        entries.append(
            ChronologyEntry(
                when=plan.agreed_on,
                kind="permanence_plan",
                title=f"Plan for permanence changed to {plan.get_plan_display().lower()}"
                if before
                else f"Plan for permanence: {plan.get_plan_display().lower()}",
                detail=f"Changed from {before.get_plan_display().lower()}: {plan.reason}" if before else "Agreed.",
                by=_name(plan.recorded_by),
                url=reverse("people:child_detail", args=[child.pk]) + "#permanence-plan",
            )
        )
        previous_plan[plan.period_id] = plan
    for decision in AdoptionDecision.objects.filter(child=child).select_related("recorded_by", "reversed_by"):
        entries.append(
            ChronologyEntry(
                when=decision.decided_on,
                kind="adoption",
                title="Decision that the child should be placed for adoption",
                detail="The agency decision maker's decision.",
                by=_name(decision.recorded_by),
                url=url,
            )
        )
        if decision.reversed_on:
            entries.append(
                ChronologyEntry(
                    when=decision.reversed_on,
                    kind="adoption",
                    title="Decision to place for adoption reversed",
                    detail=decision.get_reversal_reason_display(),
                    by=_name(decision.reversed_by),
                    url=url,
                )
            )
    for match in AdoptionMatch.objects.filter(decision__child=child).select_related("recorded_by", "adopters"):
        entries.append(
            ChronologyEntry(
                when=match.matched_on,
                kind="adoption",
                title="Matched with adopters",
                detail=(f"{match.adopters.name}: " if match.adopters_id else "")
                + f"{match.get_adopters_sex_display()}; {match.get_adopters_legal_status_display()}.",
                by=_name(match.recorded_by),
                url=url,
            )
        )
    for record in PreviousPermanence.objects.filter(child=child).select_related("period", "recorded_by"):
        detail = record.get_option_display()
        if record.option != "Z1":
            detail += f": order dated {order_date_text(record)}, arranged by {council_text(record)}"
        entries.append(
            ChronologyEntry(
                when=record.period.started_on,
                kind="previous_permanence",
                title="Previous permanence on starting care",
                detail=detail + ".",
                by=_name(record.recorded_by),
                url=reverse("care:period", args=[record.period_id]),
            )
        )
    return entries
