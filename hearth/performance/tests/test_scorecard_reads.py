"""The scorecard reads the rows several indicators share once per date, and that changes no figure:
each indicator's rows inside the scorecard are the rows it gives when asked alone. Its queries do
not grow with the number of children."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.performance.catalogue import CATALOGUE
from hearth.performance.selectors import end_of_last_period, indicator_result, same_day_last_year, scorecard
from hearth.testing.cin_journeys import child_on_cin_plan, visit
from hearth.testing.journeys import at, authorised_assessment, new_child, new_contact, screen
from hearth.testing.protection_journeys import child_on_plan

D = datetime.date
AS_OF = D(2025, 9, 10)


@pytest.fixture(autouse=True)
def in_september_2025():
    with time_machine.travel(datetime.datetime(2025, 9, 10, 12, 0, tzinfo=datetime.UTC), tick=False):
        yield


def some_children(staff, tag: str, how_many: int = 1) -> None:
    """For each: a contact decided late, an assessment, a child on a child in need plan who was
    visited, a child on a child protection plan; some this year, some the year before."""
    for letter in "abc"[:how_many]:
        contact = new_contact(staff, new_child(staff, f"Contact{tag}{letter}"), at(D(2025, 5, 6), 10))
        screen(staff, contact, at(D(2025, 5, 8), 10))
        authorised_assessment(staff, new_child(staff, f"Assessed{tag}{letter}"), D(2024, 6, 3), D(2024, 8, 20))
        authorised_assessment(staff, new_child(staff, f"Prompt{tag}{letter}"), D(2025, 5, 1), D(2025, 5, 30))
        plan = child_on_cin_plan(staff, new_child(staff, f"Need{tag}{letter}"), D(2025, 6, 2))
        visit(staff, plan.referral, D(2025, 6, 20))
        child_on_plan(staff, new_child(staff, f"Protected{tag}{letter}"), D(2024, 7, 1), D(2024, 7, 15))
        child_on_plan(staff, new_child(staff, f"Unsafe{tag}{letter}"), D(2025, 7, 1), D(2025, 7, 15), category="PHY")


def test_every_figure_in_the_scorecard_is_the_indicator_worked_out_alone(staff):
    some_children(staff, "x", how_many=2)
    lines = scorecard(AS_OF)
    assert [line.result.indicator for line in lines] == list(CATALOGUE)
    last_year, last_period = same_day_last_year(AS_OF), end_of_last_period(AS_OF)
    for line in lines:
        indicator = line.result.indicator
        alone = {day: indicator_result(indicator, day) for day in (AS_OF, last_year, last_period)}
        assert line.result.rows == alone[AS_OF].rows, indicator.id
        assert (line.result.numerator, line.result.denominator) == (alone[AS_OF].numerator, alone[AS_OF].denominator)
        for earlier, day in ((line.last_year, last_year), (line.last_period, last_period)):
            figures = (earlier.numerator, earlier.denominator)
            assert figures == (alone[day].numerator, alone[day].denominator), (indicator.id, day)
    # The journey reaches most indicators, so the comparison above is not of empty rows.
    assert sum(1 for line in lines if line.result.denominator) >= 15


def test_the_scorecard_asks_no_more_queries_for_more_children(staff, django_assert_max_num_queries):
    some_children(staff, "y")
    with CaptureQueriesContext(connection) as few:
        scorecard(AS_OF)
    some_children(staff, "z", how_many=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        scorecard(AS_OF)


def test_the_scorecard_asks_fewer_queries_than_its_indicators_asked_one_by_one(staff):
    some_children(staff, "w")
    with CaptureQueriesContext(connection) as one_by_one:
        for indicator in CATALOGUE:
            for day in (AS_OF, same_day_last_year(AS_OF), end_of_last_period(AS_OF)):
                indicator_result(indicator, day)
    with CaptureQueriesContext(connection) as together:
        scorecard(AS_OF)
    # About 190 against 675 (100 against 360 when this was first written, half as many indicators):
    # the clocks, the plans open on a date and the year's contacts, assessments and referrals are read
    # once per date, not once per indicator, and the figures that count one cohort (the looked-after
    # children, the OC2 cohort) are one query per cohort and date (performance.indicator.SharedCohort).
    assert len(together.captured_queries) < len(one_by_one.captured_queries) / 3
