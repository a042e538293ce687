from django import template

from hearth.core.forms import error_summary_items as _error_summary_items

register = template.Library()


@register.simple_tag
def error_summary_items(form):
    return _error_summary_items(form)


@register.filter
def percent(value):
    """A proportion (0-1) as a percentage with one decimal place; a dash when there is none."""
    if value is None:
        return "–"
    return f"{value * 100:.1f}%"
