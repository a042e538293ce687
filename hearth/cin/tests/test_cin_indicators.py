"""N01, V01 and V02 with hand-worked examples, and the up-to-date plans page's lowest point."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.cin.plan_types import month_ends_before, up_to_date_by_plan_type
from hearth.cin.services import cin_plan_end
from hearth.core.shared_reads import shared_reads
from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.performance.selectors import display_value, result_by_id
from hearth.testing.cin_journeys import child_on_cin_plan, review, visit
from hearth.testing.journeys import new_child

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(staff):
    """Four children's plans (2025 bank holidays: 25 Aug only, in the window that matters)."""
    ada = child_on_cin_plan(staff, new_child(staff, "Ada"), D(2025, 6, 2))  # never reviewed by 30 Sep
    ben = child_on_cin_plan(staff, new_child(staff, "Ben"), D(2025, 6, 2))
    review(staff, ben, D(2025, 9, 1))
    cal = child_on_cin_plan(staff, new_child(staff, "Cal"), D(2025, 8, 1))
    dot = child_on_cin_plan(staff, new_child(staff, "Dot"), D(2025, 6, 2))
    cin_plan_end(actor=staff.social_worker.user, plan_id=dot.pk, version=1, ended_on=D(2025, 9, 15), reason="NEEDS_MET")
    review(staff, ada, D(2025, 10, 3))  # after 30 Sep: does not count on 30 Sep
    return {"ada": ada, "ben": ben, "cal": cal, "dot": dot}


def test_n01_children_in_need_with_an_up_to_date_plan_on_30_september_2025(plans):
    # On Tue 30 Sep 2025: Ada's plan (2 Jun, no review by then) was due 2 Sep: not up to date.
    # Ben reviewed 1 Sep: due 1 Dec, up to date. Cal started 1 Aug: due 1 Nov, up to date.
    # Dot's plan ended 15 Sep: not on a plan. So 2 of 3 children: 66.7%.
    result = result_by_id("N01", D(2025, 9, 30))
    assert (result.numerator, result.denominator, display_value(result)) == (2, 3, Decimal("66.7"))
    by_child = {row.child_name.split()[0]: row for row in result.rows}
    assert set(by_child) == {"Ada", "Ben", "Cal"}
    assert (by_child["Ada"].counted, by_child["Ada"].due) == (False, D(2025, 9, 2))
    assert (by_child["Ben"].counted, by_child["Ben"].stopped, by_child["Ben"].due) == (
        True,
        D(2025, 9, 1),
        D(2025, 12, 1),
    )
    assert by_child["Ada"].worker == "Nina Tester"


def test_n01_a_plan_on_a_case_closed_by_the_date_is_not_counted(staff, plans):
    from hearth.frontdoor.services import case_close

    case_close(
        actor=staff.team_manager.user, referral_id=plans["cal"].referral_id, closed_on=D(2025, 9, 20), reason="RC7"
    )
    result = result_by_id("N01", D(2025, 9, 30))
    assert (result.numerator, result.denominator) == (1, 2)


def test_the_lowest_point_is_the_worst_month_end_in_the_last_12_months(plans):
    # Month-ends to 31 Oct 2025: before June no plans (no figure); 30 Jun, 31 Jul, 31 Aug: every
    # plan within 3 months of its start: 100%. 30 Sep: 66.7% (above). 31 Oct: Ada reviewed 3 Oct
    # (due 3 Jan), Ben due 1 Dec, Cal due 1 Nov: 3 of 3, 100%.
    assert month_ends_before(D(2025, 10, 31))[0] == D(2024, 11, 30)
    assert month_ends_before(D(2025, 10, 15))[-1] == D(2025, 9, 30)
    lines = {line.plan_type.name: line for line in up_to_date_by_plan_type(D(2025, 10, 31))}
    cin = lines["Children in need"]
    assert (cin.now, cin.lowest, cin.lowest_on, cin.numerator, cin.denominator) == (
        100,
        display_value(result_by_id("N01", D(2025, 9, 30))),
        D(2025, 9, 30),
        3,
        3,
    )
    assert cin.lowest == Decimal("66.7")
    # Child protection is recorded (N02) but no child here is on a plan: no figure, not a zero.
    assert lines["Child protection"].recorded and lines["Child protection"].now is None
    # Looked-after children are recorded (L02, hearth/care) but no child here is looked after.
    assert lines["Looked after children"].recorded and lines["Looked after children"].now is None
    assert lines["Pathway plans"].recorded and lines["Pathway plans"].now is None


