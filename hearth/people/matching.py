"""Finding a possible existing record for a child, so that a second record is never made silently.

Tolerant of spelling (a similarity ratio on names with accents and punctuation removed), of a
shortened first name (Alex for Alexander), of a missing date of birth, and of day and month typed
the wrong way round. Candidates come from the database by date of birth or by the first letter of
the last name, then are scored here, so each match can say why it matched.
"""

import datetime
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Q

from hearth.people.models import Child, RecordRestriction

NAME_THRESHOLD = 0.8


@dataclass(frozen=True)
class PossibleMatch:
    child: Child
    reasons: list[str]


def normalise(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed.lower() if c.isascii() and c.isalpha())


def name_similarity(a: str, b: str) -> float:
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return 0.0
    if len(min(a, b, key=len)) >= 3 and (a.startswith(b) or b.startswith(a)):
        return 1.0  # a shortened name: Alex and Alexander
    return SequenceMatcher(None, a, b).ratio()


def _same_or_swapped(a: datetime.date, b: datetime.date) -> bool:
    return a == b or (a.year == b.year and a.month == b.day and a.day == b.month)


def possible_matches(*, first_name: str, last_name: str, date_of_birth: datetime.date | None) -> list[PossibleMatch]:
    initial = normalise(last_name)[:1]
    candidates = Q(last_name__istartswith=initial) if initial else Q(pk__in=[])
    if date_of_birth:
        swapped = _swapped(date_of_birth)
        candidates |= Q(date_of_birth=date_of_birth) | (Q(date_of_birth=swapped) if swapped else Q(pk__in=[]))
    # Restricted records are left out: naming them to the MASH would defeat the restriction.
    queryset = (
        Child.objects.filter(candidates)
        .exclude(pk__in=RecordRestriction.objects.values("child_id"))
        .order_by("last_name", "first_name", "pk")
    )
    matches = []
    for child in queryset[:2000]:
        reasons = _reasons(child, first_name, last_name, date_of_birth)
        if reasons:
            matches.append(PossibleMatch(child=child, reasons=reasons))
    return matches[:20]


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
