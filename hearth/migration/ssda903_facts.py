"""The 903's other files checked and brought together before anything is written: OC2, OC3,
Missing, AD1, PlacedAdoption, PrevPerm, SWEpisodes and DoLo (docs/migration.md, "The other 903
files"). Each row's values are checked against the DfE's codes and formats; the same fact told in
two years' files (a missing episode open on 31 March, a decision in force in both years) is one
fact: its other columns must say the same, and its end may be blank in the earlier year and given
in the later one. A difference is a conflict, reported with both rows, never guessed. The result is
each child's facts by file (ChildPlan.other), for the writer (ssda903_writes.py)."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from hearth.duties.codes import SdqReason
from hearth.leavers.codes import Accommodation, Activity, InTouch
from hearth.migration.plan import ERROR_CONFLICT, Plan, RowChecks, shown
from hearth.migration.reading import SourceRow
from hearth.missing.codes import MissingKind
from hearth.permanence.codes import (
    LA_PERM_CODES,
    AdoptersLegalStatus,
    AdoptersSex,
    DecisionReversalReason,
    PreviousPermanenceOption,
)
from hearth.workforce.models import FIRST_CONTACT, SocialWorkerChangeReason

ERROR_END_BEFORE_START = "{end} ({value}) is before {start} ({start_value})"
ERROR_END_NOT_AFTER_START = "{end} ({value}) must be after {start} ({start_value})"
ERROR_TOGETHER = "{column} and {other} are given together or not at all"
ERROR_FLAG = "{value!r} is not 0 or 1"
ERROR_SDQ_SCORE = "{value!r} is not an SDQ score: a whole number from 0 to 40"
ERROR_SDQ_BOTH = "An SDQ score and a reason for having none cannot both be given"
ERROR_INTERVENTION_WITHOUT_MISUSE = "{column} is given, but SUBSTANCE_MISUSE is not 1"
ERROR_RECEIVED_AND_OFFERED = "INTERVENTION_OFFERED is for a child who did not receive an intervention (rule 159)"
ERROR_ACCOM = "{value!r} is not an accommodation code: 0, or a letter of the DfE's list and 1 (suitable) or 2 (not)"
ERROR_NOT_IN_TOUCH_ANSWERED = "{column} is {value!r}, but a young person not in touch has no activity or accommodation"
ERROR_DATE_PERM = (
    "{value!r} is not a date of the order: DD/MM/YYYY, with ZZ for a day or month and ZZZZ for a year not known"
)
ERROR_DATE_PERM_WITH_Z1 = "Z1 (no earlier order) has no council or date of the order"
ERROR_MATCH_PART = "The match (DATE_MATCH, NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR) is given whole or not at all"
ERROR_MATCH_WITHOUT_DECISION = "A match (DATE_MATCH) needs the decision that the child should be placed (DATE_INT)"
ERROR_WORKER_ID = "{value!r} is not a Social Work England registration number (SW and digits, like SW123456)"

FLAGS = ("0", "1")
SW_ID_SHAPE = r"SW\d{2,8}"  # as the worker's registration number (workforce.models)


@dataclass
class OtherFact:
    """One fact one of the other files tells of a child: its first row, its values by column (codes
    as the DfE spells them, dates as dates, blank as ""), and the row that told of its end if a
    later year's did."""

    file_name: str
    row: SourceRow
    values: dict
    end_row: SourceRow | None = None

    def __getitem__(self, column: str):
        return self.values.get(column, "")

    @property
    def year(self) -> int:
        return self.row.year


@dataclass(frozen=True)
class FileSpec:
    """How one file is read: which columns say which fact a row is (the same fact in two years'
    files; none: each year's row is that year's own fact), which may be blank at first and given in
    a later year (an end), and the row's own checks, which give the row's values."""

    key: tuple[str, ...]
    ends: tuple[str, ...]
    check: Callable[[RowChecks], dict]


# The row checks, one a file ------------------------------------------------------------------------


def _dates_in_order(checks: RowChecks, values: dict, start: str, end: str, *, strictly: bool = False) -> None:
    first, last = values.get(start), values.get(end)
    if first and last and (last <= first if strictly else last < first):
        message = ERROR_END_NOT_AFTER_START if strictly else ERROR_END_BEFORE_START
        checks.fail(end, message.format(end=end, value=checks.row[end], start=start, start_value=checks.row[start]))


def _together(checks: RowChecks, column: str, other: str) -> None:
    if bool(checks.row[column]) != bool(checks.row[other]):
        checks.fail(column if not checks.row[column] else other, ERROR_TOGETHER.format(column=column, other=other))


def _flag(checks: RowChecks, column: str) -> str:
    value = checks.row[column]
    if value and value not in FLAGS:
        checks.fail(column, ERROR_FLAG.format(value=value))
    return value


def _upper_code(checks: RowChecks, column: str, codes, *, required: bool = False) -> str:
    """A code the DfE writes in capitals, read whatever its case."""
    value = checks.row[column].upper()
    if required and not value:
        checks.required(column)
    elif value and value not in codes:
        checks.fail(column, f"{checks.row[column]!r} is not one of the DfE's codes for {column}")
    return value


