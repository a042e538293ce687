"""Writers for children's identities."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.core.roles import Role, has_role
from hearth.people.matching import possible_matches
from hearth.people.models import Child, RecordRestriction, Sex

ERROR_NAME_REQUIRED = "Enter the child's first name and last name"
ERROR_BIRTH_IN_FUTURE = "Date of birth must be today or in the past"
ERROR_POSSIBLE_DUPLICATE = (
    "A record that may be this child already exists ({ids}). Use it, or confirm that none of them is this child"
)
ERROR_NOT_ALLOWED_TO_RESTRICT = "Only a service manager can restrict a child's record"
ERROR_ALREADY_RESTRICTED = "This record is already restricted. Lift the restriction first to change who may see it"
ERROR_REASON_REQUIRED = "Enter why the record is restricted"
ERROR_NOBODY_NAMED = "Name at least one person, besides you, who may see the record"
ERROR_NOT_RESTRICTED = "This record is not restricted"


def child_create(
    *,
    actor,
    first_name: str,
    last_name: str,
    date_of_birth: datetime.date | None,
    sex: str = Sex.UNKNOWN,
    not_a_duplicate: bool = False,
) -> Child:
    """A new child's record. Where a similar record exists, the person must first say that none of
    them is this child (not_a_duplicate): a second record for one child splits their history."""
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
    if not not_a_duplicate:
        matches = possible_matches(first_name=first_name, last_name=last_name, date_of_birth=date_of_birth)
        if matches:
            raise ValidationError(
                ERROR_POSSIBLE_DUPLICATE.format(ids=", ".join(match.child.hearth_id for match in matches)),
                code="possible_duplicate",
            )
    with transaction.atomic():
        child = Child(
            first_name=first_name, last_name=last_name, date_of_birth=date_of_birth, sex=sex, created_by=actor
        )
        child.full_clean()
        child.save()
        audit_record(actor=actor, action="child.create", obj=child, child=child)
    return child


def child_restrict(*, actor, child_id: int, reason: str, allowed_user_ids: list[int]) -> RecordRestriction:
    """Restrict a child's record to named people; the service manager restricting it is named too."""
    if not (actor.is_superuser or has_role(actor, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_NOT_ALLOWED_TO_RESTRICT)
    errors = {}
    if not reason.strip():
        errors["reason"] = ERROR_REASON_REQUIRED
    others = set(allowed_user_ids) - {actor.pk}
    if not others:
        errors["allowed_users"] = ERROR_NOBODY_NAMED
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        child = Child.objects.select_for_update().get(pk=child_id)
        if RecordRestriction.objects.filter(child=child).exists():
            raise ValidationError(ERROR_ALREADY_RESTRICTED)
        restriction = RecordRestriction.objects.create(child=child, reason=reason.strip(), restricted_by=actor)
        restriction.allowed_users.set(others | {actor.pk})
        audit_record(
            actor=actor,
            action="child.restrict",
            obj=restriction,
            child=child,
            detail={"allowed_users": sorted(others | {actor.pk})},
        )
    return restriction


def child_restriction_lift(*, actor, child_id: int) -> None:
    if not (actor.is_superuser or has_role(actor, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_NOT_ALLOWED_TO_RESTRICT)
    with transaction.atomic():
        restriction = RecordRestriction.objects.select_for_update().filter(child_id=child_id).first()
        if restriction is None:
            raise ValidationError(ERROR_NOT_RESTRICTED)
        child = restriction.child
        restriction.allowed_users.clear()
        restriction.delete()
        audit_record(actor=actor, action="child.restriction_lift", child=child, obj=child)
