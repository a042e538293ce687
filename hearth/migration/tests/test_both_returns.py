"""Both returns of a looked-after child imported together (the command, as the Import page): the
903's social worker episodes are history on the census's CIN episode. A worker who held the case
before the census closed it was allocated while it was open, so each allocation is written among
that episode's events, before its closure; the 903 naming the case's first worker (FCONTA) stands
in for the worker the census's cases with assessments are otherwise given."""

import datetime
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command

from hearth.care.models import PeriodOfCare
from hearth.frontdoor.models import Referral
from hearth.migration.tests.helpers import NOW, add_workers, write_year
from hearth.testing.journeys import make_staff

pytestmark = pytest.mark.django_db

CHILD = """
  <Child>
    <ChildIdentifiers><LAchildID>OS-2001</LAchildID><UPNunknown>UN2</UPNunknown>
      <PersonBirthDate>2012-03-04</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
    <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
    <CINdetails>
      <CINreferralDate>2024-05-01</CINreferralDate><ReferralSource>1A</ReferralSource>
      <PrimaryNeedCode>N1</PrimaryNeedCode>{closure}
      <Assessments>
        <AssessmentActualStartDate>2024-05-02</AssessmentActualStartDate>
        <AssessmentAuthorisationDate>2024-05-20</AssessmentAuthorisationDate>
        <FactorsIdentifiedAtAssessment><AssessmentFactors>2B</AssessmentFactors></FactorsIdentifiedAtAssessment>
      </Assessments>
    </CINdetails>
  </Child>"""


def census(year: int, closure: str = "") -> str:
    return (
        f"<Message><Header><CollectionDetails><Year>{year}</Year></CollectionDetails></Header>"
        f"<Children>{CHILD.format(closure=closure)}</Children></Message>"
    )


HEADER = "CHILD,SEX,DOB,ETHNIC,UPN\nOS-2001,1,04/03/2012,WBRI,UN2"
EPISODE = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,PL_POST,URN,DEC,REC\n"
    "OS-2001,01/06/2024,S,C2,N1,U6,PR1,KV1 2AB,1234567,{end}"
)
SW_HEADER = "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n"
# The first worker took the case the day it was referred; the second when the first left.
FIRST_WORKER = "OS-2001,04/03/2012,SW100001,01/05/2024,01/09/2024,FCONTA\n"
SECOND_WORKER = "OS-2001,04/03/2012,SW100002,01/09/2024,{end},LEFTRL\n"


@pytest.fixture
def folders(tmp_path, django_user_model):
    """2024-25: referred, assessed and looked after, two workers in turn; 2025-26: care ended on
    1 June 2025 and the case closed on 30 June 2025, with the second worker still holding it."""
    django_user_model.objects.create_superuser("admin", password="admin-password-1")
    staff = make_staff()
    add_workers(staff.north, "SW100001", "SW100002")
    first = write_year(
        tmp_path,
        "2024-25",
        {
            "Header.csv": HEADER,
            "Episodes.csv": EPISODE.format(end=","),
            "SWEpisodes.csv": SW_HEADER + FIRST_WORKER + SECOND_WORKER.format(end=""),
        },
    )
    (first / "CIN_Census_2025.xml").write_text(census(2025))
    second = write_year(
        tmp_path,
        "2025-26",
        {
            "Header.csv": HEADER,
            "Episodes.csv": EPISODE.format(end="01/06/2025,E4A"),
            "SWEpisodes.csv": SW_HEADER + SECOND_WORKER.format(end="30/06/2025"),
        },
    )
    closure = "\n      <CINclosureDate>2025-06-30</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure>"
    (second / "CIN_Census_2026.xml").write_text(census(2026, closure))
    return first, second


def _import(*folders) -> str:
    out = io.StringIO()
    with time_machine.travel(NOW):
        call_command(
            "import_returns",
            *map(str, folders),
            *("--by", "admin", "--team", "North", "--chair", "ines", "--worker", "nina"),
            stdout=out,
        )
    return out.getvalue()


def test_the_workers_who_held_the_case_before_the_census_closed_it_are_its_history(folders):
    out = _import(*folders)
    assert "Created 1 children" in out
    case = Referral.objects.get()
    assert (case.closed_on, case.closure_reason) == (datetime.date(2025, 6, 30), "RC8")
    assert PeriodOfCare.objects.get().referral == case  # care on the census's CIN episode
    held = [
        (a.worker.registration_number, a.started_on, a.ended_on, a.change_reason)
        for a in case.allocations.order_by("started_on")
    ]
    assert held == [  # the 903's workers, and not the chosen worker (nina): the 903 says who held it
        ("SW100001", datetime.date(2024, 5, 1), datetime.date(2024, 9, 1), ""),
        ("SW100002", datetime.date(2024, 9, 1), datetime.date(2025, 6, 30), "LEFTRL"),
    ]


def test_importing_both_returns_again_finds_every_allocation_held(folders):
    _import(*folders)
    out = _import(*folders)
    assert "Created 0 children" in out
    assert "already held, skipped: social worker allocations: 2" in out  # one fact each, in either year
    assert Referral.objects.get().allocations.count() == 2


def test_a_worker_on_no_census_episode_is_refused_with_its_row(folders):
    first, _second = folders
    early = FIRST_WORKER.replace("01/05/2024,01/09/2024", "01/04/2024,01/09/2024")
    (first / "SWEpisodes.csv").write_text(SW_HEADER + early + SECOND_WORKER.format(end=""), encoding="utf-8")
    with pytest.raises(CommandError) as refusal:
        _import(*folders)
    assert "2024-25/SWEpisodes.csv, line 2, column SW_DECOM: No case of this child was open on 01/04/2024" in str(
        refusal.value
    )
    assert not Referral.objects.exists()
