import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Count, Max

from hearth.calendar.models import BankHoliday
from hearth.calendar.workingdays import WorkingCalendar
from hearth.core.shared_reads import shared

logger = logging.getLogger(__name__)

_cache: dict = {"key": None, "calendar": None}

# Within one request (calendar_for_the_request), the calendar is checked against the table once: a
# page's worklist asks for a clock per duty, and each used to check the table again.
_for_the_request: ContextVar[dict | None] = ContextVar("hearth_calendar_for_the_request", default=None)


@contextmanager
def calendar_for_the_request() -> Iterator[None]:
    """Inside the block the holiday table is checked once, on the first use; a load of bank holidays
    inside the block (bank_holidays_load) drops what was read, so the next use reads the new list."""
    if _for_the_request.get() is not None:
        yield
        return
    token = _for_the_request.set({})
    try:
        yield
    finally:
        _for_the_request.reset(token)


def forget_calendar() -> None:
    """The holiday list has changed: the next use reads the table again (this process's copy and
    the current request's)."""
    _cache["key"] = None
    held = _for_the_request.get()
    if held is not None:
        held.clear()


@shared  # within one scorecard, the holiday table is checked once
def current_calendar() -> WorkingCalendar:
    """The working calendar from the BankHoliday table, rebuilt only when the table changes (the
    table's count, last load and last date are checked on each call, or once per request)."""
    held = _for_the_request.get()
    if held is not None and "calendar" in held:
        return held["calendar"]
    key = tuple(BankHoliday.objects.aggregate(n=Count("id"), last=Max("loaded_at"), until=Max("date")).values())
    if _cache["key"] != key:
        _cache["calendar"] = WorkingCalendar(BankHoliday.objects.values_list("date", flat=True))
        _cache["key"] = key
    if held is not None:
        held["calendar"] = _cache["calendar"]
    return _cache["calendar"]
