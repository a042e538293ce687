from django.urls import path

from hearth.documents import views

app_name = "documents"
urlpatterns = [
    path("child/<int:child_id>/upload/", views.document_upload, name="upload"),
    # By a random UUID only: a counting id would let anyone walk the council's documents.
    path("<uuid:public_id>/", views.document_download, name="download"),
]
