from django.contrib import admin

from hearth.audit.models import AuditEvent
from hearth.core.admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "child", "object_type", "object_id"]
    list_filter = ["action"]
