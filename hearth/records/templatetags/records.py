"""Pieces of the child's record other pages include.

`{% child_alerts child %}` is the alerts banner: every page that shows one child puts it under the
child's name (the child page, notes, chronology, and any area's page of the child), so a warning
such as a risk to staff is seen wherever the child is."""

from django import template
from django.utils import timezone

from hearth.records import selectors

register = template.Library()

NEXT_THINGS_DUE = 3  # on the summary; the full list is the "What is due" table below it


@register.inclusion_tag("records/_alerts.html", takes_context=True)
def child_alerts(context, child):
    user = context["request"].user
    return {
        "child": child,
        "alerts": selectors.open_alerts(child),
        "today": timezone.localdate(),
        "can_raise": user.has_perm("records.raise_alert", child),
    }


@register.inclusion_tag("records/_summary.html", takes_context=True)
def child_summary(context, child):
    """Who holds the case, the open plans, the next things due, and the alerts. Uses what the
    child's page already read (open case, allocation, due items) when it is there."""
    from hearth.worklists.selectors import worklist_for_child

    request = context["request"]
    due_items = context.get("due_items")
    if due_items is None:
        due_items = worklist_for_child(child, user=request.user)
    if "open_case" in context:
        open_case, allocation = context["open_case"], context.get("current_allocation")
    else:
        open_case = child.referrals.filter(closed_on__isnull=True).select_related("team").first()
        allocation = (
            open_case.allocations.filter(ended_on__isnull=True).select_related("worker__user").first()
            if open_case
            else None
        )
    return {
        "request": request,
        "child": child,
        "open_case": open_case,
        "current_allocation": allocation,
        "plans": selectors.open_plans(child, request.user),
        "next_due": due_items[:NEXT_THINGS_DUE],
        "more_due": max(len(due_items) - NEXT_THINGS_DUE, 0),
        "now": timezone.now(),
    }


@register.inclusion_tag("records/_recent_notes.html", takes_context=True)
def child_recent_notes(context, child, count: int = 3):
    user = context["request"].user
    notes, total = selectors.recent_notes_for_child(child, count)
    return {
        "child": child,
        "notes": notes,
        "total": total,
        "drafts": selectors.drafts_for_child(child),
        "can_write": user.has_perm("records.write_note", child),
    }
