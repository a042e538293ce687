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


@register.simple_tag(takes_context=True)
def counts_of(context, figure):
    """A stored figure's numerator and denominator as the reader may see them: on aggregate-only pages
    both are "c" whenever the figure's value is (suppression.figure_shown, the one rule)."""
    is_count = figure.unit == "count"
    denominator = None if is_count else figure.denominator
    if context.get("aggregate_only"):
        return suppression.figure_shown(figure.value, figure.numerator, denominator, is_count)
    return suppression.FigureShown(figure.value, figure.numerator, denominator)
