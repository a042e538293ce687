"""The care record's pieces of the child's page: the "Looked after" section, the summary's rows and
the brothers and sisters in care."""

from django import template
from django.template.loader import render_to_string

from hearth.care import selectors
from hearth.care.placement_distance import placement_distances

register = template.Library()


@register.simple_tag(takes_context=True)
def care_for(context, child, open_case=None):
    """The child's care now (legal status, placement, carer, care plan), the periods that ended, and
    what this user may do next."""
    user = context["request"].user
    now = selectors.care_now(child)
    return {
        "now": now,
        "distance": _distance_from_home(now),
        "ended": selectors.ended_periods_of_care(child),
        "can_start": now is None and open_case is not None and user.has_perm("care.start_care", open_case),
        "can_change": now is not None and user.has_perm("care.change_care", now.period),
    }


def _distance_from_home(now):
    if now is None:
        return None
    (distance,) = placement_distances([(now.period.placements.all(), now.placement)])
    return distance


@register.inclusion_tag("care/_summary_row.html")
def care_summary_row(child):
    """The child's care now and, while looked after, the rows other apps add (who their IRO is, or
    that none is appointed: selectors.CARE_SUMMARY_ROWS)."""
    now = selectors.care_now(child)
    rows = []
    if now is not None:
        rows = [render_to_string(template, context) for template, context in selectors.care_summary_rows(now)]
    return {"now": now, "rows": rows}


@register.inclusion_tag("care/_siblings_in_care.html", takes_context=True)
def siblings_in_care(context, child):
    user = context["request"].user
    return {"child": child, "siblings": selectors.siblings_in_care(user=user, child=child)}
