"""The facts of child protection, with their database constraints.

strategy discussion -> section 47 enquiry -> initial conference (ICPC) -> child protection plan ->
core groups and review conferences (RCPC) -> the plan ends. Each conference's chair completes a
quality checklist and can raise a concern through the escalation procedure (informal, stages 1-3).
The CIN census rules each constraint answers are named beside it (DOMAIN.md 5.4).
"""

from django.conf import settings
from django.db import models


class Category(models.TextChoices):
    # The CIN census category of abuse code list (InitialCategoryOfAbuse / LatestCategoryOfAbuse).
    NEGLECT = "NEG", "Neglect"
    PHYSICAL = "PHY", "Physical abuse"
    SEXUAL = "SAB", "Sexual abuse"
    EMOTIONAL = "EMO", "Emotional abuse"
    MULTIPLE = "MUL", "Multiple"  # DfE discourages its use: prefer the main category


CATEGORY_CODES = models.Q(initial_category__in=Category.values) & models.Q(latest_category__in=Category.values)


class StrategyDecision(models.TextChoices):
    SECTION_47 = "S47", "Start a section 47 enquiry"
    NO_SECTION_47 = "NO_S47", "No section 47 enquiry"


class StrategyDiscussion(models.Model):
    """A strategy discussion or meeting between agencies on an open case. The one that decides to
    start a section 47 enquiry gives the enquiry its start date (S47ActualStartDate) and starts the
    ICPC clock (T05)."""

    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="strategy_discussions")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="strategy_discussions")
    held_on = models.DateField(db_index=True)
    police = models.BooleanField("police took part", default=False)
    health = models.BooleanField("health took part", default=False)
    social_care = models.BooleanField("children's social care took part", default=True)
    education = models.BooleanField("education took part", default=False)
    other_agencies = models.CharField("other agencies that took part", max_length=300, blank=True)
    participants = models.TextField("who took part (names and roles)")
    decision = models.CharField(max_length=10, choices=StrategyDecision.choices)
    reasons = models.TextField("reasons and agreed actions")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            # Children's social care convenes the discussion: it always takes part.
            models.CheckConstraint(condition=models.Q(social_care=True), name="strategy_social_care_takes_part"),
            models.CheckConstraint(
                condition=models.Q(decision__in=StrategyDecision.values), name="strategy_decision_in_list"
            ),
            models.CheckConstraint(
                condition=~models.Q(participants="") & ~models.Q(reasons=""), name="strategy_participants_and_reasons"
            ),
        ]

    def __str__(self) -> str:
        return f"Strategy discussion for {self.child} on {self.held_on:%d %b %Y}"

    @property
    def agencies(self) -> list[str]:
        names = [
            label
            for flag, label in (
                (self.social_care, "Children's social care"),
                (self.police, "Police"),
                (self.health, "Health"),
                (self.education, "Education"),
            )
            if flag
        ]
        return names + ([self.other_agencies] if self.other_agencies else [])


class Section47Outcome(models.TextChoices):
    ICPC = "ICPC", "Concerns substantiated: initial child protection conference needed"
    NOT_REQUIRED = "NOT_REQUIRED", "Concerns substantiated, child not judged at continuing risk: no conference"
    NOT_SUBSTANTIATED = "NOT_SUBSTANTIATED", "Concerns not substantiated: no conference"


