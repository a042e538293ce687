from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records only Hearth's own services or commands may write (audit rows, bank holidays)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
