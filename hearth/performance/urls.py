from django.urls import path

from hearth.performance import views

app_name = "performance"
urlpatterns = [
    path("", views.index, name="index"),
    path("targets/", views.targets, name="targets"),
    path("targets/<str:indicator_id>/<int:year>/", views.target_edit, name="target_edit"),
    path("<str:indicator_id>/", views.drilldown, name="drilldown"),
]
