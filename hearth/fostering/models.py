"""Households approved to foster (the council's own and the agencies') or to adopt, as dated facts
beside the register of placement providers (hearth/care/models.py Provider) that placements name.

An approval holds the terms a household was approved on: the day, the places, the age range of the
children, the bedrooms and the terms in words. Its status is a series of dated changes (active, on
hold, resigned, retired, deregistered with a reason); the latest on or before a day is the status
that day. A young person staying put with former foster carers after 18 takes one of the
household's places. An exemption lets one named child be placed beyond the household's places or
age range, granted by a manager with a reason (Fostering Services (England) Regulations 2011,
schedule 7: the usual fostering limit and its exemptions)."""

from django.conf import settings
from django.db import models

# The oldest a child placed with foster carers or adopters can be approved for (under 18).
OLDEST_AGE = 17


class HouseholdStatus(models.TextChoices):
    ACTIVE = "ACTIVE", "Active"
    ON_HOLD = "ON_HOLD", "On hold"
    RESIGNED = "RESIGNED", "Resigned"
    RETIRED = "RETIRED", "Retired"
    DEREGISTERED = "DEREGISTERED", "Deregistered"


# A household with one of these statuses is no longer approved: its places are gone.
ENDED_STATUSES = frozenset({HouseholdStatus.RESIGNED, HouseholdStatus.RETIRED, HouseholdStatus.DEREGISTERED})


class Approval(models.Model):
    """A household of the register approved as foster carers or adopters, on its terms of approval.
    Its places, ages, bedrooms and terms are those it was first approved on; a review that approves
    it on new terms is a `TermsChange` from a day (the approval's own terms hold until the first).
    `version` counts status and terms changes, so a change made meanwhile by someone else is refused."""

    provider = models.OneToOneField("care.Provider", on_delete=models.PROTECT, related_name="approval")
    approved_on = models.DateField(db_index=True)
    places = models.PositiveSmallIntegerField(help_text="How many children the household is approved for")
    youngest_age = models.PositiveSmallIntegerField(help_text="The youngest age, in years, of a child placed")
    oldest_age = models.PositiveSmallIntegerField(help_text="The oldest age, in years, of a child placed")
    bedrooms = models.PositiveSmallIntegerField(help_text="Bedrooms for children placed")
    terms = models.TextField(blank=True, help_text="The terms of approval in words")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["provider__name", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(places__gte=1), name="approval_has_a_place"),
            models.CheckConstraint(
                condition=models.Q(youngest_age__lte=models.F("oldest_age"), oldest_age__lte=OLDEST_AGE),
                name="approval_age_range_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider.name}: approved {self.approved_on:%d %b %Y}"

    @property
    def age_range(self) -> str:
        return f"{self.youngest_age} to {self.oldest_age}"


class StatusChange(models.Model):
    """The household's status from a day until the next change. The first is `ACTIVE` on the day of
    approval; a deregistration says why."""

    approval = models.ForeignKey(Approval, on_delete=models.PROTECT, related_name="statuses")
    status = models.CharField(max_length=12, choices=HouseholdStatus.choices)
    changed_on = models.DateField(db_index=True)
    reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["approval", "changed_on"], name="one_household_status_change_a_day"),
            models.CheckConstraint(condition=models.Q(status__in=HouseholdStatus.values), name="household_status"),
            models.CheckConstraint(
                condition=~models.Q(status=HouseholdStatus.DEREGISTERED) | ~models.Q(reason=""),
                name="deregistration_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} from {self.changed_on:%d %b %Y}"


class TermsChange(models.Model):
    """The household approved on new terms from a day (a review of approval, Fostering Services
    (England) Regulations 2011 regulation 28): the places, age range, bedrooms and terms in force
    from then until the next change. The earlier terms stay on the record; a placement is held to
    the terms in force on the day it starts."""

    approval = models.ForeignKey(Approval, on_delete=models.PROTECT, related_name="terms_changes")
    changed_on = models.DateField(db_index=True)
    places = models.PositiveSmallIntegerField()
    youngest_age = models.PositiveSmallIntegerField()
    oldest_age = models.PositiveSmallIntegerField()
    bedrooms = models.PositiveSmallIntegerField()
    terms = models.TextField(blank=True)
    reason = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["approval", "changed_on"], name="one_terms_change_a_day"),
            models.CheckConstraint(condition=models.Q(places__gte=1), name="terms_change_has_a_place"),
            models.CheckConstraint(
                condition=models.Q(youngest_age__lte=models.F("oldest_age"), oldest_age__lte=OLDEST_AGE),
                name="terms_change_age_range_in_order",
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="terms_change_has_reason"),
        ]

    def __str__(self) -> str:
        return f"New terms from {self.changed_on:%d %b %Y}"

    @property
    def age_range(self) -> str:
        return f"{self.youngest_age} to {self.oldest_age}"


class StayingPut(models.Model):
    """A young person who stays with their former foster carers after 18 (Children Act 1989 s23CZA):
    they take one of the household's places while the arrangement lasts."""

    approval = models.ForeignKey(Approval, on_delete=models.PROTECT, related_name="staying_put")
    young_person = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="staying_put")
    started_on = models.DateField(db_index=True)
    ended_on = models.DateField(null=True, blank=True)
    # Why it ended (the young person moved on, turned 21, went home...): given with the end, never without.
    end_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name_plural = "staying put arrangements"
        constraints = [
            models.UniqueConstraint(
                fields=["young_person"], condition=models.Q(ended_on__isnull=True), name="one_open_staying_put"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="staying_put_ends_on_or_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True, end_reason="")
                | (models.Q(ended_on__isnull=False) & ~models.Q(end_reason="")),
                name="staying_put_end_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Staying put from {self.started_on:%d %b %Y}"


class PlacementExemption(models.Model):
    """A manager's decision that one child may be placed with the household beyond its approved
    places or age range, with the reason. A placement of that child with the household from that
    day is then not refused for its places or ages."""

    approval = models.ForeignKey(Approval, on_delete=models.PROTECT, related_name="exemptions")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="placement_exemptions")
    granted_on = models.DateField()
    reason = models.TextField()
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-granted_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="placement_exemption_has_reason"),
        ]

    def __str__(self) -> str:
        return f"Exemption granted {self.granted_on:%d %b %Y}"
