"""Reads of documents. A child's documents are read only after the access check on the child."""

from hearth.documents.models import Document


def documents_of(child) -> list[Document]:
    return list(Document.objects.filter(child=child).select_related("document_type", "uploaded_by"))
