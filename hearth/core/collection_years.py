"""The collection year, worked out in one place: the DfE's returns (the SSDA903, the CIN census) and the
statutory indicators all count 1 April to 31 March.

A collection year is named, as the DfE names it, by the year its 31 March falls in: 2026 is 1 April 2025
to 31 March 2026, labelled "2025-26". The performance pages name a year by its 1 April instead (their
"statutory year" 2025 is the same twelve months): `year_start_of(day).year` gives that.

A year has ended once the council's day is 1 April or later: a run on 31 March itself is still of the
year to date (the day's work is not done), so a return made then is provisional."""

import datetime

from django.utils import timezone

ERROR_NOT_A_YEAR = "A collection year is a whole number of a year (2026 for 2025-26), not {year!r}"


def collection_year_of(day: datetime.date) -> int:
    """The collection year a day falls in: 1 April 2025 to 31 March 2026 are all in 2026."""
    return day.year + 1 if day.month >= 4 else day.year


def year_start(collection_year: int) -> datetime.date:
    """The year's first day: 1 April 2025 for 2026."""
    return datetime.date(_checked(collection_year) - 1, 4, 1)


def year_end(collection_year: int) -> datetime.date:
    """The year's last day: 31 March 2026 for 2026."""
    return datetime.date(_checked(collection_year), 3, 31)


def year_bounds(collection_year: int) -> tuple[datetime.date, datetime.date]:
    """(first day, last day) of the year, both counted in it."""
    return year_start(collection_year), year_end(collection_year)


def year_start_of(day: datetime.date) -> datetime.date:
    """1 April of the collection year the day falls in: 1 April 2025 for any day to 31 March 2026."""
    return year_start(collection_year_of(day))


def year_has_ended(collection_year: int, today: datetime.date | None = None) -> bool:
    """Whether the year's 31 March has passed on the council's day (`today`, or the council's today)."""
    return (today or timezone.localdate()) > year_end(collection_year)


def latest_ended_year(today: datetime.date | None = None) -> int:
    """The newest collection year that has ended: on 31 March 2026 that is 2025, on 1 April 2026 it is 2026."""
    return collection_year_of(today or timezone.localdate()) - 1


def year_label(collection_year: int) -> str:
    """2026 -> "2025-26" (the DfE's own way of naming a collection year)."""
    return f"{_checked(collection_year) - 1}-{collection_year % 100:02d}"


def _checked(collection_year: int) -> int:
    # A year given as a string or a date here is a caller's slip, and would give a wrong year silently.
    if isinstance(collection_year, bool) or not isinstance(collection_year, int):
        raise TypeError(ERROR_NOT_A_YEAR.format(year=collection_year))
    return collection_year
