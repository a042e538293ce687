"""Every refusal of the 903's other files (OC2, OC3, AD1, PlacedAdoption, PrevPerm, Missing,
SWEpisodes, DoLo), with its message: a bad row refuses the import whole, nothing is written, and
each problem names the file, line, column and reason; the same fact told two ways in two years'
files is reported, not guessed; a fact Hearth's services refuse while writing refuses the import."""

import pytest

from hearth.migration import ssda903_facts as facts
from hearth.migration import ssda903_writes as writes
from hearth.migration.models import ImportedFact
from hearth.migration.services import ImportRefused
from hearth.migration.tests.helpers import add_workers, run_import, write_year
from hearth.people.models import Child
from hearth.permanence.services import ERROR_ORDER_NOT_BEFORE_CARE
from hearth.testing.journeys import make_staff

pytestmark = pytest.mark.django_db

# C1 is looked after from 5 May 2024, aged 10; C2 from 6 May 2024, aged 11.
HEADER = """
CHILD,SEX,DOB,ETHNIC,UPN
C1,1,01/02/2014,WBRI,UN2
C2,2,05/06/2013,WIRI,UN2
"""
EPISODES = """
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,PL_POST,URN,DEC,REC
C1,05/05/2024,S,C2,N1,U6,PR1,KV1 2AB,1234567,,
C2,06/05/2024,S,V2,N4,K2,PR4,KV3 4EF,SC123456,,
"""


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("admin", password="admin-password-1")


def _refused(tmp_path, admin, years: dict[str, dict[str, str]]) -> list[str]:
    folders = [
        write_year(tmp_path, label, {"Header.csv": HEADER, "Episodes.csv": EPISODES, **files})
        for label, files in years.items()
    ]
    with pytest.raises(ImportRefused) as refusal:
        run_import(folders, actor=admin, staff=make_staff())
    assert not Child.objects.exists() and not ImportedFact.objects.exists()  # nothing half-written
    return [str(problem) for problem in refusal.value.problems]


def _code(value: str, column: str) -> str:
    return f"{value!r} is not one of the DfE's codes for {column}"