def test_the_up_to_date_plans_page_asks_its_looked_after_measure_alone(plans, monkeypatch):
    """L02 is one of the looked-after cohort's fifteen measures, which a report computation counts in
    one combined query (SharedCohort.together). The page wants only L02, for up to thirteen dates,
    so it asks for it alone: the combined query is never built (the figures are the hand-worked
    test's above)."""
    from hearth.performance.indicator import SharedCohort

    def combined(cohort, as_of):
        raise AssertionError(f"the page built {cohort}'s combined query for {as_of}")

    monkeypatch.setattr(SharedCohort, "together", combined)
    lines = {line.plan_type.name: line for line in up_to_date_by_plan_type(D(2025, 10, 31))}
    assert lines["Looked after children"].recorded and lines["Children in need"].lowest == Decimal("66.7")


def test_v01_children_in_need_seen_in_timescale_on_1_july_2025(staff):
    # No bank holidays in June or July 2025. Plans start Mon 2 Jun 2025.
    # Eve seen Mon 9 Jun: 20 WD on is Mon 7 Jul (10-13 Jun: 4; 16-20: 9; 23-27: 14; 30 Jun: 15;
    #   1-4 Jul: 19; 7 Jul: 20): in timescale on Tue 1 Jul.
    # Fay never visited: 20 WD from 2 Jun is Mon 30 Jun (3-6: 4; 9-13: 9; 16-20: 14; 23-27: 19;
    #   30: 20): overdue on 1 Jul.
    # Gus: visited 9 Jun but not seen, and 16 Jun the visit could not happen (abroad): neither stops
    #   the clock, so like Fay he is overdue; his row says why.
    eve = child_on_cin_plan(staff, new_child(staff, "Eve"), D(2025, 6, 2))
    visit(staff, eve.referral, D(2025, 6, 9))
    child_on_cin_plan(staff, new_child(staff, "Fay"), D(2025, 6, 2))
    gus = child_on_cin_plan(staff, new_child(staff, "Gus"), D(2025, 6, 2))
    visit(staff, gus.referral, D(2025, 6, 9), seen=False)
    visit(staff, gus.referral, D(2025, 6, 16), reason="ABROAD")
    visit(staff, gus.referral, D(2025, 7, 2), reason="REFUSED")  # after the date: not counted in V02

    result = result_by_id("V01", D(2025, 7, 1))
    by_child = {row.child_name.split()[0]: row for row in result.rows}
    assert (result.numerator, result.denominator) == (1, 3)
    assert (by_child["Eve"].counted, by_child["Eve"].due, by_child["Eve"].stopped) == (
        True,
        D(2025, 7, 7),
        D(2025, 6, 9),
    )
    assert (by_child["Fay"].counted, by_child["Fay"].due) == (False, D(2025, 6, 30))
    assert (by_child["Gus"].counted, by_child["Gus"].due) == (False, D(2025, 6, 30))
    assert "could not happen: Child out of the country" in by_child["Gus"].subject

    # V02 since 1 April 2025 to 1 Jul: one visit could not happen (abroad); the refusal on 2 Jul is later.
    not_possible = result_by_id("V02", D(2025, 7, 1))
    assert not_possible.value == 1
    assert [row.subject for row in not_possible.rows] == ["Visit could not happen: Child out of the country"]
    assert result_by_id("V02", D(2025, 7, 2)).value == 2


def test_visits_not_possible_by_reason_lists_every_reason(staff):
    from hearth.visits.selectors import visits_not_possible_by_reason

    plan = child_on_cin_plan(staff, new_child(staff, "Hal"), D(2025, 6, 2))
    visit(staff, plan.referral, D(2025, 6, 9), reason="ABROAD")
    visit(staff, plan.referral, D(2025, 6, 16), reason="ABROAD")
    visit(staff, plan.referral, D(2025, 6, 23), reason="HOSPITAL")
    assert visits_not_possible_by_reason(D(2025, 6, 1), D(2025, 6, 30)) == [
        ("Child not at home", 0),
        ("Family refused access", 0),
        ("Child out of the country", 2),
        ("Child in hospital", 1),
        ("Other", 0),
    ]


def test_n03_and_n04_count_the_children_in_need_once_a_date_in_a_report(plans):
    """N03 (the number) and N04 (the rate) count the same children: inside a report computation
    (shared reads) one query a date gives both, the same figure each asks for alone."""
    on = D(2025, 9, 30)
    alone = [CATALOGUE_BY_ID[i].figure(on) for i in ("N03", "N04")]
    assert alone[0] == alone[1] and alone[0][1] >= 3  # Ada, Ben and Cal's cases are open on 30 Sep
    with shared_reads(), CaptureQueriesContext(connection) as queries:
        together = [CATALOGUE_BY_ID[i].figure(on) for i in ("N03", "N04")]
    assert together == alone
    assert len(queries.captured_queries) == 1
