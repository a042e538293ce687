"""Writers for children's identities."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.core.roles import CASE_RECORD_ROLES, Role, has_role
from hearth.people.characteristics_services import own_child_errors
from hearth.people.codes import OWN_CHILD_RELATIONSHIP
from hearth.people.identifiers import (
    nhs_number_digits,
    nhs_number_is_valid,
    postcode_is_valid,
    postcode_normalise,
    upn_is_valid,
    upn_normalise,
)
from hearth.people.matching import possible_matches
from hearth.people.models import (
    Child,
    FormerName,
    NameKey,
    Person,
    RecordRestriction,
    Relationship,
    RelationshipType,
    SealedRecord,
    SealedRecordOpening,
    SealedRecordOpeningReason,
    Sex,
)
from hearth.people.names import name_words, sound_key

ERROR_NAME_REQUIRED = "Enter the child's first name and last name"
ERROR_BIRTH_IN_FUTURE = "Date of birth must be today or in the past"
ERROR_POSSIBLE_DUPLICATE = (
    "A record that may be this child already exists ({ids}). Use it, or confirm that none of them is this child"
)
ERROR_NOT_ALLOWED_TO_RESTRICT = "Only a service manager can restrict a child's record"
ERROR_ALREADY_RESTRICTED = "This record is already restricted. Lift the restriction first to change who may see it"
ERROR_REASON_REQUIRED = "Enter why the record is restricted"
ERROR_NOBODY_NAMED = "Name at least one person, besides you, who may see the record"
ERROR_NAMED_WITHOUT_CASE_RECORD_WORK = (
    "Name only people whose work is with children's records: a councillor sees figures, never a child's record"
)
ERROR_NOT_RESTRICTED = "This record is not restricted"
ERROR_NHS_NUMBER_INVALID = "Enter a valid NHS number: 10 digits, like 943 476 5919 (check for a mistyped digit)"
ERROR_NHS_NUMBER_TAKEN = "Another child's record ({hearth_id}) has this NHS number. Check it, or use that record"
ERROR_UPN_INVALID = "Enter a valid UPN: a letter and 12 more characters, like A123456789012 (check for a mistype)"
ERROR_UPN_TAKEN = "Another child's record ({hearth_id}) has this UPN. Check it, or use that record"
ERROR_CHANGED_MEANWHILE = (
    "Someone else changed this child's details since you opened the page. "
    "Your changes have not been saved: check the details below and make them again"
)
ERROR_DATE_IN_FUTURE = "The date must be today or in the past"
ERROR_POSTCODE_INVALID = "Enter a UK postcode like SW1A 1AA, or leave it empty if not known"
ERROR_PERSON_NAME_REQUIRED = "Enter the person's last name (or their role, such as Dr or Nurse, and last name)"
ERROR_PERSON_OR_CHILD = "Choose either a person or a child in Hearth, not both"
ERROR_RELATIONSHIP_UNKNOWN = "Choose a relationship from the list"
ERROR_SIBLING_NEEDS_A_CHILD_TYPE = "A child in Hearth can only be linked as a sibling, half-sibling or step-sibling"
ERROR_SIBLING_NOT_FOUND = "No child you can see has that Hearth ID"
ERROR_SIBLING_IS_THIS_CHILD = "A child cannot be linked to themselves"
ERROR_ALREADY_LINKED = "This person is already linked to the child. End that relationship first to change it"
ERROR_PR_NOT_FOR_CHILDREN = "Only an adult can hold parental responsibility for the child"
ERROR_ALREADY_ENDED = "This relationship has already ended"
ERROR_END_BEFORE_START = "The end date must be on or after the date the relationship started ({started})"
ERROR_OPENING_REASON_REQUIRED = "Choose why you are opening the sealed record"
ERROR_OPENING_EXPLANATION_REQUIRED = "Explain why you are opening the sealed record"
ERROR_OPENING_EXPLANATION_TOO_SHORT = (
    "Explain in a sentence why you are opening the sealed record, for example who asked and their reference"
)
ERROR_OPENING_EXPLANATION_TOO_LONG = "Keep the explanation to {limit} characters or fewer"
ERROR_NOT_ALLOWED_TO_OPEN_SEALED = "You are not allowed to open this record"
OPENING_EXPLANATION_MIN_CHARACTERS = 10
OPENING_EXPLANATION_MAX_CHARACTERS = 2000
ERROR_END_REASON_REQUIRED = "Enter why the relationship ended, for example moved out of the household"


# CONSTRAINTS_CHECKED_ABOVE: the child table's constraints (a name; the NHS number's and the UPN's
# shapes; neither held by another child) are each checked by these services first, with their own
# messages, so full_clean does not check them again: Django checks each constraint with a query in a
# savepoint of its own, fifteen queries a child written (the import of past returns writes thousands).
# The database still enforces every one.


def child_create(
    *,
    actor,
    first_name: str,
    last_name: str,
    date_of_birth: datetime.date | None,
    sex: str = Sex.UNKNOWN,
    nhs_number: str = "",
    upn: str = "",
    postcode: str = "",
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
    nhs_number, upn = _clean_identifiers(errors, nhs_number, upn)
    postcode = _clean_postcode(errors, postcode)
    if errors:
        raise ValidationError(errors)
    if not not_a_duplicate:
        # First the records that may be this child (a same NHS number listed first), so the
        # screener can pick one; a number another record holds is refused even when confirmed.
        matches = possible_matches(
            first_name=first_name,
            last_name=last_name,
            date_of_birth=date_of_birth,
            nhs_number=nhs_number,
            upn=upn,
            postcode=postcode,
        )
        if matches:
            raise ValidationError(
                ERROR_POSSIBLE_DUPLICATE.format(ids=", ".join(match.child.hearth_id for match in matches)),
                code="possible_duplicate",
            )
    _refuse_identifiers_in_use(actor, nhs_number, upn, child_id=None)
    with transaction.atomic():
        child = Child(
            first_name=first_name,
            last_name=last_name,
            date_of_birth=date_of_birth,
            sex=sex,
            nhs_number=nhs_number,
            upn=upn,
            postcode=postcode,
            created_by=actor,
        )
        child.full_clean(validate_constraints=False)  # CONSTRAINTS_CHECKED_ABOVE
        child.save()
        name_keys_refresh(child)
        audit_record(actor=actor, action="child.create", obj=child, child=child)
    return child


def _clean_identifiers(errors: dict, nhs_number: str, upn: str) -> tuple[str, str]:
    """The identifiers as stored (digits; upper case), with an error for any that fails its check."""
    nhs_number, upn = nhs_number_digits(nhs_number), upn_normalise(upn)
    if nhs_number and not nhs_number_is_valid(nhs_number):
        errors["nhs_number"] = ERROR_NHS_NUMBER_INVALID
    if upn and not upn_is_valid(upn):
        errors["upn"] = ERROR_UPN_INVALID
    return nhs_number, upn


def _clean_postcode(errors: dict, postcode: str) -> str:
    postcode = postcode_normalise(postcode)
    if postcode and not postcode_is_valid(postcode):
        errors["postcode"] = ERROR_POSTCODE_INVALID
    return postcode


def _refuse_identifiers_in_use(actor, nhs_number: str, upn: str, child_id: int | None) -> None:
    """The database's unique constraints are the last word; this says which record holds the
    number, by its Hearth ID only if the person may see that record (a restricted record, or
    another team's, is not named)."""
    from hearth.people.selectors import children_visible_to

    others = Child.objects.exclude(pk=child_id)
    errors = {}
    for field, number, message in (
        ("nhs_number", nhs_number, ERROR_NHS_NUMBER_TAKEN),
        ("upn", upn, ERROR_UPN_TAKEN),
    ):
        holder = others.filter(**{field: number}).first() if number else None
        if holder:
            visible = actor is not None and children_visible_to(actor).filter(pk=holder.pk).exists()
            errors[field] = message.format(hearth_id=holder.hearth_id if visible else "one you cannot open")
    if errors:
        raise ValidationError(errors)


def name_keys_refresh(child: Child) -> None:
    """Rewrite the child's search keys from their current and former names (inside the caller's
    transaction, so a name and its keys never disagree)."""
    NameKey.objects.filter(child=child).delete()
    NameKey.objects.bulk_create(name_keys_of(child, child.former_names.all()))


def name_keys_of(child: Child, former_names=()) -> list[NameKey]:
    """The search keys of a child's current and former names, not yet saved (the synthetic
    council's bulk path writes a new child's keys with the rest of its batch)."""
    keys = {(word, False) for word in name_words(child.first_name) + name_words(child.last_name)}
    for former in former_names:
        keys |= {(word, True) for word in name_words(former.first_name) + name_words(former.last_name)}
    # A word in both the current and a former name is kept once, as current.
    current = {word for word, is_former in keys if not is_former}
    keys = {(word, is_former) for word, is_former in keys if not (is_former and word in current)}
    return [
        NameKey(child=child, word=word[:200], sound=sound_key(word), is_former=is_former) for word, is_former in keys
    ]


def child_identity_update(
    *,
    actor,
    child_id: int,
    expected_version: int,
    first_name: str,
    last_name: str,
    date_of_birth: datetime.date | None,
    sex: str,
    nhs_number: str,
    upn: str,
    postcode: str,
) -> Child:
    """Correct or change the child's identity details: every field is replaced, so every one is
    required (an omitted postcode would otherwise be cleared). Refused if someone else saved a change
    since the page was opened (expected_version). A changed name is kept as a former name, dated today,
    so a search by the old name still finds the child."""
    first_name, last_name = first_name.strip(), last_name.strip()
    errors = {}
    if not first_name:
        errors["first_name"] = ERROR_NAME_REQUIRED
    if not last_name:
        errors["last_name"] = ERROR_NAME_REQUIRED
    if date_of_birth and date_of_birth > timezone.localdate():
        errors["date_of_birth"] = ERROR_BIRTH_IN_FUTURE
    nhs_number, upn = _clean_identifiers(errors, nhs_number, upn)
    postcode = _clean_postcode(errors, postcode)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        child = Child.objects.select_for_update().get(pk=child_id)
        if child.version != expected_version:
            raise ValidationError(ERROR_CHANGED_MEANWHILE, code="changed_meanwhile")
        _refuse_identifiers_in_use(actor, nhs_number, upn, child_id=child.pk)
        before = {field: str(getattr(child, field) or "") for field in IDENTITY_FIELDS}
        name_changed = (child.first_name, child.last_name) != (first_name, last_name)
        if name_changed:
            FormerName.objects.create(
                child=child,
                first_name=child.first_name,
                last_name=child.last_name,
                used_until=timezone.localdate(),
                recorded_by=actor,
            )
        child.first_name, child.last_name, child.date_of_birth, child.sex = first_name, last_name, date_of_birth, sex
        child.nhs_number, child.upn, child.postcode = nhs_number, upn, postcode
        child.version += 1
        child.full_clean(validate_constraints=False)  # CONSTRAINTS_CHECKED_ABOVE
        child.save()
        if name_changed:
            name_keys_refresh(child)
        after = {field: str(getattr(child, field) or "") for field in IDENTITY_FIELDS}
        changed = {field: [before[field], after[field]] for field in IDENTITY_FIELDS if before[field] != after[field]}
        audit_record(actor=actor, action="child.identity_update", obj=child, child=child, detail={"changed": changed})
    return child


IDENTITY_FIELDS = ("first_name", "last_name", "date_of_birth", "sex", "nhs_number", "upn", "postcode")


def former_name_add(
    *, actor, child_id: int, first_name: str, last_name: str, used_until: datetime.date | None
) -> FormerName:
    """A name the child used to be known by, so that a search by it finds them."""
    first_name, last_name = first_name.strip(), last_name.strip()
    errors = {}
    if not first_name:
        errors["first_name"] = ERROR_NAME_REQUIRED
    if not last_name:
        errors["last_name"] = ERROR_NAME_REQUIRED
    if used_until and used_until > timezone.localdate():
        errors["used_until"] = ERROR_DATE_IN_FUTURE
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        child = Child.objects.select_for_update().get(pk=child_id)
        former = FormerName.objects.create(
            child=child, first_name=first_name, last_name=last_name, used_until=used_until, recorded_by=actor
        )
        name_keys_refresh(child)
        audit_record(actor=actor, action="child.former_name_add", obj=former, child=child)
    return former


# Family and relationships --------------------------------------------------------------------


def relationship_add(
    *,
    actor,
    child_id: int,
    relationship_code: str,
    person: dict | None = None,
    person_id: int | None = None,
    other_child_id: int | None = None,
    has_parental_responsibility: bool = False,
    lives_in_household: bool = False,
    started_on: datetime.date | None = None,
) -> Relationship:
    """Link someone to the child: a new person (person: first_name, last_name, date_of_birth,
    address, phone), a person already recorded (person_id, e.g. a mother of two siblings), or
    another child in Hearth as a sibling (other_child_id), which is linked both ways."""
    from hearth.people.selectors import children_visible_to

    relationship_type = RelationshipType.objects.filter(code=relationship_code, active=True).first()
    if relationship_type is None:
        raise ValidationError({"relationship_code": ERROR_RELATIONSHIP_UNKNOWN})
    targets = [person is not None, person_id is not None, other_child_id is not None]
    if sum(targets) != 1:
        raise ValidationError(ERROR_PERSON_OR_CHILD)
    errors = {}
    if started_on and started_on > timezone.localdate():
        errors["started_on"] = ERROR_DATE_IN_FUTURE
    if other_child_id is not None:
        if not relationship_type.links_children:
            errors["relationship_code"] = ERROR_SIBLING_NEEDS_A_CHILD_TYPE
        if has_parental_responsibility:
            errors["has_parental_responsibility"] = ERROR_PR_NOT_FOR_CHILDREN
        if other_child_id == child_id:
            errors["other_child"] = ERROR_SIBLING_IS_THIS_CHILD
        elif not children_visible_to(actor).filter(pk=other_child_id).exists():
            errors["other_child"] = ERROR_SIBLING_NOT_FOUND
    if person is not None:
        errors |= _person_errors(person)
    if relationship_type.code == OWN_CHILD_RELATIONSHIP and has_parental_responsibility:
        errors["has_parental_responsibility"] = ERROR_PR_NOT_FOR_CHILDREN
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        child = Child.objects.select_for_update().get(pk=child_id)
        if relationship_type.code == OWN_CHILD_RELATIONSHIP and other_child_id is None:
            # The 903's MOTHER and MC_DOB are read from this link: its date of birth is checked now.
            born = person.get("date_of_birth") if person is not None else Person.objects.get(pk=person_id).date_of_birth
            if own_child := own_child_errors(child, born):
                raise ValidationError(own_child)
        if person is not None:
            target = _person_create(actor=actor, **person)
        elif person_id is not None:
            target = Person.objects.get(pk=person_id)
        else:
            target = Child.objects.select_for_update().get(pk=other_child_id)
        link = {"person": target} if isinstance(target, Person) else {"other_child": target}
        if Relationship.objects.filter(child=child, ended_on__isnull=True, **link).exists():
            raise ValidationError(ERROR_ALREADY_LINKED)
        relationship = Relationship.objects.create(
            child=child,
            relationship_type=relationship_type,
            has_parental_responsibility=has_parental_responsibility,
            lives_in_household=lives_in_household,
            started_on=started_on,
            recorded_by=actor,
            **link,
        )
        audit_record(
            actor=actor,
            action="relationship.add",
            obj=relationship,
            child=child,
            detail={"type": relationship_type.code, "pr": has_parental_responsibility, "household": lives_in_household},
        )
        if isinstance(target, Child):
            _mirror_sibling_link(actor, relationship)
    return relationship


def _mirror_sibling_link(actor, relationship: Relationship) -> None:
    """Siblings are siblings both ways: the other child's record shows this child too."""
    sibling = relationship.other_child
    if Relationship.objects.filter(child=sibling, other_child=relationship.child, ended_on__isnull=True).exists():
        return
    mirror = Relationship.objects.create(
        child=sibling,
        relationship_type=relationship.relationship_type,
        other_child=relationship.child,
        lives_in_household=relationship.lives_in_household,
        started_on=relationship.started_on,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="relationship.add",
        obj=mirror,
        child=sibling,
        detail={"type": mirror.relationship_type.code, "mirrors": relationship.pk},
    )


def _person_errors(person: dict) -> dict:
    errors = {}
    if not (person.get("last_name") or "").strip():
        errors["last_name"] = ERROR_PERSON_NAME_REQUIRED
    born = person.get("date_of_birth")
    if born and born > timezone.localdate():
        errors["date_of_birth"] = ERROR_BIRTH_IN_FUTURE
    return errors


def _person_create(
    *, actor, last_name: str, first_name: str = "", date_of_birth=None, address: str = "", phone: str = ""
) -> Person:
    person = Person(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        date_of_birth=date_of_birth,
        address=address.strip(),
        phone=phone.strip(),
        created_by=actor,
    )
    person.full_clean()
    person.save()
    return person


def relationship_end(
    *, actor, relationship_id: int, ended_on: datetime.date, reason: str, in_error: bool = False
) -> Relationship:
    """End a relationship (a parent moves out, a professional changes): kept in the record as
    history, never deleted. A link between two children is ended on both records. One recorded by
    mistake is ended `in_error`: still kept, but nothing is read from it (an "own child" link so
    ended does not make the young person a mother in the 903)."""
    reason = reason.strip()
    errors = {}
    if ended_on > timezone.localdate():
        errors["ended_on"] = ERROR_DATE_IN_FUTURE
    if not reason:
        errors["reason"] = ERROR_END_REASON_REQUIRED
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        relationship = Relationship.objects.select_for_update().get(pk=relationship_id)
        if relationship.ended_on is not None:
            raise ValidationError(ERROR_ALREADY_ENDED)
        if relationship.started_on and ended_on < relationship.started_on:
            started = f"{relationship.started_on.day} {relationship.started_on:%B %Y}"
            raise ValidationError({"ended_on": ERROR_END_BEFORE_START.format(started=started)})
        links = [relationship]
        if relationship.other_child_id:
            links += list(
                Relationship.objects.select_for_update().filter(
                    child_id=relationship.other_child_id, other_child_id=relationship.child_id, ended_on__isnull=True
                )
            )
        for link in links:
            link.ended_on, link.end_reason, link.ended_in_error = ended_on, reason, in_error
            link.save(update_fields=["ended_on", "end_reason", "ended_in_error"])
            audit_record(
                actor=actor,
                action="relationship.end",
                obj=link,
                child=link.child,
                detail={"ended_on": str(ended_on), "in_error": in_error},
            )
    return relationship


def _without_case_record_work(user_ids) -> bool:
    """Whether any of these people holds no role whose work is with children's records (a councillor)."""
    names = [role.value for role in CASE_RECORD_ROLES]
    with_the_work = get_user_model().objects.filter(pk__in=user_ids, groups__name__in=names).values("pk").distinct()
    return with_the_work.count() < len(set(user_ids))


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
    elif _without_case_record_work(others):
        errors["allowed_users"] = ERROR_NAMED_WITHOUT_CASE_RECORD_WORK
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


def child_seal_after_adoption(*, actor, period) -> SealedRecord:
    """Seal the child's record on the adoption order that ended their period of care. Called by
    care_end inside its transaction, so the order and the seal are saved together or not at all.
    There is no writer that unseals: only the database's administrators could."""
    with transaction.atomic():
        child = Child.objects.select_for_update().get(pk=period.child_id)
        existing = SealedRecord.objects.filter(child=child).first()
        if existing is not None:
            return existing  # sealed by an earlier adoption order: the first seal stands
        seal = SealedRecord.objects.create(
            child=child, period_of_care=period, adoption_order_on=period.ended_on, sealed_by=actor
        )
        audit_record(
            actor=actor,
            action="child.seal",
            obj=seal,
            child=child,
            detail={"adoption_order_on": str(period.ended_on), "reason": period.end_reason},
        )
    return seal


def sealed_record_open(*, actor, child_id: int, reason: str, explanation: str) -> SealedRecordOpening:
    """Open a sealed adoption record, saying why: the opening lets this person (only) see the record
    for HEARTH_SEALED_RECORD_OPENING_HOURS, and its audit event carries the reason. Refused, with
    nothing written, without a reason, without an explanation, or to anyone not allowed to open it."""
    from hearth.people.selectors import sealed_record_can_be_opened_by

    explanation = (explanation or "").strip()
    errors = {}
    if reason not in SealedRecordOpeningReason.values:
        errors["reason"] = ERROR_OPENING_REASON_REQUIRED
    if not explanation:
        errors["explanation"] = ERROR_OPENING_EXPLANATION_REQUIRED
    elif len(explanation) < OPENING_EXPLANATION_MIN_CHARACTERS:
        errors["explanation"] = ERROR_OPENING_EXPLANATION_TOO_SHORT
    elif len(explanation) > OPENING_EXPLANATION_MAX_CHARACTERS:
        errors["explanation"] = ERROR_OPENING_EXPLANATION_TOO_LONG.format(limit=OPENING_EXPLANATION_MAX_CHARACTERS)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        child = Child.objects.filter(pk=child_id).first()
        if child is None or not sealed_record_can_be_opened_by(actor, child):
            raise ValidationError(ERROR_NOT_ALLOWED_TO_OPEN_SEALED, code="not_allowed")
        opened_at = timezone.now()
        opening = SealedRecordOpening.objects.create(
            child=child,
            opened_by=actor,
            reason=reason,
            explanation=explanation,
            opened_at=opened_at,
            expires_at=opened_at + datetime.timedelta(hours=settings.HEARTH_SEALED_RECORD_OPENING_HOURS),
        )
        audit_record(
            actor=actor,
            action="child.sealed_open",
            obj=opening,
            child=child,
            detail={
                "reason": reason,
                "explanation": explanation,
                "expires_at": timezone.localtime(opening.expires_at).isoformat(),
            },
        )
    return opening