class Section47Enquiry(models.Model):
    """A section 47 enquiry, started by the strategy discussion that decided on it (its date is the
    census S47ActualStartDate; InitialCPCtarget is that date + 15 working days, rule T05)."""

    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="section47s")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="section47s")
    strategy_discussion = models.OneToOneField(StrategyDiscussion, on_delete=models.PROTECT, related_name="section47")
    started_on = models.DateField(db_index=True)
    outcome = models.CharField(max_length=20, choices=Section47Outcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, help_text="Raised by each change: refuses a stale edit")

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = "section 47 enquiry"
        verbose_name_plural = "section 47 enquiries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome="", outcome_on__isnull=True, outcome_by__isnull=True)
                | (
                    models.Q(outcome__in=Section47Outcome.values)
                    & models.Q(outcome_on__isnull=False, outcome_by__isnull=False)
                ),
                name="section47_outcome_complete_or_absent",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome_on__isnull=True) | models.Q(outcome_on__gte=models.F("started_on")),
                name="section47_outcome_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Section 47 enquiry for {self.child} started {self.started_on:%d %b %Y}"

    @property
    def icpc_not_required(self) -> bool:
        """The census ICPCnotRequired flag."""
        return self.outcome in (Section47Outcome.NOT_REQUIRED, Section47Outcome.NOT_SUBSTANTIATED)


class ConferenceKind(models.TextChoices):
    INITIAL = "ICPC", "Initial child protection conference"
    REVIEW = "RCPC", "Review child protection conference"


class ConferenceDecision(models.TextChoices):
    PLAN = "PLAN", "Child protection plan"
    NO_PLAN = "NO_PLAN", "No child protection plan"
    CONTINUE = "CONTINUE", "The plan continues"
    END = "END", "The plan ends: no longer at continuing risk of significant harm"


ICPC_DECISIONS = (ConferenceDecision.PLAN, ConferenceDecision.NO_PLAN)
REVIEW_DECISIONS = (ConferenceDecision.CONTINUE, ConferenceDecision.END)


class Conference(models.Model):
    """A child protection conference: booked (date and chair), then held. An initial conference
    belongs to a section 47 enquiry (an ICPC without one is refused); a review to a plan."""

    kind = models.CharField(max_length=4, choices=ConferenceKind.choices)
    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="conferences")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="conferences")
    section47 = models.ForeignKey(
        Section47Enquiry, null=True, blank=True, on_delete=models.PROTECT, related_name="conferences"
    )
    plan = models.ForeignKey("ProtectionPlan", null=True, blank=True, on_delete=models.PROTECT, related_name="reviews")
    booked_for = models.DateField("date booked", help_text="The date the conference is booked to sit")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conferences_chaired")
    held_on = models.DateField(null=True, blank=True, db_index=True)
    attendance = models.TextField(blank=True, help_text="Who attended, and who sent apologies or a report")
    child_views = models.TextField("the child's views", blank=True)
    decision = models.CharField(max_length=10, choices=ConferenceDecision.choices, blank=True)
    # Why the conference decided as it did (the chair's summary of the risks and strengths weighed).
    # Blank on conferences recorded before the reasons were kept; required of each held since.
    decision_reasons = models.TextField("reasons for the decision", blank=True)
    category = models.CharField(
        "category of abuse", max_length=3, choices=Category.choices, blank=True, help_text="When there is a plan"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, help_text="Raised by each change: refuses a stale edit")

    class Meta:
        ordering = ["-booked_for", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=ConferenceKind.INITIAL, section47__isnull=False, plan__isnull=True)
                | models.Q(kind=ConferenceKind.REVIEW, plan__isnull=False),
                name="conference_icpc_has_s47_review_has_plan",
            ),
            models.UniqueConstraint(
                fields=["section47"],
                condition=models.Q(kind=ConferenceKind.INITIAL),
                name="one_initial_conference_per_s47",
            ),
            models.CheckConstraint(
                condition=models.Q(held_on__isnull=True, decision="", category="", recorded_by__isnull=True)
                | (
                    models.Q(held_on__isnull=False, recorded_by__isnull=False)
                    & (
                        models.Q(kind=ConferenceKind.INITIAL, decision__in=ICPC_DECISIONS)
                        | models.Q(kind=ConferenceKind.REVIEW, decision__in=REVIEW_DECISIONS)
                    )
                ),
                name="conference_held_with_a_decision_for_its_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(category="")
                | models.Q(
                    category__in=Category.values, decision__in=[ConferenceDecision.PLAN, ConferenceDecision.CONTINUE]
                ),
                name="conference_category_in_code_list_with_a_plan",
            ),
            models.CheckConstraint(
                condition=~models.Q(decision=ConferenceDecision.PLAN) | ~models.Q(category=""),
                name="conference_plan_has_a_category",
            ),
        ]

    def __str__(self) -> str:
        when = self.held_on or self.booked_for
        return f"{self.get_kind_display()} for {self.child}, {when:%d %b %Y}"

    @property
    def is_held(self) -> bool:
        return self.held_on is not None


