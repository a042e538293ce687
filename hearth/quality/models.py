"""Case audits: a quality lead's grading of the practice on one child's case, and the actions the
audit asks of the workers (taken up with the worker who holds the case, or their manager).

What is recorded is what a council's case audit tool records: the case and child audited, who
audited it and when, an optional theme (thematic audits: Seeds' "CSE risk assessments", "children
in need"), the grade on the four-point scale, what was done well, what must improve, and whether
the child's voice was evident in the record. Nothing here is derived: the grades by month and
team, the Q01 indicator and the worker's due actions are all read from these facts.
"""

from django.conf import settings
from django.db import models


class Grade(models.TextChoices):
    # The four-point scale the council's audits use (the Ofsted judgement words), best first.
    OUTSTANDING = "OUTSTANDING", "Outstanding"
    GOOD = "GOOD", "Good"
    REQUIRES_IMPROVEMENT = "REQUIRES_IMPROVEMENT", "Requires improvement"
    INADEQUATE = "INADEQUATE", "Inadequate"


GOOD_OR_BETTER = frozenset({Grade.OUTSTANDING, Grade.GOOD})
# A case graded below good must leave the audit with something for the worker to do.
GRADES_NEEDING_AN_ACTION = frozenset({Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE})


class CaseAudit(models.Model):
    """One audit of one child's case (the referral that opened it), graded on the four-point scale."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="case_audits")
    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="case_audits")
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    audited_on = models.DateField(db_index=True)
    theme = models.CharField(
        max_length=200, blank=True, help_text="For a thematic audit: what the audits this round look at"
    )
    grade = models.CharField(max_length=20, choices=Grade.choices)
    strengths = models.TextField(help_text="What is done well on the case")
    findings = models.TextField(help_text="What must improve, and why it matters for the child")
    child_voice_evident = models.BooleanField(help_text="The child's wishes and feelings are evident in the record")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-audited_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(grade__in=Grade.values), name="case_audit_grade_in_scale"),
            models.CheckConstraint(
                condition=~models.Q(strengths="") & ~models.Q(findings=""), name="case_audit_has_strengths_and_findings"
            ),
            # The same auditor submitting the same case twice on one day is a double submission.
            models.UniqueConstraint(
                fields=["referral", "auditor", "audited_on"], name="case_audit_once_per_auditor_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"Case audit of {self.child} on {self.audited_on:%d %b %Y}"

    @property
    def good_or_better(self) -> bool:
        return self.grade in GOOD_OR_BETTER


class AuditAction(models.Model):
    """Something an audit asks a worker to do by a date, then completed with the worker's response.

    `version` counts changes; the completion form carries the version it was opened on, so that a
    worker and their manager cannot both complete it, one silently over the other."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.PROTECT, related_name="actions")
    action = models.TextField(help_text="What must be done")
    worker = models.ForeignKey("workforce.Worker", on_delete=models.PROTECT, related_name="audit_actions")
    due_on = models.DateField(db_index=True)
    completed_on = models.DateField(null=True, blank=True)
    response = models.TextField(blank=True, help_text="What the worker did")
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(action=""), name="audit_action_says_what"),
            models.CheckConstraint(
                condition=models.Q(completed_on__isnull=True, completed_by__isnull=True, response="")
                | (models.Q(completed_on__isnull=False, completed_by__isnull=False) & ~models.Q(response="")),
                name="audit_action_completion_complete_or_absent",
            ),
        ]

    def __str__(self) -> str:
        return f"Audit action for {self.worker} due {self.due_on:%d %b %Y}"

    @property
    def child(self):
        """The audited child: a refusal or a view of the action is recorded against them."""
        return self.audit.child

    @property
    def is_open(self) -> bool:
        return self.completed_on is None


