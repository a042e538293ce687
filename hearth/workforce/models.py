from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

# Social Work England's registration numbers are "SW" and digits (the 903's SW_ID, rule SW02).
REGISTRATION_NUMBER_FORMAT = RegexValidator(
    r"^SW[0-9]{2,8}$", "Enter the Social Work England registration number as SW and its digits, like SW123456"
)


class SocialWorkerChangeReason(models.TextChoices):
    """Why a child's social worker changed: the SSDA903's SW_REASON codes (csc-validator-be-903 rule
    SW13STG1 holds the list; the wording is ours, read from each code: docs/returns-903.md). FCONTA,
    the first contact, is never chosen: it is the first allocation of a case (Hearth derives it)."""

    MANAGE = "MANAGE", "A management decision"
    LEFTRL = "LEFTRL", "The social worker left the role"
    ORGRST = "ORGRST", "An organisational restructure"
    TSPROC = "TSPROC", "A transfer between teams in the social care process (e.g. assessment to long-term team)"
    ABSENC = "ABSENC", "The social worker's absence"
    CHCHAN = "CHCHAN", "The child asked for a change"
    PCCHAN = "PCCHAN", "A parent or carer asked for a change"
    SWDIED = "SWDIED", "The social worker died"
    OTHERS = "OTHERS", "Another reason"


FIRST_CONTACT = "FCONTA"


class Team(models.Model):
    name = models.CharField(max_length=100, unique=True)
    manager = models.ForeignKey("Worker", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    takes_referrals = models.BooleanField(default=False, help_text="Offered to MASH screeners for new referrals")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Worker(models.Model):
    """A member of staff as the service sees them: their team and whether they hold cases."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="worker")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="workers")
    job_title = models.CharField(max_length=100)
    holds_cases = models.BooleanField(default=True)
    fte = models.DecimalField("full-time equivalent", max_digits=3, decimal_places=2, default=1)
    registration_number = models.CharField(
        "Social Work England registration number",
        max_length=10,
        blank=True,
        validators=[REGISTRATION_NUMBER_FORMAT],
        help_text="SW and its digits, like SW123456: the SSDA903 return's social worker ID (SW_ID)",
    )

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        constraints = [models.CheckConstraint(condition=models.Q(fte__gt=0, fte__lte=1), name="worker_fte_range")]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.username


class Allocation(models.Model):
    """A case held by a worker from one date until another (open while ended_on is empty)."""

    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="allocations")
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="allocations")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    allocated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    change_reason = models.CharField(
        max_length=6,
        choices=SocialWorkerChangeReason.choices,
        blank=True,
        help_text="Why the child's worker changed; empty for a case's first allocation (the 903's FCONTA)",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on"]
        # A worker's open cases (their worklist, caseloads).
        indexes = [
            models.Index(
                fields=["worker"], condition=models.Q(ended_on__isnull=True), name="allocation_open_by_worker_idx"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["referral"], condition=models.Q(ended_on__isnull=True), name="one_open_allocation_per_case"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="allocation_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(change_reason="") | models.Q(change_reason__in=SocialWorkerChangeReason.values),
                name="allocation_change_reason_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.referral} to {self.worker} from {self.started_on}"

    def is_first_on_the_case(self) -> bool:
        """No allocation of the same case came before this one: the child's first contact with
        this involvement's worker (the 903's FCONTA), not a change of worker."""
        earlier = Allocation.objects.filter(referral_id=self.referral_id).filter(
            models.Q(started_on__lt=self.started_on) | models.Q(started_on=self.started_on, pk__lt=self.pk)
        )
        return not earlier.exists()
