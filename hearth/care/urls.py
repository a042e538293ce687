from django.urls import path  # noqa: F401

from hearth.care import views  # noqa: F401 (the pages are added below)
from hearth.care.duty_views import health_check_record, review_record

app_name = "care"
urlpatterns: list = [
    # Periods of care: start, legal status, placement, end, care plans.
    # Reviews and health checks.
    path("periods/<int:period_id>/reviews/new/", review_record, name="review_record"),
    path("periods/<int:period_id>/health-checks/new/", health_check_record, name="health_check_record"),
    # Care leavers: contacts and pathway plans.
]
