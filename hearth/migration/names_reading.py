"""Reading a council's extract of its children's names and addresses (one CSV file from its old
system: the returns carry no names): columns found by their names in any order and case, dates as
DD/MM/YYYY (or YYYY-MM-DD), values trimmed, each row checked on its own and against the others.
Nothing here knows the record; the writer (names_services.py) matches each row to a child Hearth
holds by the identifiers the returns carried, CHILD or UPN, never by name (docs/migration.md,
"Names and addresses")."""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from hearth.migration.plan import ERROR_REQUIRED, ERROR_SEX, ERROR_UPN, SEXES
from hearth.migration.reading import (
    ERROR_COLUMN_MISSING,
    ERROR_COLUMN_TWICE,
    ERROR_DATE,
    ERROR_EMPTY_FILE,
    ERROR_NOT_CSV,
    ERROR_ROW_LENGTH,
    Problem,
    parse_date,
)
from hearth.people.identifiers import postcode_is_valid, postcode_normalise, upn_is_valid, upn_normalise

# The columns read, and the other names other systems give them (letters and digits only, any case).
COLUMNS = {
    "CHILD": ("CHILD", "LACHILDID", "LACHILD", "CHILDID"),
    "UPN": ("UPN",),
    "FORENAME": ("FORENAME", "FIRSTNAME", "GIVENNAME"),
    "SURNAME": ("SURNAME", "LASTNAME", "FAMILYNAME"),
    "DOB": ("DOB", "DATEOFBIRTH", "PERSONBIRTHDATE"),
    "SEX": ("SEX", "GENDER"),
    "POSTCODE": ("POSTCODE", "HOMEPOSTCODE", "HOMEPOST"),
}
REQUIRED_COLUMNS = ("FORENAME", "SURNAME", "DOB", "SEX")
NAME_LONGEST = 100  # the child's record's own limit

ERROR_NO_IDENTIFIER_COLUMN = (
    "The file has neither a CHILD column (the child's ID in the returns) nor a UPN column: each child is matched "
    "by one of them"
)
ERROR_NO_IDENTIFIER = "Neither CHILD nor UPN is given: the child is matched by the identifiers the returns carried"
ERROR_NAME_TOO_LONG = "The name is longer than {longest} characters"
ERROR_BORN_IN_FUTURE = "The date of birth {value} is after today"
ERROR_POSTCODE = "{value!r} is not a UK postcode, like LS1 4AP"
ERROR_ROW_TWICE = "{column} {value} is also on line {other}: give each child once"


@dataclass(frozen=True)
class NameRow:
    """One child's line, its values read and checked."""

    path: str  # as given: "names_and_addresses.csv"
    line: int
    legacy_id: str  # CHILD, as the returns gave it ("" if not given)
    upn: str
    forename: str
    surname: str
    born: datetime.date | None
    sex: str  # M, F, U
    postcode: str  # normalised, "" if not given

    @property
    def child(self) -> str:
        """How the report names the child: their CHILD, else their UPN."""
        return self.legacy_id or self.upn

    def problem(self, column: str, reason: str) -> Problem:
        return Problem(self.path, self.line, column, reason, self.child)


@dataclass
class NamesFile:
    path: str = ""
    rows: list[NameRow] = field(default_factory=list)  # the good rows only
    problems: list[Problem] = field(default_factory=list)  # of the file itself (child "") or of one row
    rows_read: int = 0

    @property
    def refused_children(self) -> set[str]:
        return {problem.child for problem in self.problems}


def is_names_file(path: Path) -> bool:
    """The extract is the CSV file whose name says names (`names_and_addresses.csv`,
    `Children names.csv`): no SSDA903 file's name does."""
    return path.suffix.lower() == ".csv" and "name" in path.stem.lower()


