from django.urls import path

from hearth.workforce import views

app_name = "workforce"
urlpatterns = [
    path("<int:referral_id>/allocate/", views.allocate, name="allocate"),
    path("<int:referral_id>/close/", views.close, name="close"),
]
