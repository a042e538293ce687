"""Checking the files before anything is written: each row's values against the DfE's code lists
and formats, then each child's rows across every file and year brought together (the same
episode seen in two years is one episode; the same fact told two ways is a conflict, reported, not
guessed). The result is a plan per child for the writer (services.py), or the problems."""

import datetime
import re
from dataclasses import dataclass, field

from hearth.care.codes import (
    RETIRED_PLACEMENT_TYPES,
    SHORT_BREAK_STATUSES,
    CareEndReason,
    LegalStatus,
    PlacementChangeReason,
    PlacementProvider,
    PlacementType,
)
from hearth.care.models import CATEGORIES_OF_NEED
from hearth.care.services import POSTCODE_SHAPE, URN_SHAPE, normalise_postcode
from hearth.duties.codes import ReviewParticipation
from hearth.migration.reading import ERROR_DATE, Problem, SourceRow, YearFiles, parse_date
from hearth.people.codes import Ethnicity, UpnUnknownReason
from hearth.people.identifiers import upn_is_valid

ERROR_REQUIRED = "A value is needed here"
ERROR_CODE = "{value!r} is not one of the DfE's codes for {column}"
ERROR_SEX = "{value!r} is not a sex code: 1 or M (male), 2 or F (female), U (not known)"
ERROR_UPN = "{value!r} is neither a valid UPN (a letter and 12 more characters) nor UN1 to UN5"
ERROR_POSTCODE = "{value!r} is not a UK postcode, like LS1 4AP"
ERROR_URN = "{value!r} is not an Ofsted URN (SC and six digits, six or seven digits, or XXXXXXX)"
ERROR_RETIRED_PLACE = (
    "{value} left the DfE's list of placement types in 2025-26; Hearth records new placements with the current "
    "codes only, so this episode cannot be imported in this version"
)
ERROR_SHORT_BREAK_NO_POSTCODE = (
    "A short-break episode (V3, V4) has no placement postcode in the return, and Hearth records every placement "
    "with its postcode: give PL_POST to import it"
)
ERROR_NO_POSTCODE = "The placement postcode (PL_POST) is needed: Hearth records every placement with its postcode"
ERROR_DEC_BEFORE_DECOM = "The episode cannot end ({dec}) before it starts ({decom})"
ERROR_REC_WITHOUT_DEC = "REC is given but the episode has no end date (DEC)"
ERROR_DEC_WITHOUT_REC = "The episode ends (DEC) but has no reason (REC)"
ERROR_NOT_IN_HEADER = "Child {child} is in no Header file of the years imported: their date of birth and sex are needed"
ERROR_CONFLICT = "{column} is {value!r} here but {other!r} in {source}: the files disagree about this child"
ERROR_EPISODE_CONFLICT = (
    "{column} is {value!r} here but {other!r} in {source} for the episode starting {decom}: the files disagree"
)
ERROR_NEXT_EPISODE_MISSING = (
    "The episode ends on {dec} with X1 (a new episode in the same period of care), but no episode of this child "
    "starts that day"
)
ERROR_OPEN_EPISODE_FOLLOWED = "The episode has no end (DEC), but a later episode of this child starts on {decom}"
ERROR_NEXT_EPISODE_BEFORE_END = "The next episode of this child starts on {decom}, before this one ends ({dec})"
ERROR_EPISODE_AFTER_CARE_ENDED = (
    "The episode starts on {decom}, the day the last ended with {rec} (the child ceased to be looked after): a new "
    "period of care starts the day after at the earliest"
)

SEXES = {"1": "M", "2": "F", "M": "M", "F": "F", "U": "U"}
NEW_EPISODE_REASONS = ("S", "L", "P", "T", "B", "U")
EPISODE_FACTS = ("LS", "CIN", "PLACE", "PLACE_PROVIDER", "URN", "PL_POST", "HOME_POST")


@dataclass(frozen=True)
class HeaderFact:
    row: SourceRow
    sex: str
    born: datetime.date
    ethnicity: str
    upn: str  # a UPN, or "" (then upn_reason may say why)
    upn_reason: str


@dataclass
class EpisodeFact:
    row: SourceRow  # the first row that told of the episode
    started_on: datetime.date
    rne: str
    values: dict[str, str]  # EPISODE_FACTS, normalised
    ended_on: datetime.date | None
    rec: str
    reason_place_change: str
    end_row: SourceRow | None = None  # the row that told of its end, if any

    @property
    def ends_care(self) -> bool:
        return self.ended_on is not None and self.rec != "X1"