def read_names(content: bytes, shown: str) -> NamesFile:
    found = NamesFile(path=shown)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        found.problems.append(Problem(shown, None, "", ERROR_NOT_CSV.format(reason=error.reason)))
        return found
    lines = list(csv.reader(io.StringIO(text, newline="")))
    if not lines:
        found.problems.append(Problem(shown, 1, "", ERROR_EMPTY_FILE))
        return found
    columns = _columns(found, lines[0])
    if columns is None:
        return found
    seen: dict[tuple[str, str], int] = {}
    for number, values in enumerate(lines[1:], start=2):
        if not any(value.strip() for value in values):
            continue  # a blank line is no row
        found.rows_read += 1
        if len(values) != len(lines[0]):
            reason = ERROR_ROW_LENGTH.format(found=len(values), expected=len(lines[0]))
            found.problems.append(Problem(shown, number, "", reason))  # unreadable: refuses the whole file
            continue
        row, problems = _row(shown, number, {name: values[index].strip() for name, index in columns.items()})
        for column, value in (("CHILD", row.legacy_id), ("UPN", row.upn)):
            if value and (column, value) in seen:
                reason = ERROR_ROW_TWICE.format(column=column, value=value, other=seen[(column, value)])
                problems.append(row.problem(column, reason))
            elif value:
                seen[(column, value)] = number
        if problems:
            found.problems.extend(problems)
        else:
            found.rows.append(row)
    # A child with a refused line has none of their lines written (the same CHILD or UPN twice).
    refused = found.refused_children
    found.rows = [row for row in found.rows if row.legacy_id not in refused and row.upn not in refused]
    return found


def _columns(found: NamesFile, first_line: list[str]) -> dict[str, int] | None:
    """Where each column read is (by its index in the line), or None with the file's problems."""
    names = [re.sub(r"[^A-Z0-9]", "", name.upper()) for name in first_line]
    columns, problems = {}, []
    for column, aliases in COLUMNS.items():
        at = [index for index, name in enumerate(names) if name in aliases]
        if len(at) > 1:
            problems.append(Problem(found.path, 1, column, ERROR_COLUMN_TWICE.format(column=column)))
        elif at:
            columns[column] = at[0]
        elif column in REQUIRED_COLUMNS:
            problems.append(Problem(found.path, 1, column, ERROR_COLUMN_MISSING.format(column=column)))
    if "CHILD" not in columns and "UPN" not in columns:
        problems.append(Problem(found.path, 1, "CHILD", ERROR_NO_IDENTIFIER_COLUMN))
    found.problems.extend(problems)
    return None if problems else columns


def _row(shown: str, number: int, values: dict[str, str]) -> tuple[NameRow, list[Problem]]:
    legacy, upn = values.get("CHILD", ""), upn_normalise(values.get("UPN", ""))
    child = legacy or upn
    problems = []

    def fail(column: str, reason: str) -> None:
        problems.append(Problem(shown, number, column, reason, child))

    if not legacy and not upn:
        fail("CHILD", ERROR_NO_IDENTIFIER)
    if upn and not upn_is_valid(upn):
        fail("UPN", ERROR_UPN.format(value=values["UPN"]))
    for column in ("FORENAME", "SURNAME"):
        if not values[column]:
            fail(column, ERROR_REQUIRED)
        elif len(values[column]) > NAME_LONGEST:
            fail(column, ERROR_NAME_TOO_LONG.format(longest=NAME_LONGEST))
    born = parse_date(values["DOB"]) if values["DOB"] else None
    if not values["DOB"]:
        fail("DOB", ERROR_REQUIRED)
    elif born is None:
        fail("DOB", ERROR_DATE.format(value=values["DOB"]))
    elif born > timezone.localdate():
        fail("DOB", ERROR_BORN_IN_FUTURE.format(value=values["DOB"]))
    sex = values["SEX"].upper()
    if not sex:
        fail("SEX", ERROR_REQUIRED)
    elif sex not in SEXES:
        fail("SEX", ERROR_SEX.format(value=values["SEX"]))
    postcode = postcode_normalise(values.get("POSTCODE", ""))
    if postcode and not postcode_is_valid(postcode):
        fail("POSTCODE", ERROR_POSTCODE.format(value=values["POSTCODE"]))
    row = NameRow(shown, number, legacy, upn, values["FORENAME"], values["SURNAME"], born, SEXES.get(sex, ""), postcode)
    return row, problems
