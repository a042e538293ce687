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


class VisitPlace(models.TextChoices):
    """Where the child was seen: a bedroom is seen on a visit to where the child lives."""

    HOME = "HOME", "At the child's home"
    PLACEMENT = "PLACEMENT", "At the child's placement (foster carers, children's home or other)"
    SCHOOL = "SCHOOL", "At school, college or nursery"
    OFFICE = "OFFICE", "At the office or a family centre"
    ELSEWHERE = "ELSEWHERE", "Somewhere else"


# Where the child lives: the places at which the child's bedroom should be seen.
PLACES_WITH_THE_CHILDS_BEDROOM = (VisitPlace.HOME, VisitPlace.PLACEMENT)


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
    # The write-up of a visit that happened, on the visit itself (docs/visits.md, "The write-up").
    # Blank on visits recorded before these were kept; required of a visit that happened since.
    place = models.CharField("where the visit took place", max_length=10, choices=VisitPlace.choices, blank=True)
    bedroom_seen = models.BooleanField(
        "the child's bedroom was seen", null=True, blank=True, help_text="Asked when seen where they live"
    )
    others_seen = models.TextField("who else was seen", blank=True)
    observations = models.TextField("what the visitor saw", blank=True)
    next_steps = models.TextField("what happens next", blank=True)
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
            # The write-up belongs to a visit that happened; a visit that could not happen has none.
            models.CheckConstraint(
                condition=models.Q(happened=True)
                | models.Q(place="", bedroom_seen__isnull=True, others_seen="", observations="", next_steps=""),
                name="visit_write_up_only_if_happened",
            ),
            models.CheckConstraint(
                condition=models.Q(place="") | models.Q(place__in=VisitPlace.values), name="visit_place_in_list"
            ),
        ]

    def __str__(self) -> str:
        return f"Visit to {self.child} on {self.visited_on:%d %b %Y}"

    @property
    def write_up(self) -> list[tuple[str, str]]:
        """The visit's write-up as (label, text), leaving out what was not recorded (visits recorded
        before the write-up was kept have only the child's voice)."""
        where = self.get_place_display() if self.place else ""
        if self.bedroom_seen is not None:
            where += ("; " if where else "") + ("bedroom seen" if self.bedroom_seen else "bedroom not seen")
        lines = [
            ("Where", where),
            ("The child's voice", self.child_voice),
            ("Who else was seen", self.others_seen),
            ("What the visitor saw", self.observations),
            ("What happens next", self.next_steps),
        ]
        return [(label, text) for label, text in lines if text]

    @property
    def outcome(self) -> str:
        if not self.happened:
            return f"Could not happen: {self.not_possible_reason}"
        if self.seen_alone:
            return "Child seen alone"
        if self.seen:
            return "Child seen, not alone"
        return "Visited, child not seen"
