from django.urls import path

from hearth.quality import views, views_clinics

app_name = "quality"
urlpatterns = [
    path("", views.audit_list, name="audit_list"),
    path("cases/<int:referral_id>/audit/", views.audit_record, name="audit_record"),
    path("cases/<int:referral_id>/supervision/", views.case_supervision_record, name="case_supervision_record"),
    path("clinics/", views_clinics.clinic_list, name="clinic_list"),
    path("clinics/new/<str:indicator_id>/", views_clinics.clinic_new, name="clinic_new"),
    path("clinics/<int:pk>/", views_clinics.clinic_detail, name="clinic_detail"),
    path("clinics/actions/<int:pk>/complete/", views_clinics.clinic_action_complete, name="clinic_action_complete"),
    path("audits/<int:pk>/", views.audit_detail, name="audit_detail"),
    path("actions/<int:pk>/complete/", views.action_complete, name="action_complete"),
]
