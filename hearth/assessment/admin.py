from django.contrib import admin

from hearth.assessment.models import AssessmentFactor


@admin.register(AssessmentFactor)
class AssessmentFactorAdmin(admin.ModelAdmin):
    """The CIN census assessment factor list: codes are disabled when DfE retires them, never deleted."""

    list_display = ["code", "label", "active"]
    list_editable = ["active"]

    def has_delete_permission(self, request, obj=None):
        return False
