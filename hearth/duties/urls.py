from django.urls import path

from hearth.duties import views

# Included under /care/ (hearth/urls.py): the paths are the ones these pages always had.
app_name = "duties"
urlpatterns: list = [
    # Reviews and health checks.
    path("periods/<int:period_id>/reviews/new/", views.review_record, name="review_record"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("reviews/<int:pk>/checklist/", views.review_checklist, name="review_checklist"),
    path("reviews/<int:pk>/concern/", views.review_concern_raise, name="review_concern_raise"),
    path("periods/<int:period_id>/health-checks/new/", views.health_check_record, name="health_check_record"),
    # Health plans from health assessments, and personal education plans.
    path("health-checks/<int:assessment_id>/health-plan/new/", views.health_plan_record, name="health_plan_record"),
    path("health-plans/<int:pk>/correct/", views.health_plan_correct, name="health_plan_correct"),
    path("periods/<int:period_id>/peps/new/", views.pep_record, name="pep_record"),
    path("peps/<int:pk>/correct/", views.pep_correct, name="pep_correct"),
    # The facts the 903's OC2 file reads.
    path("periods/<int:period_id>/sdq/new/", views.sdq_record, name="sdq_record"),
    path("periods/<int:period_id>/health-status/new/", views.health_status_record, name="health_status_record"),
    path("periods/<int:period_id>/convictions/new/", views.conviction_record, name="conviction_record"),
    path(
        "periods/<int:period_id>/substance-misuse/new/", views.substance_misuse_record, name="substance_misuse_record"
    ),
    # Corrections of an OC2 fact recorded wrongly.
    path("sdq/<int:pk>/correct/", views.sdq_correct, name="sdq_correct"),
    path("health-status/<int:pk>/correct/", views.health_status_correct, name="health_status_correct"),
    path("convictions/<int:pk>/correct/", views.conviction_correct, name="conviction_correct"),
    path("substance-misuse/<int:pk>/correct/", views.substance_misuse_correct, name="substance_misuse_correct"),
    # The children an IRO reviews, with what is due for each.
    path("children-i-review/", views.children_i_review, name="children_i_review"),
]
