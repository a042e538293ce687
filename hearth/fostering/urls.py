from django.urls import path

from hearth.fostering import views

app_name = "fostering"
urlpatterns: list = [
    path("", views.sufficiency, name="sufficiency"),
    path("approve/", views.household_approve, name="household_approve"),
    path("households/<int:pk>/", views.household, name="household"),
    path("households/<int:pk>/status/", views.household_status, name="household_status"),
    path("households/<int:pk>/exemption/", views.placement_exemption, name="placement_exemption"),
    path("households/<int:pk>/terms/", views.household_terms, name="household_terms"),
    path("households/<int:pk>/staying-put/", views.staying_put, name="staying_put"),
    path("households/<int:pk>/staying-put/end/", views.staying_put_end, name="staying_put_end"),
]
