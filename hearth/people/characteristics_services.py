"""Writers of the child's characteristics: ethnicity, why the UPN is not known, disabilities and
unaccompanied asylum-seeking status, each a dated recording that supersedes the ones before it from
its date on (hearth/people/models.py explains the reading). Whether a young woman is a mother is
read from the family record: the checks on an "own child" link are here, called by relationship_add.

The census's other identifiers of the child are recorded here the same way: a former UPN, an unborn
child's expected date of birth, and the date of death (each a dated recording; these three also
check and raise the child's version, as the child's details do, since they change who the record
says the child is: a page opened before someone else's change is refused).

Where a DfE validation rule is about the one fact being recorded, it is refused here, when it is
recorded, with nothing written: the rule numbers are the 903 validator's (csc-validator-be-903) and
the CIN census validator's (csc-validator-be-cin); docs/returns-903.md lists them.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.core import collection_years
from hearth.people.characteristics_selectors import birthday, school_age_reference_date
from hearth.people.codes import Disability, Ethnicity, UascCeaseReason, UpnUnknownReason
from hearth.people.identifiers import upn_is_valid, upn_normalise
from hearth.people.models import (
    Child,
    DeathRecord,
    DisabilityRecord,
    EthnicityRecord,
    ExpectedBirthRecord,
    FormerUpnRecord,
    RecordedDisability,
    Sex,
    UascRecord,
    UpnUnknownRecord,
)

ERROR_ETHNICITY_REQUIRED = "Choose the child's ethnicity, or Information not yet obtained"
ERROR_APPLIES_FROM_REQUIRED = "Enter the date this applies from"
ERROR_APPLIES_FROM_IN_FUTURE = "The date this applies from must be today or in the past"
ERROR_APPLIES_FROM_BEFORE_BIRTH = "The date this applies from must be on or after the child's date of birth ({born})"
ERROR_UPN_REASON_REQUIRED = "Choose why the child's UPN is not known"
ERROR_UPN_IS_KNOWN = (
    "The child's UPN is recorded ({upn}): a reason is only for a child whose UPN is not known. "
    "If the UPN is wrong, correct it in the child's details"
)
ERROR_UN1_FOR_SCHOOL_AGE = (
    "UN1 is for a child not yet of school age, and this child was 4 by {reference} (DfE rule 209): "
    "give their UPN, or another reason"
)
ERROR_DISABILITY_REQUIRED = "Choose the child's disabilities, or No disability"
ERROR_DISABILITY_UNKNOWN = "Choose disabilities from the list"
ERROR_NO_DISABILITY_WITH_OTHERS = "No disability cannot be chosen with a disability (CIN census rule 8790)"
ERROR_UASC_FROM_REQUIRED = "Enter the date the child became an unaccompanied asylum-seeking child"
ERROR_UASC_FROM_IN_FUTURE = "The date the child became an unaccompanied asylum-seeking child must be today or before"
ERROR_UASC_FROM_BEFORE_BIRTH = (
    "The date the child became an unaccompanied asylum-seeking child must be on or after their date of birth ({born})"
)
ERROR_UASC_FROM_ADULT = (
    "An unaccompanied asylum-seeking child is under 18: this date is on or after their 18th birthday ({eighteen})"
)
ERROR_UASC_CEASED_IN_FUTURE = "The date the status ceased must be today or before: record it once it has happened"
ERROR_UASC_CEASED_BEFORE_START = "The date the status ceased must be on or after the date it started ({started})"
ERROR_UASC_CEASED_AFTER_18 = (
    "The status ends on the 18th birthday ({eighteen}) at the latest (DfE rule 304): "
    "leave the date empty if it ended then"
)
ERROR_UASC_CEASE_REASON_REQUIRED = "Choose why the status ceased"
ERROR_UASC_CEASE_REASON_WITHOUT_DATE = "Give the date the status ceased, or choose no reason"
ERROR_OWN_CHILD_BIRTH_REQUIRED = "Enter the date of birth of the young person's child"
ERROR_OWN_CHILD_BORN_BEFORE_PARENT = (
    "The date of birth of the young person's child must be after the young person's own ({born}) (DfE rule 621)"
)
ERROR_MOTHER_UNDER_11 = (
    "The young person would have been under 11 on 1 April before her child's birth (DfE rule 620): "
    "check both dates of birth"
)
ERROR_CHANGED_MEANWHILE = (
    "Someone else changed this child's details since you opened the page. Nothing was saved: "
    "check the child's page and record this again"
)
ERROR_FORMER_UPN_INVALID = (
    "Enter the former UPN: a letter and 12 more characters, like A123456789012 (check for a mistype)"
)
ERROR_FORMER_UPN_IS_CURRENT = "This is the child's current UPN: a former UPN is one they no longer use"
ERROR_EXPECTED_ON_REQUIRED = "Enter the expected date of birth"
ERROR_EXPECTED_CHILD_BORN = (
    "The child's date of birth is recorded ({born}): an expected date of birth is only for a child not yet born"
)
ERROR_EXPECTED_TOO_FAR = (
    "The expected date of birth must be within 40 weeks of the date this applies from ({latest} at the latest)"
)
ERROR_EXPECTED_BEFORE_APPLIES = (
    "The expected date of birth cannot be more than 30 days before the date this applies from: "
    "if the child has been born, record their date of birth in the child's details"
)
ERROR_DIED_ON_REQUIRED = "Enter the date the child died"
ERROR_DIED_IN_FUTURE = "The date of death must be today or in the past"
ERROR_DIED_BEFORE_BIRTH = (
    "The date of death must be on or after the child's date of birth ({born}) (CIN census rule 8535Q)"
)
# A pregnancy is 40 weeks (the census's rule 8606 counts 280 days before the expected date); an expected
# date a little past is kept (a baby late, or born and not yet recorded), but not one long gone.
PREGNANCY = datetime.timedelta(days=280)
OVERDUE = datetime.timedelta(days=30)


def _day(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _applies_from_errors(child: Child, applies_from: datetime.date | None) -> dict:
    if applies_from is None:
        return {"applies_from": ERROR_APPLIES_FROM_REQUIRED}
    if applies_from > timezone.localdate():
        return {"applies_from": ERROR_APPLIES_FROM_IN_FUTURE}
    if child.date_of_birth and applies_from < child.date_of_birth:
        return {"applies_from": ERROR_APPLIES_FROM_BEFORE_BIRTH.format(born=_day(child.date_of_birth))}
    return {}


def ethnicity_record(*, actor, child_id: int, ethnicity: str, applies_from: datetime.date) -> EthnicityRecord:
    """The child's ethnicity (DfE code, 903 ETHNIC, CIN census Ethnicity) from a date. A code
    outside the DfE's list is refused (903 rule 103, CIN rule 4220)."""
    errors = {}
    if ethnicity not in Ethnicity.values:
        errors["ethnicity"] = ERROR_ETHNICITY_REQUIRED
    with transaction.atomic():
        child = Child.objects.select_for_update().get(pk=child_id)
        errors |= _applies_from_errors(child, applies_from)
        if errors:
            raise ValidationError(errors)
        record = EthnicityRecord.objects.create(
            child=child, ethnicity=ethnicity, applies_from=applies_from, recorded_by=actor
        )
        audit_record(
            actor=actor,
            action="child.ethnicity_record",
            obj=record,
            child=child,
            detail={"ethnicity": ethnicity, "applies_from": str(applies_from)},
        )
    return record


