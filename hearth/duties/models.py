"""A looked-after child's statutory duties as recorded facts: the looked-after reviews and the health
and dental checks, each on the period of care (hearth/care/models.py). When they fall due is
hearth/duties/due_dates.py's to say.

The tables were care's until the care app was split (docs/decisions/0006-care-apps.md): their rows
moved with them, renamed from care_carereview and care_healthcheck to duties_carereview and
duties_healthcheck, nothing else changed."""

from django.conf import settings
from django.db import models

from hearth.care.models import PeriodOfCare
from hearth.duties.codes import HealthCheckKind, ReviewParticipation


class CareReview(models.Model):
    """A looked-after child's review, chaired by an Independent Reviewing Officer (CPPCR reg 33)."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField(db_index=True)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    participation = models.CharField(max_length=3, choices=ReviewParticipation.choices)
    recommendations = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["period", "held_on"], name="one_care_review_per_day"),
            models.CheckConstraint(
                condition=models.Q(participation__in=ReviewParticipation.values),
                name="care_review_participation_in_code_list",
            ),
            models.CheckConstraint(condition=~models.Q(recommendations=""), name="care_review_has_recommendations"),
        ]

    def __str__(self) -> str:
        return f"Looked-after review on {self.held_on:%d %b %Y}"


class HealthCheck(models.Model):
    """A health assessment (initial or review) or a dental check of a looked-after child. A refusal is
    recorded as such (the seeds track refusals): it is not a check done."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="health_checks")
    kind = models.CharField(max_length=6, choices=HealthCheckKind.choices)
    done_on = models.DateField(db_index=True)
    refused = models.BooleanField(default=False, help_text="The child (or, for a young child, the parent) refused")
    done_by = models.CharField(max_length=200, blank=True, help_text="Who carried it out")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-done_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["period", "kind", "done_on"], name="one_health_check_of_a_kind_per_day"),
            models.CheckConstraint(condition=models.Q(kind__in=HealthCheckKind.values), name="health_check_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.done_on:%d %b %Y}"
