"""Loading the bank-holiday list: the one writer of BankHoliday."""

import datetime
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.audit.services import audit_record
from hearth.calendar.days import calendar_days_build
from hearth.calendar.models import GOVUK_SOURCE, BankHoliday
from hearth.calendar.selectors import forget_calendar

DIVISION = "england-and-wales"
ERROR_NO_DIVISION = "The file has no England and Wales list ('england-and-wales' with 'events')."


def parse_govuk_bank_holidays(data: dict) -> list[tuple[datetime.date, str]]:
    """The England and Wales dates from GOV.UK's bank-holidays.json structure."""
    try:
        events = data[DIVISION]["events"]
    except (KeyError, TypeError) as error:
        raise ValidationError(ERROR_NO_DIVISION) from error
    holidays = []
    for number, event in enumerate(events, start=1):
        try:
            holidays.append((datetime.date.fromisoformat(event["date"]), str(event["title"])))
        except (KeyError, TypeError, ValueError) as error:
            raise ValidationError(f"Event {number} has no valid date and title: {event!r}") from error
    if not holidays:
        raise ValidationError(ERROR_NO_DIVISION)
    return holidays


def bank_holidays_load(*, holidays: list[tuple[datetime.date, str]], source: str, actor=None) -> int:
    """Replace the holidays inside the years the new list covers; keep older years as they were.

    GOV.UK publishes a rolling window of years, so years that have dropped off its list stay in
    ours (a 2015 assessment still needs its 2015 holidays).
    """
    first = min(day for day, _ in holidays)
    with transaction.atomic():
        BankHoliday.objects.filter(date__gte=first).exclude(date__in=[d for d, _ in holidays]).delete()
        for day, title in holidays:
            BankHoliday.objects.update_or_create(date=day, defaults={"title": title, "source": source})
        audit_record(
            actor=actor,
            action="bank_holidays.load",
            detail={"count": len(holidays), "source": source, "from": first.isoformat()},
        )
        calendar_days_build()  # the working-day table queries join, from the new list
    forget_calendar()
    return len(holidays)


def packaged_govuk_data() -> dict:
    """GOV.UK's list as cached inside the govuk-bank-holidays package (no network needed)."""
    import govuk_bank_holidays

    path = Path(govuk_bank_holidays.__file__).parent / "bank-holidays.json"
    return json.loads(path.read_text())


def packaged_source() -> str:
    from importlib.metadata import version

    return f"{GOVUK_SOURCE}, as cached in govuk-bank-holidays {version('govuk-bank-holidays')}"
