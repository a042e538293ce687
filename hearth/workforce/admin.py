from django.contrib import admin

from hearth.workforce.models import Team, Worker


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "manager", "takes_referrals"]


@admin.register(Worker)
class WorkerAdmin(admin.ModelAdmin):
    list_display = ["__str__", "team", "job_title", "holds_cases", "fte", "registration_number"]
    search_fields = ["user__first_name", "user__last_name", "registration_number"]
    list_filter = ["team", "holds_cases"]
