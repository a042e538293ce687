"""L01-L07, L09-L11, L16 on Tue 30 Sep 2025, worked by hand (docs/looked-after-measures.md); L08 is
worked in test_placement_distance.py.

Ada, 10, looked after from Mon 2 Jun 2025, placed inside the area. First review due 30 Jun (20 WD:
3-6 Jun 4; 9-13 9; 16-20 14; 23-27 19; 30 Jun 20), held 27 Jun; second due 27 Sep, held 26 Sep; care
plan agreed 26 Sep. Seen 5 Jun and 15 Sep (T13 and T13L: 27 Oct). IHA 20 Jun (RHA due 20 Jun 2026).
No dental check yet (due 2 Jun 2026).
Ben, 13, looked after from Wed 1 Feb 2023 in one long-term (U4, to 18) placement outside the area.
Reviews 1 Mar 2023 and, long overdue, 1 May 2025 (this year, late). Care plan agreed 1 Mar 2023.
Seen 1 Aug 2025: T14 three months, 1 Nov (in time); T13L six weeks, 12 Sep (overdue). IHA 1 Mar 2023,
RHA 1 Sep 2024 (due 1 Sep 2025: overdue). Dental 10 Sep 2024 (due 10 Sep 2025: overdue).
Cal, 2, looked after from Tue 1 Oct 2024. Placements: 1 Oct 2024; moved 3 Mar 2025; temporary T3 from
1 Jul; new carers 15 Jul; status-only change (PLACE) 1 Sep 2025: 3 placements in the 12 months (the
T3 left out, the status change not a move). Reviews 25 Oct 2024 (due 29 Oct), 20 Jan 2025 (due 25
Jan), 18 Jul 2025 (due 20 Jul), all PN0; care plan 18 Jul 2025. Seen 20 Aug 2025, in the home Cal
came to on 15 Jul (the 1 Sep status change is not a move, so T12 does not restart): T13 six weeks,
1 Oct (in time); T13L from 20 Aug: 1 Oct (in time). IHA 25 Oct 2024, RHA 20
Apr 2025 at 2 (6 months: 20 Oct 2025). Dental refused 1 Sep 2025 (not a check): due 1 Oct 2025.
Dee: short breaks only (V3) from 1 Aug 2025: in no measure.
Eve, 15, looked after from Mon 1 Sep 2025 in a children's home outside the area: 20 WD ran out on 29
Sep (2-5 Sep 4; 8-12 9; 15-19 14; 22-26 19; 29 Sep 20): no review, no IHA, not seen (T12 due 8 Sep;
T13L 13 Oct), no care plan; dental due 1 Sep 2026.
Fin, looked after 1 Apr to 31 Jul 2025: IHA due Thu 1 May (Good Friday 18 and Easter Monday 21 Apr
are holidays: 2-4 Apr 3; 7-11 8; 14-17 12; 22-25 16; 28-30 19; 1 May 20), done 2 May: late.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.care import services
from hearth.care.indicators import INDICATORS as CARE_INDICATORS
from hearth.care.indicators import looked_after_on, looked_after_sql, placements_in_year
from hearth.care.models import CarePlan, PeriodOfCare, Placement
from hearth.care.placement_runs import home_since
from hearth.care.selectors import episodes
from hearth.core.shared_reads import shared_reads
from hearth.duties.indicators import INDICATORS as DUTY_INDICATORS
from hearth.duties.models import CareReview, HealthCheck, PersonalEducationPlan
from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.performance.selectors import indicator_result
from hearth.testing.care_duty_journeys import care_plan, check, move, review, seen
from hearth.testing.journeys import foster_placement, looked_after_child, make_staff, new_child

D = datetime.date
INDICATORS = CARE_INDICATORS + DUTY_INDICATORS  # the L indicators: care's and the duties'
AS_OF = D(2025, 9, 30)
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make_staff()


def _ada(staff):
    ada = looked_after_child(staff, new_child(staff, "Ada", "Brightwater", D(2015, 1, 10)), D(2025, 6, 2))
    review(staff, ada, D(2025, 6, 27))
    review(staff, ada, D(2025, 9, 26))
    care_plan(staff, ada, D(2025, 9, 26))
    seen(staff, ada, D(2025, 6, 5))
    seen(staff, ada, D(2025, 9, 15))
    check(staff, ada, "IHA", D(2025, 6, 20))
    return ada


def _ben(staff):
    placement = foster_placement(placement_type="U4", long_term_until_18=True, carer="Mr Oakridge", postcode="SW1A 1AA")
    ben = looked_after_child(
        staff, new_child(staff, "Ben", "Brightwater", D(2012, 3, 1)), D(2023, 2, 1), "C2", placement
    )
    review(staff, ben, D(2023, 3, 1))
    review(staff, ben, D(2025, 5, 1))
    care_plan(staff, ben, D(2023, 3, 1))
    seen(staff, ben, D(2025, 8, 1))
    check(staff, ben, "IHA", D(2023, 3, 1))
    check(staff, ben, "RHA", D(2024, 9, 1))
    check(staff, ben, "DENTAL", D(2024, 9, 10))
    return ben


def _cal(staff):
    cal = looked_after_child(staff, new_child(staff, "Cal", "Brightwater", D(2023, 1, 15)), D(2024, 10, 1), "V2")
    move(staff, cal, D(2025, 3, 3))
    move(staff, cal, D(2025, 7, 1), placement_type="T3")
    move(staff, cal, D(2025, 7, 15), carer="Ms Heathfield")
    move(staff, cal, D(2025, 9, 1), reason="PLACE", carer="Ms Heathfield", placement_type="U3")
    for held_on in (D(2024, 10, 25), D(2025, 1, 20), D(2025, 7, 18)):
        review(staff, cal, held_on, participation="PN0")
    care_plan(staff, cal, D(2025, 7, 18))
    seen(staff, cal, D(2025, 8, 20))
    check(staff, cal, "IHA", D(2024, 10, 25))
    check(staff, cal, "RHA", D(2025, 4, 20))
    check(staff, cal, "DENTAL", D(2025, 9, 1), refused=True)
    return cal


def _others(staff):
    looked_after_child(staff, new_child(staff, "Dee", "Brightwater", D(2016, 2, 2)), D(2025, 8, 1), "V3")
    home = foster_placement(placement_type="K2", provider="PR4", carer="Larchwood House", postcode="B1 1AA")
    looked_after_child(staff, new_child(staff, "Eve", "Brightwater", D(2010, 5, 5)), D(2025, 9, 1), "V2", home)
    fin = looked_after_child(staff, new_child(staff, "Fin", "Brightwater", D(2014, 7, 7)), D(2025, 4, 1), "V2")
    check(staff, fin, "IHA", D(2025, 5, 2))
    fin = PeriodOfCare.objects.get(pk=fin.pk)
    services.care_end(
        actor=staff.social_worker.user, period_id=fin.pk, version=fin.version, ended_on=D(2025, 7, 31), reason="E13"
    )


@pytest.fixture
def children(staff):
    return {"ada": _ada(staff), "ben": _ben(staff), "cal": _cal(staff), "others": _others(staff)}


def _result(indicator_id):
    result = indicator_result(CATALOGUE_BY_ID[indicator_id], AS_OF)
    counted = sorted(row.child_name.split()[0] for row in result.rows if row.counted)
    return result.numerator, len(result.rows), counted


def test_every_looked_after_indicator_is_in_the_panels_section():
    assert {i.id for i in INDICATORS} == {
        *("L01", "L02", "L03", "L04", "L05", "L06", "L07", "L08", "L09", "L10", "L11", "L16"),
        *("L12", "L13", "L14", "L15", "L20"),  # the OC2 measures (worked in test_return903_oc2.py)
        *("L10R", "L11R", "L21"),  # refusals and PEPs (worked in test_peps_and_health_plans.py)
        *("L08B", "L08C", "L08N"),  # distance bands (worked in care/tests/test_placement_distance.py)
        "L30",  # the IRO's review checklist (worked in test_review_challenge.py)
    }
    # The panel hears every one but the lists kept for the service itself: the children whose distance
    # is not known (L08N, a record to put right) and the IRO's review checklist (L30).
    in_the_panel = {i.id for i in INDICATORS if i.corporate_parenting_section == "Looked-after children"}
    assert {i.id for i in INDICATORS} - in_the_panel <= {"L08N", "L30"}


def test_the_looked_after_measures_on_30_september_2025(children):
    assert _result("L01") == (4, 4, ["Ada", "Ben", "Cal", "Eve"])
    assert _result("L02") == (2, 4, ["Ada", "Cal"])
    assert _result("L03") == (2, 4, ["Ada", "Cal"])
    assert _result("L04") == (3, 4, ["Ada", "Ben", "Cal"])
    assert _result("L05") == (3, 4, ["Ada", "Cal", "Eve"])
    assert _result("L06") == (1, 4, ["Cal"])
    assert _result("L07") == (1, 1, ["Ben"])
    assert _result("L09") == (2, 4, ["Ben", "Eve"])
    assert _result("L10") == (2, 4, ["Ada", "Cal"])
    assert _result("L11") == (3, 4, ["Ada", "Cal", "Eve"])
    assert _result("L16") == (1, 3, ["Ada"])


def test_the_same_measures_inside_a_scorecard_start_from_the_cohort_read_once(children):
    """Inside a report computation (shared reads: the scorecard, a published month) the L figures
    are counted together, one aggregate query over the cohort for the date (care.indicators.LOOKED_AFTER),
    not each in a query of its own: the same figures, Dee (short breaks only) and Fin (left care in
    July) still left out."""
    with shared_reads():
        figures = {i: indicator_result(CATALOGUE_BY_ID[i], AS_OF) for i in ("L01", "L03", "L06", "L09", "L10", "L16")}
        cohort = set(looked_after_sql(AS_OF).values_list("child__first_name", flat=True))
    assert figures.pop("L01").numerator == 4  # a rate: its denominator is the population setting
    assert {i: (r.numerator, r.denominator) for i, r in figures.items()} == {
        "L03": (2, 4),
        "L06": (1, 4),
        "L09": (2, 4),
        "L10": (2, 4),
        "L16": (1, 3),
    }
    assert cohort == {"Ada", "Ben", "Cal", "Eve"}
    assert set(looked_after_sql(AS_OF).values_list("child__first_name", flat=True)) == cohort  # outside: the same


def test_one_indicator_alone_reads_of_the_cohort_only_what_it_looks_at(children):
    """Its drill-down asks for one L indicator, outside a report: the cohort is read with only the
    facts that indicator reads (L03: the reviews, not the health checks, care plans or education
    plans every L indicator's report reads), and its rows are the same as in the report."""
    with CaptureQueriesContext(connection) as queries:
        alone = CATALOGUE_BY_ID["L03"].rows(AS_OF)
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert CareReview._meta.db_table in read
    for unread in (HealthCheck, CarePlan, PersonalEducationPlan):
        assert unread._meta.db_table not in read
    with shared_reads():
        assert CATALOGUE_BY_ID["L03"].rows(AS_OF) == alone
    assert sorted(row.child_name.split()[0] for row in alone if row.counted) == ["Ada", "Cal"]
    with pytest.raises(ValueError, match="Not a fact the cohort reads"):
        looked_after_on(AS_OF, "visits")


def test_l06_counts_the_placement_open_when_the_12_months_began(staff, children):
    cal = children["cal"]
    placements = list(cal.placements.all())
    # On 2 Oct 2025 the 12 months began 2 Oct 2024: the first placement (1 Oct 2024 to 3 Mar 2025) was
    # open then, so it still counts; on 4 Mar 2026 it ended before the 12 months began.
    assert placements_in_year(placements, D(2025, 10, 2)) == 3
    assert placements_in_year(placements, D(2026, 3, 4)) == 2


def test_a_move_is_a_change_of_carer_whatever_reason_was_given(staff):
    """Gus, looked after from 1 Oct 2024 with Ms Alder (U4): on 1 Dec 2024 the care plan changed and the
    placement became short-term (U6) with the same carer, the reason given CARPL, not PLACE; on 1 Feb
    2025 he moved to Mr Birch, the reason given PLACE (recording refuses that now; a record kept
    before it did, or brought in from another system, can still hold it). The return reads the carer: the December
    change starts an episode T (same carer, not a move), the February one P (a new carer), so L06
    counts 2 placements in the 12 months to 30 Sep 2025, not 3 (nor 1), and the visit clock runs from
    1 Feb, as the return's episodes say."""
    first = foster_placement(placement_type="U4", carer="Ms Alder")
    gus = looked_after_child(staff, new_child(staff, "Gus", "Brightwater", D(2014, 4, 4)), D(2024, 10, 1), "C2", first)
    move(staff, gus, D(2024, 12, 1), reason="CARPL", carer="Ms Alder", placement_type="U6")
    move(staff, gus, D(2025, 2, 1), reason="CARPL", carer="Mr Birch", placement_type="U6")
    Placement.objects.filter(period=gus, ended_on=D(2025, 2, 1)).update(change_reason="PLACE")
    gus = PeriodOfCare.objects.get(pk=gus.pk)
    placements = list(gus.placements.all())
    assert [episode.rne for episode in episodes(gus)] == ["S", "T", "P"]
    assert placements_in_year(placements, AS_OF) == 2
    current = max(placements, key=lambda p: p.started_on)
    assert home_since(placements, current) == D(2025, 2, 1)


def test_the_visits_clock_in_sql_follows_the_carer_as_the_rows_do(staff):
    """Hal, looked after from 1 Oct 2024 with Ms Alder (U4), seen on 10 Nov 2024; on 15 Nov his
    placement became short-term (U6) with Ms Alder, the reason given CARPL. He has not moved, so on
    30 Nov his next visit is due 6 weeks after 10 Nov (T13: 22 Dec) and L04 counts him. Read from
    the reason instead of the carer, the clock would restart on 15 Nov with 10 Nov before it: T12,
    a visit within a week, overdue on 22 Nov, and he would not be counted. The SQL figure and the
    drill-down's rows must agree, child for child."""
    from hearth.duties.indicators import national_visit_figure, national_visit_rows

    first = foster_placement(placement_type="U4", carer="Ms Alder")
    hal = looked_after_child(staff, new_child(staff, "Hal", "Brightwater", D(2014, 4, 4)), D(2024, 10, 1), "C2", first)
    seen(staff, hal, D(2024, 11, 10))
    move(staff, hal, D(2024, 11, 15), reason="CARPL", carer="Ms Alder", placement_type="U6")
    as_of = D(2024, 11, 30)
    rows = [row for row in national_visit_rows(as_of) if row.child_id == hal.child_id]
    assert [(row.due, row.counted) for row in rows] == [(D(2024, 12, 22), True)]
    assert national_visit_figure(as_of) == (1, 1)
