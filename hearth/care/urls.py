from django.urls import path  # noqa: F401

from hearth.care import views  # noqa: F401 (the pages are added below)

app_name = "care"
urlpatterns: list = [
    # Periods of care: start, legal status, placement, end, care plans.
    # Reviews and health checks.
    # Care leavers: contacts and pathway plans.
]
