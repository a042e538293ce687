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
