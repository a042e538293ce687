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


# Decisions that open a case: the child becomes a child in need referral.
DECISIONS_OPENING_A_CASE = frozenset({ScreeningDecision.REFERRAL, ScreeningDecision.STRATEGY_DISCUSSION})


class Contact(models.Model):
    """Information about a child received at the front door, and the MASH's decision on it."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="contacts")
    received_at = models.DateTimeField(db_index=True)
    source = models.ForeignKey(ReferralSource, on_delete=models.PROTECT, related_name="+")
    contact_person = models.CharField("who made the contact", max_length=200)
    account = models.TextField("what they told us")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    decision = models.CharField(max_length=20, choices=ScreeningDecision.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at"]
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
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=3, choices=ClosureReason.choices, blank=True)

    class Meta:
        ordering = ["-referral_date"]
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
