from django.db import models

GOVUK_SOURCE = "GOV.UK bank-holidays.json, England and Wales division"


class BankHoliday(models.Model):
    """A bank holiday in England and Wales, as GOV.UK publishes it."""

    date = models.DateField(unique=True)
    title = models.CharField(max_length=200)
    source = models.CharField(max_length=300, help_text="Where this date was read from")
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d %b %Y} {self.title}"


class CalendarDay(models.Model):
    """One row per date, derived from BankHoliday (never edited by hand): lets a query count days
    by looking them up. `working_days` is how many working days there are from the table's first
    day up to and including this date, so "N working days after X" is the working day whose number
    is X's plus N. Built and rebuilt by hearth.calendar.days (ensure_calendar_days) whenever the
    holiday list changes; CalendarTable says which list and which range it was built from."""

    date = models.DateField(primary_key=True)
    day_number = models.IntegerField(unique=True, help_text="Days since the table's first day")
    working_days = models.IntegerField(db_index=True, help_text="Working days from the first day to this one")
    is_working_day = models.BooleanField()
    month_index = models.IntegerField(help_text="Year times 12 plus the month, less 1")
    day_of_month = models.SmallIntegerField()
    month_days = models.SmallIntegerField(help_text="How many days this date's month has")

    class Meta:
        ordering = ["date"]
        indexes = [models.Index(fields=["month_index", "day_of_month"], name="calendar_day_month")]

    def __str__(self) -> str:
        return f"{self.date:%d %b %Y}: working day {self.working_days}{'' if self.is_working_day else ' (not working)'}"


class CalendarTable(models.Model):
    """What the CalendarDay rows were built from: one row."""

    fingerprint = models.CharField(max_length=200)
    first = models.DateField()
    last = models.DateField()
    built_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Calendar days {self.first} to {self.last} ({self.fingerprint})"