class CaseSupervision(models.Model):
    """Case supervision recorded on a child's file (docs/workforce.md "Supervision"): the manager and
    the worker holding the case discuss the child's plan, and the decisions made go on the file.
    Due quarterly for a looked-after child (T41) and monthly for a child on a child protection plan
    (T42), the council's local standards; read from these facts by the worklist and W06."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="case_supervisions")
    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="case_supervisions")
    worker = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_supervisions",
        help_text="Who held the case on the day (empty if nobody did)",
    )
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(db_index=True)
    decisions = models.TextField(help_text="The decisions made about the child's plan, with who and by when")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(decisions=""), name="case_supervision_records_decisions"),
            models.UniqueConstraint(fields=["referral", "held_on"], name="one_case_supervision_per_case_per_day"),
        ]

    def __str__(self) -> str:
        return f"Case supervision of {self.child} on {self.held_on:%d %b %Y}"


class PerformanceClinic(models.Model):
    """A performance clinic on one indicator (docs/workforce.md "Performance clinics"): held for a
    figure rated red (or, with the reason written down, one that is not), with who attended, the
    figure and rating as they stood that day, the rows behind it frozen (ClinicRow) and the actions
    agreed (ClinicAction). The value at the next clinic is the next clinic's own figure."""

    indicator_id = models.CharField(max_length=10, db_index=True)
    title = models.CharField(max_length=200, help_text="The indicator's title on the day")
    held_on = models.DateField(db_index=True, help_text="The day of the clinic; the figure is as of this day")
    attendees = models.TextField(help_text="Who attended, one a line")
    numerator = models.IntegerField()
    denominator = models.IntegerField()
    value = models.DecimalField(max_digits=12, decimal_places=1, null=True, blank=True)
    unit = models.CharField(max_length=10)
    rag = models.CharField(max_length=5, blank=True, help_text="red, amber or green on the day; empty with no target")
    reason_not_red = models.TextField(blank=True, help_text="Why a clinic was held on a figure not rated red")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(attendees=""), name="clinic_has_attendees"),
            models.CheckConstraint(
                condition=models.Q(rag="red") | ~models.Q(reason_not_red=""), name="clinic_not_red_has_a_reason"
            ),
            models.UniqueConstraint(fields=["indicator_id", "held_on"], name="one_clinic_per_indicator_per_day"),
        ]

    def __str__(self) -> str:
        return f"Performance clinic on {self.indicator_id} on {self.held_on:%-d %B %Y}"


class ClinicRow(models.Model):
    """One row behind the clinic's figure, frozen as the drill-down listed it that day: a child (or,
    for a workforce indicator, a worker: no child, docs/decisions/0009-worker-rows.md)."""

    clinic = models.ForeignKey(PerformanceClinic, on_delete=models.CASCADE, related_name="rows")
    subject = models.CharField(max_length=300)
    child = models.ForeignKey("people.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    worker = models.CharField(max_length=200)
    team = models.CharField(max_length=200)
    counted = models.BooleanField()

    class Meta:
        ordering = ["counted", "id"]

    def __str__(self) -> str:
        return f"{self.subject} at {self.clinic}"


class ClinicAction(models.Model):
    """An action the clinic agreed: what, its owner, when due; completed with what was done. On the
    owner's worklist until done; `version` refuses a stale completion, as an audit action's does."""

    clinic = models.ForeignKey(PerformanceClinic, on_delete=models.PROTECT, related_name="actions")
    action = models.TextField()
    owner = models.ForeignKey("workforce.Worker", on_delete=models.PROTECT, related_name="clinic_actions")
    due_on = models.DateField(db_index=True)
    completed_on = models.DateField(null=True, blank=True)
    response = models.TextField(blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(action=""), name="clinic_action_says_what"),
            models.CheckConstraint(
                condition=models.Q(completed_on__isnull=True, completed_by__isnull=True, response="")
                | (models.Q(completed_on__isnull=False, completed_by__isnull=False) & ~models.Q(response="")),
                name="clinic_action_completion_complete_or_absent",
            ),
        ]

    def __str__(self) -> str:
        return f"Clinic action for {self.owner} due {self.due_on:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.completed_on is None
