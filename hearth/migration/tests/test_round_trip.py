"""The round trip: a small built council's SSDA903 returns, every year from its first period of care
to 2025-26, are exported and the council rolled back; the files are imported into the empty
database; the last two years exported again give the same Header (the columns imported), Episodes,
Reviews and UASC files, child for child (each child's CHILD is their new Hearth ID, matched through the
import's record of the CHILD each had). Importing the same folders a second time changes nothing."""

import csv
import datetime
import io

import pytest
import time_machine

from hearth.care.models import PeriodOfCare
from hearth.core.collection_years import collection_year_of
from hearth.migration.models import ImportedFact
from hearth.migration.plan import plan_import
from hearth.migration.reading import collection_label, read_year_folder
from hearth.migration.selectors import children_by_legacy_id
from hearth.migration.services import returns_import
from hearth.migration.tests.helpers import add_workers
from hearth.people.models import Child, format_hearth_id
from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.performance.selectors import figure_from_rows
from hearth.returns.ssda903.export import export_903
from hearth.simulate.council import Simulation
from hearth.testing.built_council import council_for_the_module
from hearth.testing.journeys import make_staff

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 5, 15)
LAST_YEAR = 2026
COMPARED = {
    "Header.csv": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN"),
    "Episodes.csv": None,  # every column
    "Reviews.csv": None,
    "UASC.csv": None,
    "OC2.csv": None,
    "OC3.csv": None,
    "AD1.csv": None,
    "PlacedAdoption.csv": None,
    "PrevPerm.csv": None,
    "Missing.csv": None,
    "SWEpisodes.csv": None,
}


# The looked-after and care leaver indicators the 903 feeds: each worked out from facts the return
# carries (episodes, reviews, OC2, OC3, Missing, adoption), so the same after the import. The others
# of those sections read what the 903 does not carry: care plans (L02), visits (L04, L05), refusals of
# checks and their days (L10R, L11R, L16), return home interviews (L19), PEPs (L21), pathway plans (C01);
# and L10, L11 count checks up to date on any day from their dates, which OC2 gives only as a year's flag.
FED_BY_THE_903 = (
    "L01",
    "L03",
    "L06",
    "L07",
    "L08",
    "L09",
    "L12",
    "L13",
    "L14",
    "L15",
    "L18",
    "L18E",
    "L20",
    "C02",
    "C02a",
    "C02b",
    "C03",
    "C03a",
    "C03b",
    "C04",
    "C04a",
    "C04b",
    "C05",
    "AS01",
    "AS02",
)
COMPARED_DAYS = (datetime.date(2025, 3, 31), datetime.date(2026, 3, 31))


def figures() -> dict[tuple[str, datetime.date], tuple[int, int]]:
    """(counted, rows) of each indicator the 903 feeds, as of each 31 March compared (a rate's rows:
    the council's population is not the return's, so its count of children is compared)."""
    return {
        (indicator_id, day): _counted_and_rows(CATALOGUE_BY_ID[indicator_id], day)
        for indicator_id in FED_BY_THE_903
        for day in COMPARED_DAYS
    }


def _counted_and_rows(indicator, day: datetime.date) -> tuple[int, int]:
    return indicator.figure(day) if indicator.figure is not None else figure_from_rows(indicator, day)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker) -> dict:
    """Seed 7, two simulated months to 15 May 2026 (looked-after histories reaching back years):
    the 903 of every year from the first period of care's to 2025-26, and the figures of the
    indicators it feeds, then all rolled back."""

    def build():
        Simulation(seed=7, today=TODAY, months=2, contacts_per_month=20).run()
        first = PeriodOfCare.objects.order_by("started_on").first().started_on
        returns = {year: export_903(year) for year in range(collection_year_of(first), LAST_YEAR + 1)}
        return {"returns": returns, "figures": figures()}

    with council_for_the_module(django_db_blocker, build, today=TODAY) as council:
        pass  # rolled back on leaving: the tests import into the empty database
    return council


@pytest.fixture(scope="module")
def exported(built) -> dict[int, dict[str, bytes]]:
    return built["returns"]


