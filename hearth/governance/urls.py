from django.urls import path

from hearth.governance import views

app_name = "governance"
urlpatterns = [
    path("retention/", views.retention, name="retention"),
]
