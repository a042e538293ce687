"""Pure working-day arithmetic (no database): day 0 is the start date.

"Within N working days" means the stopping event falls on or before the Nth working day after
the start date (DOMAIN.md 3.1). A start on a weekend or holiday counts forward the same way: the
first working day after it is day 1.
"""

import calendar as _stdlib_calendar
import datetime
from collections.abc import Iterable

SATURDAY = 5


# How many due dates a calendar remembers (a council's year of starts times a few limits is far fewer).
REMEMBERED_DUE_DATES = 100_000


class WorkingCalendar:
    def __init__(self, holidays: Iterable[datetime.date]):
        self.holidays = frozenset(holidays)
        self.covered_until = max(self.holidays, default=None)
        # The calendar never changes once built (a new holiday list builds a new one), so a due
        # date once counted is remembered: the scorecard asks for the same ones many times over.
        self._added: dict[tuple[datetime.date, int], datetime.date] = {}

    def is_working_day(self, day: datetime.date) -> bool:
        return day.weekday() < SATURDAY and day not in self.holidays

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The date of working day `days` counting the start date as day 0."""
        if days < 0:
            raise ValueError("days must not be negative")
        key = (start, days)
        if key not in self._added:
            if len(self._added) >= REMEMBERED_DUE_DATES:
                self._added.clear()
            self._added[key] = self._count_working_days(start, days)
        return self._added[key]

    def _count_working_days(self, start: datetime.date, days: int) -> datetime.date:
        current = start
        remaining = days
        while remaining:
            current += datetime.timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """How many working days after `start` `end` falls (0 if on or before start)."""
        count = 0
        current = start
        while current < end:
            current += datetime.timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return count


def add_months(start: datetime.date, months: int) -> datetime.date:
    """Same day of the month `months` later, clipped to the month's end (31 Aug + 6 = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    last_day = _stdlib_calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(start.day, last_day))


# School terms, as fixed windows of the year (docs/timescales.md): spring 1 January to 31 March,
# summer 1 April to 31 August (the summer holiday goes with the term it follows), autumn 1 September
# to 31 December. A council's own term dates differ by a week or two (Easter moves); these are the
# terms a "once a term" duty is counted in, the same in Python and in SQL (calendar/days.py).
TERM_LAST_MONTHS = (3, 8, 12)


def term_of(day: datetime.date) -> int:
    """The school term a day falls in, numbered from year 0 (three a year: spring, summer, autumn)."""
    return day.year * 3 + (0 if day.month <= 3 else 1 if day.month <= 8 else 2)


def term_end(day: datetime.date, terms: int = 0) -> datetime.date:
    """The last day of the term `terms` after the one `day` falls in (0: the end of its own term)."""
    year, index = divmod(term_of(day) + terms, 3)
    month = TERM_LAST_MONTHS[index]
    return datetime.date(year, month, _stdlib_calendar.monthrange(year, month)[1])


def age_on(date_of_birth: datetime.date | None, day: datetime.date) -> int | None:
    """Age in whole years on a day (a 29 February birthday comes on 1 March in other years); None
    when the date of birth is not known."""
    if date_of_birth is None:
        return None
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def latest_start_for(day: datetime.date, months: int) -> datetime.date:
    """The latest date X with add_months(X, months) on or before `day`: so that add_months(X, months)
    <= day exactly when X <= this date (add_months never goes back as X goes forward). Lets a query
    compare a date of birth with a constant instead of working out each birthday."""
    candidate = add_months(day, -months)
    one_day = datetime.timedelta(days=1)
    while add_months(candidate, months) > day:
        candidate -= one_day
    while add_months(candidate + one_day, months) <= day:
        candidate += one_day
    return candidate