def upn_unknown_record(*, actor, child_id: int, reason: str, applies_from: datetime.date) -> UpnUnknownRecord:
    """Why the child's UPN is not known, from a date (903 UPN column: UN1 to UN5). Refused for a
    child whose UPN is recorded (one column holds the UPN or the reason, rule 168), and UN1 for a
    child already of school age in this year's return (rule 209)."""
    errors = {}
    if reason not in UpnUnknownReason.values:
        errors["reason"] = ERROR_UPN_REASON_REQUIRED
    with transaction.atomic():
        child = Child.objects.select_for_update().get(pk=child_id)
        if child.upn:
            raise ValidationError(ERROR_UPN_IS_KNOWN.format(upn=child.upn), code="upn_known")
        errors |= _applies_from_errors(child, applies_from)
        if reason == UpnUnknownReason.UN1 and child.date_of_birth:
            # A reason holds from its date until replaced, so UN1 must fit this year's return too.
            reference = school_age_reference_date(timezone.localdate())
            if birthday(child.date_of_birth, 4) <= reference:
                errors["reason"] = ERROR_UN1_FOR_SCHOOL_AGE.format(reference=_day(reference))
        if errors:
            raise ValidationError(errors)
        record = UpnUnknownRecord.objects.create(
            child=child, reason=reason, applies_from=applies_from, recorded_by=actor
        )
        audit_record(
            actor=actor,
            action="child.upn_unknown_record",
            obj=record,
            child=child,
            detail={"reason": reason, "applies_from": str(applies_from)},
        )
    return record


