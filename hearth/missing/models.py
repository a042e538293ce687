"""A looked-after child missing from their placement, or away from it without authorisation (the
SSDA903 Missing file: MISSING M or A, MIS_START, MIS_END), with the return home interview offered
after they came back (statutory guidance on children who run away or go missing from home or care,
2014: offered within 72 hours of the return, timescale T30).

Times are kept (the 72 hours run from the return's time); the 903 reads the dates. The episode
belongs to the period of care it started in: the DfE counts missing episodes of looked-after
children only (rules 578 and 581)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from hearth.missing.codes import InterviewResponse, MissingKind


class MissingEpisode(models.Model):
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="missing_episodes")
    period = models.ForeignKey("care.PeriodOfCare", on_delete=models.PROTECT, related_name="missing_episodes")
    kind = models.CharField(max_length=1, choices=MissingKind.choices)
    started_at = models.DateTimeField(db_index=True, help_text="When the child went missing or away")
    returned_at = models.DateTimeField(null=True, blank=True, help_text="When the child came back or was found")
    interview_offered_at = models.DateTimeField(null=True, blank=True)
    interview_response = models.CharField(max_length=8, choices=InterviewResponse.choices, blank=True)
    version = models.PositiveIntegerField(default=1)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=MissingKind.values), name="missing_kind_is_a_903_code"),
            models.CheckConstraint(
                condition=Q(returned_at__isnull=True) | Q(returned_at__gte=F("started_at")),
                name="missing_returned_after_start",
            ),
            models.CheckConstraint(
                condition=Q(interview_offered_at__isnull=True)
                | (Q(returned_at__isnull=False) & Q(interview_offered_at__gte=F("returned_at"))),
                name="missing_interview_offered_after_return",
            ),
            models.CheckConstraint(
                condition=Q(interview_response="") | Q(interview_offered_at__isnull=False),
                name="missing_interview_answered_only_when_offered",
            ),
            models.UniqueConstraint(
                fields=["child"], condition=Q(returned_at__isnull=True), name="one_open_missing_episode_per_child"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display().split(' (')[0]} from {self.started_at:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.returned_at is None
