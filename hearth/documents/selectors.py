"""Reads of documents. A child's documents are read only after the access check on the child."""

import datetime
import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from hearth.documents.models import Document
from hearth.people.rows_held import may_hold


def documents_of(child) -> list[Document]:
    if not may_hold(child, "documents.Document"):
        return []
    return list(Document.objects.filter(child=child).select_related("document_type", "uploaded_by"))


def child_page_documents(user, child) -> dict:
    """The child's page (hearth/records/child_page.py): the files held against the child."""
    return {"documents": documents_of(child), "can_upload": user.has_perm("documents.upload_document", child)}


@dataclass(frozen=True)
class StoreReport:
    """How the files in the documents directory agree with the Document rows that name them."""

    documents: int
    missing: list[Document]  # a row whose file is not there: a lost document (restore it from backup)
    altered: list[Document]  # a file whose SHA-256 is not the one recorded at upload (only when verified)
    unnamed: list[Path]  # a file no row names, older than the grace period: left by a failed upload


def document_store_report(*, verify: bool = False, grace: datetime.timedelta = datetime.timedelta(hours=24)):
    """Walk the documents directory against the Document table. A file no row names is left by an
    upload whose transaction did not commit (a crash between writing and committing, or a restore
    of an older database); one younger than `grace` may be an upload still in flight, so it is not
    reported. With verify, every file is read and its SHA-256 compared with the recorded one."""
    from hearth.documents.services import documents_root, stored_path

    documents = list(Document.objects.only("pk", "public_id", "child_id", "stored_name", "sha256", "title"))
    missing, altered = [], []
    for document in documents:
        path = stored_path(document.stored_name)
        if not path.is_file():
            missing.append(document)
        elif verify and _sha256(path) != document.sha256:
            altered.append(document)
    named = {document.stored_name for document in documents}
    cutoff = time.time() - grace.total_seconds()
    root = documents_root()
    files = root.glob("*/*") if root.is_dir() else []
    unnamed = sorted(p for p in files if p.is_file() and p.name not in named and p.stat().st_mtime < cutoff)
    return StoreReport(documents=len(documents), missing=missing, altered=altered, unnamed=unnamed)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stored:
        for block in iter(lambda: stored.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()
