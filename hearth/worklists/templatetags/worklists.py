import datetime

from django import template
from django.utils import timezone

register = template.Library()

STATUS_CLASSES = {
    "overdue": "govuk-tag--red",
    "past local standard": "govuk-tag--orange",
    "due today": "govuk-tag--yellow",
    "due": "govuk-tag--blue",
}


@register.inclusion_tag("worklists/status_tag.html")
def status_tag(item, now=None):
    status = item.status(now or timezone.now())
    return {"status": status, "css": STATUS_CLASSES[status]}


@register.filter
def when(value):
    """A due date as people say it; a due time with its hour."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%-d %b %Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%-d %b %Y")
    return value or ""


@register.simple_tag
def time_left(due, now=None):
    """'5 h 12 min left' or 'overdue by 2 h 3 min' for a due time (hour rules such as T01)."""
    if not isinstance(due, datetime.datetime):
        return ""
    seconds = int((due - (now or timezone.now())).total_seconds())
    hours, minutes = divmod(abs(seconds) // 60, 60)
    span = f"{hours} h {minutes} min" if hours else f"{minutes} min"
    return f"{span} left" if seconds >= 0 else f"overdue by {span}"
