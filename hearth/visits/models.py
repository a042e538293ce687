"""Statutory visits to a child, whether the child was seen (and seen alone), and the child's voice."""

from django.conf import settings
from django.db import models


class VisitNotPossibleReason(models.Model):
    """Why a planned visit could not happen, kept as data (disabled, never deleted, once used).

    Figures report these visits separately: a child out of the country cannot be seen, and the
    seeds count such visits apart from the ones that were simply missed."""

    code = models.CharField(max_length=20, primary_key=True)
    label = models.CharField(max_length=200)
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label


class Visit(models.Model):
    """A statutory visit to a child on an open case (or an attempt that could not happen)."""

    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="visits")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField(db_index=True)
    visitor = models.ForeignKey("workforce.Worker", on_delete=models.PROTECT, related_name="visits")
    happened = models.BooleanField(help_text="False when the visit could not happen")
    seen = models.BooleanField(default=False)
    seen_alone = models.BooleanField(default=False)
    child_voice = models.TextField(blank=True, help_text="What the child said or showed, in their words")
    not_possible_reason = models.ForeignKey(
        VisitNotPossibleReason, null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    not_possible_detail = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-id"]
        # Each child's latest visit (latest_attempts, last_seen_visits: the worklist, V01, P06).
        indexes = [models.Index(fields=["child", "visited_on"], name="visit_child_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(seen_alone=True) | models.Q(seen=True), name="visit_seen_alone_only_if_seen"
            ),
            models.CheckConstraint(
                condition=models.Q(happened=True, not_possible_reason__isnull=True)
                | models.Q(happened=False, seen=False, not_possible_reason__isnull=False),
                name="visit_happened_or_reason_given",
            ),
            models.CheckConstraint(
                condition=models.Q(seen=False) | ~models.Q(child_voice=""), name="visit_seen_child_voice_recorded"
            ),
        ]

    def __str__(self) -> str:
        return f"Visit to {self.child} on {self.visited_on:%d %b %Y}"

    @property
    def outcome(self) -> str:
        if not self.happened:
            return f"Could not happen: {self.not_possible_reason}"
        if self.seen_alone:
            return "Child seen alone"
        if self.seen:
            return "Child seen, not alone"
        return "Visited, child not seen"
