from django.contrib import admin

from hearth.calendar.models import BankHoliday
from hearth.core.admin import ReadOnlyAdmin


@admin.register(BankHoliday)
class BankHolidayAdmin(ReadOnlyAdmin):
    """The list comes from GOV.UK through `manage.py update_bank_holidays`."""

    list_display = ["date", "title", "source"]
    date_hierarchy = "date"
