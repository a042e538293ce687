from django.conf import settings
from django.db import models


class AssessmentOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "NFA", "No further action"
    EARLY_HELP = "EARLY_HELP", "Step down to early help"
    CIN_PLAN = "CIN_PLAN", "Child in need plan"
    STRATEGY_DISCUSSION = "STRATEGY", "Strategy discussion"


class AssessmentFactor(models.Model):
    """The CIN census assessment factor code list, kept as data (disabled, never deleted, once used)."""

    code = models.CharField(max_length=3, primary_key=True)
    label = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0, help_text="Census order, for lists")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.label}"


class AssessmentStatus(models.TextChoices):
    OPEN = "OPEN", "In progress"
    SUBMITTED = "SUBMITTED", "Submitted for authorisation"
    AUTHORISED = "AUTHORISED", "Authorised"


class Assessment(models.Model):
    """A single assessment of a child in a case: started and recorded by the social worker,
    submitted for authorisation, authorised by a manager (authorisation stops both the Working
    Together and the census clocks) or returned to the worker with a reason."""

    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="assessments")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="assessments")
    worker = models.ForeignKey("workforce.Worker", on_delete=models.PROTECT, related_name="assessments")
    started_on = models.DateField(db_index=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    authorised_on = models.DateField(null=True, blank=True, db_index=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=AssessmentOutcome.choices, blank=True)

    factors = models.ManyToManyField(AssessmentFactor, blank=True, related_name="+")
    wishes_and_feelings = models.TextField("the child's wishes and feelings", blank=True)
    child_seen_on = models.DateField("date the child was seen", null=True, blank=True)
    child_seen_alone = models.BooleanField("the child was seen alone", default=False)
    # The social worker's narrative, by the assessment framework's domains (Working Together 2023,
    # chapter 1 and the Framework for the Assessment of Children in Need and their Families), then
    # the analysis and what the worker recommends. Blank on assessments recorded before these
    # sections existed and on those imported from a census return; required at submission since
    # (docs/assessment.md, "Narrative").
    developmental_needs = models.TextField("the child's developmental needs", blank=True)
    parenting_capacity = models.TextField("parenting capacity", blank=True)
    family_environment = models.TextField("family and environmental factors", blank=True)
    analysis = models.TextField("analysis", blank=True)
    recommendation = models.TextField("recommendation", blank=True)
    # The manager's reasons for authorising it with its outcome (a return's reason is kept on the return).
    authorisation_reasons = models.TextField("the manager's reasons", blank=True)
    # The current submission; cleared when a manager returns the assessment (kept in AssessmentReturn).
    submitted_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The day a manager reviewed the assessment internally before it was finished (the CIN census's
    # AssessmentInternalReviewDate): recorded by the manager, between the start and the authorisation.
    internal_review_on = models.DateField("date of the internal review", null=True, blank=True)
    internal_review_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, help_text="Raised by each change: refuses a stale edit")

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral"], condition=models.Q(authorised_on__isnull=True), name="one_open_assessment_per_case"
            ),
            models.CheckConstraint(
                condition=models.Q(authorised_on__isnull=True) | models.Q(authorised_on__gte=models.F("started_on")),
                name="assessment_authorised_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(authorised_on__isnull=True, authorised_by__isnull=True, outcome="")
                | (models.Q(authorised_on__isnull=False, authorised_by__isnull=False) & ~models.Q(outcome="")),
                name="assessment_authorisation_complete_or_absent",
            ),
            models.CheckConstraint(
                condition=models.Q(submitted_on__isnull=True, submitted_by__isnull=True)
                | models.Q(
                    submitted_on__isnull=False, submitted_by__isnull=False, submitted_on__gte=models.F("started_on")
                ),
                name="assessment_submission_complete_and_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(authorised_on__isnull=True)
                | models.Q(submitted_on__isnull=False, authorised_on__gte=models.F("submitted_on")),
                name="assessment_authorised_after_submission",
            ),
            models.CheckConstraint(
                condition=models.Q(internal_review_on__isnull=True, internal_review_by__isnull=True)
                | models.Q(
                    internal_review_on__isnull=False,
                    internal_review_by__isnull=False,
                    internal_review_on__gte=models.F("started_on"),
                ),
                name="assessment_internal_review_complete_and_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(authorised_on__isnull=True)
                | models.Q(internal_review_on__isnull=True)
                | models.Q(internal_review_on__lte=models.F("authorised_on")),
                name="assessment_internal_review_by_authorisation",
            ),
            models.CheckConstraint(
                condition=models.Q(child_seen_alone=False) | models.Q(child_seen_on__isnull=False),
                name="assessment_seen_alone_needs_seen",
            ),
            models.CheckConstraint(
                condition=models.Q(child_seen_on__isnull=True) | models.Q(child_seen_on__gte=models.F("started_on")),
                name="assessment_child_seen_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment of {self.child} started {self.started_on:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.authorised_on is None

    @property
    def status(self) -> AssessmentStatus:
        if self.authorised_on is not None:
            return AssessmentStatus.AUTHORISED
        if self.submitted_on is not None:
            return AssessmentStatus.SUBMITTED
        return AssessmentStatus.OPEN

    @property
    def child_seen(self) -> bool:
        return self.child_seen_on is not None

    @property
    def narrative_sections(self) -> list[tuple[str, str]]:
        """The narrative as (heading, text) pairs in the order the form and the pages show them."""
        return [(label, getattr(self, name)) for name, label in NARRATIVE_SECTIONS]

    @property
    def has_narrative(self) -> bool:
        return any(getattr(self, name) for name, _ in NARRATIVE_SECTIONS)


# The narrative sections of a single assessment, in the order a social worker writes them.
NARRATIVE_SECTIONS = (
    ("developmental_needs", "The child's developmental needs"),
    ("parenting_capacity", "Parenting capacity"),
    ("family_environment", "Family and environmental factors"),
    ("analysis", "Analysis"),
    ("recommendation", "Recommendation"),
)


class AssessmentReturn(models.Model):
    """A submission a manager sent back to the worker, with the reason: the history of returns."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="returns")
    submitted_on = models.DateField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    returned_on = models.DateField()
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()

    class Meta:
        ordering = ["returned_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(returned_on__gte=models.F("submitted_on")),
                name="assessment_returned_after_submission",
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="assessment_return_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} returned {self.returned_on:%d %b %Y}"
