"""Finding a possible existing record for a child, so that a second record is never made silently.

Tolerant of spelling (a similarity ratio on names with accents and punctuation removed), of a
shortened first name (Alex for Alexander), of a missing date of birth, and of day and month typed
the wrong way round. Candidates come from the database by date of birth or by the first letter of
the last name, then are scored here, so each match can say why it matched.

National identifiers weigh most: a record with the same NHS number or UPN is a strong match (shown
first) whatever its name, and two records with different NHS numbers are different children. A
record at the same home postcode with a similar first name is a match too, even when the last
name differs (a child known by a step-parent's surname), unless the dates of birth disagree.
"""

import datetime
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Q

from hearth.people.identifiers import nhs_number_digits, postcode_normalise, upn_normalise
from hearth.people.models import Child, RecordRestriction, SealedRecord
from hearth.people.names import normalise

NAME_THRESHOLD = 0.8


@dataclass(frozen=True)
class PossibleMatch:
    child: Child
    reasons: list[str]
    strong: bool = False


__all__ = ["PossibleMatch", "name_similarity", "normalise", "possible_matches"]


def name_similarity(a: str, b: str) -> float:
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return 0.0
    if len(min(a, b, key=len)) >= 3 and (a.startswith(b) or b.startswith(a)):
        return 1.0  # a shortened name: Alex and Alexander
    return SequenceMatcher(None, a, b).ratio()


def _same_or_swapped(a: datetime.date, b: datetime.date) -> bool:
    return a == b or (a.year == b.year and a.month == b.day and a.day == b.month)


def possible_matches(
    *,
    first_name: str,
    last_name: str,
    date_of_birth: datetime.date | None,
    nhs_number: str = "",
    upn: str = "",
    postcode: str = "",
) -> list[PossibleMatch]:
    nhs_number, upn, postcode = nhs_number_digits(nhs_number), upn_normalise(upn), postcode_normalise(postcode)
    initial = normalise(last_name)[:1]
    # A name alone (the same initial) is enough to fetch a record only where a match could rest on
    # the name: when either date of birth is not known. Where both are known, the dates must agree
    # (the same, or day and month swapped; fetched below), so the rest of the initial's records,
    # which on a large council run to thousands, are never read.
    same_initial = Q(last_name__istartswith=initial) if initial else Q(pk__in=[])
    candidates = same_initial & Q(date_of_birth__isnull=True) if date_of_birth else same_initial
    if nhs_number:
        candidates |= Q(nhs_number=nhs_number)
    if upn:
        candidates |= Q(upn=upn)
    if postcode:
        candidates |= Q(postcode=postcode)
    if date_of_birth:
        swapped = _swapped(date_of_birth)
        candidates |= Q(date_of_birth=date_of_birth) | (Q(date_of_birth=swapped) if swapped else Q(pk__in=[]))
    # Restricted and sealed records are left out: naming them to the MASH would defeat the
    # restriction or the seal (an adopted child's new record is never matched to the sealed one).
    queryset = (
        Child.objects.filter(candidates)
        .exclude(pk__in=RecordRestriction.objects.values("child_id"))
        .exclude(pk__in=SealedRecord.objects.values("child_id"))
        .order_by("last_name", "first_name", "pk")
    )
    matches = []
    for child in queryset[:2000]:
        identifiers = _identifier_reasons(child, nhs_number, upn)
        if identifiers:
            matches.append(PossibleMatch(child=child, reasons=identifiers, strong=True))
            continue
        if nhs_number and child.nhs_number and child.nhs_number != nhs_number:
            continue  # different NHS numbers: different children, however alike their names
        reasons = _reasons(child, first_name, last_name, date_of_birth) or _address_reasons(
            child, first_name, date_of_birth, postcode
        )
        if reasons:
            matches.append(PossibleMatch(child=child, reasons=reasons))
    matches.sort(key=lambda match: not match.strong)  # stable: strong matches first, then by name
    return matches[:20]


def _identifier_reasons(child: Child, nhs_number: str, upn: str) -> list[str]:
    reasons = []
    if nhs_number and child.nhs_number == nhs_number:
        reasons.append("same NHS number")
    if upn and child.upn == upn:
        reasons.append("same UPN")
    return reasons


def _address_reasons(child: Child, first_name: str, date_of_birth, postcode: str) -> list[str]:
    if not postcode or child.postcode != postcode or name_similarity(child.first_name, first_name) < NAME_THRESHOLD:
        return []
    if date_of_birth and child.date_of_birth and not _same_or_swapped(child.date_of_birth, date_of_birth):
        return []  # a brother or sister of a similar name at the same address, born another day
    return ["same home postcode", "similar first name"]


def _swapped(day: datetime.date) -> datetime.date | None:
    try:
        return day.replace(month=day.day, day=day.month) if day.day <= 12 and day.day != day.month else None
    except ValueError:
        return None


def _reasons(child: Child, first_name: str, last_name: str, date_of_birth) -> list[str]:
    first = name_similarity(child.first_name, first_name)
    last = name_similarity(child.last_name, last_name)
    names_alike = first >= NAME_THRESHOLD and last >= NAME_THRESHOLD
    if date_of_birth and child.date_of_birth:
        if child.date_of_birth == date_of_birth and (first >= NAME_THRESHOLD or last >= NAME_THRESHOLD):
            return ["same date of birth", "similar name" if names_alike else "one name alike"]
        if names_alike and _same_or_swapped(child.date_of_birth, date_of_birth):
            return ["similar name", "date of birth with day and month swapped"]
        return []
    if names_alike:
        return ["similar name", "date of birth not known on one record"]
    return []
