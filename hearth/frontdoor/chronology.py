"""The front door's facts in the child's chronology: contacts and their screening decisions,
referrals (the case opening) and case closures."""

from django.urls import reverse

from hearth.frontdoor.models import Contact, Referral
from hearth.records.chronology import ChronologyEntry


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def chronology_entries(child) -> list[ChronologyEntry]:
    entries = []
    for contact in (
        Contact.objects.filter(child=child)
        .select_related("source", "recorded_by", "decided_by")
        .order_by("received_at", "pk")
    ):
        url = reverse("frontdoor:contact_detail", args=[contact.pk])
        entries.append(
            ChronologyEntry(
                when=contact.received_at,
                kind="contact",
                title=f"Contact received from {contact.source.label}",
                detail=f"From {contact.contact_person}",
                by=_name(contact.recorded_by),
                url=url,
            )
        )
        if contact.decision:
            entries.append(
                ChronologyEntry(
                    when=contact.decided_at,
                    kind="contact",
                    title=f"Screening decision: {contact.get_decision_display()}",
                    detail=contact.decision_reason,
                    by=_name(contact.decided_by),
                    url=url,
                )
            )
    for referral in Referral.objects.filter(child=child).select_related("team").order_by("referral_date", "pk"):
        entries.append(
            ChronologyEntry(
                when=referral.referral_date,
                kind="referral",
                title=f"Referral to children's social care: case opened with {referral.team}",
                detail=f"Primary need: {referral.primary_need} {referral.get_primary_need_display()}",
            )
        )
        if referral.closed_on is not None:
            entries.append(
                ChronologyEntry(
                    when=referral.closed_on,
                    kind="referral",
                    title=f"Case closed: {referral.get_closure_reason_display()}",
                    detail=f"Closure reason {referral.closure_reason}",
                )
            )
    # Facts of the same day keep a source's order in the chronology, which reads newest first.
    return entries[::-1]
