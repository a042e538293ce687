"""Worklist duties for care leavers on open cases: the pathway plan review (T27, or the first plan
under T26) and the personal adviser's contact (T29, relevant and former relevant young people)."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from hearth.cin.timeliness import describe_local_standard
from hearth.leavers.selectors import (
    CONTACT_RULE,
    FIRST_PLAN_RULE,
    PLAN_REVIEW_RULE,
    care_leavers_on,
    contact_due,
    contact_runs_from,
    review_dates,
)
from hearth.leavers.status import OWED_A_PATHWAY_PLAN
from hearth.people.models import Child
from hearth.timescales.selectors import clock
from hearth.workforce.models import Allocation


def care_leaver_items(referrals) -> list:
    today = timezone.localdate()
    cases = {
        referral.child_id: referral
        for referral in referrals.prefetch_related(
            Prefetch(
                "allocations",
                queryset=Allocation.objects.filter(ended_on__isnull=True).select_related("worker__user"),
                to_attr="open_allocations",
            )
        ).select_related("team")
    }
    children = Child.objects.filter(pk__in=cases.keys()).prefetch_related(
        "pathway_plan_reviews", "care_leaver_contacts"
    )
    items = []
    for leaver in care_leavers_on(today, children=children, statuses=OWED_A_PATHWAY_PLAN):
        items += _items_for(leaver, cases[leaver.child.pk], today)
    return items


def _items_for(leaver, referral, today) -> list:
    from hearth.worklists.selectors import WorkItem

    child, status = leaver.child, leaver.status
    allocation = referral.open_allocations[0] if referral.open_allocations else None
    common = {
        "child_id": child.pk,
        "child_name": str(child),
        "local_due": None,
        "local_rule": None,
        "worker": str(allocation.worker) if allocation else "Unallocated",
        "team": str(referral.team),
        "url": reverse("leavers:leaver", args=[child.pk]),
    }
    days = review_dates(child, today)
    if days:
        plan = clock(PLAN_REVIEW_RULE)
        plan_item = {"duty": f"Pathway plan review (last {max(days):%-d %b %Y})", "started": max(days)}
    else:
        plan = clock(FIRST_PLAN_RULE)
        plan_item = {"duty": "Pathway plan: none recorded", "started": status.became_eligible_on or today}
    items = [WorkItem(**common, **plan_item, due=plan.due(plan_item["started"]), rule=plan.explain())]
    contacts = list(child.care_leaver_contacts.all())
    contact_clock = clock(CONTACT_RULE)
    due = contact_due(status, contacts, today, contact_clock)
    if due is not None:
        items.append(
            WorkItem(
                **common,
                duty="Personal adviser contact",
                started=contact_runs_from(status, contacts, today),
                due=due,
                rule=describe_local_standard(contact_clock),
            )
        )
    return items
