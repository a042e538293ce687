from django.conf import settings
from django.db import models


class AssessmentOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "NFA", "No further action"
    EARLY_HELP = "EARLY_HELP", "Step down to early help"
    CIN_PLAN = "CIN_PLAN", "Child in need plan"
    STRATEGY_DISCUSSION = "STRATEGY", "Strategy discussion"


class Assessment(models.Model):
    """A single assessment of a child in a case: started by the social worker, authorised by a
    manager (authorisation stops both the Working Together and the census clocks)."""

    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="assessments")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="assessments")
    worker = models.ForeignKey("workforce.Worker", on_delete=models.PROTECT, related_name="assessments")
    started_on = models.DateField(db_index=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    authorised_on = models.DateField(null=True, blank=True, db_index=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=AssessmentOutcome.choices, blank=True)

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral"], condition=models.Q(authorised_on__isnull=True), name="one_open_assessment_per_case"
            ),
            models.CheckConstraint(
                condition=models.Q(authorised_on__isnull=True) | models.Q(authorised_on__gte=models.F("started_on")),
                name="assessment_authorised_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(authorised_on__isnull=True, authorised_by__isnull=True, outcome="")
                | (models.Q(authorised_on__isnull=False, authorised_by__isnull=False) & ~models.Q(outcome="")),
                name="assessment_authorisation_complete_or_absent",
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment of {self.child} started {self.started_on:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.authorised_on is None
