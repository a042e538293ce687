"""Reading what someone typed into "Find a child": a Hearth ID, an NHS number, a UPN, a date of
birth as people write it, name words, or a name and a date of birth together."""

import datetime
import re
from dataclasses import dataclass, field

from hearth.people.identifiers import nhs_number_digits, nhs_number_is_valid, upn_is_valid, upn_normalise
from hearth.people.models import parse_hearth_id
from hearth.people.names import normalise

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# Day first, as in England: 3/5/2015, 03-05-2015, 3.5.15, 3 5 2015; 3 May 2015, 3rd May 2015; and
# the ISO form 2015-05-03.
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/\-. ](\d{1,2})[/\-. ](\d{4}|\d{2})\b")
WORDED_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})\b", re.IGNORECASE)
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


@dataclass
class SearchTerms:
    hearth_id: int | None = None
    nhs_number: str = ""
    upn: str = ""
    date_of_birth: datetime.date | None = None
    words: list[str] = field(default_factory=list)
    # What was typed that cannot be a real date or a valid number, to say so on the page.
    problems: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.hearth_id or self.nhs_number or self.upn or self.date_of_birth or self.words)


def search_terms(query: str, today: datetime.date) -> SearchTerms:
    query = query.strip()
    terms = SearchTerms()
    if not query:
        return terms
    compact = nhs_number_digits(query)
    if len(compact) == 10 and compact.isascii() and compact.isdigit():
        terms.nhs_number = compact
        if not nhs_number_is_valid(compact):
            terms.problems.append("That is not a valid NHS number: check for a mistyped digit")
        return terms
    upn = upn_normalise(query)
    if len(upn) == 13 and re.fullmatch(r"[A-Z][0-9]{11}[0-9A-Z]", upn):
        terms.upn = upn
        if not upn_is_valid(upn):
            terms.problems.append("That is not a valid UPN: check for a typing mistake")
        return terms
    pk = parse_hearth_id(query)
    if pk is not None and not NUMERIC_DATE.search(query):
        terms.hearth_id = pk
        return terms
    rest = _take_date(query, terms, today)
    terms.words = [word for word in (normalise(part) for part in re.split(r"[\s,\-]+", rest)) if word]
    return terms


def _take_date(query: str, terms: SearchTerms, today: datetime.date) -> str:
    """Find a date of birth in the query; return the query without it."""
    for pattern, parts in (
        (ISO_DATE, lambda m: (m[3], m[2], m[1])),
        (WORDED_DATE, lambda m: (m[1], MONTHS.get(m[2].lower()), m[3])),
        (NUMERIC_DATE, lambda m: (m[1], m[2], m[3])),
    ):
        match = pattern.search(query)
        if not match:
            continue
        day, month, year = parts(match)
        if month is None:
            continue
        terms.date_of_birth = _real_date(int(day), int(month), _full_year(year, today))
        if terms.date_of_birth is None:
            terms.problems.append(f"{match[0]} is not a real date")
        return query[: match.start()] + " " + query[match.end() :]
    return query


def _full_year(year: str, today: datetime.date) -> int:
    """A two-digit year is this century unless that would be after this year (then the last)."""
    if len(year) == 4:
        return int(year)
    full = 2000 + int(year)
    return full if full <= today.year else full - 100


def _real_date(day: int, month: int, year: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
