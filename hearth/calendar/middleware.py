"""One working calendar per request (docs/decisions/0003-bank-holidays-as-a-table.md)."""

from hearth.calendar.selectors import calendar_for_the_request


class CalendarPerRequestMiddleware:
    """Every clock a page asks for uses the calendar read at the first one: the holiday table is
    checked once per request rather than once per duty on a worklist. A request that loads a new
    holiday list (bank_holidays_load) drops it, and the next request reads the table afresh, so
    every process sees a changed list from its next request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with calendar_for_the_request():
            return self.get_response(request)
