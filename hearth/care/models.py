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
    ALL_PLACEMENT_TYPES,
    CareEndReason,
    LegalStatus,
    PlacementChangeReason,
    PlacementProvider,
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


class CareDecision(models.Model):
    """The decision to look after the child, recorded with the start of care: who approved it (a
    service manager or the director, as the council's threshold requires: HEARTH_CARE_DECISION_BY)
    and when, on or before the day care started. When the child had to be looked after first (an
    emergency), it is recorded as one, and the approval follows (rule T51, on the worklists until
    then). A period of care with no decision began before Hearth recorded decisions: history, shown
    as "not recorded", never as work overdue (docs/looked-after.md)."""

    period = models.OneToOneField(PeriodOfCare, on_delete=models.PROTECT, related_name="decision")
    emergency = models.BooleanField(default=False, help_text="Looked after before the decision was approved")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(approved_by__isnull=True, approved_on__isnull=True)
                | models.Q(approved_by__isnull=False, approved_on__isnull=False),
                name="care_decision_approval_complete_or_absent",
            ),
            models.CheckConstraint(
                condition=models.Q(emergency=True) | models.Q(approved_by__isnull=False),
                name="care_decision_approved_unless_an_emergency",
            ),
        ]

    def __str__(self) -> str:
        return f"Decision to look after {self.period.child}"

    @property
    def awaiting_approval(self) -> bool:
        return self.approved_by_id is None


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


class ProviderKind(models.TextChoices):
    """What kind of provider a register entry is. The DfE's PLACE_PROVIDER code (PR0-PR5) is recorded
    beside it; which codes fit each kind is the register's rule (KIND_PROVIDER_CODES)."""

    COUNCIL_FOSTER_CARERS = "COUNCIL_FOSTER", "The council's foster carers (a household)"
    AGENCY_FOSTER_CARERS = "AGENCY_FOSTER", "Foster carers with an independent fostering agency (a household)"
    FOSTERING_AGENCY = "FOSTERING_AGENCY", "Independent fostering agency"
    ADOPTERS = "ADOPTERS", "Adopters (a household)"
    CHILDRENS_HOME = "CHILDRENS_HOME", "Children's home"
    SUPPORTED_ACCOMMODATION = "SUPPORTED", "Supported accommodation"
    OTHER_COUNCIL = "OTHER_COUNCIL", "Another council's provision"
    OTHER_SETTING = "OTHER_SETTING", "Other setting (school, hospital, family centre, custody)"
    PARENTS = "PARENTS", "Parents or others with parental responsibility"


# The PLACE_PROVIDER codes a kind of provider can have (903 rule 178's list, narrowed by what each is).
KIND_PROVIDER_CODES = {
    ProviderKind.COUNCIL_FOSTER_CARERS: ("PR1",),
    ProviderKind.AGENCY_FOSTER_CARERS: ("PR4", "PR5"),
    ProviderKind.FOSTERING_AGENCY: ("PR4", "PR5"),
    ProviderKind.ADOPTERS: ("PR1", "PR2", "PR4", "PR5"),
    ProviderKind.CHILDRENS_HOME: ("PR1", "PR2", "PR4", "PR5"),
    ProviderKind.SUPPORTED_ACCOMMODATION: ("PR1", "PR2", "PR4", "PR5"),
    ProviderKind.OTHER_COUNCIL: ("PR2",),
    ProviderKind.OTHER_SETTING: ("PR1", "PR2", "PR3", "PR4", "PR5"),
    ProviderKind.PARENTS: ("PR0",),
}


