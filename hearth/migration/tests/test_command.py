"""manage.py import_returns: the dry run reports what would be created and writes nothing; the
import prints its progress and what it created; a refusal lists each problem and writes nothing."""

import io

import pytest
import time_machine
from django.core.management import CommandError, call_command

from hearth.migration.tests.helpers import NOW, write_year
from hearth.people.models import Child
from hearth.testing.journeys import make_staff

pytestmark = pytest.mark.django_db

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN\r\nC1,1,01/02/2014,WBRI,UN2"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,PL_POST,URN,DEC,REC\r\n"
    "C1,05/05/2024,S,C2,N1,U6,PR1,KV1 2AB,1234567,10/01/2025,E4A"
)


@pytest.fixture
def folder(tmp_path, django_user_model):
    django_user_model.objects.create_superuser("admin", password="admin-password-1")
    make_staff()
    return write_year(tmp_path, "2024-25", {"Header.csv": HEADER, "Episodes.csv": EPISODES, "OC2.csv": "CHILD\r\n"})


def _run(folder, *options) -> str:
    out = io.StringIO()
    with time_machine.travel(NOW):
        call_command(
            "import_returns", str(folder), "--by", "admin", "--team", "North", "--chair", "ines", *options, stdout=out
        )
    return out.getvalue()


def test_a_dry_run_reports_what_would_be_created_and_writes_nothing(folder):
    out = _run(folder, "--dry-run")
    assert "Read " in out and "Header 1 rows, Episodes 1 rows" in out
    assert "Would create 1 children; matched 0 already held." in out
    assert "  periods of care: 1" in out and "  ends of care: 1" in out
    assert "OC2 0 rows" in out  # every 903 file is read
    assert "Dry run: nothing was written." in out
    assert not Child.objects.exists()


def test_the_import_prints_its_progress_and_what_it_created(folder):
    out = _run(folder)
    assert "Importing [########################################] 1/1 children" in out
    assert "Created 1 children" in out
    assert Child.objects.get().last_name == "SSDA903 C1"


def test_a_refused_import_lists_each_problem(folder):
    (folder / "Episodes.csv").write_text(EPISODES.replace("U6", "Q9"))
    with pytest.raises(CommandError) as refusal:
        _run(folder)
    assert str(refusal.value) == (
        "The import was refused and nothing was written: 1 problem(s).\n"
        "  2024-25/Episodes.csv, line 2, column PLACE: 'Q9' is not one of the DfE's codes for PLACE"
    )
    assert not Child.objects.exists()


def test_unknown_people_and_folders_are_named(folder):
    with pytest.raises(CommandError, match="--team Nowhere: no team has that name."):
        call_command("import_returns", str(folder), "--by", "admin", "--team", "Nowhere", "--chair", "ines")
    with pytest.raises(CommandError, match="no such folder"):
        call_command("import_returns", str(folder / "none"), "--by", "admin", "--team", "North", "--chair", "ines")
