from django.urls import path

from hearth.permanence import views

# Included under /care/ (hearth/urls.py), beside the periods of care.
app_name = "permanence"
urlpatterns: list = [
    path("periods/<int:period_id>/previous-permanence/", views.previous_permanence, name="previous_permanence"),
    path(
        "previous-permanence/<int:pk>/correct/",
        views.previous_permanence_correct,
        name="previous_permanence_correct",
    ),
    path("adoption/<int:child_id>/decision/", views.adoption_decision, name="adoption_decision"),
    path(
        "adoption/decisions/<int:decision_id>/reverse/",
        views.adoption_decision_reverse,
        name="adoption_decision_reverse",
    ),
    path("adoption/decisions/<int:decision_id>/match/", views.adoption_match, name="adoption_match"),
    path("permanence/<int:child_id>/plan/", views.permanence_plan, name="permanence_plan"),
    path("permanence/tracker/", views.tracker, name="tracker"),
]
