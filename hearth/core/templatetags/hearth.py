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


@register.simple_tag(takes_context=True)
def pagination_links(context, page, parameter="page"):
    """The links of GOV.UK's pagination component for a Django Page: each page number near this one
    and at the ends (None where pages are left out), with its address keeping the request's other
    query parameters (a chosen team stays chosen)."""
    query = context["request"].GET.copy()

    def address(number):
        query[parameter] = number
        return "?" + query.urlencode()

    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return {
        "pages": [
            None if number == page.paginator.ELLIPSIS else {"number": number, "url": address(number)}
            for number in numbers
        ],
        "previous": address(page.previous_page_number()) if page.has_previous() else None,
        "next": address(page.next_page_number()) if page.has_next() else None,
    }
