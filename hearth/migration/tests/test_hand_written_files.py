"""Files not written by Hearth: columns in another order, optional columns left out, dates as
D/M/YYYY, sex as the DfE's 1 and 2, a trailing blank line. Each fact lands through the services,
marked with its file and line, on the child's chronology; a second year's files carry an open
episode to its end without duplicating the child, the episode or the review. The 903's other files
(OC2, OC3, Missing, PlacedAdoption, PrevPerm, DoLo, SWEpisodes) in the same styles land through
their own services, and read again create nothing."""

import datetime

import pytest
from django.utils.timezone import localdate

from hearth.audit.models import AuditEvent
from hearth.care.models import DeprivationOfLiberty, PeriodOfCare
from hearth.duties.models import CareReview
from hearth.leavers.models import CareLeaverContact
from hearth.migration.models import ImportedFact
from hearth.migration.tests.helpers import a_upn, add_workers, run_import, write_year
from hearth.missing.models import MissingEpisode
from hearth.people.models import Child, UascRecord
from hearth.permanence.models import AdoptionDecision, PreviousPermanence
from hearth.records.chronology import chronology_for
from hearth.testing.journeys import make_staff
from hearth.workforce.models import Allocation

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


# The 903's other files, in other systems' styles: columns in their own order, optional columns (DOB,
# OC2's measures not asked) left out, dates as D/M/YYYY. K1 is looked after from 2023 (so in 2024-25's
# OC2), L1 left care at 18 in June 2024 (a care leaver at 19 in 2025-26's OC3), P1 came into care in
# October 2024 (PrevPerm) under a deprivation of liberty order for two months.
OTHER_HEADER_2024_25 = """
DOB,CHILD,SEX
15/1/2012,K1,1
20/6/2006,L1,2
2/3/2015,P1,1
"""
OTHER_EPISODES_2024_25 = """
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,PL_POST,URN,DEC,REC
K1,1/2/2023,S,C2,N1,U6,PR1,KV1 2AB,1234567,,
L1,1/1/2020,S,C2,N1,U6,PR1,KV1 2AB,1234567,20/6/2024,E8
P1,10/10/2024,S,C2,N2,U6,PR1,KV1 2AB,1234567,,
"""
OC2_2024_25 = """
CHILD,IMMUNISATIONS,SDQ_SCORE,TEETH_CHECK,HEALTH_ASSESSMENT,CONVICTED,SUBSTANCE_MISUSE,INTERVENTION_OFFERED,INTERVENTION_RECEIVED
K1,1,14,1,1,1,1,1,0
"""
MISSING_2024_25 = """
CHILD,MIS_START,MIS_END,MISSING
K1,3/8/2024,5/8/2024,M
K1,20/3/2025,,A
"""
PLACED_ADOPTION_2024_25 = """
CHILD,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED
K1,1/6/2024,1/12/2024,RD1
"""
PREV_PERM_2024_25 = """
CHILD,PREV_PERM,DATE_PERM,LA_PERM
P1,P2,ZZ/05/2019,800
"""
DOLO_2024_25 = """
CHILD,DOLO_START,DOLO_END
P1,1/12/2024,1/2/2025
"""
SW_EPISODES_2024_25 = """
CHILD,SW_ID,SW_DECOM,SW_DEC,SW_REASON
K1,SW900001,1/2/2023,1/9/2024,FCONTA
K1,SW900002,1/9/2024,,LEFTRL
"""
# The next year: the away episode open on 31 March ends; L1's circumstances at 19.
OTHER_HEADER_2025_26 = """
CHILD,SEX,DOB
K1,1,15/01/2012
L1,2,20/06/2006
"""
OTHER_EPISODES_2025_26 = """
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,PL_POST,URN,DEC,REC
K1,01/02/2023,S,C2,N1,U6,PR1,KV1 2AB,1234567,,
"""
MISSING_2025_26 = """
MISSING,CHILD,MIS_START,MIS_END
A,K1,20/03/2025,02/04/2025
"""
OC3_2025_26 = """
CHILD,IN_TOUCH,ACCOM,ACTIV
L1,YES,D1,F2
"""


@pytest.fixture
def other_files(tmp_path):
    first = write_year(
        tmp_path,
        "2024-25",
        {
            "Header.csv": OTHER_HEADER_2024_25,
            "Episodes.csv": OTHER_EPISODES_2024_25,
            "oc2.csv": OC2_2024_25,
            "Missing_2024-25.csv": MISSING_2024_25,
            "PlacedAdoption.csv": PLACED_ADOPTION_2024_25,
            "PrevPerm.csv": PREV_PERM_2024_25,
            "DoLo.csv": DOLO_2024_25,
            "SW_Episodes.csv": SW_EPISODES_2024_25,
        },
    )
    second = write_year(
        tmp_path,
        "2025-26",
        {
            "Header.csv": OTHER_HEADER_2025_26,
            "Episodes.csv": OTHER_EPISODES_2025_26,
            "Missing.csv": MISSING_2025_26,
            "OC3.csv": OC3_2025_26,
        },
    )
    return [first, second]