class Provider(models.Model):
    """One entry in the council's register of placement providers: a children's home or other setting
    (with its Ofsted URN), a household of the council's own foster carers or of an independent
    fostering agency's, an agency, another council's provision, or a child's parents.

    A placement names its provider; the 903's PLACE_PROVIDER and URN come from here. A household of
    an agency's foster carers names its agency, whose URN and code it takes (`urn_for_return`,
    `code_for_return`). Foster carer and adopter households' approvals are beside it (hearth/fostering).
    `version` counts edits, so an edit made meanwhile by someone else is refused."""

    kind = models.CharField(max_length=20, choices=ProviderKind.choices)
    name = models.CharField(max_length=200, help_text="The carers' names, or the name of the home or setting")
    provider_code = models.CharField("provider (PLACE_PROVIDER)", max_length=3, choices=PlacementProvider.choices)
    urn = models.CharField(
        "Ofsted URN", max_length=8, blank=True, help_text="The setting's or the fostering service's Ofsted number"
    )
    postcode = models.CharField(max_length=8, blank=True, help_text="The setting's postcode (blank for a household)")
    agency = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="households",
        limit_choices_to={"kind": ProviderKind.FOSTERING_AGENCY},
        help_text="For an agency's foster carers: their independent fostering agency",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(provider_code__in=PlacementProvider.values), name="provider_code_in_code_list"
            ),
            models.CheckConstraint(condition=models.Q(kind__in=ProviderKind.values), name="provider_kind_in_list"),
            models.CheckConstraint(condition=~models.Q(name=""), name="provider_has_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.urn_for_return})" if self.urn_for_return else self.name

    @property
    def urn_for_return(self) -> str:
        """The URN the 903 reports: an agency household's is its agency's."""
        return self.agency.urn if self.agency_id and not self.urn else self.urn

    @property
    def code_for_return(self) -> str:
        return self.agency.provider_code if self.agency_id else self.provider_code


class Placement(models.Model):
    """Where the child lives while looked after, with whom (a provider in the register), and where.

    `postcode` is the child's placement address (903 PL_POST). `local_authority` is the upper-tier
    council that postcode is in (903 PL_LA: an ONS code, or SCO, WAL, NIR outside England), and
    `inside_council_area` whether that is this council (PL_LOCATION); both are derived from the ONS
    directory when the placement is recorded, never typed in, and blank/None when the postcode is not
    in the directory. `long_term_until_18` is the recorded decision that the placement is intended to
    last until the child is 18: it alone allows three-monthly visits after the first year (CPPCR reg
    28(2)(c)(i)), and is never inferred from the placement type (DOMAIN 3.2)."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="placements")
    placement_type = models.CharField(max_length=3, choices=ALL_PLACEMENT_TYPES)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="placements")
    postcode = models.CharField("placement postcode", max_length=8, help_text="Where the child is placed")
    home_postcode = models.CharField(
        max_length=8, blank=True, help_text="The postcode of the home the child was living in before care"
    )
    local_authority = models.CharField(
        "local authority of the placement", max_length=9, blank=True, help_text="Derived from the placement postcode"
    )
    inside_council_area = models.BooleanField(
        null=True, help_text="Whether the placement is inside the council's own area (derived; None: not known)"
    )
    long_term_until_18 = models.BooleanField(
        default=False, help_text="A recorded decision that the placement is intended to last until the child is 18"
    )
    started_on = models.DateField(db_index=True)
    ended_on = models.DateField(null=True, blank=True)
    change_reason = models.CharField(
        max_length=6, choices=PlacementChangeReason.choices, blank=True, help_text="Why the placement ended"
    )
    # A placement more than 20 miles from the home the child left is made only on a manager's recorded
    # approval, with the risk assessment behind it (docs/looked-after.md, "Placements far from home").
    # Blank on placements recorded before the rule, and on those within 20 miles or not known.
    distance_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    distance_approved_on = models.DateField(null=True, blank=True)
    distance_risk_assessment = models.TextField(blank=True)
    # Where the approval is held when the placement came from before Hearth (an imported return's line).
    distance_approval_held_in = models.CharField(max_length=200, blank=True)
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
                condition=models.Q(
                    distance_approved_by__isnull=True, distance_approved_on__isnull=True, distance_risk_assessment=""
                )
                | (
                    models.Q(distance_approved_by__isnull=False, distance_approved_on__lte=models.F("started_on"))
                    & ~models.Q(distance_risk_assessment="")
                ),
                name="placement_distance_approval_complete_before_start",
            ),
            models.CheckConstraint(
                condition=models.Q(placement_type__in=[code for code, _ in ALL_PLACEMENT_TYPES]),
                name="placement_type_in_code_list",
            ),
            models.CheckConstraint(condition=~models.Q(postcode=""), name="placement_has_postcode"),
        ]

    def __str__(self) -> str:
        return f"{self.placement_type} with {self.carer} from {self.started_on:%d %b %Y}"

    @property
    def carer(self) -> str:
        """The carer, or the name of the home: the provider's name in the register."""
        return self.provider.name

    @property
    def urn(self) -> str:
        return self.provider.urn_for_return


class CarePlan(models.Model):
    """The child's care plan as agreed (or updated) on a date; the latest is the one in force. A care
    plan is up to date when it was agreed on or after the child's last looked-after review."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="care_plans")
    agreed_on = models.DateField(db_index=True)
    permanence_plan = models.TextField(help_text="The plan for where the child will grow up")
    summary = models.TextField(help_text="What the plan says: the child's needs and how they will be met")
    # The child's voice, as visits and assessments record it: what they said or showed, in their words.
    child_voice = models.TextField(blank=True, help_text="What the child said or showed, in their words")
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


class DeprivationOfLiberty(models.Model):
    """A court order depriving a looked-after child of their liberty (a DoLO: the inherent
    jurisdiction of the High Court), from the day it was made until the day it ended. The SSDA903
    reports it from 2026-27 (the DoLo file, hearth/returns/ssda903/deprivation_of_liberty.py)."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="deprivations_of_liberty")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [
            # An order lasts at least a day (903 rule 702: the end after the start).
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=models.F("started_on")),
                name="deprivation_of_liberty_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["period"], condition=models.Q(ended_on__isnull=True), name="one_open_deprivation_of_liberty"
            ),
        ]

    def __str__(self) -> str:
        return f"Deprivation of liberty order from {self.started_on:%d %b %Y}"
