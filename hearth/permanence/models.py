"""Permanence facts about a looked-after child, each dated and written by one service
(hearth/permanence/services.py):

- the previous permanence found when a period of care starts (903 PrevPerm): an earlier adoption,
  special guardianship order or child arrangements order, the council that arranged it and its date
  (parts of which may be unknown, as the DfE allows), or that there was none;
- the agency decision maker's decision that the child should be placed for adoption (903 AD1
  DATE_INT and PlacedAdoption DATE_PLACED), and its reversal with the reason (DATE_PLACED_CEASED,
  REASON_PLACED_CEASED);
- the match of the child with prospective adopters (AD1 DATE_MATCH) with the adopters' number, sex
  and legal status (NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR).

The other milestones of an adoption are care's facts and are read from there, never copied: the
placement order is the legal status E1, the placement for adoption a placement A3 to A6, and the
adoption order the end of the period of care with reason E11 or E12 (hearth/care/models.py).
"""

from django.conf import settings
from django.db import models

from hearth.permanence.codes import (
    COUPLE,
    SEXES_FOR_LEGAL_STATUS,
    SINGLE_ADOPTER,
    AdoptersLegalStatus,
    AdoptersSex,
    DecisionReversalReason,
    PermanencePlanType,
    PreviousPermanenceOption,
)


