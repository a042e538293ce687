from django.urls import path  # noqa: F401

from hearth.care import (
    leaver_views,
    views,  # noqa: F401 (the pages are added below)
)

app_name = "care"
urlpatterns: list = [
    # Periods of care: start, legal status, placement, end, care plans.
    # Reviews and health checks.
    # Care leavers: contacts and pathway plans.
    path("leavers/", leaver_views.leaver_list, name="leaver_list"),
    path("leavers/<int:child_id>/", leaver_views.leaver, name="leaver"),
    path("leavers/<int:child_id>/contact/", leaver_views.leaver_contact, name="leaver_contact"),
    path("leavers/<int:child_id>/pathway-plan/", leaver_views.pathway_plan_review, name="pathway_plan_review"),
]
