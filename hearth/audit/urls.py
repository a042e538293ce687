from django.urls import path

from hearth.audit import views

app_name = "audit"
urlpatterns = [
    path("retention/", views.retention, name="retention"),
]
