from django.urls import path

from hearth.assessment import views

app_name = "assessment"
urlpatterns = [
    path("start/<int:referral_id>/", views.start, name="start"),
    path("<int:pk>/authorise/", views.authorise, name="authorise"),
]
