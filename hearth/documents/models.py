"""The facts of this area, with their database constraints."""

import uuid

from django.conf import settings
from django.db import models

from hearth.people.models import Child


class DocumentType(models.Model):
    """The code list of document types (letter, assessment report, plan...), kept as data."""

    code = models.CharField(max_length=30, primary_key=True)
    label = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class Document(models.Model):
    """A file held against a child. The file lives in the private documents directory under a
    random name (stored_name); people reach it only through the download view, by public_id,
    a random UUID: never by a path or a counting number."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="documents")
    document_type = models.ForeignKey(DocumentType, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    dated_on = models.DateField(help_text="The date on the document")
    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=100, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-dated_on", "-uploaded_at"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="document_has_a_title"),
            models.CheckConstraint(condition=models.Q(size__gt=0), name="document_is_not_empty"),
            models.CheckConstraint(condition=models.Q(sha256__regex=r"^[0-9a-f]{64}$"), name="document_sha256_hex"),
        ]

    def __str__(self) -> str:
        return self.title
