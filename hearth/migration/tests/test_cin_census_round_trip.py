"""The census round trip: a small built council's children in need census, every year from its first
referral to 2025-26, is exported and the council rolled back; the files are imported into the empty
database through Hearth's services; the census exported again gives the same XML, child for child
(each LAchildID being the new child's Hearth ID, matched through the import's record of the id each
had). Importing the same files a second time creates nothing; a dry run writes nothing."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET

import pytest
import time_machine

from hearth.assessment.models import AssessmentFactor
from hearth.care.models import PeriodOfCare
from hearth.core.collection_years import collection_year_of
from hearth.frontdoor.models import Referral, ReferralSource
from hearth.migration.cin_census_plan import plan_census_import
from hearth.migration.cin_census_reading import read_census
from hearth.migration.cin_census_services import cin_census_import
from hearth.migration.import_runs import import_run_execute, import_run_request
from hearth.migration.models import ImportedFact, ImportRunStatus
from hearth.migration.reading import collection_label
from hearth.migration.selectors import children_by_legacy_id
from hearth.migration.tests.cin_census_files import zipped
from hearth.migration.tests.helpers import add_workers
from hearth.migration.tests.test_round_trip import COMPARED, _rows
from hearth.people.models import Child, format_hearth_id
from hearth.returns.cin_census.export import census_file_name, export_cin_census
from hearth.returns.ssda903.export import export_903
from hearth.simulate.council import Simulation
from hearth.testing.built_council import council_for_the_module
from hearth.testing.journeys import make_staff

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 5, 15)
NOW = datetime.datetime(2026, 5, 15, 18, 0, tzinfo=datetime.UTC)
LAST_YEAR = 2026


@pytest.fixture(scope="module")
def both_returns(django_db_setup, django_db_blocker) -> dict[str, dict]:
    """Seed 7, two simulated months to 15 May 2026: the census of every year from the first
    referral's to 2025-26 and the SSDA903 of every year from the first period of care's, then all
    rolled back."""

    def build():
        Simulation(seed=7, today=TODAY, months=2, contacts_per_month=20).run()
        first = Referral.objects.order_by("referral_date").first().referral_date
        first_care = PeriodOfCare.objects.order_by("started_on").first().started_on
        return {
            "census": {year: export_cin_census(year) for year in range(collection_year_of(first), LAST_YEAR + 1)},
            "903": {year: export_903(year) for year in range(collection_year_of(first_care), LAST_YEAR + 1)},
        }

    with council_for_the_module(django_db_blocker, build, today=TODAY) as files:
        pass
    return files


@pytest.fixture
def exported(both_returns) -> dict[int, bytes]:
    return both_returns["census"]


def census_plan(files: dict[int, bytes]):
    read = [read_census(content, census_file_name(year)) for year, content in files.items()]
    sources = set(ReferralSource.objects.values_list("code", flat=True))
    factors = set(AssessmentFactor.objects.filter(active=True).values_list("code", flat=True))
    return plan_census_import(read, sources=sources, factors=factors)


def run_census_import(files, staff, admin, **options):
    with time_machine.travel(NOW):
        return cin_census_import(
            actor=admin,
            plan=census_plan(files),
            team_id=staff.north.pk,
            worker_id=staff.social_worker.pk,
            chair_id=staff.iro.pk,
            **options,
        )


def children_of(content: bytes, renamed: dict[str, str]) -> dict[str, str]:
    """Each Child element as text, by its LAchildID (renamed to the new Hearth ID)."""
    found = {}
    for child in ET.fromstring(content).find("Children").findall("Child"):  # noqa: S314 (Hearth's own export)
        identifier = child.find("ChildIdentifiers/LAchildID")
        identifier.text = renamed.get(identifier.text, identifier.text)
        ET.indent(child)
        found[identifier.text] = ET.tostring(child, encoding="unicode")
    return found


@pytest.fixture
def administrator(django_user_model):
    return django_user_model.objects.create_superuser("admin", password="admin-password-1")


def test_the_census_imported_into_an_empty_database_exports_the_same(exported, administrator):
    assert not Child.objects.exists()
    staff = make_staff()
    report = run_census_import(exported, staff, administrator)
    assert report.left_out == {}
    assert report.children_created > 30
    new_ids = {legacy: format_hearth_id(pk) for legacy, pk in children_by_legacy_id().items()}
    with time_machine.travel(NOW):
        again = {year: export_cin_census(year) for year in (LAST_YEAR - 1, LAST_YEAR)}
    for year, content in again.items():
        before, after = children_of(exported[year], new_ids), children_of(content, {})
        assert len(before) > 30
        assert sorted(after) == sorted(before), year
        for child, text in before.items():
            assert after[child] == text, (year, child)


def test_importing_the_same_census_again_creates_nothing(exported, administrator):
    staff = make_staff()
    run_census_import(exported, staff, administrator)
    facts = ImportedFact.objects.count()
    report = run_census_import(exported, staff, administrator)
    assert report.children_created == 0
    assert report.created == {}
    assert report.already_held["referrals"] > 30
    assert ImportedFact.objects.count() == facts


def test_a_dry_run_writes_nothing(exported, administrator):
    staff = make_staff()
    report = run_census_import(exported, staff, administrator, dry_run=True)
    assert report.children_created > 30
    assert report.created["referrals"] > 30
    assert not Child.objects.exists()


def _text(content) -> str:
    return content.decode("utf-8-sig") if isinstance(content, bytes) else content


def test_both_returns_imported_together_export_the_same(both_returns, administrator):
    """The census and the 903 in one upload, as the Import page takes them: each looked-after
    child's periods of care go on the CIN episode open when each began, and both returns of the last
    two years export again as they were."""
    files = {f"{collection_label(y)}/{census_file_name(y)}": c for y, c in both_returns["census"].items()}
    for year, year_files in both_returns["903"].items():
        files |= {f"{collection_label(year)}/{name}": content for name, content in year_files.items()}
    staff = make_staff()
    # The social workers the SWEpisodes files name, added before the import (docs/migration.md).
    named = {
        row["SW_ID"]
        for year_files in both_returns["903"].values()
        for row in csv.DictReader(io.StringIO(_text(year_files["SWEpisodes.csv"])))
    }
    add_workers(staff.north, *sorted(named - {""}))
    with time_machine.travel(NOW):
        run = import_run_request(
            actor=administrator,
            upload=zipped(files),
            upload_name="council.zip",
            dry_run=False,
            leave_out_bad_children=False,
            team_id=staff.north.pk,
            worker_id=staff.social_worker.pk,
            chair_id=staff.iro.pk,
        )
        run = import_run_execute(run.pk)
    assert run.status == ImportRunStatus.DONE, run.report
    assert run.report["created"]["periods of care"] > 30
    new_ids = {legacy: format_hearth_id(pk) for legacy, pk in children_by_legacy_id().items()}
    with time_machine.travel(NOW):
        for year in (LAST_YEAR - 1, LAST_YEAR):
            before, after = children_of(both_returns["census"][year], new_ids), children_of(export_cin_census(year), {})
            assert after == before, year
            again = export_903(year)
            for name, columns in COMPARED.items():
                assert _rows(again[name], columns, {}) == _rows(both_returns["903"][year][name], columns, new_ids)
