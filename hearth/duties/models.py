"""A looked-after child's statutory duties as recorded facts: the looked-after reviews and the health
and dental checks, each on the period of care (hearth/care/models.py). When they fall due is
hearth/duties/due_dates.py's to say.

The facts the 903's OC2 file reads (an SDQ, immunisations and development checks up to date,
convictions, substance misuse and its intervention) are here too, each dated on the period of care;
hearth/duties/return903.py reads them for the return and the L12-L15 indicators.

The tables were care's until the care app was split (docs/decisions/0006-care-apps.md): their rows
moved with them, renamed from care_carereview and care_healthcheck to duties_carereview and
duties_healthcheck, nothing else changed."""

from django.conf import settings
from django.db import models

from hearth.care.models import PeriodOfCare
from hearth.duties.codes import (
    HealthCheckKind,
    HealthStatusKind,
    ReviewParticipation,
    SdqReason,
    SubstanceIntervention,
    VirtualSchoolInvolvement,
)


class CareReview(models.Model):
    """A looked-after child's review, chaired by an Independent Reviewing Officer (CPPCR reg 33)."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField(db_index=True)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    participation = models.CharField(max_length=3, choices=ReviewParticipation.choices)
    recommendations = models.TextField()
    # The child's voice, as visits and assessments record it: what they said or showed, in their words.
    child_voice = models.TextField(blank=True, help_text="What the child said or showed, in their words")
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

    @property
    def child(self):
        """The review's child (its period's): whose record its pages show, for the audit trail."""
        return self.period.child


class ReviewChecklist(models.Model):
    """The chairing IRO's quality checklist for one looked-after review: yes/no answers to the
    questions of the checklist version in force (hearth/duties/checklist.py), kept with its key."""

    review = models.OneToOneField(CareReview, on_delete=models.PROTECT, related_name="checklist")
    completed_on = models.DateField(db_index=True, help_text="The day the chair completed it (L30 counts it from then)")
    questions_version = models.CharField(max_length=20)
    answers = models.JSONField(help_text="Question key to true (yes) or false (no)")
    comments = models.TextField(blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Quality checklist for the {self.review}"


class ReviewConcern(models.Model):
    """A concern the chairing IRO raised from a looked-after review: the concern itself, its stages
    and outcomes are protection's escalation (one mechanism with the conference chairs' concerns);
    this row says which review it came from."""

    review = models.ForeignKey(CareReview, on_delete=models.PROTECT, related_name="concerns")
    escalation = models.OneToOneField("protection.Escalation", on_delete=models.PROTECT, related_name="review_concern")

    def __str__(self) -> str:
        return f"Concern from the {self.review}"


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


class HealthPlan(models.Model):
    """The health plan drawn up from a health assessment (initial or review, not a refusal): what is to
    be done for the child's health, and who leads it. It is reviewed at the next review health
    assessment (T22U or T22 from this one), whose own plan replaces it (Promoting the health and
    well-being of looked-after children, 2015)."""

    assessment = models.OneToOneField(HealthCheck, on_delete=models.PROTECT, related_name="health_plan")
    agreed_on = models.DateField(db_index=True, help_text="When the health plan was agreed")
    actions = models.TextField(help_text="What is to be done for the child's health, by whom and by when")
    lead = models.CharField(max_length=200, help_text="Who leads the plan (e.g. the looked-after children's nurse)")
    version = models.PositiveIntegerField(default=1)  # raised by each correction
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-agreed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(actions=""), name="health_plan_has_actions"),
            models.CheckConstraint(condition=~models.Q(lead=""), name="health_plan_has_a_lead"),
        ]

    def __str__(self) -> str:
        return f"Health plan agreed {self.agreed_on:%d %b %Y}"


class PersonalEducationPlan(models.Model):
    """A looked-after child's personal education plan (PEP), agreed at its meeting: the school, its
    designated teacher, how the virtual school took part, and the plan's targets. One is owed for a
    child of school age within 20 working days of becoming looked after (T35) and then every term
    (T36): hearth/duties/due_dates.py."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="peps")
    held_on = models.DateField(db_index=True, help_text="When the PEP meeting was held and the plan agreed")
    school = models.CharField(max_length=200)
    designated_teacher = models.CharField(max_length=200, help_text="The school's designated teacher")
    virtual_school = models.CharField(max_length=11, choices=VirtualSchoolInvolvement.choices)
    targets = models.TextField(help_text="The plan's targets and the support to meet them")
    version = models.PositiveIntegerField(default=1)  # raised by each correction
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "personal education plan"
        constraints = [
            models.UniqueConstraint(fields=["period", "held_on"], name="one_pep_per_day"),
            models.CheckConstraint(
                condition=models.Q(virtual_school__in=VirtualSchoolInvolvement.values), name="pep_virtual_school_code"
            ),
            models.CheckConstraint(condition=~models.Q(school=""), name="pep_has_a_school"),
            models.CheckConstraint(condition=~models.Q(designated_teacher=""), name="pep_has_a_designated_teacher"),
            models.CheckConstraint(condition=~models.Q(targets=""), name="pep_has_targets"),
        ]

    def __str__(self) -> str:
        return f"Personal education plan agreed {self.held_on:%d %b %Y}"


