"""Writers for a person's second factor (a TOTP authenticator app, through django-otp)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.audit.services import audit_record

DEVICE_NAME = "Authenticator app"
ERROR_WRONG_CODE = "Enter the 6-digit code your authenticator app shows now"


def second_factor_pending_device(*, user) -> TOTPDevice:
    """The authenticator being set up (unconfirmed), created the first time it is asked for."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def second_factor_confirm(*, user, token: str) -> TOTPDevice:
    """Confirm the new authenticator with a code it shows: from then on sign-in asks for one."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        if device is None or not device.verify_token(token.strip()):
            raise ValidationError({"code": ERROR_WRONG_CODE})
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=user, action="second_factor.confirm", obj=device)
    return device


def second_factor_check(*, user, token: str):
    """The confirmed device that accepts this code (each code works once), or a refusal. The
    devices are locked while checked, so one code cannot be used twice at the same moment."""
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_is_allowed()[0] and device.verify_token(token.strip()):
                audit_record(actor=user, action="second_factor.verify", obj=device)
                return device
    audit_record(actor=user, action="second_factor.refused")
    raise ValidationError({"code": ERROR_WRONG_CODE})