class PreviousPermanence(models.Model):
    """What was found, when the child started this period of care, about any earlier adoption,
    special guardianship order or child arrangements order (903 PrevPerm): one per period.

    The order's date may be known only in part (the DfE's ZZ/MM/YYYY, ZZ/ZZ/YYYY, ZZ/ZZ/ZZZZ): each
    part is kept separately, empty when not known. `la_code` is the DfE code of the council that
    arranged it (WAL, SCO, NIR, NUK outside England), empty when not known or when there was none."""

    period = models.OneToOneField("care.PeriodOfCare", on_delete=models.PROTECT, related_name="previous_permanence")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="previous_permanence")
    option = models.CharField(max_length=2, choices=PreviousPermanenceOption.choices)
    la_code = models.CharField("council's code", max_length=3, blank=True)
    order_year = models.PositiveSmallIntegerField(null=True, blank=True)
    order_month = models.PositiveSmallIntegerField(null=True, blank=True)
    order_day = models.PositiveSmallIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)  # raised by each correction
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "previous permanence"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(option__in=PreviousPermanenceOption.values), name="previous_permanence_code"
            ),
            models.CheckConstraint(
                condition=~models.Q(option="Z1")
                | models.Q(la_code="", order_year__isnull=True, order_month__isnull=True, order_day__isnull=True),
                name="previous_permanence_none_has_no_order",
            ),
            models.CheckConstraint(
                condition=(models.Q(order_day__isnull=True) | models.Q(order_month__isnull=False))
                & (models.Q(order_month__isnull=True) | models.Q(order_year__isnull=False)),
                name="previous_permanence_date_parts_from_the_year",
            ),
            models.CheckConstraint(
                condition=models.Q(order_month__isnull=True) | models.Q(order_month__gte=1, order_month__lte=12),
                name="previous_permanence_month_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Previous permanence {self.option} for the period from {self.period.started_on:%d %b %Y}"


class AdoptionDecision(models.Model):
    """The agency decision maker's decision that the child should be placed for adoption, made while
    the child was looked after (in `period`), and, if it was reversed, when and why. At most one
    decision is in force for a child; a new one follows only a reversal (903 rules 579, 583).

    `version` counts changes (today: the reversal), so a form opened before someone else's change is
    refused."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="adoption_decisions")
    period = models.ForeignKey("care.PeriodOfCare", on_delete=models.PROTECT, related_name="adoption_decisions")
    decided_on = models.DateField(db_index=True)
    reversed_on = models.DateField(null=True, blank=True)
    reversal_reason = models.CharField(max_length=3, choices=DecisionReversalReason.choices, blank=True)
    reversed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period"], condition=models.Q(reversed_on__isnull=True), name="one_adoption_decision_in_force"
            ),
            models.CheckConstraint(
                condition=models.Q(reversed_on__isnull=True, reversal_reason="", reversed_by__isnull=True)
                | models.Q(
                    reversed_on__isnull=False,
                    reversed_by__isnull=False,
                    reversal_reason__in=DecisionReversalReason.values,
                ),
                name="adoption_decision_reversal_complete_or_absent",
            ),
            models.CheckConstraint(
                condition=models.Q(reversed_on__isnull=True) | models.Q(reversed_on__gte=models.F("decided_on")),
                name="adoption_decision_reversed_after_made",
            ),
        ]

    def __str__(self) -> str:
        return f"Decision to place for adoption, {self.decided_on:%d %b %Y}"

    @property
    def in_force(self) -> bool:
        return self.reversed_on is None


def _legal_status_fits_sex() -> models.Q:
    fits = models.Q()
    for legal_status, sexes in SEXES_FOR_LEGAL_STATUS.items():
        fits |= models.Q(adopters_legal_status=legal_status, adopters_sex__in=sorted(sexes))
    return fits


class AdoptionMatch(models.Model):
    """The child matched with prospective adopters under a decision: which household, and what the
    903 asks about the adopters. A match that falls through is followed by another; the latest is the one that
    counts."""

    decision = models.ForeignKey(AdoptionDecision, on_delete=models.PROTECT, related_name="matches")
    matched_on = models.DateField(db_index=True)
    adopters_number = models.PositiveSmallIntegerField(choices=[(1, "One adopter"), (2, "Two adopters")])
    adopters_sex = models.CharField(max_length=2, choices=AdoptersSex.choices)
    adopters_legal_status = models.CharField(max_length=3, choices=AdoptersLegalStatus.choices)
    # The household the child is matched with: adopters in the register of placement providers, or the
    # child's own foster carers adopting them. Empty only for a match read from a past 903 return,
    # which does not name the adopters.
    adopters = models.ForeignKey(
        "care.Provider", on_delete=models.PROTECT, null=True, blank=True, related_name="adoption_matches"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-matched_on", "-id"]
        verbose_name_plural = "adoption matches"
        constraints = [
            models.UniqueConstraint(fields=["decision", "matched_on"], name="one_adoption_match_per_day"),
            models.CheckConstraint(
                condition=models.Q(adopters_number=1, adopters_sex__in=sorted(SINGLE_ADOPTER))
                | models.Q(adopters_number=2, adopters_sex__in=sorted(COUPLE)),
                name="adoption_match_number_fits_sex",
            ),
            models.CheckConstraint(condition=_legal_status_fits_sex(), name="adoption_match_legal_status_fits_sex"),
        ]

    def __str__(self) -> str:
        return f"Matched with adopters on {self.matched_on:%d %b %Y}"


class PermanencePlan(models.Model):
    """The plan for permanence agreed for a child in a period of care, on a day (expected by the
    second looked-after review). A change of plan is a new row, dated, with why it changed; the
    latest in the period is the plan now, and the earlier ones stay on the record."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="permanence_plans")
    period = models.ForeignKey("care.PeriodOfCare", on_delete=models.PROTECT, related_name="permanence_plans")
    plan = models.CharField(max_length=24, choices=PermanencePlanType.choices)
    agreed_on = models.DateField(db_index=True)
    reason = models.TextField(blank=True)  # why the plan changed (empty for the first plan)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-agreed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["period", "agreed_on"], name="one_permanence_plan_per_period_day"),
            models.CheckConstraint(condition=models.Q(plan__in=PermanencePlanType.values), name="permanence_plan_type"),
        ]

    def __str__(self) -> str:
        return f"Plan for permanence: {self.get_plan_display()}, agreed {self.agreed_on:%d %b %Y}"
