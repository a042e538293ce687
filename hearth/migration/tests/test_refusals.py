"""Every refusal, with its message: a file with a problem is refused whole, nothing is written, and
each problem names the file, line, column and reason. With the option to leave out bad children,
the good ones are imported and each child left out is reported with why."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hearth.duties.services import ERROR_PN0_ONLY_UNDER_4
from hearth.migration import plan as checks
from hearth.migration import reading
from hearth.migration import services as writer
from hearth.migration.models import ImportedFact
from hearth.migration.services import ImportRefused
from hearth.migration.tests.helpers import a_upn, run_import, write_year
from hearth.people.models import Child
from hearth.people.services import child_create
from hearth.testing.journeys import make_staff

pytestmark = pytest.mark.django_db

HEADER = """
CHILD,SEX,DOB,ETHNIC,UPN
C1,1,01/02/2014,WBRI,UN2
C2,2,05/06/2013,WIRI,UN2
"""
GOOD_EPISODES = """
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,PL_POST,URN,DEC,REC
C1,05/05/2024,S,C2,N1,U6,PR1,KV1 2AB,1234567,,
C2,06/05/2024,S,V2,N4,K2,PR4,KV3 4EF,SC123456,,
"""


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("admin", password="admin-password-1")


@pytest.fixture
def staff():
    return make_staff()


def _refused(folders, admin, staff, **options) -> list[str]:
    with pytest.raises(ImportRefused) as refusal:
        run_import(folders, actor=admin, staff=staff, **options)
    assert not Child.objects.exists() and not ImportedFact.objects.exists()  # nothing half-written
    return [str(problem) for problem in refusal.value.problems]


def test_a_folder_not_named_by_its_year_is_refused(tmp_path, admin, staff):
    folder = write_year(tmp_path, "last year", {"Header.csv": HEADER})
    assert _refused([folder], admin, staff) == [f"last year: {reading.ERROR_FOLDER_YEAR}"]


def test_a_folder_without_the_files_is_refused(tmp_path, admin, staff):
    folder = write_year(tmp_path, "2024-25", {"notes.csv": "A,B\r\n1,2"})
    assert _refused([folder], admin, staff) == [f"2024-25: {reading.ERROR_NO_FILES}"]


def test_a_file_missing_a_required_column_is_refused(tmp_path, admin, staff):
    folder = write_year(tmp_path, "2024-25", {"Header.csv": "CHILD,SEX\r\nC1,1"})
    assert _refused([folder], admin, staff) == [
        "2024-25/Header.csv, line 1, column DOB: The column DOB is missing from the file's first line (its column "
        "names)"
    ]


def test_a_line_with_too_many_values_is_refused(tmp_path, admin, staff):
    folder = write_year(tmp_path, "2024-25", {"Header.csv": "CHILD,SEX,DOB\r\nC1,1,01/02/2014,extra"})
    assert _refused([folder], admin, staff) == [
        "2024-25/Header.csv, line 2: " + reading.ERROR_ROW_LENGTH.format(found=4, expected=3)
    ]


def test_bad_values_are_each_refused_with_file_line_column_and_reason(tmp_path, admin, staff):
    episodes = GOOD_EPISODES.replace("C2,06/05/2024,S,V2", "C2,2024/05/06,S,Q9")
    folder = write_year(tmp_path, "2024-25", {"Header.csv": HEADER.replace("WIRI", "XXXX"), "Episodes.csv": episodes})
    assert _refused([folder], admin, staff) == [
        "2024-25/Header.csv, line 3, column ETHNIC: 'XXXX' is not one of the DfE's codes for ETHNIC",
        "2024-25/Episodes.csv, line 3, column DECOM: '2024/05/06' is not a date: write it as DD/MM/YYYY, like "
        "07/04/2024",
        "2024-25/Episodes.csv, line 3, column LS: 'Q9' is not one of the DfE's codes for LS",
    ]


def test_a_short_break_without_a_placement_postcode_is_refused(tmp_path, admin, staff):
    episodes = GOOD_EPISODES.replace("C2,06/05/2024,S,V2,N4,K2,PR4,KV3 4EF", "C2,06/05/2024,S,V3,N4,K2,PR4,")
    folder = write_year(tmp_path, "2024-25", {"Header.csv": HEADER, "Episodes.csv": episodes})
    assert _refused([folder], admin, staff) == [
        f"2024-25/Episodes.csv, line 3, column PL_POST: {checks.ERROR_SHORT_BREAK_NO_POSTCODE}"
    ]


def test_a_child_in_no_header_is_refused(tmp_path, admin, staff):
    folder = write_year(
        tmp_path, "2024-25", {"Header.csv": HEADER.replace("C2,", "C9,"), "Episodes.csv": GOOD_EPISODES}
    )
    assert _refused([folder], admin, staff) == [
        "2024-25/Episodes.csv, line 3, column CHILD: " + checks.ERROR_NOT_IN_HEADER.format(child="C2")
    ]


def test_years_that_disagree_about_a_child_are_refused_not_guessed(tmp_path, admin, staff):
    first = write_year(tmp_path, "2023-24", {"Header.csv": HEADER})
    second = write_year(tmp_path, "2024-25", {"Header.csv": HEADER.replace("01/02/2014", "01/03/2014")})
    assert _refused([first, second], admin, staff) == [
        "2024-25/Header.csv, line 2, column DOB: DOB is '01/03/2014' here but '01/02/2014' in 2023-24 Header line 2: "
        "the files disagree about this child"
    ]


def test_an_episode_told_two_ways_is_refused(tmp_path, admin, staff):
    first = write_year(tmp_path, "2023-24", {"Header.csv": HEADER, "Episodes.csv": GOOD_EPISODES})
    second = write_year(
        tmp_path, "2024-25", {"Header.csv": HEADER, "Episodes.csv": GOOD_EPISODES.replace("S,C2,N1,U6", "S,C2,N1,U5")}
    )
    assert _refused([first, second], admin, staff) == [
        "2024-25/Episodes.csv, line 2, column PLACE: PLACE is 'U5' here but 'U6' in 2023-24 Episodes line 2 for the "
        "episode starting 05/05/2024: the files disagree"
    ]


def test_an_episode_ending_x1_with_no_next_episode_is_refused(tmp_path, admin, staff):
    episodes = GOOD_EPISODES.replace("KV1 2AB,1234567,,", "KV1 2AB,1234567,01/09/2024,X1")
    folder = write_year(tmp_path, "2024-25", {"Header.csv": HEADER, "Episodes.csv": episodes})
    assert _refused([folder], admin, staff) == [
        "2024-25/Episodes.csv, line 2, column REC: " + checks.ERROR_NEXT_EPISODE_MISSING.format(dec="01/09/2024")
    ]


def test_a_refusal_by_hearths_own_rules_while_writing_refuses_the_whole_import(tmp_path, admin, staff):
    """The services' rules apply: a child of ten cannot have a review coded PN0 (under 4). The other
    child, good on their own, is not written either."""
    reviews = "CHILD,REVIEW,REVIEW_CODE\r\nC1,01/06/2024,PN0"
    folder = write_year(
        tmp_path, "2024-25", {"Header.csv": HEADER, "Episodes.csv": GOOD_EPISODES, "Reviews.csv": reviews}
    )
    assert _refused([folder], admin, staff) == [
        f"2024-25/Reviews.csv, line 2, column REVIEW_CODE: {ERROR_PN0_ONLY_UNDER_4}"
    ]


def test_a_review_outside_any_period_of_care_is_refused(tmp_path, admin, staff):
    reviews = "CHILD,REVIEW,REVIEW_CODE\r\nC1,01/04/2024,PN1"
    folder = write_year(
        tmp_path, "2024-25", {"Header.csv": HEADER, "Episodes.csv": GOOD_EPISODES, "Reviews.csv": reviews}
    )
    assert _refused([folder], admin, staff) == [
        "2024-25/Reviews.csv, line 2, column REVIEW: " + writer.ERROR_NO_PERIOD_FOR_REVIEW.format(date="01/04/2024")
    ]


def test_a_child_the_record_holds_differently_is_refused(tmp_path, admin, staff):
    upn = a_upn(7)
    child_create(actor=admin, first_name="Rae", last_name="Held", date_of_birth=datetime.date(2014, 2, 2), upn=upn)
    folder = write_year(tmp_path, "2024-25", {"Header.csv": HEADER.replace("WBRI,UN2", f"WBRI,{upn}")})
    with pytest.raises(ImportRefused) as refusal:
        run_import([folder], actor=admin, staff=staff)
    assert [str(problem) for problem in refusal.value.problems] == [
        "2024-25/Header.csv, line 2, column DOB: The record already holds this child as "
        f"{Child.objects.get().hearth_id} (matched by UPN) with DOB 02/02/2014, not 01/02/2014"
    ]
    assert Child.objects.count() == 1 and not ImportedFact.objects.exists()


def test_bad_children_are_left_out_when_the_administrator_chooses(tmp_path, admin, staff):
    reviews = "CHILD,REVIEW,REVIEW_CODE\r\nC1,01/06/2024,PN0"
    episodes = GOOD_EPISODES + "C3,07/05/2024,S,C2,N1,Q9,PR1,KV1 2AB,1234567,,\r\n"
    folder = write_year(
        tmp_path,
        "2024-25",
        {"Header.csv": HEADER + "C3,1,01/01/2015,WBRI,UN2\r\n", "Episodes.csv": episodes, "Reviews.csv": reviews},
    )
    report = run_import([folder], actor=admin, staff=staff, leave_out_bad_children=True)
    assert {legacy: [str(p) for p in found] for legacy, found in report.left_out.items()} == {
        "C3": ["2024-25/Episodes.csv, line 4, column PLACE: 'Q9' is not one of the DfE's codes for PLACE"],
        "C1": [f"2024-25/Reviews.csv, line 2, column REVIEW_CODE: {ERROR_PN0_ONLY_UNDER_4}"],
    }
    assert list(Child.objects.values_list("last_name", flat=True)) == ["SSDA903 C2"]  # C1's writes were undone
    assert report.children_created == 1


def test_a_problem_with_a_file_itself_refuses_even_when_leaving_out_bad_children(tmp_path, admin, staff):
    folder = write_year(tmp_path, "2024-25", {"Header.csv": HEADER, "Episodes.csv": "CHILD,DECOM\r\nC1,05/05/2024"})
    problems = _refused([folder], admin, staff, leave_out_bad_children=True)
    assert problems[0] == (
        "2024-25/Episodes.csv, line 1, column RNE: The column RNE is missing from the file's first line (its column "
        "names)"
    )


def test_only_a_system_administrator_may_import(tmp_path, admin, staff):
    folder = write_year(tmp_path, "2024-25", {"Header.csv": HEADER})
    with pytest.raises(ValidationError) as refusal:
        run_import([folder], actor=staff.service_manager, staff=staff)
    assert refusal.value.messages == [writer.ERROR_NOT_ADMINISTRATOR]


def test_the_chair_must_be_an_iro(tmp_path, admin, staff):
    from hearth.migration.plan import plan_import
    from hearth.migration.services import returns_import

    plan = plan_import([reading.read_year_folder(write_year(tmp_path, "2024-25", {"Header.csv": HEADER}))])
    with pytest.raises(ValidationError) as refusal:
        returns_import(actor=admin, plan=plan, team_id=staff.mash_team.pk, chair_id=staff.service_manager.pk)
    assert refusal.value.message_dict == {"team": [writer.ERROR_TEAM], "chair": [writer.ERROR_CHAIR]}
