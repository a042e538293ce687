"""Runs of a statutory return (the SSDA903 and the children in need census, one mechanism for both): the
files exported from the record for a collection year, and what the DfE's validator said of them (each
failing rule on each child's row, and each rule it could not check).

A run is kept as it was: the files it exported and its findings do not change when the record is
corrected, so "fixing the record fixes the return" shows as the next run's shorter list. The latest
completed run of a year is the one the Returns page and the workers' worklists show.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from hearth.core import collection_years


class ReturnName(models.TextChoices):
    SSDA903 = "903", "SSDA903 (children looked after)"
    CIN = "CIN", "Children in need census"


class RunStatus(models.TextChoices):
    QUEUED = "QUEUED", "Waiting to start"
    RUNNING = "RUNNING", "Running"
    DONE = "DONE", "Done"
    FAILED = "FAILED", "Failed"


class RunStage(models.TextChoices):
    WAITING = "", "Waiting"
    EXPORTING = "EXPORTING", "Exporting this year's files from the record"
    EXPORTING_PREVIOUS = "EXPORTING_PREV", "Exporting the year before's files (the validator compares the two)"
    VALIDATING = "VALIDATING", "Checking the files with the DfE's validator"
    STORING = "STORING", "Storing the results"


UNFINISHED = (RunStatus.QUEUED, RunStatus.RUNNING)

# The progress bar's share (start, width in percent) of each export stage: the 903 exports this year and
# the year before (its validator compares the two), the census this year only; the validator runs from 50.
EXPORT_SHARES = {
    ReturnName.SSDA903: {RunStage.EXPORTING: (0, 35), RunStage.EXPORTING_PREVIOUS: (35, 15)},
    ReturnName.CIN: {RunStage.EXPORTING: (0, 50)},
}


class ReturnRun(models.Model):
    """One export and validation of a return for a collection year (the year ending 31 March of
    `collection_year`: 2026 is 1 April 2025 to 31 March 2026), on demand or from the nightly schedule."""

    return_name = models.CharField(max_length=10, choices=ReturnName.choices, default=ReturnName.SSDA903)
    collection_year = models.PositiveSmallIntegerField(help_text="The year the collection ends on 31 March")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty for the nightly run",
    )
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    stage = models.CharField(max_length=20, choices=RunStage.choices, blank=True, default=RunStage.WAITING)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True, help_text="Why the run failed")
    files_zip = models.BinaryField(null=True, blank=True, help_text="The exported files (CSV or XML), as one zip")
    file_names = models.JSONField(default=list, blank=True)
    rules_run = models.PositiveIntegerField(default=0)
    failure_count = models.PositiveIntegerField(default=0)
    children_failing = models.PositiveIntegerField(default=0)
    not_checked_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["return_name", "collection_year", "status", "-finished_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=RunStatus.values), name="return_run_status_known"),
            models.CheckConstraint(
                condition=models.Q(return_name__in=ReturnName.values), name="return_run_return_known"
            ),
            models.CheckConstraint(
                condition=models.Q(progress_done__lte=models.F("progress_total")),
                name="return_run_progress_within_total",
            ),
            # Two runs of the same year at once would only race each other: a request waits for the first.
            models.UniqueConstraint(
                fields=["return_name", "collection_year"],
                condition=models.Q(status__in=["QUEUED", "RUNNING"]),
                name="one_unfinished_run_per_return_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_return_name_display()} {self.year_label} run {self.pk}"

    @property
    def year_label(self) -> str:
        return collection_year_label(self.collection_year)

    @property
    def is_unfinished(self) -> bool:
        return self.status in UNFINISHED

    @property
    def year_end(self) -> datetime.date:
        return collection_years.year_end(self.collection_year)

    @property
    def is_provisional(self) -> bool:
        """Exported before the collection year ended (on or before its 31 March, the council's day):
        a check of the record to date, not the return to send. It stays so after the year ends."""
        exported = self.started_at or self.requested_at
        return exported is not None and not collection_years.year_has_ended(
            self.collection_year, timezone.localdate(exported)
        )

    @property
    def percent(self) -> int:
        """How far the run has gone: the export's share counted child by child, then the validator."""
        if self.status == RunStatus.DONE:
            return 100
        share = EXPORT_SHARES[self.return_name]
        if self.stage in share:
            start, width = share[self.stage]
            return start + (width * self.progress_done // self.progress_total if self.progress_total else 0)
        return {RunStage.VALIDATING: 50, RunStage.STORING: 95}.get(self.stage, 0)


def collection_year_label(year: int) -> str:
    """2026 -> "2025-26" (the DfE's own way of naming a collection year)."""
    return collection_years.year_label(year)


class ReturnFailure(models.Model):
    """One failure the validator reported: a rule on a row of a file, for a child where it names one."""

    run = models.ForeignKey(ReturnRun, on_delete=models.CASCADE, related_name="failures")
    rule_code = models.CharField(max_length=20, db_index=True)
    message = models.TextField()
    child = models.ForeignKey(
        "people.Child",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="return_failures",
        help_text="The child the CHILD column names, where it is a Hearth ID of a child on the record",
    )
    child_reference = models.CharField(max_length=20, blank=True, help_text="The CHILD value as the file has it")
    file = models.CharField(max_length=40, blank=True)
    row = models.PositiveIntegerField(null=True, blank=True, help_text="The row as the validator reports it")
    columns = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["rule_code", "child_reference", "file", "row", "id"]

    def __str__(self) -> str:
        return f"Rule {self.rule_code} on {self.child_reference or 'the return'}"


class RuleNotChecked(models.Model):
    """A rule the validator could not check on these files (a known defect, or it stopped), with why.
    Shown apart from the failures: never the child's error, never hidden."""

    run = models.ForeignKey(ReturnRun, on_delete=models.CASCADE, related_name="rules_not_checked")
    rule_code = models.CharField(max_length=20)
    message = models.TextField(blank=True)
    reason = models.TextField()

    class Meta:
        ordering = ["rule_code", "id"]

    def __str__(self) -> str:
        return f"Rule {self.rule_code} not checked"


class ReconciliationStage(models.TextChoices):
    WAITING = "", "Waiting"
    EXPORTING_903 = "EXPORTING_903", "Exporting the SSDA903 of the year and the two years before"
    EXPORTING_CENSUS = "EXPORTING_CENSUS", "Exporting the children in need census of the year and the year before"
    COMPARING = "COMPARING", "Setting each figure beside the catalogue's"
    STORING = "STORING", "Storing the results"


# The progress bar's share (start, width in percent) of each stage: the three years' 903 cost most.
RECONCILIATION_SHARES = {
    ReconciliationStage.EXPORTING_903: (0, 55),
    ReconciliationStage.EXPORTING_CENSUS: (55, 25),
    ReconciliationStage.COMPARING: (80, 18),
    ReconciliationStage.STORING: (98, 2),
}


class ReconciliationRun(models.Model):
    """One working-out of the Reconciliation page for a complete collection year (docs/returns-903.md,
    "The Reconciliation page"): the returns exported from the record as it stood, each figure beside
    the catalogue's for 31 March, kept with the record's state it was worked out on, so the page shows
    it (and when it was worked out) until the record changes or someone asks for it again."""

    collection_year = models.PositiveSmallIntegerField(help_text="The year the collection ends on 31 March")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    stage = models.CharField(
        max_length=20, choices=ReconciliationStage.choices, blank=True, default=ReconciliationStage.WAITING
    )
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True, help_text="Why the run failed")
    record_state = models.PositiveBigIntegerField(
        default=0, help_text="The record's last change when the run began (the audit trail's last write)"
    )
    lines = models.JSONField(default=list, blank=True, help_text="Each figure, its counts and its differing children")

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["collection_year", "status", "-finished_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RunStatus.values), name="reconciliation_run_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(progress_done__lte=models.F("progress_total")),
                name="reconciliation_run_progress_within_total",
            ),
            # Two workings-out of the same year at once would only race each other.
            models.UniqueConstraint(
                fields=["collection_year"],
                condition=models.Q(status__in=["QUEUED", "RUNNING"]),
                name="one_unfinished_reconciliation_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"Reconciliation {self.year_label} run {self.pk}"

    @property
    def year_label(self) -> str:
        return collection_year_label(self.collection_year)

    @property
    def is_unfinished(self) -> bool:
        return self.status in UNFINISHED

    @property
    def percent(self) -> int:
        if self.status == RunStatus.DONE:
            return 100
        if self.stage not in RECONCILIATION_SHARES:
            return 0
        start, width = RECONCILIATION_SHARES[self.stage]
        return start + (width * self.progress_done // self.progress_total if self.progress_total else 0)
