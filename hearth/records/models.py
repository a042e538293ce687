"""Case notes, their amendments, and alerts on a child: the facts of the everyday record."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class NoteType(models.Model):
    """A kind of case note (codes.NOTE_TYPES), kept as data: disabled, never deleted, once used."""

    code = models.CharField(max_length=20, primary_key=True)
    label = models.CharField(max_length=100)
    needs_sign_off = models.BooleanField(
        default=False, help_text="A social worker's note of this type waits for a manager's sign-off"
    )
    is_management_oversight = models.BooleanField(default=False, help_text="Written by team or service managers")
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class NoteStatus(models.TextChoices):
    DRAFT = "DRAFT", "Draft"
    FINAL = "FINAL", "Final"


class CaseNote(models.Model):
    """One piece of recording: a visit, call, meeting or piece of direct work, about one child or
    several siblings at once (one note, on each child's record).

    A draft is saved as it is typed; every save adds one to `version`, and a save made from an
    older version is refused, so two people on one draft never overwrite each other unseen. A final
    note is never edited: it is amended (NoteAmendment), the amendment shown beside it."""

    children = models.ManyToManyField("people.Child", through="CaseNoteChild", related_name="case_notes")
    note_type = models.ForeignKey(NoteType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    event_date = models.DateField("date of the event", null=True, blank=True, db_index=True)
    childs_voice = models.TextField("the child's voice", blank=True)
    present = models.TextField("who was present", blank=True)
    text = models.TextField("note", blank=True)
    status = models.CharField(max_length=5, choices=NoteStatus.choices, default=NoteStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_saved_at = models.DateTimeField()
    last_saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    finalised_at = models.DateTimeField(null=True, blank=True, db_index=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    management_oversight = models.BooleanField(default=False, help_text="A manager's oversight note")
    needs_sign_off = models.BooleanField(default=False)
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-event_date", "-finalised_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="case_note_version_positive"),
            models.CheckConstraint(
                condition=Q(status=NoteStatus.DRAFT, finalised_at__isnull=True, finalised_by__isnull=True)
                | (
                    Q(
                        status=NoteStatus.FINAL,
                        finalised_at__isnull=False,
                        finalised_by__isnull=False,
                        event_date__isnull=False,
                        note_type__isnull=False,
                    )
                    & ~Q(text="")
                ),
                name="case_note_final_is_complete",
            ),
            models.CheckConstraint(
                condition=Q(signed_off_at__isnull=True, signed_off_by__isnull=True)
                | Q(
                    signed_off_at__isnull=False,
                    signed_off_by__isnull=False,
                    status=NoteStatus.FINAL,
                    needs_sign_off=True,
                ),
                name="case_note_sign_off_complete_and_needed",
            ),
            models.CheckConstraint(
                condition=Q(signed_off_by__isnull=True) | ~Q(signed_off_by=F("finalised_by")),
                name="case_note_not_signed_off_by_its_writer",
            ),
            models.CheckConstraint(
                condition=Q(needs_sign_off=False, management_oversight=False) | Q(status=NoteStatus.FINAL),
                name="case_note_sign_off_and_oversight_set_when_final",
            ),
        ]
        indexes = [models.Index(fields=["status", "needs_sign_off", "signed_off_at"], name="case_note_sign_off_idx")]

    def __str__(self) -> str:
        kind = self.note_type.label if self.note_type else "Note"
        return f"{kind}, {self.event_date:%-d %B %Y}" if self.event_date else f"{kind} (draft)"

    @property
    def is_final(self) -> bool:
        return self.status == NoteStatus.FINAL

    @property
    def awaiting_sign_off(self) -> bool:
        return self.needs_sign_off and self.signed_off_at is None


class CaseNoteChild(models.Model):
    """A child a note is about: the note shows on each of their records."""

    note = models.ForeignKey(CaseNote, on_delete=models.CASCADE, related_name="links")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["note", "child"], name="case_note_child_once")]

    def __str__(self) -> str:
        return f"{self.note} about {self.child}"


class NoteAmendment(models.Model):
    """A correction or addition to a final note, shown beside the original (never replacing it)."""

    note = models.ForeignKey(CaseNote, on_delete=models.PROTECT, related_name="amendments")
    text = models.TextField("amendment")
    reason = models.TextField("reason for the amendment")
    amended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    amended_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["amended_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text="") & ~Q(reason=""), name="note_amendment_has_text_and_reason")
        ]

    def __str__(self) -> str:
        return f"Amendment to {self.note}"


class AlertType(models.Model):
    """A kind of alert (codes.ALERT_TYPES), kept as data."""

    code = models.CharField(max_length=20, primary_key=True)
    label = models.CharField(max_length=100)
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class Alert(models.Model):
    """A warning on a child's record, shown on every page of the child until it is ended."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="alerts")
    alert_type = models.ForeignKey(AlertType, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("why the alert is raised")
    raised_on = models.DateField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    review_on = models.DateField("review date")
    recorded_at = models.DateTimeField(auto_now_add=True)
    ended_on = models.DateField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    end_reason = models.TextField("why the alert ended", blank=True)

    class Meta:
        ordering = ["-raised_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="alert_has_a_reason"),
            models.CheckConstraint(condition=Q(review_on__gte=F("raised_on")), name="alert_review_after_raised"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, ended_by__isnull=True, end_reason="")
                | (Q(ended_on__isnull=False, ended_by__isnull=False, ended_on__gte=F("raised_on")) & ~Q(end_reason="")),
                name="alert_ended_with_date_and_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.alert_type}: {self.child}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    def needs_review(self, today) -> bool:
        return self.is_open and self.review_on < today
