"""Reading the Import page's upload: one zip holding a folder for each collection year, named by it
(2024-25), with that year's SSDA903 CSV files and its children in need census XML file (either may
be missing), and the council's extract of its children's names and addresses (a CSV file whose name
says names, anywhere in the zip: names_reading.py). The zip is unpacked into a temporary folder
(only plain files, no path leaving it) and each folder read as `manage.py import_returns` reads one
(docs/migration.md)."""

import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from hearth.assessment.models import AssessmentFactor
from hearth.frontdoor.models import ReferralSource
from hearth.migration.cin_census_plan import CensusPlan, plan_census_import
from hearth.migration.cin_census_reading import CensusFile, read_census
from hearth.migration.names_reading import NamesFile, is_names_file, read_names
from hearth.migration.plan import Plan, plan_import
from hearth.migration.reading import Problem, read_year_folder, year_of_folder

ERROR_NOT_ZIP = "The upload is not a zip file: put a folder for each year (2024-25) in one zip"
ERROR_NOTHING = (
    "The zip holds no SSDA903 CSV file and no census XML file in a folder named by its year, and no names and "
    "addresses file"
)
ERROR_NAMES_TWICE = "Two files are the names and addresses file ({first} and {second}): keep one"
ERROR_TOO_BIG = "The zip unpacks to more than {limit} MB: upload fewer years at a time"
UNPACKED_LIMIT = 2_000 * 1024 * 1024  # a large council's five years are a few hundred MB at most


@dataclass
class Upload:
    plan_903: Plan = field(default_factory=Plan)
    census: CensusPlan = field(default_factory=CensusPlan)
    problems: list[Problem] = field(default_factory=list)  # problems of the zip itself
    rows_read: int = 0
    files_903: list = field(default_factory=list)  # each year folder's SSDA903 files as read (YearFiles)
    names: NamesFile | None = None  # the council's extract of names and addresses, if given

    @property
    def all_problems(self) -> list[Problem]:
        return [*self.problems, *self.plan_903.problems, *self.census.problems, *self.names_problems]

    @property
    def names_problems(self) -> list[Problem]:
        return self.names.problems if self.names else []


def read_upload(content: bytes, name: str) -> Upload:
    upload = Upload()
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        upload.problems.append(Problem(name, None, "", ERROR_NOT_ZIP))
        return upload
    with archive, tempfile.TemporaryDirectory(prefix="hearth-import-") as folder:
        root = Path(folder)
        if sum(info.file_size for info in archive.infolist()) > UNPACKED_LIMIT:
            upload.problems.append(Problem(name, None, "", ERROR_TOO_BIG.format(limit=UNPACKED_LIMIT // 2**20)))
            return upload
        for info in archive.infolist():
            inner = PurePosixPath(info.filename)
            if info.is_dir() or inner.is_absolute() or ".." in inner.parts or "__MACOSX" in inner.parts:
                continue
            target = root.joinpath(*inner.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(info))
        _read_folders(upload, root, name)
    return upload


def _read_folders(upload: Upload, root: Path, name: str) -> None:
    years_903, censuses = [], []
    folders = sorted({path.parent for path in root.rglob("*") if path.is_file()})
    for folder in folders:
        shown = folder.relative_to(root).as_posix() or "."
        if any(p.suffix.lower() == ".csv" and not is_names_file(p) for p in folder.iterdir()):
            years_903.append(_read_903(upload, folder))
        for path in sorted(folder.glob("*")):
            if path.suffix.lower() == ".xml":
                censuses.append(_read_census_file(upload, path, f"{shown}/{path.name}"))
            elif is_names_file(path):
                _read_names_file(upload, path, path.relative_to(root).as_posix())
    if not years_903 and not censuses and upload.names is None:
        upload.problems.append(Problem(name, None, "", ERROR_NOTHING))
    _plan(upload, years_903, censuses)


def read_paths(paths: list[Path]) -> Upload:
    """What `manage.py import_returns` is given: folders named by their year, each holding that
    year's SSDA903 CSV files and its census XML file (either may be missing), and census XML files
    on their own (the year from the file's Header, else its name or its folder's), and the names and
    addresses CSV file."""
    upload = Upload()
    years_903, censuses = [], []
    for path in paths:
        if path.is_file() and is_names_file(path):
            _read_names_file(upload, path, path.name)
        elif path.is_dir():
            xml_files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".xml")
            if not xml_files or any(p.suffix.lower() == ".csv" for p in path.iterdir()):
                years_903.append(_read_903(upload, path))  # a folder with neither is refused here
            censuses += [_read_census_file(upload, xml, f"{path.name}/{xml.name}") for xml in xml_files]
        else:
            censuses.append(_read_census_file(upload, path, f"{path.parent.name}/{path.name}"))
    _plan(upload, years_903, censuses)
    return upload


def _read_names_file(upload: Upload, path: Path, shown: str) -> None:
    if upload.names is not None:
        second = ERROR_NAMES_TWICE.format(first=upload.names.path, second=shown)
        upload.problems.append(Problem(shown, None, "", second))
        return
    upload.names = read_names(path.read_bytes(), shown)
    upload.rows_read += upload.names.rows_read


def _read_903(upload: Upload, folder: Path):
    files = read_year_folder(folder)
    upload.files_903.append(files)
    upload.rows_read += sum(len(rows) for rows in files.rows.values())
    return files


def _read_census_file(upload: Upload, path: Path, shown: str) -> CensusFile:
    census = read_census(path.read_bytes(), shown, year_of_folder(path.parent))
    upload.rows_read += sum(1 + len(child.findall("CINdetails")) for child in census.children)
    return census


def _plan(upload: Upload, years_903: list, censuses: list[CensusFile]) -> None:
    upload.plan_903 = plan_import(years_903)
    upload.census = plan_census_import(
        censuses,
        sources=set(ReferralSource.objects.values_list("code", flat=True)),
        factors=set(AssessmentFactor.objects.filter(active=True).values_list("code", flat=True)),
    )
