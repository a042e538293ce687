from django.urls import path

from hearth.returns import views
from hearth.returns.models import ReturnName

app_name = "returns"
urlpatterns = [
    path("903/", views.return_page, {"return_name": ReturnName.SSDA903}, name="ssda903"),
    path("903/run/", views.return_run_now, {"return_name": ReturnName.SSDA903}, name="ssda903_run"),
    path("cin/", views.return_page, {"return_name": ReturnName.CIN}, name="cin_census"),
    path("cin/run/", views.return_run_now, {"return_name": ReturnName.CIN}, name="cin_census_run"),
    path("runs/<int:pk>/progress/", views.run_progress, name="run_progress"),
    path("runs/<int:pk>/files/", views.run_files, name="run_files"),
    path("reconciliation/", views.reconciliation, name="reconciliation"),
    path("reconciliation/run/", views.reconciliation_run_now, name="reconciliation_run"),
    path("reconciliation/runs/<int:pk>/progress/", views.reconciliation_progress, name="reconciliation_progress"),
    path("annex-a/", views.annex_a, name="annex_a"),
]
