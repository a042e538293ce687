"""A looked-after child's Independent Reviewing Officer (Children Act 1989 s25A), appointed on the
period of care (hearth/care/models.py) from a date until another is appointed or care ends.

The table was care's until the care app was split (docs/decisions/0006-care-apps.md): its rows moved
with it, renamed from care_iroappointment to iro_iroappointment, nothing else changed."""

from django.conf import settings
from django.db import models

from hearth.care.models import PeriodOfCare, ends_on_or_after_start


class IROAppointment(models.Model):
    """The Independent Reviewing Officer appointed to a looked-after child's case (Children Act 1989
    s25A), from a date until another is appointed or care ends. One appointment is current at a time;
    a change ends the last the day before the next begins, so the record keeps who was the IRO when."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="iro_appointments")
    iro = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="iro_appointments")
    started_on = models.DateField(db_index=True)
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = "IRO appointment"
        constraints = [
            models.UniqueConstraint(
                fields=["period"], condition=models.Q(ended_on__isnull=True), name="one_current_iro_appointment"
            ),
            models.UniqueConstraint(fields=["period", "started_on"], name="one_iro_appointment_per_day"),
            ends_on_or_after_start("iro_appointment"),
        ]

    def __str__(self) -> str:
        return f"IRO {self.iro} from {self.started_on:%d %b %Y}"