# Each file's bad values, checked before anything is written: (file, its text, the problems).
BAD_ROWS = {
    "Missing": (
        "CHILD,MISSING,MIS_START,MIS_END\nC1,X,01/08/2024,\nC1,M,1 August,\nC1,A,10/08/2024,09/08/2024",
        [
            f"Missing.csv, line 2, column MISSING: {_code('X', 'MISSING')}",
            "Missing.csv, line 3, column MIS_START: '1 August' is not a date: write it as DD/MM/YYYY, like 07/04/2024",
            "Missing.csv, line 4, column MIS_END: "
            + facts.ERROR_END_BEFORE_START.format(
                end="MIS_END", value="09/08/2024", start="MIS_START", start_value="10/08/2024"
            ),
        ],
    ),
    "DoLo": (
        "CHILD,DOLO_START,DOLO_END\nC1,01/08/2024,01/08/2024",
        [
            "DoLo.csv, line 2, column DOLO_END: "
            + facts.ERROR_END_NOT_AFTER_START.format(
                end="DOLO_END", value="01/08/2024", start="DOLO_START", start_value="01/08/2024"
            )
        ],
    ),
    "PlacedAdoption": (
        "CHILD,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\nC1,01/08/2024,01/10/2024,\nC2,01/08/2024,,RD9",
        [
            "PlacedAdoption.csv, line 2, column REASON_PLACED_CEASED: "
            + facts.ERROR_TOGETHER.format(column="DATE_PLACED_CEASED", other="REASON_PLACED_CEASED"),
            f"PlacedAdoption.csv, line 3, column REASON_PLACED_CEASED: {_code('RD9', 'REASON_PLACED_CEASED')}",
            "PlacedAdoption.csv, line 3, column DATE_PLACED_CEASED: "
            + facts.ERROR_TOGETHER.format(column="DATE_PLACED_CEASED", other="REASON_PLACED_CEASED"),
        ],
    ),
    "AD1": (
        "CHILD,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n"
        "C1,01/08/2024,01/09/2024,2,1,F1,\n"
        "C2,,01/09/2024,0,2,MF,L11",
        [
            f"AD1.csv, line 2, column FOSTER_CARE: {facts.ERROR_FLAG.format(value='2')}",
            f"AD1.csv, line 2, column LS_ADOPTR: {facts.ERROR_MATCH_PART}",
            f"AD1.csv, line 3, column DATE_INT: {facts.ERROR_MATCH_WITHOUT_DECISION}",
        ],
    ),
    "PrevPerm": (
        "CHILD,PREV_PERM,LA_PERM,DATE_PERM\nC1,P9,,\nC2,Z1,800,\nC1,P1,800,2019-05",
        [
            f"PrevPerm.csv, line 2, column PREV_PERM: {_code('P9', 'PREV_PERM')}",
            f"PrevPerm.csv, line 3, column LA_PERM: {facts.ERROR_DATE_PERM_WITH_Z1}",
            f"PrevPerm.csv, line 4, column DATE_PERM: {facts.ERROR_DATE_PERM.format(value='2019-05')}",
        ],
    ),
    "OC2": (
        "CHILD,SDQ_SCORE,SDQ_REASON,CONVICTED,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n"
        "C1,41,,Y,0,1,\n"
        "C2,12,SDQ2,0,1,1,1",
        [
            f"OC2.csv, line 2, column CONVICTED: {facts.ERROR_FLAG.format(value='Y')}",
            f"OC2.csv, line 2, column SDQ_SCORE: {facts.ERROR_SDQ_SCORE.format(value='41')}",
            "OC2.csv, line 2, column INTERVENTION_RECEIVED: "
            + facts.ERROR_INTERVENTION_WITHOUT_MISUSE.format(column="INTERVENTION_RECEIVED"),
            f"OC2.csv, line 3, column SDQ_REASON: {facts.ERROR_SDQ_BOTH}",
            f"OC2.csv, line 3, column INTERVENTION_OFFERED: {facts.ERROR_RECEIVED_AND_OFFERED}",
        ],
    ),
    "OC3": (
        "CHILD,IN_TOUCH,ACTIV,ACCOM\nC1,MAYBE,0,0\nC2,YES,F2,D3\nC1,NO,F2,0",
        [
            f"OC3.csv, line 2, column IN_TOUCH: {_code('MAYBE', 'IN_TOUCH')}",
            f"OC3.csv, line 3, column ACCOM: {facts.ERROR_ACCOM.format(value='D3')}",
            "OC3.csv, line 4, column ACTIV: " + facts.ERROR_NOT_IN_TOUCH_ANSWERED.format(column="ACTIV", value="F2"),
        ],
    ),
    "SWEpisodes": (
        "CHILD,SW_ID,SW_DECOM,SW_DEC,SW_REASON\nC1,123456,05/05/2024,,FCONTA\nC2,SW900001,06/05/2024,,LEFT",
        [
            f"SWEpisodes.csv, line 2, column SW_ID: {facts.ERROR_WORKER_ID.format(value='123456')}",
            f"SWEpisodes.csv, line 3, column SW_REASON: {_code('LEFT', 'SW_REASON')}",
        ],
    ),
}


@pytest.mark.parametrize("name", list(BAD_ROWS))
def test_each_files_bad_rows_are_refused_with_file_line_column_and_reason(name, tmp_path, admin):
    text, expected = BAD_ROWS[name]
    problems = _refused(tmp_path, admin, {"2024-25": {f"{name}.csv": text}})
    assert problems == [f"2024-25/{problem}" for problem in expected]


