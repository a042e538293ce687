"""Timescales with the council's settings applied: the one place worklists and indicators ask."""

import datetime
from dataclasses import dataclass

from django.db.models import DateTimeField, ExpressionWrapper, F

from hearth.calendar.days import add_days_sql, add_months_sql, add_terms_sql, add_working_days_sql
from hearth.calendar.selectors import current_calendar
from hearth.calendar.workingdays import WorkingCalendar
from hearth.core.shared_reads import shared
from hearth.timescales import rules as rules_table
from hearth.timescales.models import LocalStandard
from hearth.timescales.rules import Rule


@dataclass(frozen=True)
class Clock:
    """A rule ready to use: the national limit, the local one if the council set one, the calendar."""

    rule: Rule
    local_limit: int | None
    calendar: WorkingCalendar

    def due(self, start):
        return rules_table.due(self.rule, start, self.calendar)

    def local_due(self, start):
        return None if self.local_limit is None else rules_table.due(self.rule, start, self.calendar, self.local_limit)

    def met(self, start, stop) -> bool:
        return rules_table.met(self.rule, start, stop, self.calendar)

    def met_locally(self, start, stop) -> bool | None:
        if self.local_limit is None:
            return None
        return rules_table.met(self.rule, start, stop, self.calendar, self.local_limit)

    def due_sql(self, start: str, *, local: bool = False):
        """The due date (or time, for an hours rule) as an SQL expression on the outer query's
        field `start`, the same as due() (or local_due()) in Python: hearth.calendar.days counts
        the days against the CalendarDay table (call ensure_calendar_days first)."""
        limit = self.local_limit if local else self.rule.limit
        if limit is None:
            return None
        return due_sql(self.rule, start, limit)

    def explain(self) -> str:
        return f"{self.rule.describe()}, {self.rule.citation}"

    def explain_local(self) -> str | None:
        return None if self.local_limit is None else f"local standard {self.rule.describe(self.local_limit)}"


def due_sql(rule: Rule, start: str, limit: int | None = None):
    """due() as an SQL expression on the outer query's field `start` (a datetime field for an hours
    rule, else a date field), counted with the CalendarDay table."""
    limit = rule.limit if limit is None else limit
    if rule.unit is rules_table.Unit.HOURS:
        # True elapsed hours: the database stores instants (UTC), so adding hours adds real time.
        return ExpressionWrapper(F(start) + datetime.timedelta(hours=limit), output_field=DateTimeField())
    if rule.unit is rules_table.Unit.WORKING_DAYS:
        return add_working_days_sql(start, limit)
    if rule.unit is rules_table.Unit.CALENDAR_DAYS:
        return add_days_sql(start, limit)
    if rule.unit is rules_table.Unit.TERMS:
        return add_terms_sql(start, limit)
    return add_months_sql(start, limit)


@shared  # the scorecard asks for the same few clocks dozens of times: read the settings once
def clock(rule_id: str) -> Clock:
    rule = rules_table.rule(rule_id)
    local_limit = local_limits().get(rule_id) if rule.local_standard_allowed else None
    return Clock(rule=rule, local_limit=local_limit, calendar=current_calendar())


@shared  # a page's clocks (a child's page asks for a dozen rules) share one read of the settings
def local_limits() -> dict[str, int]:
    """The council's local standards, by rule (at most one a rule: a handful of rows)."""
    return dict(LocalStandard.objects.values_list("rule_id", "limit"))


class Clocks(dict):
    """The rules' clocks, read once (each reads the council's settings) and reused for many children."""

    def __missing__(self, rule_id: str) -> Clock:
        self[rule_id] = clock(rule_id)
        return self[rule_id]


@dataclass(frozen=True)
class DueDate:
    due: datetime.date
    started: datetime.date  # the event the clock runs from
    clock: Clock

    @property
    def rule(self) -> str:
        return self.clock.explain()