class PlanEndReason(models.TextChoices):
    NO_LONGER_AT_RISK = "NO_RISK", "Conference decided the child is no longer at continuing risk of significant harm"
    LOOKED_AFTER = "LAC", "The child became looked after"
    MOVED = "MOVED", "The child moved to another local authority (plan transferred)"
    ADULT = "AGE18", "The child reached 18"
    DIED = "DIED", "The child died"


class ProtectionPlan(models.Model):
    """A child protection plan. It starts on the date of the ICPC that decided it (CIN rule 2885);
    a child holds at most one open plan (8935, enforced here); it ends after it starts, never on the
    same day (8840). previous_plans is the census NumberOfPreviousCPP, derived when the plan starts
    from the child's earlier plans, ever (a second or subsequent plan has one or more)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="protection_plans")
    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="protection_plans")
    initial_conference = models.OneToOneField(Conference, on_delete=models.PROTECT, related_name="plan_started")
    started_on = models.DateField(db_index=True)
    initial_category = models.CharField(max_length=3, choices=Category.choices)
    latest_category = models.CharField(max_length=3, choices=Category.choices)
    previous_plans = models.PositiveIntegerField(help_text="Derived: the child's plans that started before this one")
    ended_on = models.DateField(null=True, blank=True, db_index=True)
    end_reason = models.CharField(max_length=10, choices=PlanEndReason.choices, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, help_text="Raised by each change: refuses a stale edit")

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = "child protection plan"
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=models.Q(ended_on__isnull=True), name="one_open_protection_plan_per_child"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=models.F("started_on")),
                name="protection_plan_ends_after_the_day_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True, end_reason="", ended_by__isnull=True)
                | (
                    models.Q(ended_on__isnull=False, ended_by__isnull=False)
                    & models.Q(end_reason__in=PlanEndReason.values)
                ),
                name="protection_plan_end_complete_or_absent",
            ),
            models.CheckConstraint(condition=CATEGORY_CODES, name="protection_plan_categories_in_code_list"),
        ]

    def __str__(self) -> str:
        return f"Child protection plan for {self.child} from {self.started_on:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    @property
    def is_second_or_subsequent(self) -> bool:
        return self.previous_plans >= 1


class CoreGroup(models.Model):
    """A core group meeting of the professionals and family working the plan (first within 10
    working days of the ICPC, T06; then at the council's local frequency, T06L)."""

    plan = models.ForeignKey(ProtectionPlan, on_delete=models.PROTECT, related_name="core_groups")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="core_groups")
    held_on = models.DateField(db_index=True)
    attendance = models.TextField(help_text="Who attended")
    summary = models.TextField("progress against the plan and actions agreed")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "held_on"], name="one_core_group_per_plan_per_day"),
            models.CheckConstraint(
                condition=~models.Q(attendance="") & ~models.Q(summary=""), name="core_group_attendance_and_summary"
            ),
        ]

    def __str__(self) -> str:
        return f"Core group for {self.child} on {self.held_on:%d %b %Y}"


