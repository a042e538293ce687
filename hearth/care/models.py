"""Looked-after children, as dated facts with their database constraints.

A period of care runs from the day a child becomes looked after to the day they cease. Within it,
the child's legal status and their placement are separate dated facts (DOMAIN 2.3, "the episode
rule"): SSDA903 episodes are derived from the union of the two, never typed in. Care plans hang off
the period; so do the IRO's appointments (hearth/iro/models.py) and the reviews and health checks
(hearth/duties/models.py). A care leaver's contacts and pathway plan reviews hang off the child,
because they continue after the last period of care ends (hearth/leavers/models.py).
"""

from django.conf import settings
from django.db import models

from hearth.care.codes import (
    CareEndReason,
    LegalStatus,
    PlacementChangeReason,
    PlacementProvider,
    PlacementType,
)
from hearth.frontdoor.models import PrimaryNeed

# The census category of need for a looked-after child: N1-N8 (N9 and N0 are not allowed by the 903).
CATEGORIES_OF_NEED = [(value, label) for value, label in PrimaryNeed.choices if value not in ("N9", "N0")]


def ends_on_or_after_start(prefix: str) -> models.CheckConstraint:
    """A dated fact ends on or after the day it started (or has not ended)."""
    return models.CheckConstraint(
        condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
        name=f"{prefix}_ends_on_or_after_start",
    )


class PeriodOfCare(models.Model):
    """A continuous period during which the child is looked after by the council, on an open case.

    `version` counts changes (a legal status or placement change, the end); a form carries the
    version it was opened on, so a change made meanwhile by someone else is refused."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="periods_of_care")
    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="periods_of_care")
    started_on = models.DateField(db_index=True)
    category_of_need = models.CharField(max_length=2, choices=CATEGORIES_OF_NEED)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_on = models.DateField(null=True, blank=True, db_index=True)
    end_reason = models.CharField(max_length=3, choices=CareEndReason.choices, blank=True)
    end_note = models.TextField(blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name_plural = "periods of care"
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=models.Q(ended_on__isnull=True), name="one_open_period_of_care_per_child"
            ),
            ends_on_or_after_start("period_of_care"),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True, end_reason="", ended_by__isnull=True)
                | (
                    models.Q(ended_on__isnull=False, ended_by__isnull=False)
                    & models.Q(end_reason__in=CareEndReason.values)
                ),
                name="period_of_care_end_complete_or_absent",
            ),
            models.CheckConstraint(
                condition=models.Q(category_of_need__in=[value for value, _ in CATEGORIES_OF_NEED]),
                name="period_of_care_category_of_need_in_code_list",
            ),
        ]

    def __str__(self) -> str:
        return f"Period of care for {self.child} from {self.started_on:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class LegalStatusSpell(models.Model):
    """The legal status under which the child is looked after, from a date until it changes."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="legal_statuses")
    legal_status = models.CharField(max_length=2, choices=LegalStatus.choices)
    started_on = models.DateField(db_index=True)
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period"], condition=models.Q(ended_on__isnull=True), name="one_current_legal_status"
            ),
            models.UniqueConstraint(fields=["period", "started_on"], name="one_legal_status_change_per_day"),
            ends_on_or_after_start("legal_status"),
            models.CheckConstraint(
                condition=models.Q(legal_status__in=LegalStatus.values), name="legal_status_in_code_list"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.legal_status} from {self.started_on:%d %b %Y}"


class Placement(models.Model):
    """Where the child lives while looked after, with whom, and who provides it.

    `long_term_until_18` is the recorded decision that the placement is intended to last until the
    child is 18: it alone allows three-monthly visits after the first year (CPPCR reg 28(2)(c)(i)),
    and is never inferred from the placement type (DOMAIN 3.2)."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="placements")
    placement_type = models.CharField(max_length=2, choices=PlacementType.choices)
    provider = models.CharField(max_length=3, choices=PlacementProvider.choices)
    carer = models.CharField(max_length=200, help_text="The carer, or the name of the home")
    urn = models.CharField(
        "Ofsted URN", max_length=8, blank=True, help_text="The registered setting's or carer's agency's Ofsted number"
    )
    postcode = models.CharField("placement postcode", max_length=8, help_text="Where the child is placed")
    home_postcode = models.CharField(
        max_length=8, blank=True, help_text="The postcode of the home the child was living in before care"
    )
    inside_council_area = models.BooleanField(help_text="Whether the placement is inside the council's own area")
    long_term_until_18 = models.BooleanField(
        default=False, help_text="A recorded decision that the placement is intended to last until the child is 18"
    )
    started_on = models.DateField(db_index=True)
    ended_on = models.DateField(null=True, blank=True)
    change_reason = models.CharField(
        max_length=6, choices=PlacementChangeReason.choices, blank=True, help_text="Why the placement ended"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period"], condition=models.Q(ended_on__isnull=True), name="one_current_placement"
            ),
            models.UniqueConstraint(fields=["period", "started_on"], name="one_placement_change_per_day"),
            ends_on_or_after_start("placement"),
            models.CheckConstraint(
                condition=models.Q(placement_type__in=PlacementType.values), name="placement_type_in_code_list"
            ),
            models.CheckConstraint(
                condition=models.Q(provider__in=PlacementProvider.values), name="placement_provider_in_code_list"
            ),
            models.CheckConstraint(condition=~models.Q(carer="") & ~models.Q(postcode=""), name="placement_has_carer"),
        ]

    def __str__(self) -> str:
        return f"{self.placement_type} with {self.carer} from {self.started_on:%d %b %Y}"


class CarePlan(models.Model):
    """The child's care plan as agreed (or updated) on a date; the latest is the one in force. A care
    plan is up to date when it was agreed on or after the child's last looked-after review."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="care_plans")
    agreed_on = models.DateField(db_index=True)
    permanence_plan = models.TextField(help_text="The plan for where the child will grow up")
    summary = models.TextField(help_text="What the plan says: the child's needs and how they will be met")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-agreed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["period", "agreed_on"], name="one_care_plan_per_day"),
            models.CheckConstraint(
                condition=~models.Q(permanence_plan="") & ~models.Q(summary=""), name="care_plan_has_content"
            ),
        ]

    def __str__(self) -> str:
        return f"Care plan agreed {self.agreed_on:%d %b %Y}"
