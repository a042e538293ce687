from django.urls import path

from hearth.accounts import views

app_name = "accounts"
urlpatterns = [
    path("set-up/", views.second_factor_setup, name="second_factor_setup"),
    path("", views.second_factor_verify, name="second_factor_verify"),
]
