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


class EmploymentType(models.TextChoices):
    """How a worker is employed (W04 counts agency workers among the social workers)."""

    PERMANENT = "PERMANENT", "Permanent"
    AGENCY = "AGENCY", "Agency"
    SECONDMENT = "SECONDMENT", "Secondment"


class Team(models.Model):
    name = models.CharField(max_length=100, unique=True)
    manager = models.ForeignKey("Worker", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    takes_referrals = models.BooleanField(default=False, help_text="Offered to MASH screeners for new referrals")
    # The team's establishment: its funded social worker posts, in FTE (docs/workforce.md "Vacancies").
    funded_fte = models.DecimalField(
        "funded social worker posts (FTE)", max_digits=5, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(funded_fte__isnull=True) | models.Q(funded_fte__gte=0),
                name="team_funded_fte_not_negative",
            )
        ]

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
    # Employment facts (docs/workforce.md). Empty dates are "not recorded": a worker with no start date
    # counts as employed since before any date asked about, as the workers made before these facts were.
    employment_type = models.CharField(max_length=10, choices=EmploymentType.choices, default=EmploymentType.PERMANENT)
    qualified_on = models.DateField("date qualified as a social worker", null=True, blank=True)
    asye_started_on = models.DateField(
        "ASYE year started",
        null=True,
        blank=True,
        help_text="The assessed and supported year in employment: its protected caseload lasts 12 months from here",
    )
    started_on = models.DateField("start date", null=True, blank=True)
    left_on = models.DateField("leaving date", null=True, blank=True, help_text="The last day the worker was employed")
    version = models.PositiveIntegerField(default=1)  # the employment form's optimistic check

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(fte__gt=0, fte__lte=1), name="worker_fte_range"),
            models.CheckConstraint(
                condition=models.Q(employment_type__in=EmploymentType.values), name="worker_employment_type_known"
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(left_on__gte=models.F("started_on")),
                name="worker_leaves_after_starting",
            ),
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.username

    def employed_on(self, day) -> bool:
        """Employed on the day: started by then (or no start recorded) and not yet left."""
        return (self.started_on is None or self.started_on <= day) and (self.left_on is None or self.left_on >= day)

    def in_asye_on(self, day) -> bool:
        """In the ASYE year on the day: from its start for 12 months (the day before the anniversary)."""
        if self.asye_started_on is None or day < self.asye_started_on:
            return False
        start = self.asye_started_on
        try:
            anniversary = start.replace(year=start.year + 1)
        except ValueError:  # 29 February: the year ends on 28 February
            anniversary = start.replace(year=start.year + 1, day=28)
        return day < anniversary


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


class CaseloadWeek(models.Model):
    """A week's caseloads, frozen on its Monday by the weekly job (docs/workforce.md): the thresholds
    in force then and one WeeklyCaseload row per case-holding worker employed that day."""

    week_starting = models.DateField(unique=True, help_text="The Monday the caseloads were counted on")
    threshold = models.PositiveIntegerField()
    asye_threshold = models.PositiveIntegerField()
    frozen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-week_starting"]
        constraints = [
            # 0 is Sunday in Django's week_day lookup; ISO Monday is 1 in Extract("iso_week_day").
            models.CheckConstraint(
                condition=models.Q(week_starting__iso_week_day=1), name="caseload_week_starts_on_monday"
            )
        ]

    def __str__(self) -> str:
        return f"Caseloads in the week of {self.week_starting:%-d %B %Y}"


class WeeklyCaseload(models.Model):
    week = models.ForeignKey(CaseloadWeek, on_delete=models.CASCADE, related_name="caseloads")
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="weekly_caseloads")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")  # the team that Monday
    children = models.PositiveIntegerField()
    child_ids = models.JSONField(default=list, help_text="The children held that Monday, frozen with the count")
    fte = models.DecimalField(max_digits=3, decimal_places=2)
    employment_type = models.CharField(max_length=10, choices=EmploymentType.choices)
    in_asye = models.BooleanField()
    over_threshold = models.BooleanField(help_text="Over the threshold that applied: the ASYE one in the ASYE year")

    class Meta:
        ordering = ["-children", "worker__user__last_name"]
        constraints = [models.UniqueConstraint(fields=["week", "worker"], name="one_weekly_caseload_per_worker")]

    def __str__(self) -> str:
        return f"{self.worker}: {self.children} children in the week of {self.week.week_starting:%-d %B %Y}"


class Supervision(models.Model):
    """A worker's supervision with their manager (docs/workforce.md "Supervision"): the day it was
    held and the decisions made. Due monthly by default (rule T40, the council's local standard)."""

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="supervisions")
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(db_index=True)
    decisions = models.TextField(help_text="What was decided, and by when")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(decisions=""), name="supervision_records_decisions"),
            # One supervision a worker a day: a second is a double submission.
            models.UniqueConstraint(fields=["worker", "held_on"], name="one_supervision_per_worker_per_day"),
        ]

    def __str__(self) -> str:
        return f"Supervision of {self.worker} on {self.held_on:%-d %B %Y}"


class DeficitTakenUp(models.Model):
    """A team manager's record that an overdue item on the weekly exceptions was taken up with the
    worker, and what was agreed (docs/workforce.md "Deficits taken up"). The item is known by its key
    (the child, the rule and the due date: workforce/exceptions.py), so next week's list shows it as
    chased while it is still late."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="deficits_taken_up")
    item_key = models.CharField(max_length=300, db_index=True)
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="+")
    duty = models.CharField(max_length=300, help_text="What was overdue, as the worklist said it")
    due_on = models.DateField()
    worker_name = models.CharField(max_length=200, help_text="Who held the case when it was taken up")
    week_starting = models.DateField(help_text="The Monday of the week it was taken up")
    taken_up_on = models.DateField()
    agreed = models.TextField(help_text="What was agreed with the worker")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-taken_up_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(agreed=""), name="deficit_taken_up_says_what_was_agreed"),
            models.UniqueConstraint(fields=["item_key", "week_starting"], name="deficit_taken_up_once_a_week"),
        ]

    def __str__(self) -> str:
        return f"{self.duty} for {self.child}, taken up on {self.taken_up_on:%-d %B %Y}"


class CaseTransfer(models.Model):
    """A case moved from one team to another on a date (for example to the looked-after children's
    team): the case's team (Referral.team) is the team holding it now; these rows say which team held
    it on any earlier day (workforce.selectors.team_on). The case keeps its history and its worker
    until a manager of the new team reallocates it."""

    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="transfers")
    from_team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    to_team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    transferred_on = models.DateField()
    reason = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["transferred_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "transferred_on"], name="one_case_transfer_a_day"),
            models.CheckConstraint(
                condition=~models.Q(from_team=models.F("to_team")), name="case_transfer_changes_team"
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="case_transfer_has_a_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.referral} from {self.from_team} to {self.to_team} on {self.transferred_on}"
