from django.urls import path

from hearth.returns import views

app_name = "returns"
urlpatterns = [
    path("903/", views.ssda903, name="ssda903"),
    path("903/run/", views.ssda903_run, name="ssda903_run"),
    path("runs/<int:pk>/progress/", views.run_progress, name="run_progress"),
    path("runs/<int:pk>/files/", views.run_files, name="run_files"),
    path("annex-a/", views.annex_a, name="annex_a"),
]
