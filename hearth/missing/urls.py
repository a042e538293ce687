from django.urls import path

from hearth.missing import views

# Included under /care/ (hearth/urls.py), beside the rest of a looked-after child's care.
app_name = "missing"
urlpatterns: list = [
    path("periods/<int:period_id>/missing/new/", views.episode_record, name="episode_record"),
    path("missing/<int:pk>/", views.episode, name="episode"),
    path("missing/<int:pk>/correct/", views.episode_correct, name="episode_correct"),
    path("missing/<int:pk>/return/", views.return_record, name="return_record"),
    path("missing/<int:pk>/interview/", views.interview_record, name="interview_record"),
]
