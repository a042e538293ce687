from django.urls import path

from hearth.quality import views

app_name = "quality"
urlpatterns = [
    path("", views.audit_list, name="audit_list"),
    path("cases/<int:referral_id>/audit/", views.audit_record, name="audit_record"),
    path("audits/<int:pk>/", views.audit_detail, name="audit_detail"),
    path("actions/<int:pk>/complete/", views.action_complete, name="action_complete"),
]
