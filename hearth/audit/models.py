from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    """One thing a person did or saw: appended by services and by views of a child's record.

    Rows are never edited or deleted by Hearth; on PostgreSQL the application's role may only read
    and insert them, and triggers refuse UPDATE, DELETE and TRUNCATE whoever asks
    (hearth/core/append_only.py, docs/security.md "Audit").
    """

    # The moment the row is written (hearth/audit/services.py: recorded_at; the synthetic demo
    # council's generator alone gives the simulated moment of the fact instead).
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty for the system itself",
    )
    action = models.CharField(max_length=100, help_text="What happened, e.g. contact.record or child.view")
    child = models.ForeignKey("people.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    # Appending a row changes nothing a request remembers (hearth/core/request_memo.py): no remembered
    # read looks at the trail, so writing one keeps the request's answers (the sealed records' ids).
    changes_no_remembered_read = True

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["child", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action}"
