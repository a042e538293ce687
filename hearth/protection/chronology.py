"""The child protection facts in a child's chronology: strategy discussions, section 47 enquiries
and their outcomes, conferences, plans starting and ending, core groups, escalations."""

from django.urls import reverse

from hearth.protection.models import (
    Conference,
    CoreGroup,
    EscalationStep,
    ProtectionPlan,
    RaisedAt,
    Section47Enquiry,
    StrategyDiscussion,
)


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def chronology_entries(child) -> list:
    from hearth.records.chronology import ChronologyEntry

    page = reverse("people:child_detail", args=[child.pk])
    entries = []
    for d in StrategyDiscussion.objects.filter(child=child).select_related("recorded_by"):
        entries.append(
            ChronologyEntry(
                when=d.held_on,
                kind="strategy discussion",
                title=f"Strategy discussion: {d.get_decision_display().lower()}",
                detail=f"Agencies: {', '.join(d.agencies)}. {d.reasons}",
                by=_name(d.recorded_by),
                url=page,
            )
        )
    for e in Section47Enquiry.objects.filter(child=child, outcome_on__isnull=False).select_related("outcome_by"):
        entries.append(
            ChronologyEntry(
                when=e.outcome_on,
                kind="section 47",
                title=f"Section 47 enquiry outcome: {e.get_outcome_display()}",
                detail=f"Enquiry started {e.started_on:%-d %B %Y}.",
                by=_name(e.outcome_by),
                url=page,
            )
        )
    for c in Conference.objects.filter(child=child, held_on__isnull=False).select_related("chair"):
        category = f" ({c.get_category_display().lower()})" if c.category else ""
        entries.append(
            ChronologyEntry(
                when=c.held_on,
                kind="conference",
                title=f"{c.get_kind_display()}: {c.get_decision_display().lower()}{category}",
                detail=f"Chair: {_name(c.chair)}. The child's views: {c.child_views}"
                + (f"\nReasons for the decision: {c.decision_reasons}" if c.decision_reasons else ""),
                by=_name(c.chair),
                url=reverse("protection:conference_detail", args=[c.pk]),
            )
        )
    for p in ProtectionPlan.objects.filter(child=child).select_related("ended_by"):
        subsequent = f", plan number {p.previous_plans + 1}" if p.previous_plans else ""
        entries.append(
            ChronologyEntry(
                when=p.started_on,
                kind="child protection plan",
                title=f"Child protection plan started: {p.get_initial_category_display().lower()}{subsequent}",
                url=page,
            )
        )
        if p.ended_on:
            entries.append(
                ChronologyEntry(
                    when=p.ended_on,
                    kind="child protection plan",
                    title="Child protection plan ended",
                    detail=p.get_end_reason_display(),
                    by=_name(p.ended_by),
                    url=page,
                )
            )
    for g in CoreGroup.objects.filter(child=child).select_related("recorded_by"):
        entries.append(
            ChronologyEntry(
                when=g.held_on,
                kind="core group",
                title="Core group meeting",
                detail=g.summary,
                by=_name(g.recorded_by),
                url=page,
            )
        )
    for s in EscalationStep.objects.filter(escalation__child=child).select_related("escalation", "raised_by"):
        entries.append(
            ChronologyEntry(
                when=s.opened_on,
                kind="escalation",
                title=f"{_RAISER[s.escalation.raised_at]} concern, {s.get_stage_display().lower()}: with {s.with_whom}",
                detail=s.escalation.concern,
                by=_name(s.raised_by),
                url=reverse("protection:conference_detail", args=[s.escalation.conference_id])
                if s.escalation.conference_id
                else "",  # raised at a looked-after review: the review is on the period of care page
            )
        )
    return entries


# Who raised the concern, by the meeting it was raised at.
_RAISER = {RaisedAt.CONFERENCE: "Conference chair's", RaisedAt.LOOKED_AFTER_REVIEW: "Reviewing officer's"}
