"""The worklist duty "visit due": for each child on a plan that obliges visits, the next visit."""

from django.urls import reverse
from django.utils import timezone

from hearth.visits.plans import PLAN_NAMES, plans_for_visits
from hearth.visits.selectors import last_seen_visits
from hearth.visits.timeliness import plan_visit_due
from hearth.workforce.selectors import case_holder


def visit_due_items(referrals) -> list:
    from hearth.worklists.selectors import WorkItem

    today = timezone.localdate()
    plans = plans_for_visits(referrals)
    last_seen = last_seen_visits({plan.child_id for plan in plans}, today)
    clocks = {}
    items = []
    for plan in plans:
        seen = last_seen.get(plan.child_id)
        visit_due = plan_visit_due(plan, seen, clocks)
        items.append(
            WorkItem(
                child_id=plan.child_id,
                child_name=plan.child_name,
                duty=f"Visit ({PLAN_NAMES[plan.kind]}): "
                + (f"last seen {seen:%-d %b %Y}" if seen and seen >= plan.started_on else "not yet seen on the plan"),
                started=seen if seen and seen >= plan.started_on else plan.started_on,
                due=visit_due.due,
                rule=visit_due.rule,
                local_due=visit_due.local_due,
                local_rule=visit_due.local_rule,
                worker=case_holder(plan.referral),
                team=str(plan.referral.team),
                url=reverse("visits:record", args=[plan.referral.pk]),
                permission="visits.record_visit",
                permission_object=plan.referral,
            )
        )
    return items
