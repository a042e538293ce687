"""Children in need plans (Children Act 1989 s17) and their reviews, with their database constraints."""

from django.conf import settings
from django.db import models


class PlanEndReason(models.TextChoices):
    NEEDS_MET = "NEEDS_MET", "Child's needs met: no longer a child in need"
    STEP_DOWN = "STEP_DOWN", "Stepped down to early help"
    CHILD_PROTECTION = "CP_PLAN", "Child protection plan started"
    LOOKED_AFTER = "LOOKED_AFTER", "Child became looked after"
    MOVED = "MOVED", "Family moved to another local authority"
    CONSENT_WITHDRAWN = "CONSENT", "Family withdrew consent"
    CASE_CLOSED = "CASE_CLOSED", "Case closed"
    OTHER = "OTHER", "Other"


# Reasons a plan ends only because another record changed (written by the service that records it:
# the initial conference that starts a child protection plan, the case's closure, the child becoming
# looked after), never chosen by hand.
AUTOMATIC_END_REASONS = (PlanEndReason.CHILD_PROTECTION, PlanEndReason.CASE_CLOSED, PlanEndReason.LOOKED_AFTER)
CHOSEN_END_REASONS = [(value, label) for value, label in PlanEndReason.choices if value not in AUTOMATIC_END_REASONS]


class ReviewDecision(models.TextChoices):
    CONTINUE = "CONTINUE", "The plan continues as it is"
    CHANGE = "CHANGE", "The plan continues with changes"
    END = "END", "The plan ends"


class CinPlan(models.Model):
    """A child in need plan on an open case, agreed after an assessment that concluded one was needed.

    `version` counts the changes to the plan (each review, its end); a form carries the version it
    was opened on, so a change made meanwhile by someone else is refused, never overwritten.
    """

    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="cin_plans")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="cin_plans")
    assessment = models.ForeignKey("assessment.Assessment", on_delete=models.PROTECT, related_name="cin_plans")
    started_on = models.DateField(db_index=True)
    aims = models.TextField(help_text="What the plan is for: the outcomes the child and family are working towards")
    agreed_with = models.TextField(help_text="Who agreed the plan: family members and professionals")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_on = models.DateField(null=True, blank=True, db_index=True)
    end_reason = models.CharField(max_length=20, choices=PlanEndReason.choices, blank=True)
    end_note = models.TextField(blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=models.Q(ended_on__isnull=True), name="one_open_cin_plan_per_child"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="cin_plan_ends_on_or_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True, end_reason="", ended_by__isnull=True)
                | (models.Q(ended_on__isnull=False, ended_by__isnull=False) & ~models.Q(end_reason="")),
                name="cin_plan_end_complete_or_absent",
            ),
            models.CheckConstraint(
                condition=~models.Q(aims="") & ~models.Q(agreed_with=""), name="cin_plan_has_aims_and_agreement"
            ),
        ]

    def __str__(self) -> str:
        return f"Child in need plan for {self.child} from {self.started_on:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class CinPlanReview(models.Model):
    """A review of a child in need plan: who came, whether the plan continues, changes or ends, and why."""

    plan = models.ForeignKey(CinPlan, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(db_index=True)
    attendees = models.TextField(help_text="Who attended: family members and professionals")
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices)
    changes = models.TextField(blank=True, help_text="What changes in the plan, when it continues with changes")
    # Why the review decided as it did (what has changed for the child, what the family and
    # professionals said). Blank on reviews recorded before the reasons were kept; required of each since.
    decision_reasons = models.TextField("reasons for the decision", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "reviewed_on"], name="one_cin_review_per_plan_per_day"),
            models.CheckConstraint(condition=~models.Q(attendees=""), name="cin_review_has_attendees"),
            models.CheckConstraint(
                condition=~models.Q(decision="CHANGE") | ~models.Q(changes=""), name="cin_review_change_described"
            ),
        ]

    def __str__(self) -> str:
        return f"Review of {self.plan} on {self.reviewed_on:%d %b %Y}"
