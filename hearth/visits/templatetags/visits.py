from django import template
from django.utils import timezone

from hearth.visits.plans import PLAN_NAMES, visited_plan_for
from hearth.visits.selectors import child_visits, last_seen_visits
from hearth.visits.timeliness import plan_visit_due

register = template.Library()


@register.simple_tag(takes_context=True)
def visits_for(context, child, open_case=None):
    """The child's page section: the last visit, the next one due, and whether this user may record one."""
    user = context["request"].user
    recent = child_visits(child, limit=3)
    plan = visited_plan_for(open_case) if open_case is not None else None
    due = None
    if plan is not None:
        seen = last_seen_visits([child.pk], timezone.localdate()).get(child.pk)
        due = plan_visit_due(plan, seen).due
    return {
        "recent": recent,
        "next_due": due,
        "plan_name": PLAN_NAMES[plan.kind] if plan else None,
        "can_record": open_case is not None and user.has_perm("visits.record_visit", open_case),
    }
