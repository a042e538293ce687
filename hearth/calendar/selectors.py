import logging

from django.db.models import Count, Max

from hearth.calendar.models import BankHoliday
from hearth.calendar.workingdays import WorkingCalendar
from hearth.core.shared_reads import shared

logger = logging.getLogger(__name__)

_cache: dict = {"key": None, "calendar": None}


@shared  # within one scorecard, the holiday table is checked once
def current_calendar() -> WorkingCalendar:
    """The working calendar from the BankHoliday table, rebuilt only when the table changes."""
    key = tuple(BankHoliday.objects.aggregate(n=Count("id"), last=Max("loaded_at"), until=Max("date")).values())
    if _cache["key"] != key:
        _cache["calendar"] = WorkingCalendar(BankHoliday.objects.values_list("date", flat=True))
        _cache["key"] = key
    return _cache["calendar"]
