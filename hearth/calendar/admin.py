from django.contrib import admin

from hearth.calendar.models import BankHoliday


@admin.register(BankHoliday)
class BankHolidayAdmin(admin.ModelAdmin):
    """Read-only: the list comes from GOV.UK through `manage.py update_bank_holidays`."""

    list_display = ["date", "title", "source"]
    date_hierarchy = "date"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
