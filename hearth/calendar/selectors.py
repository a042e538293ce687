import logging

from django.db.models import Count, Max

from hearth.calendar.models import BankHoliday
from hearth.calendar.workingdays import WorkingCalendar
from hearth.core.request_memo import forget, remembered
from hearth.core.shared_reads import shared

logger = logging.getLogger(__name__)

_cache: dict = {"key": None, "calendar": None}


def forget_calendar() -> None:
    """The holiday list has changed: the next use reads the table again (this process's copy and
    what the current request remembered)."""
    _cache["key"] = None
    forget()


@shared  # within one scorecard, the holiday table is checked once
def current_calendar() -> WorkingCalendar:
    """The working calendar from the BankHoliday table, rebuilt only when the table changes: the
    table's count, last load and last date are checked once per request (hearth.core.request_memo:
    a page's worklist asks for a clock per duty), and on every call outside a request."""
    return remembered(("working calendar",), _calendar_from_the_table)


def _calendar_from_the_table() -> WorkingCalendar:
    key = tuple(BankHoliday.objects.aggregate(n=Count("id"), last=Max("loaded_at"), until=Max("date")).values())
    if _cache["key"] != key:
        _cache["calendar"] = WorkingCalendar(BankHoliday.objects.values_list("date", flat=True))
        _cache["key"] = key
    return _cache["calendar"]
