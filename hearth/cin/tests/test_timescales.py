"""T10 (CIN plan reviews), T09 (CP visits) and T09N (CIN visits), each with dates worked by hand."""

import datetime

import pytest

from hearth.cin.timeliness import plan_up_to_date, review_due
from hearth.timescales.models import LocalStandard
from hearth.visits.timeliness import PlanKind, next_visit_due, visits_in_timescale

D = datetime.date
pytestmark = pytest.mark.django_db


def test_t10_a_plan_is_up_to_date_for_three_months_from_its_start_then_from_each_review():
    # Plan starts Mon 2 Jun 2025: first review due Tue 2 Sep 2025 (same day, 3 months on).
    start = D(2025, 6, 2)
    assert review_due(start, [], D(2025, 6, 30)) == D(2025, 9, 2)
    assert plan_up_to_date(start, [], D(2025, 9, 2))
    assert not plan_up_to_date(start, [], D(2025, 9, 3))
    # Reviewed late on Wed 10 Sep 2025: the clock runs from the review held, not from the 2 Sep due date.
    assert review_due(start, [D(2025, 9, 10)], D(2025, 9, 30)) == D(2025, 12, 10)
    assert plan_up_to_date(start, [D(2025, 9, 10)], D(2025, 12, 10))
    # A review held after the date asked about does not count on that date.
    assert not plan_up_to_date(start, [D(2025, 9, 10)], D(2025, 9, 5))


def test_t10_months_are_clipped_to_the_month_end():
    # 30 Nov 2024 + 3 months = 28 Feb 2025 (no 30 Feb), never "90 days".
    assert review_due(D(2024, 11, 30), [], D(2024, 12, 1)) == D(2025, 2, 28)


def test_t09n_cin_visit_due_20_working_days_from_the_plan_start_across_two_bank_holidays():
    # Plan starts Fri 3 May 2024. Mon 6 May and Mon 27 May are bank holidays. WD 1 = Tue 7 May;
    # 7-10 May: 4; 13-17: 9; 20-24: 14; 28-31: 18; Mon 3 Jun: 19; Tue 4 Jun: 20.
    assert next_visit_due(PlanKind.CHILD_IN_NEED, D(2024, 5, 3), None) == D(2024, 6, 4)


def test_t09_cp_visit_due_10_working_days_from_the_plan_start():
    # Fri 3 May 2024: 7-10 May: 4; 13-17: 9; Mon 20 May: 10.
    assert next_visit_due(PlanKind.CHILD_PROTECTION, D(2024, 5, 3), None) == D(2024, 5, 20)


def test_next_visit_runs_from_the_last_visit_at_which_the_child_was_seen_for_both_kinds():
    # Seen Mon 20 May 2024. CP (10 WD): 21-24: 4; 27 holiday; 28-31: 8; 3 Jun: 9; Tue 4 Jun: 10.
    # CIN (20 WD): 4 Jun is 10; 5-7: 13; 10-14: 18; 17: 19; Tue 18 Jun: 20.
    start, seen = D(2024, 5, 3), D(2024, 5, 20)
    assert next_visit_due(PlanKind.CHILD_PROTECTION, start, seen) == D(2024, 6, 4)
    assert next_visit_due(PlanKind.CHILD_IN_NEED, start, seen) == D(2024, 6, 18)
    assert next_visit_due("CP", start, seen) == D(2024, 6, 4)  # the kind may be given as its code


def test_a_visit_before_the_plan_started_does_not_start_its_clock():
    # Seen during the assessment on 1 May 2024; the plan starts 3 May: due from the start, 4 Jun.
    assert next_visit_due(PlanKind.CHILD_IN_NEED, D(2024, 5, 3), D(2024, 5, 1)) == D(2024, 6, 4)


def test_visits_in_timescale_on_the_due_day_and_overdue_the_day_after():
    start = D(2024, 5, 3)
    assert visits_in_timescale(PlanKind.CHILD_PROTECTION, start, None, D(2024, 5, 20))
    assert not visits_in_timescale(PlanKind.CHILD_PROTECTION, start, None, D(2024, 5, 21))
    assert visits_in_timescale(PlanKind.CHILD_IN_NEED, start, None, D(2024, 5, 21))


def test_a_council_sets_its_own_visit_and_review_intervals_without_code():
    LocalStandard.objects.create(rule_id="T09N", limit=10, source="Local: CIN visits fortnightly (test)")
    LocalStandard.objects.create(rule_id="T10", limit=2, source="Local: CIN reviews every 2 months (test)")
    # Fri 3 May 2024 + 10 WD = Mon 20 May 2024; 2 Jun 2025 + 2 months = 2 Aug 2025.
    assert next_visit_due(PlanKind.CHILD_IN_NEED, D(2024, 5, 3), None) == D(2024, 5, 20)
    assert review_due(D(2025, 6, 2), [], D(2025, 6, 2)) == D(2025, 8, 2)


def test_an_unknown_plan_kind_is_refused():
    with pytest.raises(ValueError):
        next_visit_due("XYZ", D(2024, 5, 3), None)
    with pytest.raises(ValueError):  # looked-after visits follow the placement (plan_visit_due)
        next_visit_due("LAC", D(2024, 5, 3), None)
