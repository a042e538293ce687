from django.urls import path

from hearth.frontdoor import views

app_name = "frontdoor"
urlpatterns = [
    path("", views.contact_list, name="contact_list"),
    path("contacts/new/", views.contact_record, name="contact_record"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact_detail"),
]
