from django.urls import path

from hearth.people import characteristics_views, views

app_name = "people"
# The child's own page (/children/<id>/, people:child_detail) is composed at the top of the record,
# by hearth.records (see hearth/urls.py), so that people imports nothing above it.
urlpatterns = [
    path("", views.child_search, name="child_search"),
    path("new/", views.child_create, name="child_create"),
    path("<int:pk>/access-log/", views.child_access_log, name="child_access_log"),
    path("<int:pk>/sealed/open/", views.sealed_record_open, name="sealed_record_open"),
    path("<int:pk>/restriction/", views.child_restriction, name="child_restriction"),
    path("<int:pk>/identity/", views.child_identity_edit, name="child_identity_edit"),
    path("<int:pk>/former-names/new/", views.former_name_add, name="former_name_add"),
    path("<int:pk>/family/new/", views.relationship_add, name="relationship_add"),
    path("family/<int:relationship_id>/end/", views.relationship_end, name="relationship_end"),
    path("<int:pk>/ethnicity/", characteristics_views.ethnicity_record, name="ethnicity_record"),
    path("<int:pk>/upn-not-known/", characteristics_views.upn_unknown_record, name="upn_unknown_record"),
    path("<int:pk>/disabilities/", characteristics_views.disabilities_record, name="disabilities_record"),
    path("<int:pk>/uasc/", characteristics_views.uasc_record, name="uasc_record"),
    path("<int:pk>/former-upn/", characteristics_views.former_upn_record, name="former_upn_record"),
    path("<int:pk>/expected-birth/", characteristics_views.expected_birth_record, name="expected_birth_record"),
    path("<int:pk>/death/", characteristics_views.death_record, name="death_record"),
    path("<int:pk>/subject-access.json", views.child_subject_access_export, name="child_subject_access_export"),
    path("<int:pk>/subject-access.pdf", views.child_subject_access_pdf, name="child_subject_access_pdf"),
]
