import datetime

from django.utils import timezone

from hearth.frontdoor.models import Contact, DipSample, Referral, ReferralSource, Urgency
from hearth.people.selectors import children_visible_to


def contact_with_details(pk: int) -> Contact:
    return (
        Contact.objects.select_related("child", "source", "recorded_by", "decided_by", "referral__team")
        .prefetch_related("partner_checks__asked_by")
        .get(pk=pk)
    )


def contacts_decided_recently(*, user, limit: int = 20):
    return (
        Contact.objects.exclude(decision="")
        .filter(child__in=children_visible_to(user))
        .select_related("child", "source", "decided_by")
        .order_by("-decided_at")[:limit]
    )


EARLIER_HISTORY_SHOWN = 20


def earlier_history(contact) -> dict:
    """What the MASH knew of the child before this contact: their earlier contacts (newest first,
    with the decision on each) and their referrals with how each case ended, so a screener sees a
    pattern (repeated contacts, a case closed last month) before deciding."""
    contacts = (
        Contact.objects.filter(child_id=contact.child_id, received_at__lt=contact.received_at)
        .select_related("source")
        .order_by("-received_at", "-pk")
    )
    referrals = (
        Referral.objects.filter(child_id=contact.child_id, referral_date__lte=timezone.localdate(contact.received_at))
        .exclude(contact_id=contact.pk)
        .select_related("team", "source")
        .order_by("-referral_date", "-pk")
    )
    return {
        "contacts": list(contacts[:EARLIER_HISTORY_SHOWN]),
        "contacts_count": contacts.count(),
        "referrals": list(referrals[:EARLIER_HISTORY_SHOWN]),
    }


def previous_referral_within_window(contact):
    """For a contact that became a referral: the child's previous referral if it was within the
    re-referral window (T34, 12 months), else None. Derived, never stored."""
    referral = getattr(contact, "referral", None)
    return previous_referral_of(referral) if referral is not None else None


def previous_referral_of(referral):
    from hearth.timescales.selectors import clock

    previous = (
        Referral.objects.filter(child_id=referral.child_id, referral_date__lte=referral.referral_date)
        .exclude(pk=referral.pk)
        .order_by("-referral_date", "-pk")
        .first()
    )
    if previous is None or not clock("T34").met(previous.referral_date, referral.referral_date):
        return None
    return previous


def mash_board(*, user, source: str = "", urgency: str = "") -> dict:
    """Contacts awaiting a decision (filtered by source and urgency), with today's and this week's
    counts of contacts received."""
    from hearth.worklists.selectors import contacts_awaiting_decision

    items = contacts_awaiting_decision(user=user, source=source, urgency=urgency)
    now = timezone.localtime()
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    week_start = today - datetime.timedelta(days=today.weekday())
    visible = Contact.objects.filter(child__in=children_visible_to(user))
    return {
        "items": items,
        "received_today": visible.filter(received_at__gte=today).count(),
        "received_this_week": visible.filter(received_at__gte=week_start).count(),
        "sources": ReferralSource.objects.filter(active=True),
        "urgencies": Urgency.choices,
        "chosen_source": source,
        "chosen_urgency": urgency,
    }


def dip_samples_with_progress():
    from django.db.models import Count, Q

    return DipSample.objects.select_related("reviewer").annotate(
        drawn=Count("items", distinct=True),
        reviewed=Count("items", filter=~Q(items__verdict=""), distinct=True),
        disagreed=Count("items", filter=Q(items__verdict="DISAGREE"), distinct=True),
        open_actions=Count("items__action", filter=Q(items__action__completed_on__isnull=True), distinct=True),
    )


def dip_sample_items(sample):
    return sample.items.select_related(
        "contact__child", "contact__decided_by", "contact__source", "action__owner"
    ).order_by("contact__decided_at")


def contacts_in_the_same_report(contact, *, user):
    """The other children's contacts from the same report (siblings), as far as the user may see."""
    if contact.report is None:
        return Contact.objects.none()
    return (
        Contact.objects.filter(report=contact.report, child__in=children_visible_to(user))
        .exclude(pk=contact.pk)
        .select_related("child")
    )
