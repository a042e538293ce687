"""Care leavers' facts: a personal adviser's contacts and the pathway plan reviews, on the child,
because they continue after the last period of care ends. A care leaver's status is derived from the
child's periods of care (hearth/leavers/status.py), never stored.

The tables were care's until the care app was split (docs/decisions/0006-care-apps.md): their rows
moved with them, renamed from care_careleavercontact and care_pathwayplanreview to
leavers_careleavercontact and leavers_pathwayplanreview, nothing else changed."""

from django.conf import settings
from django.db import models

from hearth.leavers.codes import Accommodation, Activity, ContactMethod, InTouch


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
    # The young person's voice, as visits and assessments record it: what they said or showed, in their words.
    child_voice = models.TextField(blank=True, help_text="What the young person said or showed, in their words")
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


class SupportTo25Request(models.Model):
    """A former relevant young person asked for a personal adviser's support after 21, to their 25th
    birthday (Children Act 1989 s23CZB, from the Children and Social Work Act 2017 s3). From that day
    they keep the former relevant status to 25, so their contacts and pathway plan go on being
    recorded (hearth/leavers/status.py), until they say they no longer want it (SupportTo25Withdrawal).
    They may ask again after saying so: the requests and withdrawals alternate, each a dated fact."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="support_to_25_requests")
    requested_on = models.DateField()
    note = models.TextField(blank=True, help_text="What the young person asked for, in their words if they like")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["requested_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["child", "requested_on"], name="one_support_to_25_request_a_day"),
        ]

    def __str__(self) -> str:
        return f"Asked for support to 25 on {self.requested_on:%d %b %Y}"


class SupportTo25Withdrawal(models.Model):
    """A young person who had asked for support to 25 said they no longer want it (a council must then
    stop it; they may ask again before 25). From that day they have no status past 21, so no contact or
    pathway plan is owed or recorded, until they ask again."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="support_to_25_withdrawals")
    withdrawn_on = models.DateField()
    reason = models.TextField(help_text="What the young person said, in their words if they like")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["withdrawn_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["child", "withdrawn_on"], name="one_support_to_25_withdrawal_a_day"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="support_to_25_withdrawal_has_reason"),
        ]

    def __str__(self) -> str:
        return f"No longer wanted support to 25 from {self.withdrawn_on:%d %b %Y}"