def check_missing(checks: RowChecks) -> dict:
    values = {
        "MISSING": _upper_code(checks, "MISSING", MissingKind.values, required=True),
        "MIS_START": checks.date("MIS_START"),
        "MIS_END": checks.date("MIS_END", required=False) or "",
    }
    _dates_in_order(checks, values, "MIS_START", "MIS_END")
    return values


def check_deprivation_of_liberty(checks: RowChecks) -> dict:
    values = {"DOLO_START": checks.date("DOLO_START"), "DOLO_END": checks.date("DOLO_END", required=False) or ""}
    _dates_in_order(checks, values, "DOLO_START", "DOLO_END", strictly=True)
    return values


def check_placed_adoption(checks: RowChecks) -> dict:
    values = {
        "DATE_PLACED": checks.date("DATE_PLACED"),
        "DATE_PLACED_CEASED": checks.date("DATE_PLACED_CEASED", required=False) or "",
        "REASON_PLACED_CEASED": _upper_code(checks, "REASON_PLACED_CEASED", DecisionReversalReason.values),
    }
    _together(checks, "DATE_PLACED_CEASED", "REASON_PLACED_CEASED")
    _dates_in_order(checks, values, "DATE_PLACED", "DATE_PLACED_CEASED")
    return values


MATCH_COLUMNS = ("DATE_MATCH", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")


def check_adoption(checks: RowChecks) -> dict:
    row = checks.row
    values = {
        "DATE_INT": checks.date("DATE_INT", required=False) or "",
        "DATE_MATCH": checks.date("DATE_MATCH", required=False) or "",
        "FOSTER_CARE": _flag(checks, "FOSTER_CARE"),
        "NB_ADOPTR": checks.code("NB_ADOPTR", ("1", "2"), required=False),
        "SEX_ADOPTR": _upper_code(checks, "SEX_ADOPTR", AdoptersSex.values),
        "LS_ADOPTR": _upper_code(checks, "LS_ADOPTR", AdoptersLegalStatus.values),
    }
    given = [column for column in MATCH_COLUMNS if row[column]]
    if given and len(given) < len(MATCH_COLUMNS):
        missing = next(column for column in MATCH_COLUMNS if not row[column])
        checks.fail(missing, ERROR_MATCH_PART)
    if given and not row["DATE_INT"]:
        checks.fail("DATE_INT", ERROR_MATCH_WITHOUT_DECISION)
    _dates_in_order(checks, values, "DATE_INT", "DATE_MATCH")
    return values


def order_date_parts(text: str) -> tuple[int | None, int | None, int | None] | None:
    """DATE_PERM's (year, month, day), None for a part written ZZ or ZZZZ; None if not of that shape."""
    found = re.fullmatch(r"(\d{1,2}|ZZ)/(\d{1,2}|ZZ)/(\d{4}|ZZZZ)", text.upper())
    if not found:
        return None
    day, month, year = (None if part.startswith("Z") else int(part) for part in found.groups())
    return year, month, day


def check_previous_permanence(checks: RowChecks) -> dict:
    row = checks.row
    option = _upper_code(checks, "PREV_PERM", PreviousPermanenceOption.values, required=True)
    la_code = _upper_code(checks, "LA_PERM", LA_PERM_CODES)
    parts = (None, None, None)
    if row["DATE_PERM"]:
        parts = order_date_parts(row["DATE_PERM"])
        if parts is None:
            checks.fail("DATE_PERM", ERROR_DATE_PERM.format(value=row["DATE_PERM"]))
            parts = (None, None, None)
    if option == PreviousPermanenceOption.Z1 and (la_code or row["DATE_PERM"]):
        checks.fail("LA_PERM" if la_code else "DATE_PERM", ERROR_DATE_PERM_WITH_Z1)
    return {"PREV_PERM": option, "LA_PERM": la_code, "DATE_PERM": parts}


def check_oc3(checks: RowChecks) -> dict:
    row = checks.row
    in_touch = _upper_code(checks, "IN_TOUCH", InTouch.values, required=True)
    activity = _upper_code(checks, "ACTIV", Activity.values) or Activity.NONE
    accommodation = row["ACCOM"].upper() or "0"
    letters = {letter for letter in Accommodation.values if letter != Accommodation.NONE}
    if accommodation != "0" and not (
        len(accommodation) == 2 and accommodation[0] in letters and accommodation[1] in "12"
    ):
        checks.fail("ACCOM", ERROR_ACCOM.format(value=row["ACCOM"]))
    if in_touch and in_touch != InTouch.YES:
        for column, value in (("ACTIV", activity), ("ACCOM", accommodation)):
            if value != "0":
                checks.fail(column, ERROR_NOT_IN_TOUCH_ANSWERED.format(column=column, value=row[column]))
    return {"IN_TOUCH": in_touch, "ACTIV": activity, "ACCOM": accommodation}


OC2_FLAGS = (
    "CONVICTED",
    "HEALTH_CHECK",
    "IMMUNISATIONS",
    "TEETH_CHECK",
    "HEALTH_ASSESSMENT",
    "SUBSTANCE_MISUSE",
    "INTERVENTION_RECEIVED",
    "INTERVENTION_OFFERED",
)


def check_oc2(checks: RowChecks) -> dict:
    row = checks.row
    values = {column: _flag(checks, column) for column in OC2_FLAGS}
    score = row["SDQ_SCORE"]
    if score and not (score.isdigit() and 0 <= int(score) <= 40):
        checks.fail("SDQ_SCORE", ERROR_SDQ_SCORE.format(value=score))
    values["SDQ_SCORE"] = score
    values["SDQ_REASON"] = _upper_code(checks, "SDQ_REASON", SdqReason.values)
    if score and values["SDQ_REASON"]:
        checks.fail("SDQ_REASON", ERROR_SDQ_BOTH)
    if values["SUBSTANCE_MISUSE"] != "1":
        for column in ("INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"):
            if values[column] == "1":
                checks.fail(column, ERROR_INTERVENTION_WITHOUT_MISUSE.format(column=column))
    elif values["INTERVENTION_RECEIVED"] == "1" and values["INTERVENTION_OFFERED"] == "1":
        checks.fail("INTERVENTION_OFFERED", ERROR_RECEIVED_AND_OFFERED)
    return values


def check_social_worker(checks: RowChecks) -> dict:
    worker = checks.required("SW_ID").upper()
    if worker and not re.fullmatch(SW_ID_SHAPE, worker):
        checks.fail("SW_ID", ERROR_WORKER_ID.format(value=checks.row["SW_ID"]))
    values = {
        "SW_ID": worker,
        "SW_DECOM": checks.date("SW_DECOM"),
        "SW_DEC": checks.date("SW_DEC", required=False) or "",
        "SW_REASON": _upper_code(checks, "SW_REASON", [*SocialWorkerChangeReason.values, FIRST_CONTACT]),
    }
    _dates_in_order(checks, values, "SW_DECOM", "SW_DEC")
    return values


# The columns each file is read by are in reading.IMPORTED_FILES.
OTHER_FILES: dict[str, FileSpec] = {
    "OC2": FileSpec(key=(), ends=(), check=check_oc2),
    "OC3": FileSpec(key=(), ends=(), check=check_oc3),
    "AD1": FileSpec(key=("DATE_INT",), ends=(), check=check_adoption),
    "PlacedAdoption": FileSpec(
        key=("DATE_PLACED",), ends=("DATE_PLACED_CEASED", "REASON_PLACED_CEASED"), check=check_placed_adoption
    ),
    "PrevPerm": FileSpec(key=(), ends=(), check=check_previous_permanence),
    "Missing": FileSpec(key=("MIS_START",), ends=("MIS_END",), check=check_missing),
    "SWEpisodes": FileSpec(key=("SW_DECOM", "SW_ID"), ends=("SW_DEC",), check=check_social_worker),
    "DoLo": FileSpec(key=("DOLO_START",), ends=("DOLO_END",), check=check_deprivation_of_liberty),
}


# Bringing a child's facts together ------------------------------------------------------------------


def add_other_row(plan: Plan, file_name: str, row: SourceRow) -> None:
    """One row of one of the other files, checked, then merged with the same fact from another
    year's file (or kept as a new fact of the child)."""
    spec = OTHER_FILES[file_name]
    checks = RowChecks(row)
    legacy = checks.required("CHILD")
    values = spec.check(checks)
    plan.problems.extend(checks.problems)
    if checks.problems:
        return
    fact = OtherFact(file_name, row, values)
    if any(values[column] for column in spec.ends):
        fact.end_row = row
    facts = plan.child(legacy).other.setdefault(file_name, [])
    earlier = next((f for f in facts if spec.key and all(f[c] == fact[c] for c in spec.key)), None)
    if earlier is None:
        facts.append(fact)
        return
    problem = _merge(spec, earlier, fact)
    if problem:
        plan.problems.append(problem)


def _merge(spec: FileSpec, earlier: OtherFact, fact: OtherFact):
    """The same fact in a later year: the same values, and an end given now or the same end."""
    for column in fact.values:
        if column in spec.key or column in spec.ends:
            continue
        if fact[column] != earlier[column]:
            return _conflict(fact, earlier.row, column, earlier[column])
    if not any(fact[column] for column in spec.ends):
        return None
    if not any(earlier[column] for column in spec.ends):
        for column in spec.ends:
            earlier.values[column] = fact[column]
        earlier.end_row = fact.row
        return None
    for column in spec.ends:
        if fact[column] != earlier[column]:
            return _conflict(fact, earlier.end_row, column, earlier[column])
    return None


def _conflict(fact: OtherFact, other_row: SourceRow, column: str, other_value):
    return fact.row.problem(
        column,
        ERROR_CONFLICT.format(
            column=column, value=shown(fact[column]), other=shown(other_value), source=other_row.label
        ),
    )