def _child(legacy: str) -> Child:
    return Child.objects.get(last_name=f"SSDA903 {legacy}")


def test_the_other_files_of_another_system_are_imported_through_their_services(other_files, admin):
    staff = make_staff()
    add_workers(staff.north, "SW900001", "SW900002")
    report = run_import(other_files, actor=admin, staff=staff)
    assert report.left_out == {}
    k1, l1, p1 = _child("K1"), _child("L1"), _child("P1")
    year_end = datetime.date(2025, 3, 31)
    # OC2: each measure as on 31 March (a health assessment on 30 March, keeping the next due in a year).
    period = k1.periods_of_care.get()
    assert [(s.completed_on, s.score) for s in period.sdqs.all()] == [(year_end, 14)]
    assert [c.convicted_on for c in period.convictions.all()] == [year_end]
    assert [(s.kind, s.as_at, s.up_to_date) for s in period.health_statuses.all()] == [("IMM", year_end, True)]
    assert sorted((c.kind, c.done_on) for c in period.health_checks.all()) == [
        ("DENTAL", year_end),
        ("IHA", datetime.date(2025, 3, 30)),
    ]
    assert [(m.identified_on, m.intervention) for m in period.substance_misuse.all()] == [(year_end, "REFUSED")]
    # Missing: the away episode open on 31 March 2025 ends in the next year's file.
    episodes = MissingEpisode.objects.filter(child=k1).order_by("started_at")
    assert [(e.kind, localdate(e.started_at), e.returned_at and localdate(e.returned_at)) for e in episodes] == [
        ("M", datetime.date(2024, 8, 3), datetime.date(2024, 8, 5)),
        ("A", datetime.date(2025, 3, 20), datetime.date(2025, 4, 2)),
    ]
    away = ImportedFact.objects.get(
        description="Away from placement without authorisation from 20/03/2025; back 02/04/2025"
    )
    assert away.source == "2024-25 Missing line 3"
    # PlacedAdoption: the decision and its reversal.
    decision = AdoptionDecision.objects.get(child=k1)
    assert (decision.decided_on, decision.reversed_on, decision.reversal_reason) == (
        datetime.date(2024, 6, 1),
        datetime.date(2024, 12, 1),
        "RD1",
    )
    # PrevPerm on the period that began in the year, the day of the order not known.
    previous = PreviousPermanence.objects.get(child=p1)
    assert (previous.option, previous.la_code, previous.order_year, previous.order_month, previous.order_day) == (
        "P2",
        "800",
        2019,
        5,
        None,
    )
    order = DeprivationOfLiberty.objects.get(period__child=p1)
    assert (order.started_on, order.ended_on) == (datetime.date(2024, 12, 1), datetime.date(2025, 2, 1))
    # SWEpisodes: the workers found by their registration numbers; the second took the case when the first left.
    allocations = Allocation.objects.filter(referral__child=k1).order_by("started_on")
    assert [(a.worker.registration_number, a.started_on, a.ended_on, a.change_reason) for a in allocations] == [
        ("SW900001", datetime.date(2023, 2, 1), datetime.date(2024, 9, 1), ""),
        ("SW900002", datetime.date(2024, 9, 1), None, "LEFTRL"),
    ]
    # OC3: L1's circumstances as a contact on their 19th birthday.
    contact = CareLeaverContact.objects.get(child=l1)
    assert (contact.contacted_on, contact.in_touch, contact.activity, contact.accommodation) == (
        datetime.date(2025, 6, 20),
        "YES",
        "F2",
        "D",
    )
    assert contact.accommodation_suitable is True
    # Through the services: their audit rows were written.
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "duties.sdq",
        "missing.start",
        "permanence.adoption_decision_reverse",
        "permanence.previous_permanence",
        "care.deprivation_of_liberty_end",
        "case.allocate",
        "care.leaver_contact",
    } <= actions


def test_the_other_files_read_again_create_nothing(other_files, admin):
    staff = make_staff()
    add_workers(staff.north, "SW900001", "SW900002")
    run_import(other_files, actor=admin, staff=staff)
    facts = ImportedFact.objects.count()
    again = run_import(other_files, actor=admin, staff=staff)
    assert again.created == {}
    assert ImportedFact.objects.count() == facts
    assert again.already_held["missing episodes"] == 2
    assert again.already_held["social worker allocations"] == 2


def test_the_next_years_missing_file_records_the_return(other_files, admin):
    """An away episode open on 31 March, imported with its year; the next year's file, imported later,
    records the child's return through the service, marked with its own line."""
    staff = make_staff()
    add_workers(staff.north, "SW900001", "SW900002")
    run_import(other_files[:1], actor=admin, staff=staff)
    assert MissingEpisode.objects.get(kind="A").returned_at is None
    report = run_import(other_files[1:], actor=admin, staff=staff)
    assert report.created["missing returns"] == 1
    assert localdate(MissingEpisode.objects.get(kind="A").returned_at) == datetime.date(2025, 4, 2)
    assert ImportedFact.objects.get(description="Back from missing on 02/04/2025").source == "2025-26 Missing line 2"
