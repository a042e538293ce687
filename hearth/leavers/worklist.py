"""Worklist duties for care leavers on open cases: the pathway plan review (T27, or the first plan
under T26), the personal adviser's contact (T29, relevant and former relevant young people) and the
contact around each 17th to 21st birthday (T29B, the 903's OC3)."""

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import timezone

from hearth.care.selectors import periods_of_care_of
from hearth.cin.timeliness import describe_local_standard
from hearth.leavers.selectors import (
    BIRTHDAY_CONTACT_RULE,
    CONTACT_RULE,
    FIRST_PLAN_RULE,
    PLAN_REVIEW_RULE,
    RESUMED_PLAN_RULE,
    CareLeaver,
    awaiting_resumed_plan,
    birthday_contact_due,
    care_leavers_on,
    contact_due,
    contact_runs_from,
    review_dates,
    spells_of,
    support_to_25_on,
)
from hearth.leavers.status import OWED_A_PATHWAY_PLAN, leaver_status, of_an_age_for_a_status
from hearth.people.models import Child
from hearth.people.rows_held import the_page_child
from hearth.timescales.selectors import clock
from hearth.workforce.selectors import case_holder

ORDINALS = {17: "17th", 18: "18th", 19: "19th", 20: "20th", 21: "21st"}


def care_leaver_items(referrals) -> list:
    today = timezone.localdate()
    # The open cases as the worklist read them (each child with it, and its current allocation),
    # kept to the young people of an age to have a status: nobody else can be owed a duty here.
    cases = {
        referral.child_id: referral
        for referral in referrals
        if of_an_age_for_a_status(referral.child.date_of_birth, today)
    }
    if not cases:
        return []
    if child := the_page_child(cases.values()):  # the child's periods as the page reads them
        return _items_for_the_page_child(child, cases[child.pk], today)
    leavers = care_leavers_on(today, children=Child.objects.filter(pk__in=cases.keys()), statuses=OWED_A_PATHWAY_PLAN)
    # Their reviews come with them (care_leavers_on); their contacts in one more query, not one each.
    prefetch_related_objects([leaver.child for leaver in leavers], "care_leaver_contacts")
    items = []
    for leaver in leavers:
        items += _items_for(leaver, cases[leaver.child.pk], today)
    return items


def _items_for_the_page_child(child, referral, today) -> list:
    """As care_leavers_on finds a young person (a period of care begun by today, a status owed a
    pathway plan), from the periods the child's page has read."""
    periods = periods_of_care_of(child)
    if not any(period.started_on <= today for period in periods):
        return []
    status = leaver_status(child.date_of_birth, spells_of(periods), today, **support_to_25_on(child, today))
    if status.status not in OWED_A_PATHWAY_PLAN:
        return []
    prefetch_related_objects([child], "pathway_plan_reviews", "care_leaver_contacts")  # the summary's too
    return _items_for(CareLeaver(child, status), referral, today)


def _items_for(leaver, referral, today) -> list:
    from hearth.worklists.selectors import WorkItem

    child, status = leaver.child, leaver.status
    common = {
        "child_id": child.pk,
        "child_name": str(child),
        "local_due": None,
        "local_rule": None,
        "worker": case_holder(referral),
        "team": str(referral.team),
        "url": reverse("leavers:leaver", args=[child.pk]),
        "permission": "leavers.view_care_leaver",
        "permission_object": child,
    }
    days = review_dates(child, today)
    if awaiting_resumed_plan(status, days):
        plan = clock(RESUMED_PLAN_RULE)
        plan_item = {
            "duty": f"Pathway plan for support to 25 (asked {status.support_resumed_on:%-d %b %Y})",
            "started": status.support_resumed_on,
        }
    elif days:
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
    owed = birthday_contact_due(status, child.date_of_birth, contacts, today)
    if owed is not None:
        items.append(
            WorkItem(
                **common,
                duty=f"Contact around their {ORDINALS[owed.age]} birthday ({owed.birthday:%-d %b %Y}; the 903's OC3)",
                started=owed.birthday,
                due=owed.due,
                rule=clock(BIRTHDAY_CONTACT_RULE).explain(),
            )
        )
    return items