def disabilities_record(
    *, actor, child_id: int, disabilities: list[str], applies_from: datetime.date
) -> DisabilityRecord:
    """The child's disabilities from a date (CIN census Disability): one or more codes, each once
    (rule 8794), or No disability alone (rule 8790)."""
    chosen = list(dict.fromkeys(disabilities))  # the same code ticked twice counts once
    errors = {}
    if not chosen:
        errors["disabilities"] = ERROR_DISABILITY_REQUIRED
    elif any(code not in Disability.values for code in chosen):
        errors["disabilities"] = ERROR_DISABILITY_UNKNOWN
    elif Disability.NONE in chosen and len(chosen) > 1:
        errors["disabilities"] = ERROR_NO_DISABILITY_WITH_OTHERS
    with transaction.atomic():
        child = Child.objects.select_for_update().get(pk=child_id)
        errors |= _applies_from_errors(child, applies_from)
        if errors:
            raise ValidationError(errors)
        record = DisabilityRecord.objects.create(child=child, applies_from=applies_from, recorded_by=actor)
        RecordedDisability.objects.bulk_create(RecordedDisability(record=record, disability=code) for code in chosen)
        audit_record(
            actor=actor,
            action="child.disabilities_record",
            obj=record,
            child=child,
            detail={"disabilities": chosen, "applies_from": str(applies_from)},
        )
    return record


def uasc_record(
    *,
    actor,
    child_id: int,
    uasc_from: datetime.date,
    ceased_on: datetime.date | None = None,
    cease_reason: str = "",
) -> UascRecord:
    """The child's status as an unaccompanied asylum-seeking child: from when, and, once it has
    ceased before their 18th birthday, when and why (903 UASC file, DUC). Recording it again
    replaces the recording before (to add the end, or to correct a date). The status cannot start
    before birth or at 18, and cannot cease before it starts or after the 18th birthday (rule 304)."""
    errors = {}
    today = timezone.localdate()
    if uasc_from is None:
        errors["uasc_from"] = ERROR_UASC_FROM_REQUIRED
    elif uasc_from > today:
        errors["uasc_from"] = ERROR_UASC_FROM_IN_FUTURE
    if ceased_on is not None:
        if ceased_on > today:
            errors["ceased_on"] = ERROR_UASC_CEASED_IN_FUTURE
        elif uasc_from is not None and ceased_on < uasc_from:
            errors["ceased_on"] = ERROR_UASC_CEASED_BEFORE_START.format(started=_day(uasc_from))
        if cease_reason not in UascCeaseReason.values:
            errors["cease_reason"] = ERROR_UASC_CEASE_REASON_REQUIRED
    elif cease_reason:
        errors["cease_reason"] = ERROR_UASC_CEASE_REASON_WITHOUT_DATE
    with transaction.atomic():
        child = Child.objects.select_for_update().get(pk=child_id)
        born = child.date_of_birth
        if born and uasc_from is not None and "uasc_from" not in errors:
            if uasc_from < born:
                errors["uasc_from"] = ERROR_UASC_FROM_BEFORE_BIRTH.format(born=_day(born))
            elif uasc_from >= birthday(born, 18):
                errors["uasc_from"] = ERROR_UASC_FROM_ADULT.format(eighteen=_day(birthday(born, 18)))
        if born and ceased_on is not None and "ceased_on" not in errors and ceased_on > birthday(born, 18):
            errors["ceased_on"] = ERROR_UASC_CEASED_AFTER_18.format(eighteen=_day(birthday(born, 18)))
        if errors:
            raise ValidationError(errors)
        record = UascRecord.objects.create(
            child=child, uasc_from=uasc_from, ceased_on=ceased_on, cease_reason=cease_reason, recorded_by=actor
        )
        audit_record(
            actor=actor,
            action="child.uasc_record",
            obj=record,
            child=child,
            detail={
                "uasc_from": str(uasc_from),
                "ceased_on": str(ceased_on) if ceased_on else None,
                "cease_reason": cease_reason,
            },
        )
    return record


def own_child_errors(child: Child, born: datetime.date | None) -> dict:
    """What an "own child" link (the young person's son or daughter) must satisfy, since the 903's
    MOTHER and MC_DOB are read from it: a date of birth (rule 611: a mother's child's date of
    birth), after the young person's own (rule 621), and, for a young woman, not before the
    return year in which she was 11 (rule 620). Called by relationship_add before it writes."""
    if born is None:
        return {"date_of_birth": ERROR_OWN_CHILD_BIRTH_REQUIRED}
    if child.date_of_birth is None:
        return {}
    if born <= child.date_of_birth:
        return {"date_of_birth": ERROR_OWN_CHILD_BORN_BEFORE_PARENT.format(born=_day(child.date_of_birth))}
    if child.sex == Sex.FEMALE and birthday(child.date_of_birth, 11) > _return_year_start(born):
        return {"date_of_birth": ERROR_MOTHER_UNDER_11}
    return {}


