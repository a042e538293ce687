"""The round trip of the SSDA903's DoLo file, sent from 2026-27. The demo council's round trip
(test_round_trip.py) is built to 15 May 2026 and compares the last years that had ended, neither
with a DoLo file (docs/migration.md, "DoLo in the round trip"). So a small council is built here to
15 May 2027, its 2026-27 return (every file) exported and the council rolled back, the files
imported into the empty database, and the return exported again: the DoLo file is the same, child
for child, and so are the Header and Episodes that carry the orders' children."""

import datetime

import pytest
import time_machine

from hearth.care.services import care_end, deprivation_of_liberty_end, deprivation_of_liberty_record
from hearth.migration.plan import plan_import
from hearth.migration.reading import read_year_folder
from hearth.migration.selectors import children_by_legacy_id
from hearth.migration.services import returns_import
from hearth.migration.tests.test_round_trip import COMPARED, _rows
from hearth.people.models import format_hearth_id
from hearth.returns.ssda903.export import export_903
from hearth.testing.built_council import council_for_the_module
from hearth.testing.journeys import looked_after_child, make_staff, new_child
from hearth.workforce.models import Worker

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2027, 5, 15)
NOW = datetime.datetime(2027, 5, 15, 18, 0, tzinfo=datetime.UTC)
YEAR = 2027  # 2026-27, the DoLo file's first year
WORKER_NUMBER = "SW100001"  # the registration number SWEpisodes names the case's worker by


def _give_the_worker_a_registration_number(staff) -> None:
    Worker.objects.filter(pk=staff.social_worker.pk).update(registration_number=WORKER_NUMBER)


def _d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.fixture(scope="module")
def exported(django_db_setup, django_db_blocker) -> dict[str, bytes]:
    """Three teenagers looked after through 2026-27: one with an order that ended in the year and a
    second still open on 31 March; one whose order was still open when their care ended (the return
    gives the end of care as the order's end); one with no order. Then 2026-27's return."""

    def build():
        staff = make_staff()
        _give_the_worker_a_registration_number(staff)
        two_orders = looked_after_child(staff, new_child(staff, "Rowan", "Example", _d("2012-04-02")), _d("2025-05-01"))
        worker = staff.social_worker.user
        deprivation_of_liberty_record(actor=worker, period_id=two_orders.pk, started_on=_d("2026-06-01"))
        deprivation_of_liberty_end(actor=worker, period_id=two_orders.pk, ended_on=_d("2026-12-01"))
        deprivation_of_liberty_record(actor=worker, period_id=two_orders.pk, started_on=_d("2027-01-15"))
        care_ended = looked_after_child(staff, new_child(staff, "Sky", "Example", _d("2011-09-09")), _d("2026-02-01"))
        deprivation_of_liberty_record(actor=worker, period_id=care_ended.pk, started_on=_d("2026-09-01"))
        care_ended.refresh_from_db()
        care_end(
            actor=worker, period_id=care_ended.pk, version=care_ended.version, ended_on=_d("2027-02-01"), reason="E4A"
        )
        looked_after_child(staff, new_child(staff, "Ash", "Example", _d("2013-01-20")), _d("2026-07-01"))
        return export_903(YEAR)

    with council_for_the_module(django_db_blocker, build, today=TODAY) as files:
        pass  # rolled back on leaving: the test imports into the empty database
    return files


@pytest.fixture
def administrator(django_user_model):
    return django_user_model.objects.create_superuser("admin", password="admin-password-1")


def test_the_dolo_file_imported_into_an_empty_database_exports_the_same(exported, tmp_path, administrator):
    assert len(_rows(exported["DoLo.csv"], None, {})) == 3  # something to compare
    staff = make_staff()
    _give_the_worker_a_registration_number(staff)  # the council's worker, added before the import
    folder = tmp_path / "2026-27"
    folder.mkdir()
    for name, content in exported.items():
        (folder / name).write_bytes(content)
    with time_machine.travel(NOW):  # 15 May 2027: 2026-27 has ended (a year not ended is refused)
        plan = plan_import([read_year_folder(folder)])
        report = returns_import(actor=administrator, plan=plan, team_id=staff.north.pk, chair_id=staff.iro.pk)
    assert report.left_out == {}
    assert report.created["deprivation of liberty orders"] == 3
    new_ids = {legacy: format_hearth_id(pk) for legacy, pk in children_by_legacy_id().items()}
    with time_machine.travel(NOW):
        again = export_903(YEAR)
    for name in ("DoLo.csv", "Header.csv", "Episodes.csv"):
        columns = COMPARED[name] if name in COMPARED else None
        assert _rows(again[name], columns, {}) == _rows(exported[name], columns, new_ids), name