@dataclass(frozen=True)
class ReviewFact:
    row: SourceRow
    held_on: datetime.date
    participation: str


@dataclass(frozen=True)
class UascFact:
    row: SourceRow
    duc: datetime.date | None  # when the status ceased: a recorded end, or the 18th birthday


@dataclass
class ChildPlan:
    """Everything the files say about one child, checked, in date order."""

    legacy_id: str
    headers: list[HeaderFact] = field(default_factory=list)  # oldest year first
    episodes: list[EpisodeFact] = field(default_factory=list)
    reviews: list[ReviewFact] = field(default_factory=list)
    uasc: list[UascFact] = field(default_factory=list)  # oldest year first
    # The other 903 files' facts (OC2, Missing, AD1...), by the DfE's file name: ssda903_facts.py
    other: dict[str, list] = field(default_factory=dict)

    @property
    def header(self) -> HeaderFact:
        return self.headers[-1]


@dataclass
class Plan:
    children: dict[str, ChildPlan] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    not_imported: list[str] = field(default_factory=list)

    def child(self, legacy_id: str) -> ChildPlan:
        return self.children.setdefault(legacy_id, ChildPlan(legacy_id))


def plan_import(years: list[YearFiles]) -> Plan:
    """Every year's files checked and each child's rows brought together (years oldest first)."""
    plan = Plan()
    for files in sorted(years, key=lambda f: f.year):
        plan.problems.extend(files.problems)
        plan.not_imported.extend(f"{files.folder}/{name}" for name in files.not_imported)
        for row in files.rows.get("Header", []):
            _add_header(plan, row)
        for row in files.rows.get("Episodes", []):
            _add_episode(plan, row)
        for row in files.rows.get("Reviews", []):
            _add_review(plan, row)
        for row in files.rows.get("UASC", []):
            _add_uasc(plan, row)
        _add_other_files(plan, files)
    for child in plan.children.values():
        _check_child(plan, child)
    return plan


def _add_other_files(plan: Plan, files: YearFiles) -> None:
    """The 903's other files (OC2, OC3, Missing, AD1...): read by ssda903_facts.py, which builds on
    this module's row checks (so it is imported here, when it is needed)."""
    from hearth.migration.ssda903_facts import OTHER_FILES, add_other_row

    for name in OTHER_FILES:
        for row in files.rows.get(name, []):
            add_other_row(plan, name, row)


# One row's values ---------------------------------------------------------------------------------


class RowChecks:
    """The problems found in one row, and its values read."""

    def __init__(self, row: SourceRow):
        self.row, self.problems = row, []

    def required(self, column: str) -> str:
        value = self.row[column]
        if not value:
            self.problems.append(self.row.problem(column, ERROR_REQUIRED))
        return value

    def date(self, column: str, *, required: bool = True) -> datetime.date | None:
        value = self.required(column) if required else self.row[column]
        if not value:
            return None
        day = parse_date(value)
        if day is None:
            self.problems.append(self.row.problem(column, ERROR_DATE.format(value=value)))
        return day

    def code(self, column: str, codes, *, required: bool = True, error: str = ERROR_CODE) -> str:
        value = self.required(column) if required else self.row[column]
        if value and value not in codes:
            self.problems.append(self.row.problem(column, error.format(value=value, column=column)))
        return value

    def fail(self, column: str, reason: str) -> None:
        self.problems.append(self.row.problem(column, reason))


def _add_header(plan: Plan, row: SourceRow) -> None:
    checks = RowChecks(row)
    legacy = checks.required("CHILD")
    sex = checks.code("SEX", SEXES, error=ERROR_SEX)
    born = checks.date("DOB")
    ethnicity = checks.code("ETHNIC", Ethnicity.values, required=False)
    upn = row["UPN"].upper()
    if upn and upn not in UpnUnknownReason.values and not upn_is_valid(upn):
        checks.fail("UPN", ERROR_UPN.format(value=row["UPN"]))
    plan.problems.extend(checks.problems)
    if not checks.problems:
        reason = upn if upn in UpnUnknownReason.values else ""
        fact = HeaderFact(row, SEXES[sex], born, ethnicity, "" if reason else upn, reason)
        plan.child(legacy).headers.append(fact)


