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
        # The names and addresses extract is of no collection year: "names.csv line 4".
        return f"{self.collection_year} {self.file_name} line {self.line}".strip()


class ImportRunStatus(models.TextChoices):
    QUEUED = "QUEUED", "Waiting to start"
    RUNNING = "RUNNING", "Importing"
    DONE = "DONE", "Done"
    REFUSED = "REFUSED", "Refused: nothing was written"
    FAILED = "FAILED", "Failed"


class ImportRun(models.Model):
    """One import of past returns asked for on the Import page (a zip of one folder a year), run in
    the background (tasks.py), with its progress and its report: what was created, what was
    already held, the children left out and every refusal with its file, line, column and reason."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=ImportRunStatus.choices, default=ImportRunStatus.QUEUED)
    dry_run = models.BooleanField(help_text="Checked and reported, nothing written")
    leave_out_bad_children = models.BooleanField()
    team = models.ForeignKey("workforce.Team", on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey("workforce.Worker", on_delete=models.PROTECT, related_name="+")
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    upload_name = models.CharField(max_length=200)
    upload = models.BinaryField(help_text="The zip as uploaded")
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    rows_read = models.PositiveIntegerField(default=0, help_text="Rows and census elements read")
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ImportRunStatus.values), name="import_run_status_known"
            )
        ]

    def __str__(self) -> str:
        return f"Import {self.pk} of {self.upload_name}"

    @property
    def is_unfinished(self) -> bool:
        return self.status in (ImportRunStatus.QUEUED, ImportRunStatus.RUNNING)

    @property
    def percent(self) -> int:
        if self.status in (ImportRunStatus.DONE, ImportRunStatus.REFUSED):
            return 100
        return round(100 * self.progress_done / self.progress_total) if self.progress_total else 0
