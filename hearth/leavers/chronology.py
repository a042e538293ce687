"""The child's chronology: a care leaver's pathway plan reviews, personal adviser contacts, and their
asking for support to 25 or saying they no longer want it."""

from django.urls import reverse

from hearth.leavers.models import CareLeaverContact, PathwayPlanReview, SupportTo25Request, SupportTo25Withdrawal
from hearth.records.chronology import ChronologyEntry


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _circumstances(contact: CareLeaverContact) -> str:
    if contact.accommodation_suitable is None:
        suitability = ""
    else:
        suitability = " (suitable)" if contact.accommodation_suitable else " (not suitable)"
    return (
        f"Activity {contact.get_activity_display()}. Accommodation {contact.get_accommodation_display()}{suitability}."
    )


def _how(contact: CareLeaverContact) -> str:
    return f"{contact.get_method_display().lower()}, {contact.get_in_touch_display().lower()}"


def chronology_entries(child) -> list[ChronologyEntry]:
    url = reverse("leavers:leaver", args=[child.pk])
    entries = [
        ChronologyEntry(
            when=review.reviewed_on,
            kind="pathway_plan",
            title=f"Pathway plan reviewed (personal adviser {review.personal_adviser})",
            detail=review.summary + (f" The young person's voice: {review.child_voice}" if review.child_voice else ""),
            by=_name(review.recorded_by),
            url=url,
        )
        for review in PathwayPlanReview.objects.filter(child=child).select_related("recorded_by")
    ]
    entries += [
        ChronologyEntry(
            when=contact.contacted_on,
            kind="care_leaver_contact",
            title=f"Care leaver contact: {_how(contact)}",
            detail=(_circumstances(contact) + (f" {contact.note}" if contact.note else "")).strip(),
            by=_name(contact.recorded_by),
            url=url,
        )
        for contact in CareLeaverContact.objects.filter(child=child).select_related("recorded_by")
    ]
    entries += [
        ChronologyEntry(
            when=request.requested_on,
            kind="support_to_25",
            title="Asked for a personal adviser's support to 25",
            detail=request.note,
            by=_name(request.recorded_by),
            url=url,
        )
        for request in SupportTo25Request.objects.filter(child=child).select_related("recorded_by")
    ]
    entries += [
        ChronologyEntry(
            when=withdrawal.withdrawn_on,
            kind="support_to_25",
            title="Said they no longer want a personal adviser's support to 25",
            detail=withdrawal.reason,
            by=_name(withdrawal.recorded_by),
            url=url,
        )
        for withdrawal in SupportTo25Withdrawal.objects.filter(child=child).select_related("recorded_by")
    ]
    return entries
