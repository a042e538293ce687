"""manage.py import_returns: the dry run reports what would be created and writes nothing; the
import prints its progress and what it created; a refusal lists each problem and writes nothing."""

import datetime
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command

from hearth.frontdoor.models import Referral
from hearth.migration.cin_census_services import ERROR_WORKER
from hearth.migration.management.commands.import_returns import ERROR_WORKER_NEEDED
from hearth.migration.tests.cin_census_files import CENSUS_2025, CENSUS_2026
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
def people(django_user_model):
    django_user_model.objects.create_superuser("admin", password="admin-password-1")
    return make_staff()


@pytest.fixture
def folder(tmp_path, people):
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


# The children in need census through the command ---------------------------------------------------

CENSUS_OPTIONS = ("--by", "admin", "--team", "North", "--chair", "ines", "--worker", "nina")


@pytest.fixture
def census(tmp_path, people):
    """Two years' census in another system's style: the first year's in a folder named by its year
    beside nothing else, the second's a file given on its own (its year in its Header)."""
    (tmp_path / "2024-25").mkdir()
    (tmp_path / "2024-25" / "CIN_Census_2025.xml").write_text(CENSUS_2025)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "census.xml").write_text(CENSUS_2026)
    return tmp_path


def _run_census(*paths, options=CENSUS_OPTIONS) -> str:
    out = io.StringIO()
    with time_machine.travel(NOW):
        call_command("import_returns", *map(str, paths), *options, stdout=out)
    return out.getvalue()


def _refusal(*paths, options=CENSUS_OPTIONS) -> str:
    with pytest.raises(CommandError) as refusal:
        _run_census(*paths, options=options)
    assert not Child.objects.exists()
    return str(refusal.value)


def test_the_census_is_imported_from_a_year_folder_and_a_file(census):
    out = _run_census(census / "2024-25", census / "elsewhere" / "census.xml")
    assert "Read 2024-25/CIN_Census_2025.xml: the children in need census" in out
    assert "Read elsewhere/census.xml: the children in need census" in out
    assert "Importing [########################################] 2/2 children" in out
    assert "Created 2 children; matched 0 already held." in out
    assert "  referrals: 2" in out and "  case closures: 1" in out
    case = Referral.objects.get(child__last_name="CIN census OS-1001")
    assert (case.closed_on, case.closure_reason) == (datetime.date(2025, 7, 1), "RC8")
    assert case.allocations.get().worker.user.username == "nina"


def test_a_dry_run_of_the_census_reports_and_writes_nothing(census):
    out = _run_census(census / "2024-25", census / "elsewhere" / "census.xml", options=(*CENSUS_OPTIONS, "--dry-run"))
    assert "Would create 2 children" in out and "  referrals: 2" in out
    assert "Dry run: nothing was written." in out
    assert not Child.objects.exists()


def test_both_returns_of_a_year_from_one_folder(folder):
    (folder / "CIN_Census_2025.xml").write_text(CENSUS_2025)
    out = _run_census(folder)
    assert "Read " in out and "Header 1 rows, Episodes 1 rows" in out
    assert "Read 2024-25/CIN_Census_2025.xml: the children in need census" in out
    assert "Created 3 children" in out  # the census's two and the 903's C1
    assert Child.objects.filter(last_name="SSDA903 C1").exists()


def test_a_bad_element_refuses_the_whole_import_with_its_file_line_and_element(census):
    bad = CENSUS_2025.replace(
        "<cin:PrimaryNeedCode>N1</cin:PrimaryNeedCode>\n        <cin:Section47>",
        "<cin:PrimaryNeedCode>N99</cin:PrimaryNeedCode>\n        <cin:Section47>",
    )
    (census / "2024-25" / "CIN_Census_2025.xml").write_text(bad)
    assert _refusal(census / "2024-25") == (
        "The import was refused and nothing was written: 1 problem(s).\n"
        "  2024-25/CIN_Census_2025.xml, line 36, column PrimaryNeedCode: "
        "'N99' is not one of the DfE's codes for PrimaryNeedCode"
    )


def test_leaving_out_bad_children_imports_the_others_and_lists_each_left_out(census):
    bad = CENSUS_2025.replace("<cin:S47ActualStartDate>2024-09-03", "<cin:S47ActualStartDate>2024-13-03")
    (census / "2024-25" / "CIN_Census_2025.xml").write_text(bad)
    out = _run_census(census / "2024-25", options=(*CENSUS_OPTIONS, "--leave-out-bad-children"))
    assert "Created 1 children" in out
    assert (
        "Left out child OS-1002:\n"
        "  2024-25/CIN_Census_2025.xml, line 38, column S47ActualStartDate: "
        "'2024-13-03' is not a date: the census writes dates as YYYY-MM-DD, like 2024-04-07"
    ) in out
    assert list(Child.objects.values_list("last_name", flat=True)) == ["CIN census OS-1001"]


