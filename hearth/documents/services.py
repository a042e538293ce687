"""Writers for documents: an upload is checked (size, what it really is), stored under a random
name in the private documents directory, and recorded with its audit row in one transaction."""

import datetime
import hashlib
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.documents.filetypes import ALLOWED_EXTENSIONS, holds_macros, kind_claimed_by_name, kind_from_content
from hearth.documents.models import Document, DocumentType
from hearth.people.models import Child

ERROR_NO_FILE = "Select a file to upload"
ERROR_EMPTY_FILE = "The selected file is empty"
ERROR_TOO_LARGE = "The selected file must be smaller than {limit} MB"
ERROR_NAME_NOT_ALLOWED = "The selected file must be a PDF, Word, Excel, PowerPoint, JPEG or PNG file"
ERROR_CONTENT_NOT_AS_NAMED = (
    "The selected file is named as {claimed}, but its content is {actual}. "
    "Open it and save it again as {claimed}, or rename it to match what it is"
)
ERROR_CONTENT_UNKNOWN = (
    "The selected file is named as {claimed}, but its content is not. It may be damaged, or another kind of "
    "file renamed: open it and save it again as {claimed}"
)
ERROR_MACROS = (
    "The selected file contains macros, which Hearth does not keep. Save it without macros "
    "(as {claimed} that is not macro-enabled) and upload that"
)
ERROR_TITLE_REQUIRED = "Enter a title for the document, for example Letter from the school"
ERROR_TYPE_REQUIRED = "Choose the type of document"
ERROR_DATE_IN_FUTURE = "The date of the document must be today or in the past"


def documents_root() -> Path:
    return Path(settings.HEARTH_DOCUMENTS_ROOT)


def stored_path(stored_name: str) -> Path:
    # Two-character folders keep any one directory small on a council's millions of files.
    return documents_root() / stored_name[:2] / stored_name


def document_upload(
    *, actor, child_id: int, document_type_code: str, title: str, dated_on: datetime.date, upload
) -> Document:
    """Keep a file against a child. `upload` is a Django UploadedFile (name, size, seekable)."""
    title = title.strip()
    errors = {}
    document_type = DocumentType.objects.filter(code=document_type_code, active=True).first()
    if document_type is None:
        errors["document_type"] = ERROR_TYPE_REQUIRED
    if not title:
        errors["title"] = ERROR_TITLE_REQUIRED
    if dated_on > timezone.localdate():
        errors["dated_on"] = ERROR_DATE_IN_FUTURE
    file_error, kind = _check_file(upload)
    if file_error:
        errors["file"] = file_error
    if errors:
        raise ValidationError(errors)
    stored_name = secrets.token_urlsafe(32)
    path = stored_path(stored_name)
    sha256, size = _write_privately(upload, path)
    try:
        with transaction.atomic():
            child = Child.objects.get(pk=child_id)
            document = Document(
                child=child,
                document_type=document_type,
                title=title[:200],
                dated_on=dated_on,
                original_name=Path(upload.name).name[:255],
                stored_name=stored_name,
                content_type=kind.content_type,
                size=size,
                sha256=sha256,
                uploaded_by=actor,
            )
            document.full_clean()
            document.save()
            audit_record(
                actor=actor,
                action="document.upload",
                obj=document,
                child=child,
                detail={"type": document_type.code, "size": size, "sha256": sha256},
            )
    except BaseException:
        path.unlink(missing_ok=True)  # nothing kept on disk that the record does not name
        raise
    return document


def _check_file(upload):
    """(error, kind): the error message if the file may not be kept, else the kind it really is."""
    if upload is None:
        return ERROR_NO_FILE, None
    if not upload.size:
        return ERROR_EMPTY_FILE, None
    if upload.size > settings.HEARTH_DOCUMENT_MAX_BYTES:
        return ERROR_TOO_LARGE.format(limit=settings.HEARTH_DOCUMENT_MAX_BYTES // (1024 * 1024)), None
    claimed = kind_claimed_by_name(upload.name)
    if claimed is None:
        return ERROR_NAME_NOT_ALLOWED, None
    actual = kind_from_content(upload)
    if actual is None:
        return ERROR_CONTENT_UNKNOWN.format(claimed=claimed.label), None
    if actual != claimed:
        return ERROR_CONTENT_NOT_AS_NAMED.format(claimed=claimed.label, actual=actual.label), None
    if holds_macros(upload):
        return ERROR_MACROS.format(claimed=claimed.label), None
    return None, actual


def _write_privately(upload, path: Path) -> tuple[str, int]:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    digest, size = hashlib.sha256(), 0
    upload.seek(0)
    # O_EXCL: never overwrite; 0o600: readable by the application's own account only.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return digest.hexdigest(), size


def document_unnamed_files_remove(*, actor, paths: list[Path]) -> list[Path]:
    """Delete files in the documents directory that no Document row names (left by uploads whose
    transaction never committed; hearth/documents/selectors.py document_store_report finds them).
    Each name is checked again under a lock on the table's rows, so a file that a row has come to
    name since the report is kept. Returns the files removed; the removal is audited."""
    root = documents_root().resolve()
    with transaction.atomic():
        names = {path.name for path in paths}
        now_named = set(
            Document.objects.select_for_update().filter(stored_name__in=names).values_list("stored_name", flat=True)
        )
        removed = []
        for path in paths:
            resolved = path.resolve()
            if resolved.parent.parent != root or path.name in now_named or not resolved.is_file():
                continue  # only ever a file directly in a two-character folder of the documents directory
            resolved.unlink()
            removed.append(path)
        if removed:
            audit_record(
                actor=actor,
                action="document.unnamed_files_remove",
                detail={"files": [p.name for p in removed]},
            )
    return removed


__all__ = ["ALLOWED_EXTENSIONS", "document_unnamed_files_remove", "document_upload", "stored_path"]
