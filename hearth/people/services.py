"""Writers for children's identities."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.people.models import Child, Sex

ERROR_NAME_REQUIRED = "Enter the child's first name and last name"
ERROR_BIRTH_IN_FUTURE = "Date of birth must be today or in the past"


def child_create(
    *, actor, first_name: str, last_name: str, date_of_birth: datetime.date | None, sex: str = Sex.UNKNOWN
) -> Child:
    first_name, last_name = first_name.strip(), last_name.strip()
    errors = {}
    if not first_name:
        errors["first_name"] = ERROR_NAME_REQUIRED
    if not last_name:
        errors["last_name"] = ERROR_NAME_REQUIRED
    if date_of_birth and date_of_birth > timezone.localdate():
        errors["date_of_birth"] = ERROR_BIRTH_IN_FUTURE
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        child = Child(
            first_name=first_name, last_name=last_name, date_of_birth=date_of_birth, sex=sex, created_by=actor
        )
        child.full_clean()
        child.save()
        audit_record(actor=actor, action="child.create", obj=child, child=child)
    return child