def _write_folders(tmp_path, returns) -> list:
    folders = []
    for year, files in returns.items():
        folder = tmp_path / collection_label(year)
        folder.mkdir()
        for name, content in files.items():
            (folder / name).write_bytes(content)
        folders.append(folder)
    return folders


def _add_the_councils_workers(returns, staff) -> None:
    """The social workers the returns' SWEpisodes name, added before the import (docs/migration.md)."""
    numbers = {row["SW_ID"] for files in returns.values() for row in _dict_rows(files["SWEpisodes.csv"])}
    add_workers(staff.north, *sorted(numbers - {""}))


def _dict_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def _import(folders, staff, admin, **options):
    plan = plan_import([read_year_folder(folder) for folder in folders])
    with time_machine.travel(datetime.datetime(2026, 5, 15, 18, 0, tzinfo=datetime.UTC)):
        return returns_import(actor=admin, plan=plan, team_id=staff.north.pk, chair_id=staff.iro.pk, **options)


def _rows(content: bytes, columns, renamed: dict[str, str]) -> list[tuple]:
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    columns = columns or list(rows[0]) if rows else columns
    return sorted(tuple(renamed.get(row[c], row[c]) if c == "CHILD" else row[c] for c in columns) for row in rows)


@pytest.fixture
def administrator(django_user_model):
    return django_user_model.objects.create_superuser("admin", password="admin-password-1")


def test_the_returns_imported_into_an_empty_database_export_the_same(exported, tmp_path, administrator):
    assert not Child.objects.exists()  # the built council was rolled back: the database is empty
    staff = make_staff()
    _add_the_councils_workers(exported, staff)
    report = _import(_write_folders(tmp_path, exported), staff, administrator)
    assert report.left_out == {}
    assert report.children_created > 30
    new_ids = {legacy: format_hearth_id(pk) for legacy, pk in children_by_legacy_id().items()}
    with time_machine.travel(datetime.datetime(2026, 5, 15, 18, 0, tzinfo=datetime.UTC)):
        again = {year: export_903(year) for year in (LAST_YEAR - 1, LAST_YEAR)}
    differences = []
    for year, files in again.items():
        for name, columns in COMPARED.items():
            before = _rows(exported[year][name], columns, new_ids)
            after = _rows(files[name], columns, {})
            if after != before:
                differences.append((year, name, len(before), len(after), sorted(set(before) ^ set(after))[:6]))
    for d in differences:
        print(d)
    assert not differences
    for year in again:
        assert exported[year]["Episodes.csv"].count(b"\n") > 40  # something was compared
    for name in COMPARED:  # every file held rows to compare in one of the years
        assert any(exported[year][name].count(b"\n") > 1 for year in again), name


def test_the_indicators_the_903_feeds_agree_before_and_after(built, tmp_path, administrator):
    """The catalogue's figures for the looked-after and care leaver indicators the 903 feeds, as of
    each 31 March compared, are the same worked out from the imported record as from the council's."""
    staff = make_staff()
    _add_the_councils_workers(built["returns"], staff)
    _import(_write_folders(tmp_path, built["returns"]), staff, administrator)
    with time_machine.travel(datetime.datetime(2026, 5, 15, 18, 0, tzinfo=datetime.UTC)):
        after = figures()
    differences = {key: (before, after[key]) for key, before in built["figures"].items() if after[key] != before}
    assert differences == {}
    assert sum(rows for _, rows in after.values()) > 100  # something was compared


def test_importing_the_same_folders_again_creates_nothing(exported, tmp_path, administrator):
    staff = make_staff()
    _add_the_councils_workers(exported, staff)
    folders = _write_folders(tmp_path, exported)
    _import(folders, staff, administrator)
    facts = ImportedFact.objects.count()
    report = _import(folders, staff, administrator)
    assert report.children_created == 0
    assert report.created == {}
    assert report.already_held["episodes"] > 40
    assert ImportedFact.objects.count() == facts


def test_a_dry_run_reports_what_would_be_created_and_writes_nothing(exported, tmp_path, administrator):
    staff = make_staff()
    _add_the_councils_workers(exported, staff)
    report = _import(_write_folders(tmp_path, exported), staff, administrator, dry_run=True)
    assert report.children_created > 30
    assert report.created["periods of care"] > 30
    assert not Child.objects.exists()
    assert not ImportedFact.objects.exists()