def test_a_file_that_is_not_a_census_is_refused_even_leaving_out_bad_children(census):
    (census / "2024-25" / "CIN_Census_2025.xml").write_text("<Returns/>")
    message = _refusal(census / "2024-25", options=(*CENSUS_OPTIONS, "--leave-out-bad-children"))
    assert message.endswith(
        "  2024-25/CIN_Census_2025.xml, line 1: The file is not a children in need census: its root element is "
        "Returns, not Message"
    )
    (census / "2024-25" / "CIN_Census_2025.xml").write_text("<Message><Children></Message>")
    assert "2024-25/CIN_Census_2025.xml, line 1: The file is not well-formed XML: mismatched tag" in _refusal(
        census / "2024-25"
    )


def test_a_census_with_no_year_and_two_files_for_one_year_are_refused(census):
    (census / "census.xml").write_text("<Message><Children/></Message>")
    assert _refusal(census / "census.xml").endswith(
        f"  {census.name}/census.xml, line 1, column Year: The census does not say its collection year: give "
        "Header > CollectionDetails > Year (2025 for the year ending 31 March 2025), or name the file or its folder "
        "by the year"
    )
    (census / "2024-25" / "copy.xml").write_text(CENSUS_2025)
    assert "Two census files are for 2025 (2024-25/CIN_Census_2025.xml and 2024-25/copy.xml): keep one" in _refusal(
        census / "2024-25"
    )


def test_the_census_needs_a_worker_in_the_team(census):
    without = ("--by", "admin", "--team", "North", "--chair", "ines")
    assert _refusal(census / "2024-25", options=without) == ERROR_WORKER_NEEDED
    assert _refusal(census / "2024-25", options=(*without, "--worker", "nobody")) == (
        "--worker nobody: no worker has that username."
    )
    assert _refusal(census / "2024-25", options=(*without, "--worker", "sol")) == ERROR_WORKER


def test_a_path_that_is_neither_a_folder_nor_a_census_file_nor_the_names_file_is_refused(folder):
    assert (
        _refusal(folder / "Header.csv")
        == f"{folder / 'Header.csv'}: give a folder named by its year, a census XML file, or the names and addresses "
        "CSV file (a name with 'names' in it)."
    )
    assert _refusal(folder / "none.xml") == f"{folder / 'none.xml'}: no such folder or file."


# A collection year not yet ended -----------------------------------------------------------------

NOT_ENDED = (
    "The collection year 2026-27 has not ended: it ends on 31 March 2027. A return for a year not ended is only "
    "a provisional check of the record to date, not a year's history to import: import the years that have "
    "ended (the latest is 2025-26), and 2026-27 once it ends"
)


def test_a_903_year_not_yet_ended_is_refused_whole_naming_when_it_ends(folder):
    # On 15 May 2026 (NOW) 2025-26 has ended and 2026-27 has not: both folders given, nothing is written.
    later = write_year(folder.parent, "2026-27", {"Header.csv": HEADER})
    with pytest.raises(CommandError) as refusal, time_machine.travel(NOW):
        call_command(
            "import_returns", str(folder), str(later), "--by", "admin", "--team", "North", "--chair", "ines",
            "--leave-out-bad-children", stdout=io.StringIO(),
        )  # fmt: skip
    assert str(refusal.value) == (
        f"The import was refused and nothing was written: 1 problem(s).\n  2026-27: {NOT_ENDED}"
    )
    assert not Child.objects.exists()


def test_a_census_of_a_year_not_yet_ended_is_refused_naming_when_it_ends(census):
    (census / "census.xml").write_text(CENSUS_2026.replace("<Year>2026</Year>", "<Year>2027</Year>"))
    assert _refusal(census / "census.xml").endswith(f"  {census.name}/census.xml, line 2, column Year: {NOT_ENDED}")


def test_a_year_ends_at_the_end_of_31_march():
    from hearth.migration.reading import year_has_ended

    assert not year_has_ended(2026, datetime.date(2026, 3, 31))  # the year's last day: not ended
    assert year_has_ended(2026, datetime.date(2026, 4, 1))
    assert not year_has_ended(2027, datetime.date(2026, 4, 1))  # the new year has just begun
