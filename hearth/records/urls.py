from django.urls import path

from hearth.records import views

app_name = "records"
urlpatterns = [
    path("child/<int:child_id>/notes/", views.note_list, name="note_list"),
    path("child/<int:child_id>/notes/new/", views.note_new, name="note_new"),
    path("child/<int:child_id>/chronology/", views.chronology, name="chronology"),
    path("child/<int:child_id>/chronology.pdf", views.chronology_pdf, name="chronology_pdf"),
    path("child/<int:child_id>/alerts/new/", views.alert_new, name="alert_new"),
    path("notes/<int:pk>/", views.note_detail, name="note_detail"),
    path("notes/<int:pk>/edit/", views.note_edit, name="note_edit"),
    path("notes/<int:pk>/amend/", views.note_amend, name="note_amend"),
    path("alerts/<int:pk>/", views.alert_update, name="alert_update"),
    path("team/", views.team_recording, name="team_recording"),
]
