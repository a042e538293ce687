"""Reads of the child's characteristics, as on any day, in the DfE's codes: what the SSDA903 return
(as at 31 March) and the children in need census ask for, and what the child's page shows.

The reading (hearth/people/models.py): each characteristic is a series of recordings, and on a day
the one in force is the one recorded last among those whose date is on or before that day. The UPN
is the child's identifier, the same on every day once known; before it is known, the reason in
force is read instead. MOTHER and MC_DOB come from the family record: a young woman's "own child"
links (not those ended as recorded by mistake) whose child was born by that day. Access is the
caller's: these functions are given children the caller may already see.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from hearth.calendar.workingdays import add_months
from hearth.core import collection_years
from hearth.people.codes import OWN_CHILD_RELATIONSHIP, Disability, Ethnicity, UpnUnknownReason
from hearth.people.models import (
    Child,
    DeathRecord,
    DisabilityRecord,
    EthnicityRecord,
    ExpectedBirthRecord,
    FormerUpnRecord,
    RecordedDisability,
    Relationship,
    Sex,
    UascRecord,
    UpnUnknownRecord,
)
from hearth.people.rows_held import may_hold
from hearth.people.selectors import relationships_of


def birthday(born: datetime.date, years: int) -> datetime.date:
    """The day a child born on `born` turns `years` (29 February birthdays fall on 28 February,
    as the DfE's validator counts them)."""
    return add_months(born, 12 * years)


def return_year_start(day: datetime.date) -> datetime.date:
    """1 April of the 903's collection year (1 April to 31 March) holding `day`."""
    return collection_years.year_start_of(day)


def school_age_reference_date(day: datetime.date) -> datetime.date:
    """The 903's test of school age for the return year holding `day` (rule 209): a child who was
    4 by 31 August of the year before the return year starts may not be given UN1."""
    return datetime.date(return_year_start(day).year - 1, 8, 31)


@dataclass(frozen=True)
class UascOn:
    """Unaccompanied asylum-seeking status as on a day (903 UASC file)."""

    uasc_from: datetime.date
    ceased_on: datetime.date | None  # the recorded end, if it had ceased by the day
    duc: datetime.date | None  # DUC: the recorded end if by the day, else the 18th birthday (None if no birth date)
    is_uasc: bool  # UASC on the day itself


@dataclass(frozen=True)
class Characteristics:
    """A child's characteristics as on a day, in the returns' codes. None (or empty) where nothing
    is recorded by that day: the caller decides what a return says then."""

    ethnicity: str | None  # ETHNIC: a DfE code (Ethnicity)
    upn: str | None  # UPN: the number, or UN1-UN5 why it is not known
    mother: str | None  # MOTHER: "1" or "0" for a child recorded as female; None otherwise
    mother_child_born_on: datetime.date | None  # MC_DOB: her first child's date of birth
    disabilities: tuple[str, ...]  # CIN census Disability codes, ("NONE",) for no disability
    uasc: UascOn | None  # None if not recorded as UASC from that day or before


def characteristics_on(child: Child, day: datetime.date) -> Characteristics:
    """One child's characteristics as on `day` (a 903 is as at 31 March)."""
    return characteristics_of([child], day)[child.pk]


def characteristics_of(children: Iterable[Child], day: datetime.date) -> dict[int, Characteristics]:
    """Many children's characteristics as on `day`, keyed by child id, in six queries whatever the
    number of children (for a return's exporter). The recordings are read as rows of the columns
    needed, not as model instances: a return reads them for every child it holds."""
    children = list(children)
    ids = [child.pk for child in children]
    ethnicity = _in_force(EthnicityRecord.objects.filter(child_id__in=ids, applies_from__lte=day), "ethnicity")
    upn_reason = _in_force(UpnUnknownRecord.objects.filter(child_id__in=ids, applies_from__lte=day), "reason")
    disabilities = _disability_codes(
        _in_force(DisabilityRecord.objects.filter(child_id__in=ids, applies_from__lte=day), "id")
    )
    uasc = _in_force(UascRecord.objects.filter(child_id__in=ids).only("child_id", "uasc_from", "ceased_on"))
    births = first_births({pk: day for pk in ids})
    return _assembled(
        children,
        day,
        ethnicity=ethnicity,
        upn_reason=upn_reason,
        disabilities=disabilities,
        uasc=uasc,
        first_births=births,
    )


def characteristics_from_history(
    child: Child, day: datetime.date, history: dict[str, list], own_children: list[Relationship]
) -> Characteristics:
    """characteristics_on(child, day) from the child's recordings already read
    (characteristics_history, own_children_of), with no query: for a reader asking about many days
    of one child (the child's page; the import of past returns, year by year)."""
    return _characteristics_from_history(child, day, history, own_children)


def census_identifiers_from_history(day: datetime.date, history: dict[str, list]) -> "CensusIdentifiers":
    """census_identifiers_of([child], day)[child.pk] from the child's recordings already read
    (characteristics_history), with no query."""
    death = history["death"][0] if history["death"] else None  # the latest recording is the one in force
    former = _applying(history["former_upn"], day)
    expected = _applying(history["expected_birth"], day)
    return CensusIdentifiers(
        former_upn=former.former_upn if former else None,
        expected_birth_on=expected.expected_on if expected else None,
        died_on=death.died_on if death is not None and death.died_on <= day else None,
    )


def _characteristics_from_history(
    child: Child, day: datetime.date, history: dict[str, list], own_children: list[Relationship]
) -> Characteristics:
    """characteristics_on(child, day) from what the child's page has already read (every recording,
    and the young person's own children), with the same choices and no query of its own."""

    def in_force(recordings, applies_from=lambda recording: recording.applies_from) -> dict:
        return _latest_by_child(sorted((r for r in recordings if applies_from(r) <= day), key=lambda r: r.pk))

    first_birth = min(
        (link.person.date_of_birth for link in own_children if link.person.date_of_birth <= day), default=None
    )
    return _assembled(
        [child],
        day,
        ethnicity={pk: record.ethnicity for pk, record in in_force(history["ethnicity"]).items()},
        upn_reason={pk: record.reason for pk, record in in_force(history["upn_unknown"]).items()},
        disabilities={pk: _codes(record) for pk, record in in_force(history["disabilities"]).items()},
        uasc=in_force(history["uasc"], applies_from=lambda recording: datetime.date.min),
        first_births={} if first_birth is None else {child.pk: first_birth},
    )[child.pk]


def _assembled(children: list[Child], day: datetime.date, *, ethnicity, upn_reason, disabilities, uasc, first_births):
    """The characteristics of each child from what is in force for them: each child's ethnicity
    code, UPN reason, disability codes, UASC recording and first child's birth, by child id."""
    result = {}
    for child in children:
        female = child.sex == Sex.FEMALE
        result[child.pk] = Characteristics(
            ethnicity=ethnicity.get(child.pk),
            upn=child.upn or upn_reason.get(child.pk),
            mother=("1" if child.pk in first_births else "0") if female else None,
            mother_child_born_on=first_births.get(child.pk) if female else None,
            disabilities=disabilities.get(child.pk, ()),
            uasc=_uasc_on(child, uasc.get(child.pk), day),
        )
    return result


def _in_force(recordings, column: str | None = None) -> dict:
    """The recording made last (by id) for each child among those given: the recording itself, or
    only its `column`."""
    if column is not None:
        return dict(recordings.order_by("id").values_list("child_id", column))
    return _latest_by_child(recordings.order_by("id"))


def _latest_by_child(recordings_by_id) -> dict:
    latest = {}
    for recording in recordings_by_id:
        latest[recording.child_id] = recording
    return latest


def _codes(record: DisabilityRecord | None) -> tuple[str, ...]:
    if record is None:
        return ()
    return _in_dfe_order(d.disability for d in record.disabilities.all())


def _in_dfe_order(disabilities: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(disabilities, key=Disability.values.index))


def _disability_codes(record_ids: dict[int, int]) -> dict[int, tuple[str, ...]]:
    """Each child's disability codes, from the id of the child's disability recording in force."""
    children = {record_id: child_id for child_id, record_id in record_ids.items()}
    found: dict[int, list[str]] = {child_id: [] for child_id in record_ids}
    for record_id, code in RecordedDisability.objects.filter(record_id__in=children).values_list(
        "record_id", "disability"
    ):
        found[children[record_id]].append(code)
    return {child_id: _in_dfe_order(codes) for child_id, codes in found.items()}


def first_births(days: dict[int, datetime.date]) -> dict[int, datetime.date]:
    """Each young person's first child's date of birth, among their own children born by that
    young person's day (`days`: child id -> day), in one query: MOTHER and MC_DOB as on the day."""
    if not days:
        return {}
    links = Relationship.objects.filter(
        child_id__in=list(days),
        relationship_type_id=OWN_CHILD_RELATIONSHIP,
        ended_in_error=False,
        person__date_of_birth__lte=max(days.values()),
    ).values_list("child_id", "person__date_of_birth")
    first = {}
    for child_id, born in links:
        if born <= days[child_id]:
            first[child_id] = min(born, first.get(child_id, born))
    return first


def _uasc_on(child: Child, record: UascRecord | None, day: datetime.date) -> UascOn | None:
    if record is None or record.uasc_from > day:
        return None
    eighteen = birthday(child.date_of_birth, 18) if child.date_of_birth else None
    ceased = record.ceased_on if record.ceased_on is not None and record.ceased_on <= day else None
    ends = ceased or eighteen
    return UascOn(uasc_from=record.uasc_from, ceased_on=ceased, duc=ends, is_uasc=ends is None or day < ends)


@dataclass(frozen=True)
class CensusIdentifiers:
    """The children in need census's other identifiers of a child as on a day; None where nothing
    applies by then."""

    former_upn: str | None  # FormerUPN: the former UPN in force
    expected_birth_on: datetime.date | None  # ExpectedPersonBirthDate: the expected date in force
    died_on: datetime.date | None  # PersonDeathDate: the recorded date of death, if by the day


def census_identifiers_of(children: Iterable[Child], day: datetime.date) -> dict[int, CensusIdentifiers]:
    """Many children's former UPN, expected date of birth and date of death as on `day`, keyed by
    child id, in three queries whatever the number of children (for the census's exporter)."""
    ids = [child.pk for child in children]
    former = _in_force(FormerUpnRecord.objects.filter(child_id__in=ids, applies_from__lte=day), "former_upn")
    expected = _in_force(ExpectedBirthRecord.objects.filter(child_id__in=ids, applies_from__lte=day), "expected_on")
    # The latest recording of the death is the one in force (a correction replaces the date).
    died = _in_force(DeathRecord.objects.filter(child_id__in=ids), "died_on")
    return {
        pk: CensusIdentifiers(
            former_upn=former.get(pk),
            expected_birth_on=expected.get(pk),
            died_on=died[pk] if pk in died and died[pk] <= day else None,
        )
        for pk in ids
    }


# The child's page -----------------------------------------------------------------------------


def child_page_characteristics(user, child: Child) -> dict:
    """The child's page (registered in hearth/records/child_page.py): the characteristics in force
    today, each one's history of recordings, and whether this user may record them."""
    today = timezone.localdate()
    history = characteristics_history(child)
    own_children = own_children_of(child)
    now = _characteristics_from_history(child, today, history, own_children)
    uasc = history["uasc"][0] if history["uasc"] else None
    eleven_or_older = child.date_of_birth is not None and birthday(child.date_of_birth, 11) <= today
    return {
        "characteristics_area": {
            "ethnicity": _label(Ethnicity, now.ethnicity),
            "upn_unknown_reason": None if child.upn else _label(UpnUnknownReason, now.upn),
            "disabilities": [_label(Disability, code) for code in now.disabilities],
            "mother": now.mother,
            "mother_child_born_on": now.mother_child_born_on,
            "own_children": own_children,
            "shows_motherhood": child.sex == Sex.FEMALE and (bool(own_children) or eleven_or_older),
            "uasc": uasc,
            "uasc_now": now.uasc,
            "history": history_rows(history),
            "can_record": user.has_perm("people.record_characteristics", child),
            "can_change_family": user.has_perm("people.change_family", child),
            "can_change_identity": user.has_perm("people.change_child_identity", child),
            "former_upn": _applying(history["former_upn"], today),
            "expected_birth": _applying(history["expected_birth"], today),
            "death": history["death"][0] if history["death"] else None,
        }
    }


def _applying(recordings: list, day: datetime.date):
    """The recording in force on `day` among a child's (newest first): the newest applying by then."""
    return next((r for r in recordings if r.applies_from <= day), None)


def history_rows(history: dict[str, list]) -> list[dict]:
    """Every recording as one row (what, the value, from when, who, when), newest first; the
    newest of each characteristic is the one in force today."""
    rows = []
    for what, recordings, value, applies_from in (
        ("Ethnicity", history["ethnicity"], lambda r: _label(Ethnicity, r.ethnicity), lambda r: r.applies_from),
        (
            "UPN not known",
            history["upn_unknown"],
            lambda r: _label(UpnUnknownReason, r.reason),
            lambda r: r.applies_from,
        ),
        (
            "Disabilities",
            history["disabilities"],
            lambda r: ", ".join(_label(Disability, code) for code in _codes(r)),
            lambda r: r.applies_from,
        ),
        ("Unaccompanied asylum-seeking child", history["uasc"], uasc_description, lambda r: r.uasc_from),
        ("Former UPN", history["former_upn"], lambda r: r.former_upn, lambda r: r.applies_from),
        ("Expected date of birth", history["expected_birth"], lambda r: _day(r.expected_on), lambda r: r.applies_from),
        ("Date of death", history["death"], lambda r: _day(r.died_on), lambda r: r.died_on),
    ):
        for position, recording in enumerate(recordings):
            rows.append(
                {
                    "what": what,
                    "value": value(recording),
                    "applies_from": applies_from(recording),
                    "recorded_by": recording.recorded_by,
                    "recorded_at": recording.recorded_at,
                    "in_force": position == 0,
                }
            )
    return sorted(rows, key=lambda row: row["recorded_at"], reverse=True)


def uasc_description(record: UascRecord) -> str:
    if record.ceased_on is None:
        return f"From {_day(record.uasc_from)}, until the 18th birthday"
    return f"From {_day(record.uasc_from)}; ceased {_day(record.ceased_on)}: {record.get_cease_reason_display()}"


def _day(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _label(codes, code: str | None) -> str | None:
    return None if code is None else f"{codes(code).label} ({code})"


def characteristics_history(child: Child) -> dict[str, list]:
    """Every recording of each characteristic, newest first, with who made it and when (a table
    the child's page found empty for the child is not read: hearth/people/rows_held.py)."""

    def newest_first(model, records) -> list:
        return list(records.order_by("-id")) if may_hold(child, model._meta.label) else []

    return {
        "ethnicity": newest_first(
            EthnicityRecord, EthnicityRecord.objects.filter(child=child).select_related("recorded_by")
        ),
        "upn_unknown": newest_first(
            UpnUnknownRecord, UpnUnknownRecord.objects.filter(child=child).select_related("recorded_by")
        ),
        "disabilities": newest_first(
            DisabilityRecord,
            DisabilityRecord.objects.filter(child=child).select_related("recorded_by").prefetch_related("disabilities"),
        ),
        "uasc": newest_first(UascRecord, UascRecord.objects.filter(child=child).select_related("recorded_by")),
        "former_upn": newest_first(
            FormerUpnRecord, FormerUpnRecord.objects.filter(child=child).select_related("recorded_by")
        ),
        "expected_birth": newest_first(
            ExpectedBirthRecord, ExpectedBirthRecord.objects.filter(child=child).select_related("recorded_by")
        ),
        "death": newest_first(DeathRecord, DeathRecord.objects.filter(child=child).select_related("recorded_by")),
    }


def own_children_of(child: Child) -> list[Relationship]:
    """The young person's own children in the family record (not those recorded by mistake)."""
    own = [
        link
        for link in relationships_of(child)  # as the family section reads them (a shared read)
        if link.relationship_type_id == OWN_CHILD_RELATIONSHIP
        and not link.ended_in_error
        and link.person_id is not None
        and link.person.date_of_birth is not None
    ]
    return sorted(own, key=lambda link: (link.person.date_of_birth, link.pk))
