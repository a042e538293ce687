"""Looked-after children and care leavers, as dated facts with their database constraints.

A period of care runs from the day a child becomes looked after to the day they cease. Within it,
the child's legal status and their placement are separate dated facts (DOMAIN 2.3, "the episode
rule"): SSDA903 episodes are derived from the union of the two, never typed in. Reviews, care plans
and health checks hang off the period; a care leaver's contacts and pathway plan reviews hang off
the child, because they continue after the last period of care ends.
"""

from django.conf import settings
from django.db import models

from hearth.care.codes import (
    Accommodation,
    Activity,
    CareEndReason,
    ContactMethod,
    HealthCheckKind,
    InTouch,
    LegalStatus,
    PlacementChangeReason,
    PlacementProvider,
    PlacementType,
    ReviewParticipation,
)
from hearth.frontdoor.models import PrimaryNeed

# The census category of need for a looked-after child: N1-N8 (N9 and N0 are not allowed by the 903).
CATEGORIES_OF_NEED = [(value, label) for value, label in PrimaryNeed.choices if value not in ("N9", "N0")]


def _ends_on_or_after_start(prefix: str) -> models.CheckConstraint:
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
            _ends_on_or_after_start("period_of_care"),
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
            _ends_on_or_after_start("legal_status"),
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
            _ends_on_or_after_start("placement"),
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


class CareLeaverContact(models.Model):
    """A personal adviser's contact with a care leaver, and their circumstances as found: in touch,
    main activity and accommodation (the OC3 items), so the return and the figures read from facts."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="care_leaver_contacts")
    contacted_on = models.DateField(db_index=True)
    method = models.CharField(max_length=10, choices=ContactMethod.choices)
    in_touch = models.CharField(max_length=4, choices=InTouch.choices)
    activity = models.CharField(max_length=2, choices=Activity.choices)
    accommodation = models.CharField(max_length=1, choices=Accommodation.choices)
    accommodation_suitable = models.BooleanField(null=True, help_text="Empty when there is no information")
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-contacted_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(in_touch__in=InTouch.values), name="care_leaver_in_touch_code"),
            models.CheckConstraint(condition=models.Q(activity__in=Activity.values), name="care_leaver_activity_code"),
            models.CheckConstraint(
                condition=models.Q(accommodation__in=Accommodation.values), name="care_leaver_accommodation_code"
            ),
            models.CheckConstraint(
                condition=models.Q(accommodation="0", accommodation_suitable__isnull=True)
                | (~models.Q(accommodation="0") & models.Q(accommodation_suitable__isnull=False)),
                name="care_leaver_suitability_with_accommodation",
            ),
        ]

    def __str__(self) -> str:
        return f"Care leaver contact on {self.contacted_on:%d %b %Y}"


class PathwayPlanReview(models.Model):
    """A pathway plan agreed or reviewed with a young person (eligible, relevant or former relevant)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="pathway_plan_reviews")
    reviewed_on = models.DateField(db_index=True)
    personal_adviser = models.CharField(max_length=200, help_text="The young person's personal adviser")
    summary = models.TextField(help_text="What the plan says and what changed")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["child", "reviewed_on"], name="one_pathway_review_per_day"),
            models.CheckConstraint(
                condition=~models.Q(personal_adviser="") & ~models.Q(summary=""), name="pathway_review_has_content"
            ),
        ]

    def __str__(self) -> str:
        return f"Pathway plan review on {self.reviewed_on:%d %b %Y}"


class IROAppointment(models.Model):
    """The Independent Reviewing Officer appointed to a looked-after child's case (Children Act 1989
    s25A), from a date until another is appointed or care ends. One appointment is current at a time;
    a change ends the last the day before the next begins, so the record keeps who was the IRO when."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="iro_appointments")
    iro = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="iro_appointments")
    started_on = models.DateField(db_index=True)
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = "IRO appointment"
        constraints = [
            models.UniqueConstraint(
                fields=["period"], condition=models.Q(ended_on__isnull=True), name="one_current_iro_appointment"
            ),
            models.UniqueConstraint(fields=["period", "started_on"], name="one_iro_appointment_per_day"),
            _ends_on_or_after_start("iro_appointment"),
        ]

    def __str__(self) -> str:
        return f"IRO {self.iro} from {self.started_on:%d %b %Y}"
