"""The child's chronology: becoming looked after, legal status changes, placement moves, care plans,
and ceasing to be looked after. (The IRO's appointments on the period are the IRO app's entries:
hearth/iro/chronology.py, listed just before these in CHRONOLOGY_SOURCES.)"""

from django.urls import reverse

from hearth.care.selectors import period_with_facts
from hearth.records.chronology import ChronologyEntry

KIND = "looked_after"


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _placement_words(placement) -> str:
    return f"{placement.get_placement_type_display()}, with {placement.carer} ({placement.postcode})"


def _decision_words(period) -> str:
    """The decision to look after the child, as the period of care page says it."""
    decision = getattr(period, "decision", None)
    if decision is None:
        return "Decision to look after: not recorded (before Hearth recorded decisions)."
    if decision.awaiting_approval:
        return "Decision to look after: an emergency, awaiting approval."
    approver = _name(decision.approved_by)
    when = f"{decision.approved_on:%-d %B %Y}"
    if decision.emergency:
        return f"Decision to look after: an emergency, approved afterwards by {approver} on {when}."
    return f"Decision to look after: approved by {approver} on {when}."


def chronology_entries(child) -> list[ChronologyEntry]:
    entries = []
    for period in period_with_facts().filter(child=child).select_related("decision__approved_by"):
        entries += _period_entries(period, reverse("care:period", args=[period.pk]))
    return entries


def _period_entries(period, url: str) -> list[ChronologyEntry]:
    """Facts of one day keep the order given (the chronology sorts by day only), so the later steps
    come first: the end, then care plans, moves, legal status changes, and the start last."""
    return list(reversed(_in_order_of_events(period, url)))


def _in_order_of_events(period, url: str) -> list[ChronologyEntry]:
    statuses, placements = list(period.legal_statuses.all()), list(period.placements.all())
    entries = [
        ChronologyEntry(
            when=period.started_on,
            kind=KIND,
            title=f"Became looked after: {statuses[0].get_legal_status_display()}",
            detail=f"Placed: {_placement_words(placements[0])}. Category of need: "
            f"{period.get_category_of_need_display()}. {_decision_words(period)}",
            by=_name(period.started_by),
            url=url,
        )
    ]
    entries += [
        ChronologyEntry(
            when=spell.started_on,
            kind=KIND,
            title=f"Legal status changed: {spell.get_legal_status_display()}",
            detail=f"Until then: {previous.get_legal_status_display()}.",
            by=_name(spell.recorded_by),
            url=url,
        )
        for previous, spell in zip(statuses, statuses[1:], strict=False)
    ]
    entries += [
        ChronologyEntry(
            when=placement.started_on,
            kind=KIND,
            title=f"Placement moved: {_placement_words(placement)}",
            detail=f"The placement with {previous.carer} ended: {previous.get_change_reason_display().lower()}.",
            by=_name(placement.recorded_by),
            url=url,
        )
        for previous, placement in zip(placements, placements[1:], strict=False)
    ]
    entries += [
        ChronologyEntry(
            when=plan.agreed_on,
            kind=KIND,
            title="Care plan agreed",
            detail=f"Permanence plan: {plan.permanence_plan}"
            + (f" The child's voice: {plan.child_voice}" if plan.child_voice else ""),
            by=_name(plan.recorded_by),
            url=url,
        )
        for plan in period.care_plans.all()
    ]
    if period.ended_on is not None:
        entries.append(
            ChronologyEntry(
                when=period.ended_on,
                kind=KIND,
                title=f"Ceased to be looked after: {period.get_end_reason_display()}",
                detail=period.end_note,
                by=_name(period.ended_by),
                url=url,
            )
        )
    return entries
