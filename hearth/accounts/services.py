"""Writers for signing in: a person's second factor (a TOTP authenticator app, through django-otp),
set up only with a one-time enrolment code an administrator issues; and the person the council's
directory signs in (hearth/accounts/sso.py)."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts.models import EnrolmentCode
from hearth.audit.services import audit_record
from hearth.core.roles import Role

DEVICE_NAME = "Authenticator app"
ERROR_WRONG_CODE = "Enter the 6-digit code your authenticator app shows now"
# One-time enrolment codes: 16 characters from an alphabet with no look-alikes (0/O, 1/I/L), about 79
# bits, shown in groups of four.
ENROLMENT_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ENROLMENT_CODE_LENGTH = 16
ERROR_ENROLMENT_CODE_WRONG = "This enrolment code is wrong. Check it, or ask your Hearth administrator for a new one"
ERROR_ENROLMENT_CODE_USED = "This enrolment code has already been used. Ask your Hearth administrator for a new one"
ERROR_ENROLMENT_CODE_EXPIRED = "This enrolment code has expired. Ask your Hearth administrator for a new one"
ERROR_NO_ENROLMENT = "Enter your enrolment code first"
ERROR_NOT_ALLOWED_TO_ISSUE = "Only an administrator can issue enrolment codes"


def _code_hash(code: str) -> str:
    return hashlib.sha256(normalised_enrolment_code(code).encode()).hexdigest()


def normalised_enrolment_code(code: str) -> str:
    """As typed: any case, with or without the spaces and hyphens it is shown with."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def enrolment_code_issue(*, actor, user) -> str:
    """A new one-time code for this person to set up their authenticator app with, returned once (only
    its hash is kept); any earlier code of theirs not yet used stops working. For administrators
    (the permission to add enrolment codes): the admin's Users list, "Issue an enrolment code"."""
    if not (actor.is_superuser or actor.has_perm("accounts.add_enrolmentcode")):
        raise ValidationError(ERROR_NOT_ALLOWED_TO_ISSUE)
    code = "".join(secrets.choice(ENROLMENT_CODE_ALPHABET) for _ in range(ENROLMENT_CODE_LENGTH))
    now = timezone.now()
    with transaction.atomic():
        EnrolmentCode.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
        issued = EnrolmentCode.objects.create(
            user=user,
            code_hash=_code_hash(code),
            issued_by=actor,
            issued_at=now,
            expires_at=now + datetime.timedelta(hours=settings.HEARTH_ENROLMENT_CODE_HOURS),
        )
        audit_record(actor=actor, action="second_factor.enrolment_code_issue", obj=issued, detail={"user": user.pk})
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def enrolment_code_redeem(*, user, code: str) -> TOTPDevice:
    """Use a one-time code to start setting up an authenticator app: a new app (unconfirmed) with a new
    key, shown only now. The code works once, for its own person, before it expires; a refusal is
    audited and changes nothing."""
    now = timezone.now()
    refusal = None
    with transaction.atomic():
        issued = EnrolmentCode.objects.select_for_update().filter(user=user, code_hash=_code_hash(code)).first()
        if issued is None:
            refusal = ERROR_ENROLMENT_CODE_WRONG
        elif issued.used_at is not None:
            refusal = ERROR_ENROLMENT_CODE_USED
        elif issued.expires_at <= now:
            refusal = ERROR_ENROLMENT_CODE_EXPIRED
        else:
            # Any app set up before and never confirmed goes: its key may have been seen by anyone.
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
            issued.used_at = now
            issued.device = device
            issued.save(update_fields=["used_at", "device"])
            audit_record(actor=user, action="second_factor.enrolment_code_use", obj=issued)
    if refusal:
        # Outside the refused transaction, so that the refusal itself is kept.
        audit_record(actor=user, action="second_factor.enrolment_code_refused", detail={"reason": refusal})
        raise ValidationError({"enrolment_code": refusal})
    return device


def second_factor_pending_device(*, user, device_id) -> TOTPDevice | None:
    """The authenticator app being set up with an enrolment code this session used, if any."""
    return TOTPDevice.objects.filter(
        pk=device_id, user=user, confirmed=False, pk__in=EnrolmentCode.objects.filter(user=user).values("device")
    ).first()


def second_factor_confirm(*, user, device_id, token: str) -> TOTPDevice:
    """Confirm the new authenticator (the one an enrolment code started) with a code it shows: from
    then on sign-in asks for one."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(pk=device_id, user=user, confirmed=False)
            .filter(pk__in=EnrolmentCode.objects.filter(user=user).values("device"))
            .first()
        )
        if device is None:
            raise ValidationError(ERROR_NO_ENROLMENT)
        if not device.verify_token(token.strip()):
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


# Why a directory sign-in let nobody in (the page it ends on says so).
REFUSED_NO_ROLE = "no_role"
REFUSED_ADMINISTRATOR = "administrator"


class DirectorySignInRefused(Exception):
    """A directory sign-in that lets nobody in (hearth/accounts/sso.py): `reason` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def directory_sign_in(*, username: str, first_name: str, last_name: str, email: str, roles: set[Role]):
    """The person the council's directory has just signed in, with exactly the roles their directory
    groups give (the directory decides: roles from groups they have left are taken away). Created on
    their first sign-in, with no password of its own. Refused (DirectorySignInRefused) when their
    groups give no role, and then their account keeps no role; and refused for administrators'
    accounts, which sign in only with their password and authenticator app. A refusal is audited."""
    user_model = get_user_model()
    refusal = None
    with transaction.atomic():
        user = user_model.objects.select_for_update().filter(username__iexact=username).first()
        role_groups = Group.objects.filter(name__in=[role.value for role in Role])
        if user is not None and (user.is_staff or user.is_superuser):
            refusal = REFUSED_ADMINISTRATOR
        elif not roles:
            refusal = REFUSED_NO_ROLE
            if user is not None:
                user.groups.remove(*role_groups)
        else:
            if user is None:
                user = user_model(username=username)
                user.set_unusable_password()
            user.first_name, user.last_name, user.email = first_name, last_name, email
            user.save()
            user.groups.remove(*role_groups.exclude(name__in=[role.value for role in roles]))
            user.groups.add(*role_groups.filter(name__in=[role.value for role in roles]))
        if refusal:
            audit_record(actor=None, action="sso.refused", obj=user, detail={"reason": refusal, "username": username})
        else:
            audit_record(actor=user, action="sso.sign_in", obj=user, detail={"roles": sorted(r.value for r in roles)})
    if refusal:
        raise DirectorySignInRefused(refusal)
    return user
