"""Files not written by Hearth: columns in another order, optional columns left out, dates as
D/M/YYYY, sex as the DfE's 1 and 2, a trailing blank line. Each fact lands through the services,
marked with its file and line, on the child's chronology; a second year's files carry an open
episode to its end without duplicating the child, the episode or the review."""

import datetime

import pytest

from hearth.audit.models import AuditEvent
from hearth.care.models import PeriodOfCare
from hearth.duties.models import CareReview
from hearth.migration.models import ImportedFact
from hearth.migration.tests.helpers import a_upn, run_import, write_year
from hearth.people.models import Child, UascRecord
from hearth.records.chronology import chronology_for
from hearth.testing.journeys import make_staff

pytestmark = pytest.mark.django_db

UPN = a_upn(1)
# Another system's export: its own column order, no ETHNIC, MOTHER, MC_DOB; SEX as 2 (female).
HEADER_2024_25 = f"""
UPN,DOB,CHILD,SEX
{UPN},3/6/2012,A-1001,2
"""
# Episodes without HOME_POST and REASON_PLACE_CHANGE's neighbours in the DfE's order; dates D/M/YYYY.
EPISODES_2024_25 = """
CHILD,LS,DECOM,RNE,CIN,PLACE,PLACE_PROVIDER,URN,PL_POST,DEC,REC,REASON_PLACE_CHANGE
A-1001,C1,5/5/2024,S,N1,U6,PR1,1234567,KV1 2AB,1/9/2024,X1,CARPL
A-1001,C1,1/9/2024,P,N1,K2,PR4,SC123456,KV3 4EF,,,

"""
REVIEWS_2024_25 = """
REVIEW_CODE,REVIEW,CHILD
PN1,3/7/2024,A-1001
"""
# The next year's: the same child and open episode, its end, the review seen again and a new one.
HEADER_2025_26 = f"""
CHILD,SEX,DOB,ETHNIC,UPN
A-1001,2,03/06/2012,WBRI,{UPN}
"""
EPISODES_2025_26 = """
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,PL_POST,URN
A-1001,01/09/2024,P,C1,N1,K2,PR4,20/01/2026,E4A,,KV3 4EF,SC123456
"""
REVIEWS_2025_26 = """
CHILD,DOB,REVIEW,REVIEW_CODE
A-1001,03/06/2012,03/07/2024,PN1
A-1001,03/06/2012,12/12/2025,PN2
"""


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("admin", password="admin-password-1")


@pytest.fixture
def first_year(tmp_path):
    return write_year(
        tmp_path,
        "2024-25",
        {"Header.csv": HEADER_2024_25, "episodes.CSV": EPISODES_2024_25, "Reviews_2024-25.csv": REVIEWS_2024_25},
    )


@pytest.fixture
def second_year(tmp_path):
    return write_year(
        tmp_path,
        "903 2025-26",
        {"Header.csv": HEADER_2025_26, "Episodes.csv": EPISODES_2025_26, "Reviews.csv": REVIEWS_2025_26},
    )


def test_another_systems_files_are_imported_through_the_services(first_year, admin):
    staff = make_staff()
    report = run_import([first_year], actor=admin, staff=staff)
    assert report.left_out == {}
    child = Child.objects.get()
    assert (child.date_of_birth, child.sex, child.upn) == (datetime.date(2012, 6, 3), "F", UPN)
    assert child.last_name == "SSDA903 A-1001"
    period = PeriodOfCare.objects.get()
    assert (period.started_on, period.ended_on, period.category_of_need) == (datetime.date(2024, 5, 5), None, "N1")
    placements = list(period.placements.order_by("started_on"))
    assert [(p.placement_type, p.postcode, p.provider.urn, p.change_reason) for p in placements] == [
        ("U6", "KV1 2AB", "1234567", "CARPL"),
        ("K2", "KV3 4EF", "SC123456", ""),
    ]
    assert CareReview.objects.get().participation == "PN1"
    # Through the services: their audit rows were written (the care start, the move, the review).
    actions = set(AuditEvent.objects.filter(child=child).values_list("action", flat=True))
    assert {"child.create", "care.start", "care.placement_change", "care.review"} <= actions


def test_each_imported_fact_says_its_file_and_line_on_the_chronology(first_year, admin):
    run_import([first_year], actor=admin, staff=make_staff())
    child = Child.objects.get()
    move = ImportedFact.objects.get(description="Placement changed to K2")
    assert (move.source, move.fact_on) == ("2024-25 Episodes line 3", datetime.date(2024, 9, 1))
    imported = {(e.day, e.title, e.detail) for e in chronology_for(child) if e.kind == "imported"}
    assert (datetime.date(2024, 9, 1), "Placement changed to K2", "Imported from 2024-25 Episodes line 3") in imported
    assert (
        datetime.date(2024, 5, 5),
        "Became looked after: C1, placement U6",
        "Imported from 2024-25 Episodes line 2",
    ) in imported
    assert (datetime.date(2024, 7, 3), "Looked-after review (PN1)", "Imported from 2024-25 Reviews line 2") in imported


def test_the_next_years_files_end_the_open_episode_without_duplicating_anything(first_year, second_year, admin):
    staff = make_staff()
    run_import([first_year], actor=admin, staff=staff)
    report = run_import([second_year], actor=admin, staff=staff)
    assert report.left_out == {}
    assert (report.children_created, report.children_matched) == (0, 1)  # matched by CHILD
    assert report.already_held == {"episodes": 1, "reviews": 1}
    period = PeriodOfCare.objects.get()
    assert (period.ended_on, period.end_reason) == (datetime.date(2026, 1, 20), "E4A")
    assert sorted(CareReview.objects.values_list("held_on", flat=True)) == [
        datetime.date(2024, 7, 3),
        datetime.date(2025, 12, 12),
    ]
    assert Child.objects.get().ethnicity_records.get().ethnicity == "WBRI"
    ended = ImportedFact.objects.get(description="Ceased to be looked after: E4A")
    assert ended.source == "2025-26 Episodes line 2"


def test_both_years_at_once_give_the_same_record(first_year, second_year, admin):
    report = run_import([second_year, first_year], actor=admin, staff=make_staff())  # any order given
    assert report.children_created == 1
    assert report.created["periods of care"] == 1
    assert report.created["reviews"] == 2
    period = PeriodOfCare.objects.get()
    assert (period.ended_on, period.end_reason) == (datetime.date(2026, 1, 20), "E4A")


def test_the_uasc_file_gives_the_status_from_the_first_period_of_care(first_year, second_year, admin):
    """The 903 says when the status ceased (DUC), not when it began nor why: it is recorded from the
    day the child became looked after, and a DUC before the 18th birthday as ceased for another
    reason. The same file read again is already held."""
    (second_year / "UASC.csv").write_text("DUC,CHILD\r\n1/2/2026,A-1001\r\n")
    staff = make_staff()
    run_import([first_year, second_year], actor=admin, staff=staff)
    record = UascRecord.objects.get()
    assert (record.uasc_from, record.ceased_on, record.cease_reason) == (
        datetime.date(2024, 5, 5),
        datetime.date(2026, 2, 1),
        "OTHER",
    )
    assert ImportedFact.objects.get(content_type__model="uascrecord").source == "2025-26 UASC line 2"
    again = run_import([second_year], actor=admin, staff=staff)
    assert again.already_held["UASC statuses"] == 1
    assert UascRecord.objects.count() == 1
