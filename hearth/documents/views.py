from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from hearth.audit.services import audit_record
from hearth.audit.views_helpers import require_perm
from hearth.documents import services
from hearth.documents.forms import DocumentUploadForm
from hearth.documents.models import Document
from hearth.people.models import Child


def document_upload(request, child_id: int):
    child = get_object_or_404(Child, pk=child_id)
    require_perm(request, "documents.upload_document", child)
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_upload(
                actor=request.user,
                child_id=child.pk,
                document_type_code=form.cleaned_data["document_type"],
                title=form.cleaned_data["title"],
                dated_on=form.cleaned_data["dated_on"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{document.title} uploaded")
            return redirect("people:child_detail", pk=child.pk)
    return render(request, "documents/upload.html", {"child": child, "form": form})


def document_download(request, public_id):
    """The only way to a document's bytes: by its random id, after the check that the user may see
    the child, audited, as an attachment the browser must not reinterpret."""
    document = get_object_or_404(Document.objects.select_related("child"), public_id=public_id)
    require_perm(request, "documents.view_document", document)
    path = services.stored_path(document.stored_name)
    if not path.is_file():
        raise Http404
    audit_record(
        actor=request.user,
        action="document.download",
        obj=document,
        child=document.child,
        detail={"title": document.title},
    )
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=document.original_name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
