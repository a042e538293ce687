from django.urls import path

from hearth.workforce import views

app_name = "workforce"
urlpatterns = [
    path("<int:referral_id>/allocate/", views.allocate, name="allocate"),
    path("<int:referral_id>/close/", views.close, name="close"),
    path(
        "<int:referral_id>/allocations/<int:allocation_id>/reason/",
        views.allocation_reason,
        name="allocation_reason",
    ),
]
