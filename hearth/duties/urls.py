from django.urls import path

from hearth.duties import views

# Included under /care/ (hearth/urls.py): the paths are the ones these pages always had.
app_name = "duties"
urlpatterns: list = [
    # Reviews and health checks.
    path("periods/<int:period_id>/reviews/new/", views.review_record, name="review_record"),
    path("periods/<int:period_id>/health-checks/new/", views.health_check_record, name="health_check_record"),
    # The children an IRO reviews, with what is due for each.
    path("children-i-review/", views.children_i_review, name="children_i_review"),
]
