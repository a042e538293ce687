"""T12-T15, T13L, T18-T23: the looked-after duties' timescales, each with dates worked by hand."""

import datetime

import pytest

from hearth.duties import due_dates
from hearth.timescales.models import LocalStandard
from hearth.timescales.rules import RULES_BY_ID

D = datetime.date
pytestmark = pytest.mark.django_db


def test_every_duty_rule_is_in_the_rules_table_with_its_source():
    for rule_id in due_dates.DUTY_RULES:
        assert RULES_BY_ID[rule_id].source and RULES_BY_ID[rule_id].citation


def test_t12_a_new_placement_is_visited_within_a_week_and_an_earlier_visit_does_not_count():
    # Placement starts Mon 2 Jun 2025: due Mon 9 Jun. A visit on 30 May (the old placement) restarts nothing.
    assert due_dates.visit_due(D(2025, 6, 2), None, False).due == D(2025, 6, 9)
    due = due_dates.visit_due(D(2025, 6, 2), D(2025, 5, 30), False)
    assert (due.due, due.clock.rule.id) == (D(2025, 6, 9), "T12")


def test_t13_six_weeks_from_the_last_visit_in_the_placements_first_year():
    # Seen Fri 6 Jun 2025 in a placement from 2 Jun 2025: + 42 days = Fri 18 Jul 2025.
    due = due_dates.visit_due(D(2025, 6, 2), D(2025, 6, 6), True)
    assert (due.due, due.clock.rule.id) == (D(2025, 7, 18), "T13")
    # Last seen Fri 30 May 2025, still in the first year of a placement from 2 Jun 2024: T13 even
    # though the placement is to last until 18 (11 Jul 2025).
    assert due_dates.visit_due(D(2024, 6, 2), D(2025, 5, 30), True).due == D(2025, 7, 11)


def test_t14_and_t15_after_the_first_year_follow_the_recorded_long_term_decision():
    # Placement from 2 Jun 2024; seen Tue 10 Jun 2025 (year 2). Long term: 3 months, 10 Sep 2025;
    # otherwise 6 weeks, Tue 22 Jul 2025.
    long_term = due_dates.visit_due(D(2024, 6, 2), D(2025, 6, 10), True)
    other = due_dates.visit_due(D(2024, 6, 2), D(2025, 6, 10), False)
    assert (long_term.due, long_term.clock.rule.id) == (D(2025, 9, 10), "T14")
    assert (other.due, other.clock.rule.id) == (D(2025, 7, 22), "T15")


def test_t13l_the_councils_six_weeks_for_every_placement_and_its_own_setting():
    # Looked after from Mon 2 Jun 2025, never seen: 14 Jul 2025; seen Fri 20 Jun: Fri 1 Aug 2025.
    assert due_dates.local_visit_due(D(2025, 6, 2), None).due == D(2025, 7, 14)
    assert due_dates.local_visit_due(D(2025, 6, 2), D(2025, 6, 20)).due == D(2025, 8, 1)
    LocalStandard.objects.create(rule_id="T13L", limit=28, source="Local: four-weekly (test)")
    assert due_dates.local_visit_due(D(2025, 6, 2), D(2025, 6, 20)).due == D(2025, 7, 18)


def test_t18_t19_t20_reviews_twenty_working_days_then_three_months_then_six():
    # Looked after from Fri 3 May 2024; Mon 6 and Mon 27 May are bank holidays. WD 1 = Tue 7 May;
    # 7-10 May: 4; 13-17: 9; 20-24: 14; 28-31: 18; Mon 3 Jun: 19; Tue 4 Jun: 20.
    start = D(2024, 5, 3)
    assert due_dates.review_due(start, []).due == D(2024, 6, 4)
    # First 4 Jun (due 4 Jun); second 2 Sep (due 4 Sep, T19); third late 10 Mar 2025 (due 2 Mar, T20).
    held = [D(2024, 6, 4), D(2024, 9, 2), D(2025, 3, 10)]
    assert due_dates.reviews_with_due_dates(start, held) == [
        (D(2024, 6, 4), D(2024, 6, 4)),
        (D(2024, 9, 2), D(2024, 9, 4)),
        (D(2025, 3, 10), D(2025, 3, 2)),
    ]
    assert due_dates.review_due(start, held[:1]).due == D(2024, 9, 4)
    # The clock runs from the late review: 10 Sep 2025.
    later = due_dates.review_due(start, held)
    assert (later.due, later.clock.rule.id) == (D(2025, 9, 10), "T20")


def test_t21_initial_health_assessment_within_20_working_days():
    assert due_dates.initial_health_assessment_due(D(2024, 5, 3)).due == D(2024, 6, 4)
    assert due_dates.health_assessment_due(D(2024, 5, 3), [], D(2015, 1, 1)).clock.rule.id == "T21"


def test_t22u_and_t22_review_health_assessments_by_age_at_the_last_assessment():
    born = D(2021, 1, 1)
    start = D(2024, 5, 3)
    # IHA 4 Jun 2024 at 3: due 4 Dec 2024 (6 months, T22U).
    assert due_dates.health_assessment_due(start, [D(2024, 6, 4)], born).due == D(2024, 12, 4)
    # RHA Mon 1 Dec 2025 at 4: 1 Jun 2026. RHA Fri 2 Jan 2026 at 5: 2 Jan 2027 (12 months, T22).
    assert due_dates.health_assessment_due(start, [D(2024, 6, 4), D(2025, 12, 1)], born).due == D(2026, 6, 1)
    due = due_dates.health_assessment_due(start, [D(2024, 6, 4), D(2026, 1, 2)], born)
    assert (due.due, due.clock.rule.id) == (D(2027, 1, 2), "T22")
    # 29 Feb 2024 + 12 months is clipped to 28 Feb 2025; unknown date of birth: the shorter interval.
    assert due_dates.health_assessment_due(D(2024, 1, 2), [D(2024, 2, 29)], D(2010, 1, 1)).due == D(2025, 2, 28)
    assert due_dates.health_assessment_due(D(2024, 1, 2), [D(2024, 2, 29)], None).due == D(2024, 8, 29)


def test_t23_dental_check_twelve_months_from_the_last_or_from_becoming_looked_after():
    assert due_dates.dental_check_due(D(2025, 6, 2), []).due == D(2026, 6, 2)
    assert due_dates.dental_check_due(D(2025, 6, 2), [D(2025, 7, 15)]).due == D(2026, 7, 15)