class Sdq(models.Model):
    """A Strengths and Difficulties Questionnaire for a child aged 4 to 16: the total score (0-40),
    or the reason there is none (SDQ2-SDQ5; SDQ1, out of the age range, is the return's to derive)."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="sdqs")
    completed_on = models.DateField(db_index=True, help_text="When the SDQ was completed (or the reason given)")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=4, choices=SdqReason.choices, blank=True)
    version = models.PositiveIntegerField(default=1)  # raised by each correction
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-completed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["period", "completed_on"], name="one_sdq_per_day"),
            models.CheckConstraint(
                condition=(models.Q(score__isnull=False, score__lte=40, reason=""))
                | models.Q(
                    score__isnull=True, reason__in=[SdqReason.SDQ2, SdqReason.SDQ3, SdqReason.SDQ4, SdqReason.SDQ5]
                ),
                name="sdq_score_0_to_40_or_a_reason",
            ),
        ]

    def __str__(self) -> str:
        outcome = f"score {self.score}" if self.score is not None else self.reason
        return f"SDQ on {self.completed_on:%d %b %Y}: {outcome}"


class HealthStatus(models.Model):
    """Whether the child's immunisations, or (under 5) health promotion checks, were up to date as at
    a date, as the health record says (the looked-after children's nurse or health visitor)."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="health_statuses")
    kind = models.CharField(max_length=3, choices=HealthStatusKind.choices)
    as_at = models.DateField(db_index=True)
    up_to_date = models.BooleanField()
    source = models.CharField(max_length=200, help_text="Who said so (e.g. the looked-after children's nurse)")
    version = models.PositiveIntegerField(default=1)  # raised by each correction
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-as_at", "-id"]
        verbose_name_plural = "health statuses"
        constraints = [
            models.UniqueConstraint(fields=["period", "kind", "as_at"], name="one_health_status_of_a_kind_per_day"),
            models.CheckConstraint(condition=models.Q(kind__in=HealthStatusKind.values), name="health_status_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} as at {self.as_at:%d %b %Y}: {'yes' if self.up_to_date else 'no'}"


class Conviction(models.Model):
    """The child was convicted (or given a final warning or reprimand) while looked after (903 OC2
    CONVICTED). Only a child of 10 or over: the age of criminal responsibility."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="convictions")
    convicted_on = models.DateField(db_index=True)
    offence = models.CharField(max_length=200)
    version = models.PositiveIntegerField(default=1)  # raised by each correction
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-convicted_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["period", "convicted_on"], name="one_conviction_per_day")]

    def __str__(self) -> str:
        return f"Convicted on {self.convicted_on:%d %b %Y}"


class SubstanceMisuse(models.Model):
    """A substance misuse problem identified while looked after, and whether an intervention was then
    received, offered and refused, or not offered (903 OC2 SUBSTANCE_MISUSE and the two items after)."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="substance_misuse")
    identified_on = models.DateField(db_index=True)
    intervention = models.CharField(max_length=11, choices=SubstanceIntervention.choices)
    note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)  # raised by each correction
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-identified_on", "-id"]
        verbose_name_plural = "substance misuse"
        constraints = [
            models.UniqueConstraint(fields=["period", "identified_on"], name="one_substance_misuse_per_day"),
            models.CheckConstraint(
                condition=models.Q(intervention__in=SubstanceIntervention.values), name="substance_intervention_code"
            ),
        ]

    def __str__(self) -> str:
        return f"Substance misuse identified {self.identified_on:%d %b %Y}"