def _return_year_start(day: datetime.date) -> datetime.date:
    """1 April of the 903's collection year holding `day` (1 April to 31 March)."""
    return collection_years.year_start_of(day)


# The census's other identifiers ----------------------------------------------------------------


def _locked_child(child_id: int, expected_version: int) -> Child:
    child = Child.objects.select_for_update().get(pk=child_id)
    if child.version != expected_version:
        raise ValidationError(ERROR_CHANGED_MEANWHILE, code="changed_meanwhile")
    return child


def _raise_version(child: Child) -> None:
    child.version += 1
    child.save(update_fields=["version"])


def former_upn_record(
    *, actor, child_id: int, expected_version: int, former_upn: str, applies_from: datetime.date
) -> FormerUpnRecord:
    """A UPN the child no longer uses (CIN census FormerUPN, checked by rules 1510-1560Q as the UPN
    is): a valid UPN, not the child's current one, from the day it stopped being theirs."""
    former_upn = upn_normalise(former_upn or "")
    errors = {}
    if not upn_is_valid(former_upn):
        errors["former_upn"] = ERROR_FORMER_UPN_INVALID
    with transaction.atomic():
        child = _locked_child(child_id, expected_version)
        if not errors and former_upn == child.upn:
            errors["former_upn"] = ERROR_FORMER_UPN_IS_CURRENT
        errors |= _applies_from_errors(child, applies_from)
        if errors:
            raise ValidationError(errors)
        record = FormerUpnRecord.objects.create(
            child=child, former_upn=former_upn, applies_from=applies_from, recorded_by=actor
        )
        _raise_version(child)
        audit_record(
            actor=actor,
            action="child.former_upn_record",
            obj=record,
            child=child,
            detail={"former_upn": former_upn, "applies_from": str(applies_from)},
        )
    return record


def expected_birth_record(
    *, actor, child_id: int, expected_version: int, expected_on: datetime.date, applies_from: datetime.date
) -> ExpectedBirthRecord:
    """An unborn child's expected date of birth, as known from a date (CIN census
    ExpectedPersonBirthDate): only for a child whose date of birth is not recorded, within 40 weeks
    after the date it applies from and not long before it."""
    errors = {}
    if expected_on is None:
        errors["expected_on"] = ERROR_EXPECTED_ON_REQUIRED
    with transaction.atomic():
        child = _locked_child(child_id, expected_version)
        if child.date_of_birth is not None:
            raise ValidationError(ERROR_EXPECTED_CHILD_BORN.format(born=_day(child.date_of_birth)), code="born")
        errors |= _applies_from_errors(child, applies_from)
        if expected_on is not None and applies_from is not None and "applies_from" not in errors:
            if expected_on > applies_from + PREGNANCY:
                errors["expected_on"] = ERROR_EXPECTED_TOO_FAR.format(latest=_day(applies_from + PREGNANCY))
            elif expected_on < applies_from - OVERDUE:
                errors["expected_on"] = ERROR_EXPECTED_BEFORE_APPLIES
        if errors:
            raise ValidationError(errors)
        record = ExpectedBirthRecord.objects.create(
            child=child, expected_on=expected_on, applies_from=applies_from, recorded_by=actor
        )
        _raise_version(child)
        audit_record(
            actor=actor,
            action="child.expected_birth_record",
            obj=record,
            child=child,
            detail={"expected_on": str(expected_on), "applies_from": str(applies_from)},
        )
    return record


def death_record(*, actor, child_id: int, expected_version: int, died_on: datetime.date) -> DeathRecord:
    """The day the child died (CIN census PersonDeathDate): today or before, not before their birth
    (rule 8535Q). Recording it again corrects the date; the earlier recording stays in the history."""
    errors = {}
    if died_on is None:
        errors["died_on"] = ERROR_DIED_ON_REQUIRED
    elif died_on > timezone.localdate():
        errors["died_on"] = ERROR_DIED_IN_FUTURE
    with transaction.atomic():
        child = _locked_child(child_id, expected_version)
        if "died_on" not in errors and child.date_of_birth and died_on < child.date_of_birth:
            errors["died_on"] = ERROR_DIED_BEFORE_BIRTH.format(born=_day(child.date_of_birth))
        if errors:
            raise ValidationError(errors)
        record = DeathRecord.objects.create(child=child, died_on=died_on, recorded_by=actor)
        _raise_version(child)
        audit_record(
            actor=actor, action="child.death_record", obj=record, child=child, detail={"died_on": str(died_on)}
        )
    return record
