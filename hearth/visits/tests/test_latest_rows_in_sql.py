"""The latest visit per child and the latest review per children in need plan are chosen in the
database (issue 22): the same answers as before, worked by hand, in a number of queries that does
not grow with the visits and reviews a child has had."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.cin.selectors import cin_plans_on, holder_on, review_dates
from hearth.testing.cin_journeys import child_on_cin_plan, review, visit
from hearth.testing.journeys import new_child
from hearth.visits.selectors import latest_attempts

D = datetime.date
pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2024, 6, 20, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_latest_attempt_is_the_last_visit_on_or_before_the_date_one_query(staff):
    ash = new_child(staff, "Ash")
    plan = child_on_cin_plan(staff, ash, D(2024, 1, 8))
    visit(staff, plan.referral, D(2024, 2, 1))
    visit(staff, plan.referral, D(2024, 3, 1), reason="NOT_HOME")
    seen_later = visit(staff, plan.referral, D(2024, 3, 1))  # same day, recorded after: the latest
    visit(staff, plan.referral, D(2024, 5, 1), reason="ABROAD")  # after the date asked about
    bo = new_child(staff, "Bo")
    bo_plan = child_on_cin_plan(staff, bo, D(2024, 1, 8))
    missed = visit(staff, bo_plan.referral, D(2024, 2, 10), reason="NOT_HOME")
    cy = new_child(staff, "Cy")  # never visited

    with CaptureQueriesContext(connection) as captured:
        latest = latest_attempts({ash.pk, bo.pk, cy.pk}, D(2024, 4, 1))
        reasons = {child_id: str(v.not_possible_reason) for child_id, v in latest.items() if not v.happened}
    assert {child_id: v.pk for child_id, v in latest.items()} == {ash.pk: seen_later.pk, bo.pk: missed.pk}
    assert list(reasons) == [bo.pk]
    assert len(captured.captured_queries) == 1


@time_machine.travel(datetime.datetime(2024, 6, 20, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_plans_on_a_date_carry_only_the_latest_review_by_then_and_the_holder_that_day(staff):
    ash = new_child(staff, "Ash")
    plan = child_on_cin_plan(staff, ash, D(2024, 1, 8))
    review(staff, plan, D(2024, 2, 5))
    review(staff, plan, D(2024, 4, 2))
    review(staff, plan, D(2024, 6, 3))  # after the date asked about

    [on_the_day] = cin_plans_on(D(2024, 5, 1))
    assert on_the_day.pk == plan.pk
    assert review_dates(on_the_day) == [D(2024, 4, 2)]
    assert holder_on(on_the_day.referral, D(2024, 5, 1)) == str(staff.social_worker)
    [before_any_review] = cin_plans_on(D(2024, 1, 31))
    assert review_dates(before_any_review) == []
    assert cin_plans_on(D(2024, 1, 7)) == []  # before the plan started


@time_machine.travel(datetime.datetime(2024, 6, 20, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_plans_on_a_date_take_the_same_queries_however_many_reviews(staff):
    plan = child_on_cin_plan(staff, new_child(staff, "Ash"), D(2024, 1, 8))
    review(staff, plan, D(2024, 2, 5))
    with CaptureQueriesContext(connection) as few:
        cin_plans_on(D(2024, 6, 1))
    for day in (D(2024, 3, 4), D(2024, 4, 2), D(2024, 5, 7)):
        review(staff, plan, day)
    child_on_cin_plan(staff, new_child(staff, "Bo"), D(2024, 2, 8))
    with CaptureQueriesContext(connection) as more:
        [first, second] = cin_plans_on(D(2024, 6, 1))
    assert review_dates(first) == [D(2024, 5, 7)] and review_dates(second) == []
    assert len(more.captured_queries) == len(few.captured_queries)
