from django.urls import path

from hearth.care import views

app_name = "care"
urlpatterns: list = [
    # Periods of care: start, legal status, placement, end, care plans.
    path("start/<int:referral_id>/", views.care_start, name="care_start"),
    path("periods/<int:pk>/", views.period, name="period"),
    path("periods/<int:pk>/legal-status/", views.legal_status_change, name="legal_status_change"),
    path("periods/<int:pk>/placement/", views.placement_change, name="placement_change"),
    path("periods/<int:pk>/end/", views.care_end, name="care_end"),
    path("periods/<int:pk>/decision/approve/", views.care_decision_approve, name="decision_approve"),
    path("periods/<int:pk>/care-plan/", views.care_plan_record, name="care_plan_record"),
    path("periods/<int:pk>/deprivation-of-liberty/", views.deprivation_of_liberty, name="deprivation_of_liberty"),
    # The register of placement providers.
    path("providers/", views.providers, name="providers"),
    path("providers/add/", views.provider_add, name="provider_add"),
    path("providers/<int:pk>/", views.provider_edit, name="provider_edit"),
]