# The same fact told two ways in two years' files: (file, the two years' texts, the problem).
CONFLICTS = {
    "Missing": (
        "CHILD,MISSING,MIS_START,MIS_END\nC1,M,20/03/2025,",
        "CHILD,MISSING,MIS_START,MIS_END\nC1,A,20/03/2025,02/04/2025",
        "2025-26/Missing.csv, line 2, column MISSING: MISSING is 'A' here but 'M' in 2024-25 Missing line 2: "
        "the files disagree about this child",
    ),
    "PlacedAdoption": (
        "CHILD,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\nC1,01/08/2024,01/03/2025,RD1",
        "CHILD,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\nC1,01/08/2024,01/04/2025,RD1",
        "2025-26/PlacedAdoption.csv, line 2, column DATE_PLACED_CEASED: DATE_PLACED_CEASED is '01/04/2025' here but "
        "'01/03/2025' in 2024-25 PlacedAdoption line 2: the files disagree about this child",
    ),
    "SWEpisodes": (
        "CHILD,SW_ID,SW_DECOM,SW_DEC,SW_REASON\nC1,SW900002,01/09/2024,,LEFTRL",
        "CHILD,SW_ID,SW_DECOM,SW_DEC,SW_REASON\nC1,SW900002,01/09/2024,,MANAGE",
        "2025-26/SWEpisodes.csv, line 2, column SW_REASON: SW_REASON is 'MANAGE' here but 'LEFTRL' in 2024-25 "
        "SWEpisodes line 2: the files disagree about this child",
    ),
}


@pytest.mark.parametrize("name", list(CONFLICTS))
def test_a_fact_told_two_ways_across_years_is_refused_not_guessed(name, tmp_path, admin):
    first, second, expected = CONFLICTS[name]
    problems = _refused(tmp_path, admin, {"2024-25": {f"{name}.csv": first}, "2025-26": {f"{name}.csv": second}})
    assert problems == [expected]


# Facts whose rows are good but that Hearth's record or services refuse while writing.
WRITING = {
    "Missing": (
        "CHILD,MISSING,MIS_START,MIS_END\nC1,M,01/04/2024,02/04/2024",
        "Missing.csv, line 2, column MIS_START: " + writes.ERROR_NOT_LOOKED_AFTER.format(date="01/04/2024"),
    ),
    "PrevPerm": (
        "CHILD,PREV_PERM,LA_PERM,DATE_PERM\nC1,P1,800,01/01/2025",
        "PrevPerm.csv, line 2, column DATE_PERM: " + ERROR_ORDER_NOT_BEFORE_CARE.format(date="5 May 2024"),
    ),
    "OC3": (
        "CHILD,IN_TOUCH,ACTIV,ACCOM\nC1,YES,F2,D1",
        "OC3.csv, line 2, column CHILD: " + writes.ERROR_NOT_A_CARE_LEAVER_BIRTHDAY.format(year="2024-25"),
    ),
    "SWEpisodes": (
        "CHILD,SW_ID,SW_DECOM,SW_DEC,SW_REASON\nC1,SW900009,05/05/2024,,FCONTA",
        "SWEpisodes.csv, line 2, column SW_ID: " + writes.ERROR_NO_SUCH_WORKER.format(number="SW900009"),
    ),
    "DoLo": (
        "CHILD,DOLO_START,DOLO_END\nC1,01/01/2024,",
        "DoLo.csv, line 2, column DOLO_START: " + writes.ERROR_NOT_LOOKED_AFTER.format(date="01/01/2024"),
    ),
}


@pytest.mark.parametrize("name", list(WRITING))
def test_a_fact_the_services_refuse_refuses_the_import(name, tmp_path, admin):
    text, expected = WRITING[name]
    assert _refused(tmp_path, admin, {"2024-25": {f"{name}.csv": text}}) == [f"2024-25/{expected}"]


def test_an_allocation_ending_with_no_next_worker_is_refused(tmp_path, admin):
    """Hearth ends an allocation when the next worker takes the case: an SW_DEC with no worker
    taking the case that day cannot be recorded, and is said so."""
    text = "CHILD,SW_ID,SW_DECOM,SW_DEC,SW_REASON\nC1,SW900001,05/05/2024,01/09/2024,FCONTA"
    folder = write_year(tmp_path, "2024-25", {"Header.csv": HEADER, "Episodes.csv": EPISODES, "SWEpisodes.csv": text})
    staff = make_staff()
    add_workers(staff.north, "SW900001")
    with pytest.raises(ImportRefused) as refusal:
        run_import([folder], actor=admin, staff=staff)
    assert [str(p) for p in refusal.value.problems] == [
        "2024-25/SWEpisodes.csv, line 2, column SW_DEC: "
        + writes.ERROR_ALLOCATION_END.format(dec="01/09/2024", held="is still open")
    ]
