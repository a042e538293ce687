from django.conf import settings
from django.db import models


class ReferralSource(models.Model):
    """The CIN census referral source code list, kept as data (disabled, never deleted, once used)."""

    code = models.CharField(max_length=3, primary_key=True)
    label = models.CharField(max_length=200)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.label}"


class ScreeningDecision(models.TextChoices):
    NO_FURTHER_ACTION = "NFA", "No further action"
    ADVICE = "ADVICE", "Information and advice"
    EARLY_HELP = "EARLY_HELP", "Early help"
    REFERRAL = "REFERRAL", "Referral to children's social care (assessment)"
    STRATEGY_DISCUSSION = "STRATEGY", "Strategy discussion"


class Urgency(models.TextChoices):
    # The MASH's risk rating of a contact, set while it is screened.
    RED = "RED", "Red: risk of significant harm, screen now"
    AMBER = "AMBER", "Amber: concerns, screen today"
    GREEN = "GREEN", "Green: no immediate risk"


class PrimaryNeed(models.TextChoices):
    # The CIN census PrimaryNeedCode list.
    N1 = "N1", "Abuse or neglect"
    N2 = "N2", "Child's disability"
    N3 = "N3", "Parental disability or illness"
    N4 = "N4", "Family in acute stress"
    N5 = "N5", "Family dysfunction"
    N6 = "N6", "Socially unacceptable behaviour"
    N7 = "N7", "Low income"
    N8 = "N8", "Absent parenting"
    N9 = "N9", "Cases other than children in need"
    N0 = "N0", "Not stated"


class Agency(models.TextChoices):
    POLICE = "POLICE", "Police"
    HEALTH = "HEALTH", "Health"
    EDUCATION = "EDUCATION", "Education"
    PROBATION = "PROBATION", "Probation"
    HOUSING = "HOUSING", "Housing"
    ADULT_SOCIAL_CARE = "ASC", "Adult social care"
    OTHER = "OTHER", "Other"


# Decisions that open a case: the child becomes a child in need referral.
DECISIONS_OPENING_A_CASE = frozenset({ScreeningDecision.REFERRAL, ScreeningDecision.STRATEGY_DISCUSSION})


class Consent(models.TextChoices):
    """Whether the family agreed to information being shared and checks made with partners.
    Without consent the MASH may still share and check where a child may be at risk of significant
    harm (Working Together 2023; information sharing advice), so the screener records which."""

    GIVEN = "GIVEN", "Given: the family agreed to information being shared and checks made"
    REFUSED = "REFUSED", "Refused: checks made only if the child may be at risk of significant harm"
    NOT_SOUGHT = "NOT_SOUGHT", "Not sought: asking would put the child at risk, or the concern is significant harm"
    NOT_YET = "NOT_YET", "Not yet asked"


