from django.urls import path

from hearth.frontdoor import views, views_dip_samples

app_name = "frontdoor"
urlpatterns = [
    path("", views.contact_list, name="contact_list"),
    path("contacts/new/", views.contact_record, name="contact_record"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("dip-samples/", views_dip_samples.dip_sample_list, name="dip_sample_list"),
    path("dip-samples/<int:pk>/", views_dip_samples.dip_sample_detail, name="dip_sample_detail"),
    path("dip-samples/items/<int:pk>/", views_dip_samples.dip_sample_item, name="dip_sample_item"),
]
