from django.urls import path

from hearth.migration import views

app_name = "migration"
urlpatterns = [
    path("", views.import_page, name="import"),
    path("runs/<int:pk>/", views.import_run_page, name="run"),
    path("runs/<int:pk>/progress/", views.import_run_progress, name="run_progress"),
]
