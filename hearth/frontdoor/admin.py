from django.contrib import admin

from hearth.frontdoor.models import ReferralSource


@admin.register(ReferralSource)
class ReferralSourceAdmin(admin.ModelAdmin):
    """The CIN census code list: codes are disabled when DfE retires them, never deleted."""

    list_display = ["code", "label", "active"]
    list_editable = ["active"]

    def has_delete_permission(self, request, obj=None):
        return False
