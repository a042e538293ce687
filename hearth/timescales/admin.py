from django.contrib import admin

from hearth.timescales.models import LocalStandard


@admin.register(LocalStandard)
class LocalStandardAdmin(admin.ModelAdmin):
    """Where a council sets its own, stricter limits (e.g. assessments in 35 working days)."""

    list_display = ["rule_id", "limit", "source"]
