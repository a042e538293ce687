from django.urls import path

from hearth.iro import views

# Included under /care/ (hearth/urls.py): the paths are the ones these pages always had.
app_name = "iro"
urlpatterns: list = [
    path("periods/<int:pk>/iro/", views.iro_appoint, name="iro_appoint"),
    path("without-iro/", views.children_without_iro, name="children_without_iro"),
]
