"""The admin's part in signing in: issuing the one-time enrolment codes people set up their
authenticator app with (hearth/accounts/services.py)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse

from hearth.accounts import services
from hearth.accounts.models import EnrolmentCode
from hearth.core.admin import ReadOnlyAdmin

User = get_user_model()


@admin.action(description="Issue an enrolment code (to set up an authenticator app)", permissions=["issue_code"])
def issue_enrolment_code(modeladmin, request, queryset):
    """Shows each selected person's new code once, on this page only: nothing keeps it but its hash."""
    issued = []
    for user in queryset.order_by("username"):
        try:
            issued.append((user, services.enrolment_code_issue(actor=request.user, user=user)))
        except ValidationError as error:
            modeladmin.message_user(request, "; ".join(error.messages), level="error")
            return None
    return TemplateResponse(
        request,
        "admin/accounts/enrolment_codes_issued.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": "Enrolment codes issued",
            "issued": issued,
            "hours": settings.HEARTH_ENROLMENT_CODE_HOURS,
            "opts": modeladmin.model._meta,
        },
    )


admin.site.unregister(User)


@admin.register(User)
class HearthUserAdmin(UserAdmin):
    actions = [issue_enrolment_code]

    def has_issue_code_permission(self, request):
        return request.user.is_superuser or request.user.has_perm("accounts.add_enrolmentcode")


@admin.register(EnrolmentCode)
class EnrolmentCodeAdmin(ReadOnlyAdmin):
    """Who was given a code, by whom, and whether it was used: never the code, which is not kept."""

    list_display = ["user", "issued_by", "issued_at", "expires_at", "used_at"]
    fields = list_display
    list_filter = ["issued_at"]
    search_fields = ["user__username"]
