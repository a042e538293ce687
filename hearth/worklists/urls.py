from django.urls import path

from hearth.worklists import views

app_name = "worklists"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("team/", views.team, name="team"),
]
