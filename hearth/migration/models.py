"""Where each imported fact came from: the return, file and line it was read from."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ImportedFact(models.Model):
    """One fact Hearth created from a past return (a child, their ethnicity, a period of care, a
    placement, a review...), with the file and line it came from, so a worker reading the child's
    chronology knows where it came from. The child's own row (the fact of the child) also carries the
    CHILD id the council's old system gave them: later imports match the child by it."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="imported_facts")
    legacy_child_id = models.CharField("CHILD in the return", max_length=50, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    fact = GenericForeignKey("content_type", "object_id")
    fact_on = models.DateField(help_text="The day the fact is about (a start, an end, a review)")
    description = models.CharField(max_length=300)
    collection_year = models.CharField(max_length=7, help_text="2024-25")
    file_name = models.CharField(max_length=100)
    line = models.PositiveIntegerField()
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="imported_fact_object_idx")]

    def __str__(self) -> str:
        return f"{self.description} (imported from {self.source})"

    @property
    def source(self) -> str:
        return f"{self.collection_year} {self.file_name} line {self.line}"