class ConferenceChecklist(models.Model):
    """The chair's quality checklist for one conference: yes/no answers to the questions of the
    checklist version in force (hearth/protection/checklist.py), kept with that version's key."""

    conference = models.OneToOneField(Conference, on_delete=models.PROTECT, related_name="checklist")
    questions_version = models.CharField(max_length=20)
    answers = models.JSONField(help_text="Question key to true (yes) or false (no)")
    comments = models.TextField(blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Quality checklist for {self.conference}"


class EscalationStage(models.TextChoices):
    # The escalation (dispute resolution) procedure's stages, in order.
    INFORMAL = "INFORMAL", "Informal"
    STAGE_1 = "STAGE_1", "Stage 1"
    STAGE_2 = "STAGE_2", "Stage 2"
    STAGE_3 = "STAGE_3", "Stage 3"


STAGE_ORDER = list(EscalationStage.values)


class StepOutcome(models.TextChoices):
    RESOLVED = "RESOLVED", "Resolved"
    ESCALATED = "ESCALATED", "Escalated to the next stage"


class RaisedAt(models.TextChoices):
    # Where an independent reviewing officer raised the concern: the meeting they chaired.
    CONFERENCE = "CONFERENCE", "Child protection conference"
    LOOKED_AFTER_REVIEW = "LAC_REVIEW", "Looked-after review"


class Escalation(models.Model):
    """A concern an independent reviewing officer raises through the escalation (dispute resolution)
    procedure, from a meeting they chaired: a child protection conference (`conference`) or a
    looked-after review (the duties app links its review to the escalation, duties.ReviewConcern, as
    it sits above this app). One mechanism for both: the same stages, outcomes and counts. `referral`
    is the case the concern is about: its team counts it and its worker sees it until resolved."""

    raised_at = models.CharField(max_length=10, choices=RaisedAt.choices, default=RaisedAt.CONFERENCE)
    conference = models.ForeignKey(
        Conference, null=True, blank=True, on_delete=models.PROTECT, related_name="escalations"
    )
    referral = models.ForeignKey("frontdoor.Referral", on_delete=models.PROTECT, related_name="escalations")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="escalations")
    concern = models.TextField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_on = models.DateField(db_index=True)

    class Meta:
        ordering = ["-raised_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(concern=""), name="escalation_has_a_concern"),
            models.CheckConstraint(
                condition=models.Q(raised_at=RaisedAt.CONFERENCE, conference__isnull=False)
                | models.Q(raised_at=RaisedAt.LOOKED_AFTER_REVIEW, conference__isnull=True),
                name="escalation_conference_exactly_when_raised_at_one",
            ),
        ]

    def __str__(self) -> str:
        return f"Escalation for {self.child} raised {self.raised_on:%d %b %Y}"


class EscalationStep(models.Model):
    """One stage of an escalation: opened on a date with someone, then resolved or escalated."""

    escalation = models.ForeignKey(Escalation, on_delete=models.PROTECT, related_name="steps")
    stage = models.CharField(max_length=10, choices=EscalationStage.choices)
    opened_on = models.DateField(db_index=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    with_whom = models.CharField("who it is with", max_length=200)
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=StepOutcome.choices, blank=True)
    outcome_detail = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Raised by each change: refuses a stale edit")

    class Meta:
        ordering = ["opened_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["escalation", "stage"], name="escalation_each_stage_once"),
            models.UniqueConstraint(
                fields=["escalation"], condition=models.Q(closed_on__isnull=True), name="escalation_one_open_stage"
            ),
            models.CheckConstraint(condition=models.Q(stage__in=STAGE_ORDER), name="escalation_stage_in_list"),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True, outcome="", outcome_detail="")
                | (
                    models.Q(closed_on__gte=models.F("opened_on"), outcome__in=StepOutcome.values)
                    & ~models.Q(outcome_detail="")
                ),
                name="escalation_step_close_complete_or_absent",
            ),
            models.CheckConstraint(
                condition=~models.Q(stage=EscalationStage.STAGE_3, outcome=StepOutcome.ESCALATED),
                name="escalation_stage_3_is_the_last",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} of {self.escalation}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None