class Contact(models.Model):
    """Information about a child received at the front door, and the MASH's decision on it."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="contacts")
    received_at = models.DateTimeField(db_index=True)
    source = models.ForeignKey(ReferralSource, on_delete=models.PROTECT, related_name="+")
    contact_person = models.CharField("who made the contact", max_length=200)
    account = models.TextField("what they told us")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    # One report about several children (siblings) is one contact per child, sharing this id;
    # each child's contact is screened and decided on its own.
    report = models.UUIDField(null=True, blank=True, db_index=True)

    decision = models.CharField(max_length=20, choices=ScreeningDecision.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_reason = models.TextField(blank=True)
    urgency = models.CharField(max_length=5, choices=Urgency.choices, blank=True)
    cse_concern = models.BooleanField("child sexual exploitation concern identified", default=False)
    cse_team_referral = models.BooleanField("referred to the specialist CSE team", default=False)
    consent = models.CharField(
        "consent to share information", max_length=10, choices=Consent.choices, default=Consent.NOT_YET
    )

    class Meta:
        ordering = ["-received_at"]
        # The MASH board's two lists (frontdoor.selectors.mash_board, contacts_decided_recently):
        # the few contacts awaiting a decision, oldest first, and the newest decisions, among every
        # contact the council has had (72,000 over five years at the large size). Each partial index
        # holds only its list's rows, in its order, so neither list reads the years of contacts.
        indexes = [
            models.Index(fields=["received_at"], condition=models.Q(decision=""), name="contact_awaiting_decision_idx"),
            models.Index(fields=["-decided_at"], condition=~models.Q(decision=""), name="contact_decided_newest_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(decision="", decided_at__isnull=True, decided_by__isnull=True)
                    | (~models.Q(decision="") & models.Q(decided_at__isnull=False, decided_by__isnull=False))
                ),
                name="contact_decision_complete_or_absent",
            ),
            models.CheckConstraint(
                condition=models.Q(decided_at__isnull=True) | models.Q(decided_at__gte=models.F("received_at")),
                name="contact_decided_after_received",
            ),
            models.CheckConstraint(
                condition=~models.Q(account="") & ~models.Q(contact_person=""), name="contact_has_account_and_person"
            ),
        ]

    def __str__(self) -> str:
        return f"Contact {self.pk} about {self.child}"

    @property
    def awaiting_decision(self) -> bool:
        return not self.decision


class ClosureReason(models.TextChoices):
    # CIN census closure reasons (RC1-RC9). Case closure arrives with the children-in-need issue.
    RC1 = "RC1", "Adopted"
    RC2 = "RC2", "Died"
    RC3 = "RC3", "Child arrangements order"
    RC4 = "RC4", "Special guardianship order"
    RC5 = "RC5", "Transferred to services of another local authority"
    RC6 = "RC6", "Transferred to adult social care services"
    RC7 = "RC7", "Services ceased for any other reason, including child no longer in need"
    RC8 = "RC8", "Case closed after assessment, no further action"
    RC9 = "RC9", "Case closed after assessment, referred to early help"


class Referral(models.Model):
    """A referral to children's social care: it opens the child's case (the CIN episode)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="referrals")
    contact = models.OneToOneField(Contact, on_delete=models.PROTECT, related_name="referral")
    referral_date = models.DateField(
        db_index=True, help_text="The date the contact that became this referral was received"
    )
    source = models.ForeignKey(ReferralSource, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("workforce.Team", on_delete=models.PROTECT, related_name="referrals")
    primary_need = models.CharField(max_length=2, choices=PrimaryNeed.choices, default=PrimaryNeed.N0)
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=3, choices=ClosureReason.choices, blank=True)

    class Meta:
        ordering = ["-referral_date"]
        # A team's open cases (the team page, the unallocated cases).
        indexes = [
            models.Index(fields=["team"], condition=models.Q(closed_on__isnull=True), name="referral_open_by_team_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=models.Q(closed_on__isnull=True), name="one_open_case_per_child"
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True, closure_reason="")
                | (models.Q(closed_on__gte=models.F("referral_date")) & ~models.Q(closure_reason="")),
                name="referral_closure_date_and_reason_together",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral of {self.child} on {self.referral_date:%d %b %Y}"


class PartnerCheck(models.Model):
    """Information the MASH asks a partner agency for while screening a contact, and its answer."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="partner_checks")
    agency = models.CharField(max_length=20, choices=Agency.choices)
    asked_at = models.DateTimeField()
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True, help_text="What the agency told us, and who supplied it")

    class Meta:
        ordering = ["asked_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered_at__isnull=True) | models.Q(answered_at__gte=models.F("asked_at")),
                name="partner_check_answered_after_asked",
            ),
            models.CheckConstraint(
                condition=models.Q(answered_at__isnull=True, answer="")
                | (models.Q(answered_at__isnull=False) & ~models.Q(answer="")),
                name="partner_check_answer_complete_or_absent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_agency_display()} check on {self.contact}"


class DipSample(models.Model):
    """A month's random, reproducible sample of no-further-action contacts for quality review."""

    month = models.DateField(unique=True, help_text="The first day of the month sampled")
    size = models.PositiveIntegerField(help_text="How many were asked for (fewer if the month had fewer NFAs)")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month"]
        constraints = [
            models.CheckConstraint(condition=models.Q(month__day=1), name="dip_sample_month_starts_on_day_1")
        ]

    def __str__(self) -> str:
        return f"NFA dip sample {self.month:%B %Y}"


class Verdict(models.TextChoices):
    AGREE = "AGREE", "Agree with the decision"
    DISAGREE = "DISAGREE", "Disagree with the decision"


class DipSampleItem(models.Model):
    sample = models.ForeignKey(DipSample, on_delete=models.PROTECT, related_name="items")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="dip_sample_items")
    verdict = models.CharField(max_length=10, choices=Verdict.choices, blank=True)
    reason = models.TextField(blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sample", "contact__received_at"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "contact"], name="dip_sample_contact_once"),
            models.CheckConstraint(
                condition=models.Q(verdict="", reviewed_at__isnull=True, reason="")
                | (~models.Q(verdict="") & models.Q(reviewed_at__isnull=False) & ~models.Q(reason="")),
                name="dip_sample_review_complete_or_absent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sample}: contact {self.contact_id}"

    @property
    def child(self):
        """The sampled contact's child: a refusal or a view of the item is recorded against them."""
        return self.contact.child


class DipSampleAction(models.Model):
    """What must happen when a reviewer disagrees with an NFA decision, tracked until done."""

    item = models.OneToOneField(DipSampleItem, on_delete=models.PROTECT, related_name="action")
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    completion_note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(completed_on__isnull=True, completion_note="")
                | (models.Q(completed_on__isnull=False) & ~models.Q(completion_note="")),
                name="dip_sample_action_completion_complete_or_absent",
            ),
        ]

    def __str__(self) -> str:
        return f"Action on {self.item}"
