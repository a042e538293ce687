from django.urls import path

from hearth.visits import views

app_name = "visits"
urlpatterns = [
    path("record/<int:referral_id>/", views.record, name="record"),
]