def _add_episode(plan: Plan, row: SourceRow) -> None:
    checks = RowChecks(row)
    legacy = checks.required("CHILD")
    started = checks.date("DECOM")
    rne = checks.code("RNE", NEW_EPISODE_REASONS)
    status = checks.code("LS", LegalStatus.values)
    checks.code("CIN", dict(CATEGORIES_OF_NEED))
    place = checks.code("PLACE", [*PlacementType.values, *RETIRED_PLACEMENT_TYPES])
    if place in RETIRED_PLACEMENT_TYPES:
        checks.fail("PLACE", ERROR_RETIRED_PLACE.format(value=place))
    checks.code("PLACE_PROVIDER", PlacementProvider.values, required=False)
    _check_postcodes(checks, status)
    if row["URN"] and not re.fullmatch(URN_SHAPE, row["URN"].upper()):
        checks.fail("URN", ERROR_URN.format(value=row["URN"]))
    ended = checks.date("DEC", required=False)
    rec = checks.code("REC", [*CareEndReason.values, "X1"], required=False)
    change = checks.code("REASON_PLACE_CHANGE", PlacementChangeReason.values, required=False)
    _check_end(checks, started, ended, rec)
    plan.problems.extend(checks.problems)
    if checks.problems:
        return
    values = {column: row[column].upper() for column in EPISODE_FACTS}
    for column in ("PL_POST", "HOME_POST"):
        values[column] = normalise_postcode(values[column]) if values[column] else ""
    fact = EpisodeFact(row, started, rne, values, ended, rec if ended else "", change if ended else "")
    _merge_episode(plan, plan.child(legacy), fact)


def _check_postcodes(checks: RowChecks, status: str) -> None:
    row = checks.row
    for column in ("PL_POST", "HOME_POST"):
        if row[column] and not re.fullmatch(POSTCODE_SHAPE, normalise_postcode(row[column])):
            checks.fail(column, ERROR_POSTCODE.format(value=row[column]))
    if not row["PL_POST"]:
        checks.fail("PL_POST", ERROR_SHORT_BREAK_NO_POSTCODE if status in SHORT_BREAK_STATUSES else ERROR_NO_POSTCODE)


def _check_end(checks: RowChecks, started, ended, rec: str) -> None:
    if ended and started and ended < started:
        checks.fail("DEC", ERROR_DEC_BEFORE_DECOM.format(dec=checks.row["DEC"], decom=checks.row["DECOM"]))
    if rec and not checks.row["DEC"]:
        checks.fail("REC", ERROR_REC_WITHOUT_DEC)
    if checks.row["DEC"] and not rec:
        checks.fail("REC", ERROR_DEC_WITHOUT_REC)


def _add_review(plan: Plan, row: SourceRow) -> None:
    checks = RowChecks(row)
    legacy = checks.required("CHILD")
    held = checks.date("REVIEW")
    participation = checks.code("REVIEW_CODE", ReviewParticipation.values)
    plan.problems.extend(checks.problems)
    if checks.problems:
        return
    child = plan.child(legacy)
    for earlier in child.reviews:
        if earlier.held_on == held:
            if earlier.participation != participation:
                plan.problems.append(
                    row.problem(
                        "REVIEW_CODE",
                        ERROR_CONFLICT.format(
                            column="REVIEW_CODE",
                            value=participation,
                            other=earlier.participation,
                            source=earlier.row.label,
                        ),
                    )
                )
            return  # the same review told again
    child.reviews.append(ReviewFact(row, held, participation))


def _add_uasc(plan: Plan, row: SourceRow) -> None:
    checks = RowChecks(row)
    legacy = checks.required("CHILD")
    duc = checks.date("DUC", required=False)
    plan.problems.extend(checks.problems)
    if not checks.problems:
        plan.child(legacy).uasc.append(UascFact(row, duc))


# Bringing a child's rows together -----------------------------------------------------------------


