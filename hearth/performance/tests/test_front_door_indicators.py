"""The front door's indicators, each with a hand-worked example."""

import datetime

import pytest
import time_machine

from hearth.assessment.services import assessment_authorise, assessment_start
from hearth.frontdoor.models import Referral, ScreeningDecision
from hearth.performance.selectors import result_by_id
from hearth.testing.journeys import (
    AUTHORISATION_REASONS,
    allocated_case,
    at,
    new_child,
    new_contact,
    referred_case,
    screen,
    submitted_assessment,
)
from hearth.workforce.services import case_allocate

D = datetime.date


@pytest.fixture(autouse=True)
def early_september_2025():
    with time_machine.travel(datetime.datetime(2025, 9, 1, 12, 0, tzinfo=datetime.UTC), tick=False):
        yield


def close(referral, on):
    # Case closure arrives with the children-in-need work; until then the test closes it directly.
    Referral.objects.filter(pk=referral.pk).update(closed_on=on, closure_reason="RC8")


def test_f02_contacts_received_counts_the_year_to_date(staff):
    """Received 31 Mar 2025 (last year), 1 Apr 00:30, 15 Jun, 30 Jun 23:59 and 1 Jul 00:01 2025.
    As of 30 Jun 2025: the three from 1 April to the end of 30 June."""
    child = new_child(staff)
    for when in (
        at(D(2025, 3, 31), 23),
        at(D(2025, 4, 1), 0, 30),
        at(D(2025, 6, 15), 9),
        at(D(2025, 6, 30), 23, 59),
        at(D(2025, 7, 1), 0, 1),
    ):
        new_contact(staff, child, when)
    result = result_by_id("F02", D(2025, 6, 30))
    assert result.value == 3 and result.is_count


def test_f03_contacts_leading_to_a_referral(staff):
    """Four contacts decided in the year: one referral, one strategy discussion, one early help,
    one NFA; a fifth still undecided. As of 31 Aug 2025: 2 of 4 = 50%."""
    referred_case(staff, new_child(staff, "Ann"), at(D(2025, 5, 1), 9))
    strategy = new_contact(staff, new_child(staff, "Bea"), at(D(2025, 5, 2), 9))
    screen(staff, strategy, at(D(2025, 5, 2), 10), ScreeningDecision.STRATEGY_DISCUSSION, staff.north)
    screen(
        staff,
        new_contact(staff, new_child(staff, "Cal"), at(D(2025, 5, 3), 9)),
        at(D(2025, 5, 3), 10),
        ScreeningDecision.EARLY_HELP,
    )
    screen(staff, new_contact(staff, new_child(staff, "Dee"), at(D(2025, 5, 4), 9)), at(D(2025, 5, 4), 10))
    new_contact(staff, new_child(staff, "Eve"), at(D(2025, 8, 31), 9))
    result = result_by_id("F03", D(2025, 8, 31))
    assert (result.numerator, result.denominator) == (2, 4)
    assert {r.child_name for r in result.rows if r.counted} == {"Ann Example", "Bea Example"}


def test_r03_re_referrals_within_12_months_of_the_previous_referral(staff):
    """Child A: referred 10 Jun 2024 (closed), again 10 Jun 2025: 12 months to the day: re-referral.
    Child B: referred 9 Jun 2024 (closed), again 10 Jun 2025: 12 months and a day: not.
    Child C: first referral 2 Jul 2025. As of 31 Aug 2025: 1 of 3 referrals this year."""
    a, b, c = new_child(staff, "Aly"), new_child(staff, "Ben"), new_child(staff, "Cat")
    close(referred_case(staff, a, at(D(2024, 6, 10), 9)), D(2024, 8, 1))
    close(referred_case(staff, b, at(D(2024, 6, 9), 9)), D(2024, 8, 1))
    referred_case(staff, a, at(D(2025, 6, 10), 9))
    referred_case(staff, b, at(D(2025, 6, 10), 9))
    referred_case(staff, c, at(D(2025, 7, 2), 9))
    result = result_by_id("R03", D(2025, 8, 31))
    assert (result.numerator, result.denominator) == (1, 3)
    [re_referral] = [r for r in result.rows if r.counted]
    assert re_referral.child_name == "Aly Example" and re_referral.due == D(2025, 6, 10)


def test_r02_referrals_ending_in_no_further_action(staff):
    """Three referrals this year: one assessed NFA (authorised 20 Jun), one assessed to a CIN
    plan, one still being assessed. As of 31 Aug 2025: 1 of 3. As of 19 Jun: 0 of 3."""
    outcomes = {"Nia": "NFA", "Ola": "CIN_PLAN", "Pip": None}
    for name, outcome in outcomes.items():
        referral = allocated_case(staff, new_child(staff, name), at(D(2025, 5, 1), 9))
        assessment = assessment_start(actor=staff.social_worker.user, referral_id=referral.pk, started_on=D(2025, 5, 2))
        if outcome:
            submitted_assessment(staff, assessment, D(2025, 6, 20))
            assessment_authorise(
                actor=staff.team_manager.user,
                assessment_id=assessment.pk,
                authorised_on=D(2025, 6, 20),
                outcome=outcome,
                reasons=AUTHORISATION_REASONS,
            )
    result = result_by_id("R02", D(2025, 8, 31))
    assert (result.numerator, result.denominator) == (1, 3)
    assert [r.child_name for r in result.rows if r.counted] == ["Nia Example"]
    assert result_by_id("R02", D(2025, 6, 19)).numerator == 0


def test_the_drill_down_names_the_worker_holding_each_referral(staff):
    referral = referred_case(staff, new_child(staff, "Wyn"), at(D(2025, 5, 1), 9))
    case_allocate(
        actor=staff.team_manager.user,
        referral_id=referral.pk,
        worker_id=staff.social_worker.pk,
        started_on=D(2025, 5, 6),
    )
    [row] = result_by_id("R03", D(2025, 8, 31)).rows
    assert row.worker == str(staff.social_worker)
    [row_before] = result_by_id("R03", D(2025, 5, 5)).rows
    assert row_before.worker == "Unallocated"


@pytest.mark.parametrize("indicator_id", ["F02", "F03", "R02", "R03"])
def test_the_performance_page_lists_the_front_door_indicators(staff, client_for, indicator_id):
    page = client_for(staff.performance_officer).get("/performance/").content.decode()
    assert f"{indicator_id} " in page
