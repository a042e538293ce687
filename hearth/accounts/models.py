from django.conf import settings
from django.db import models
from django_otp.plugins.otp_totp.models import TOTPDevice


class EnrolmentCode(models.Model):
    """A one-time code an administrator gives a person so that they can set up their authenticator
    app (hearth/accounts/services.py). Without one, a password alone would let anyone who knew it
    enrol an app of their own on an account that has none yet. Only its hash is kept: the code is
    shown once, to the administrator who issued it. It works once, for its own person, until it expires."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_codes")
    code_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="enrolment_codes_issued"
    )
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # The authenticator app set up with it (unconfirmed until the person gives a code from the app).
    device = models.ForeignKey(TOTPDevice, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self):
        return f"Enrolment code for {self.user} issued {self.issued_at:%d %b %Y %H:%M}"