def _merge_episode(plan: Plan, child: ChildPlan, fact: EpisodeFact) -> None:
    """The same episode (its DECOM) seen in another year must say the same; its end may be new (an
    episode open on 31 March ends in a later year)."""
    earlier = next((e for e in child.episodes if e.started_on == fact.started_on), None)
    if earlier is None:
        if fact.ended_on is not None:
            fact.end_row = fact.row
        child.episodes.append(fact)
        return
    for column in ("RNE", *EPISODE_FACTS):
        mine = fact.rne if column == "RNE" else fact.values[column]
        theirs = earlier.rne if column == "RNE" else earlier.values[column]
        if mine != theirs:
            plan.problems.append(_episode_conflict(fact, earlier.row, column, mine, theirs))
            return
    if fact.ended_on is None:
        return
    if earlier.ended_on is None:
        earlier.ended_on, earlier.rec, earlier.reason_place_change = fact.ended_on, fact.rec, fact.reason_place_change
        earlier.end_row = fact.row
        return
    for column, mine, theirs in (
        ("DEC", fact.ended_on, earlier.ended_on),
        ("REC", fact.rec, earlier.rec),
        ("REASON_PLACE_CHANGE", fact.reason_place_change, earlier.reason_place_change),
    ):
        if mine != theirs:
            plan.problems.append(_episode_conflict(fact, earlier.end_row, column, shown(mine), shown(theirs)))
            return


def shown(value) -> str:
    """A value as the files write it (dates DD/MM/YYYY)."""
    return value.strftime("%d/%m/%Y") if isinstance(value, datetime.date) else value


def _episode_conflict(fact: EpisodeFact, other_row: SourceRow, column: str, mine: str, theirs: str) -> Problem:
    return fact.row.problem(
        column,
        ERROR_EPISODE_CONFLICT.format(
            column=column, value=mine, other=theirs, source=other_row.label, decom=fact.row["DECOM"]
        ),
    )


def _check_child(plan: Plan, child: ChildPlan) -> None:
    if not child.headers:
        others = [fact for facts in child.other.values() for fact in facts]
        for fact in (*child.episodes, *child.reviews, *child.uasc, *others):
            plan.problems.append(fact.row.problem("CHILD", ERROR_NOT_IN_HEADER.format(child=child.legacy_id)))
        return
    _check_headers_agree(plan, child)
    child.episodes.sort(key=lambda e: e.started_on)
    child.reviews.sort(key=lambda r: r.held_on)
    _check_episodes_follow(plan, child)


def _check_headers_agree(plan: Plan, child: ChildPlan) -> None:
    """A child's sex, date of birth and UPN are the same in every year's Header (a UPN may become
    known in a later year; their ethnicity and why the UPN is not known may change: each is recorded
    from the year that says it)."""
    first = child.headers[0]
    for fact in child.headers[1:]:
        for column, mine, theirs in (("SEX", fact.sex, first.sex), ("DOB", fact.born, first.born)):
            if mine != theirs:
                plan.problems.append(
                    fact.row.problem(
                        column,
                        ERROR_CONFLICT.format(
                            column=column, value=shown(mine), other=shown(theirs), source=first.row.label
                        ),
                    )
                )
    known = [fact for fact in child.headers if fact.upn]
    for fact in known[1:]:
        if fact.upn != known[0].upn:
            plan.problems.append(
                fact.row.problem(
                    "UPN",
                    ERROR_CONFLICT.format(column="UPN", value=fact.upn, other=known[0].upn, source=known[0].row.label),
                )
            )


def _check_episodes_follow(plan: Plan, child: ChildPlan) -> None:
    """Each episode ending X1 is followed by one starting that day; an episode without an end is the
    child's last; after care ends, the next period starts later."""
    for index, this in enumerate(child.episodes):
        following = child.episodes[index + 1] if index + 1 < len(child.episodes) else None
        dec = this.ended_on.strftime("%d/%m/%Y") if this.ended_on else ""
        where = this.end_row or this.row
        if this.ended_on is None and following is not None:
            plan.problems.append(
                this.row.problem("DEC", ERROR_OPEN_EPISODE_FOLLOWED.format(decom=following.row["DECOM"]))
            )
        elif this.rec == "X1" and (following is None or following.started_on != this.ended_on):
            if following is not None and following.started_on < this.ended_on:
                plan.problems.append(
                    where.problem("DEC", ERROR_NEXT_EPISODE_BEFORE_END.format(decom=following.row["DECOM"], dec=dec))
                )
            else:
                plan.problems.append(where.problem("REC", ERROR_NEXT_EPISODE_MISSING.format(dec=dec)))
        elif this.ends_care and following is not None and following.started_on <= this.ended_on:
            plan.problems.append(
                following.row.problem(
                    "DECOM", ERROR_EPISODE_AFTER_CARE_ENDED.format(decom=following.row["DECOM"], rec=this.rec)
                )
            )
