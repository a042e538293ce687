from django.urls import path

from hearth.leavers import views

# Included under /care/ (hearth/urls.py): the paths are the ones care leavers' pages always had.
app_name = "leavers"
urlpatterns: list = [
    path("leavers/", views.leaver_list, name="leaver_list"),
    path("leavers/<int:child_id>/", views.leaver, name="leaver"),
    path("leavers/<int:child_id>/contact/", views.leaver_contact, name="leaver_contact"),
    path("leavers/<int:child_id>/pathway-plan/", views.pathway_plan_review, name="pathway_plan_review"),
    path("leavers/<int:child_id>/support-to-25/", views.support_to_25_request, name="support_to_25_request"),
    path(
        "leavers/<int:child_id>/support-to-25/no-longer-wanted/",
        views.support_to_25_withdrawal,
        name="support_to_25_withdrawal",
    ),
]
