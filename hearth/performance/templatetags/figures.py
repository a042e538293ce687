from django import template

from hearth.performance import suppression

register = template.Library()


@register.simple_tag(takes_context=True)
def count(context, number):
    """A count, suppressed on aggregate-only pages when small."""
    return suppression.count_shown(number) if context.get("aggregate_only") else number


@register.simple_tag(takes_context=True)
def figure(context, value, numerator, denominator, is_count=False):
    """An indicator's value, suppressed on aggregate-only pages when its counts are small."""
    if context.get("aggregate_only"):
        return suppression.value_shown(value, numerator, denominator, is_count)
    return value
