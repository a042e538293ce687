"""Reading a folder of one year's SSDA903 CSV files, as the DfE defines them, whoever wrote them:
columns found by their names in any order, optional columns may be left out, dates as DD/MM/YYYY
(or YYYY-MM-DD), values trimmed. Nothing here knows the record; it only reads (docs/migration.md)."""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from hearth.core import collection_years

# The files this version imports: (the DfE's file name, its columns that must be present, the
# optional ones it reads). Other columns are ignored.
IMPORTED_FILES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Header": (("CHILD", "SEX", "DOB"), ("ETHNIC", "UPN", "MOTHER", "MC_DOB")),
    "Episodes": (
        ("CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE"),
        ("PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"),
    ),
    "Reviews": (("CHILD", "REVIEW", "REVIEW_CODE"), ("DOB",)),
    "UASC": (("CHILD", "DUC"), ("SEX", "DOB")),
    # The other files (checked and brought together by ssda903_facts.py): OC2's measures and AD1's
    # columns are each asked of some children only, so only CHILD is needed.
    "OC2": (
        ("CHILD",),
        (
            "DOB",
            "SDQ_SCORE",
            "SDQ_REASON",
            "CONVICTED",
            "HEALTH_CHECK",
            "IMMUNISATIONS",
            "TEETH_CHECK",
            "HEALTH_ASSESSMENT",
            "SUBSTANCE_MISUSE",
            "INTERVENTION_RECEIVED",
            "INTERVENTION_OFFERED",
        ),
    ),
    "OC3": (("CHILD", "IN_TOUCH"), ("DOB", "ACTIV", "ACCOM")),
    "AD1": (
        ("CHILD",),
        ("DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
    ),
    "PlacedAdoption": (("CHILD", "DATE_PLACED"), ("DOB", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED")),
    "PrevPerm": (("CHILD", "PREV_PERM"), ("DOB", "LA_PERM", "DATE_PERM")),
    "Missing": (("CHILD", "MISSING", "MIS_START"), ("DOB", "MIS_END")),
    "SWEpisodes": (("CHILD", "SW_ID", "SW_DECOM"), ("DOB", "SW_DEC", "SW_REASON")),
    "DoLo": (("CHILD", "DOLO_START"), ("DOB", "DOLO_END")),
}
# The DfE's 903 files recognised but not imported (none now: every file is imported).
NOT_YET_IMPORTED: tuple[str, ...] = ()

ERROR_FOLDER_YEAR = (
    "The folder's name does not say its collection year: name it by the year, like 2024-25 "
    "(the year ending 31 March 2025)"
)
ERROR_NO_FILES = "No SSDA903 CSV file (Header, Episodes, Reviews, UASC, OC2, OC3, Missing...) in the folder"
ERROR_FILE_TWICE = "Two files in the folder are the {name} file ({first} and {second}): keep one"
ERROR_YEAR_NOT_ENDED = (
    "The collection year {label} has not ended: it ends on 31 March {year}. A return for a year not ended is "
    "only a provisional check of the record to date, not a year's history to import: import the years that "
    "have ended (the latest is {last}), and {label} once it ends"
)
ERROR_NOT_CSV = "The file cannot be read as a CSV file in UTF-8: {reason}"
ERROR_COLUMN_MISSING = "The column {column} is missing from the file's first line (its column names)"
ERROR_COLUMN_TWICE = "The column {column} is named twice in the file's first line"
ERROR_ROW_LENGTH = "The line has {found} values but the file has {expected} columns"
ERROR_EMPTY_FILE = "The file is empty: its first line must name the columns"


def collection_label(year: int) -> str:
    """2025 -> '2024-25' (the collection year ending 31 March 2025)."""
    return collection_years.year_label(year)


def year_has_ended(year: int, today: datetime.date | None = None) -> bool:
    """Whether the collection year ending 31 March `year` has ended on the council's day (a return of
    the year to date is a provisional check, never imported: docs/migration.md)."""
    return collection_years.year_has_ended(year, today)


def year_not_ended_reason(year: int, today: datetime.date | None = None) -> str:
    last = collection_years.latest_ended_year(today)
    return ERROR_YEAR_NOT_ENDED.format(label=collection_label(year), year=year, last=collection_label(last))


@dataclass(frozen=True)
class Problem:
    """Why a file, or one value in it, cannot be imported: where (file, line, column) and why."""

    file: str  # "2024-25/Episodes.csv"
    line: int | None
    column: str
    reason: str
    child: str = ""  # the CHILD the row is about, when it is one child's row

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}, column {self.column}: {self.reason}" if self.column else f"{where}: {self.reason}"


@dataclass(frozen=True)
class SourceRow:
    """One line of one file: its values by column name (absent optional columns read as empty)."""

    year: int
    file_name: str  # the DfE's name: "Episodes"
    path: str  # as the folder holds it: "2024-25/Episodes.csv"
    line: int  # the file's first line names the columns; data begins on line 2
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")

    @property
    def label(self) -> str:
        """How the chronology names the source: "2024-25 Episodes line 12"."""
        return f"{collection_label(self.year)} {self.file_name} line {self.line}"

    def problem(self, column: str, reason: str) -> Problem:
        return Problem(self.path, self.line, column, reason, self["CHILD"])


@dataclass
class YearFiles:
    year: int
    folder: str
    rows: dict[str, list[SourceRow]] = field(default_factory=dict)  # by the DfE's file name
    not_imported: list[str] = field(default_factory=list)  # files recognised but not read yet
    problems: list[Problem] = field(default_factory=list)


def year_of_folder(path: Path) -> int | None:
    """The collection year (ending 31 March) a folder's name gives: "2024-25", "903_2024_25",
    "2024-2025" -> 2025."""
    found = re.search(r"(20\d\d)\s*[-_ ]\s*(\d{2}|20\d\d)(?!\d)", path.name)
    if not found:
        return None
    start, end = int(found[1]), found[2]
    end_year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
    return end_year if end_year == start + 1 else None


def _file_name_of(path: Path) -> str | None:
    """The DfE's name for a CSV file, read from its name whatever its case or decoration:
    "episodes.csv", "Episodes_2024-25.csv", "SSDA903 header.csv", "SW_Episodes.csv" (a name that is
    exactly one file's, its letters and digits alone, first: SWEpisodes is not Episodes)."""
    letters = re.sub(r"[^a-z0-9]", "", path.stem.lower())
    names = (*IMPORTED_FILES, *NOT_YET_IMPORTED)
    for name in names:
        if letters == name.lower():
            return name
    for name in sorted(names, key=len, reverse=True):
        if re.search(rf"(^|[^a-z]){name.lower()}([^a-z]|$)", path.stem.lower()):
            return name
    return None


def read_year_folder(folder: Path, year: int | None = None) -> YearFiles:
    """One year's files from a folder (the year from the folder's name unless given)."""
    year = year or year_of_folder(folder)
    files = YearFiles(year=year or 0, folder=str(folder))
    if year is None:
        files.problems.append(Problem(folder.name, None, "", ERROR_FOLDER_YEAR))
        return files
    if not year_has_ended(year):
        files.problems.append(Problem(folder.name, None, "", year_not_ended_reason(year)))
        return files
    found: dict[str, Path] = {}
    for path in sorted(folder.glob("*.[cC][sS][vV]")):
        name = _file_name_of(path)
        if name is None:
            continue
        if name in found:
            files.problems.append(
                Problem(
                    f"{folder.name}/{path.name}",
                    None,
                    "",
                    ERROR_FILE_TWICE.format(name=name, first=found[name].name, second=path.name),
                )
            )
            continue
        found[name] = path
    dfe_order = [*IMPORTED_FILES, *NOT_YET_IMPORTED]
    for name, path in sorted(found.items(), key=lambda item: dfe_order.index(item[0])):
        if name in IMPORTED_FILES:
            files.rows[name] = _read_file(files, name, path, f"{folder.name}/{path.name}")
        else:
            files.not_imported.append(path.name)
    if not files.rows and not files.problems:
        files.problems.append(Problem(folder.name, None, "", ERROR_NO_FILES))
    return files


def _read_file(files: YearFiles, name: str, path: Path, shown: str) -> list[SourceRow]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        files.problems.append(Problem(shown, None, "", ERROR_NOT_CSV.format(reason=error.reason)))
        return []
    lines = list(csv.reader(io.StringIO(text, newline="")))
    if not lines:
        files.problems.append(Problem(shown, 1, "", ERROR_EMPTY_FILE))
        return []
    columns = [column.strip().upper() for column in lines[0]]
    if not _columns_fit(files, name, columns, shown):
        return []
    rows = []
    for number, values in enumerate(lines[1:], start=2):
        if not any(value.strip() for value in values):
            continue  # a blank line (a trailing one, often) is no row
        if len(values) != len(columns):
            files.problems.append(
                Problem(shown, number, "", ERROR_ROW_LENGTH.format(found=len(values), expected=len(columns)))
            )
            continue
        cleaned = {column: value.strip() for column, value in zip(columns, values, strict=True)}
        rows.append(SourceRow(files.year, name, shown, number, cleaned))
    return rows


def _columns_fit(files: YearFiles, name: str, columns: list[str], shown: str) -> bool:
    required, _ = IMPORTED_FILES[name]
    problems = [
        Problem(shown, 1, column, ERROR_COLUMN_MISSING.format(column=column))
        for column in required
        if column not in columns
    ]
    problems += [
        Problem(shown, 1, column, ERROR_COLUMN_TWICE.format(column=column))
        for column in sorted({c for c in columns if c and columns.count(c) > 1})
    ]
    files.problems.extend(problems)
    return not problems


ERROR_DATE = "{value!r} is not a date: write it as DD/MM/YYYY, like 07/04/2024"


def parse_date(value: str) -> datetime.date | None:
    """DD/MM/YYYY (D/M/YYYY too) or YYYY-MM-DD; None for anything else (the caller says why)."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None
