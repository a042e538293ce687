from django.urls import path

from hearth.cin import views

app_name = "cin"
urlpatterns = [
    path("start/<int:referral_id>/", views.start, name="start"),
    path("plans/<int:pk>/", views.review, name="review"),
    path("plans/<int:pk>/end/", views.end, name="end"),
    path("up-to-date-plans/", views.up_to_date_plans, name="up_to_date_plans"),
]
