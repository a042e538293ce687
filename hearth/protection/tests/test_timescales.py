"""The child protection timescale rules, each with a hand-worked example (England and Wales bank
holidays 2025: 5 May and 26 May are Mondays off; day 0 is the start date)."""

import datetime

import pytest

from hearth.timescales.models import LocalStandard
from hearth.timescales.selectors import clock

D = datetime.date
pytestmark = pytest.mark.django_db


def test_t05_icpc_is_due_15_working_days_after_the_strategy_discussion():
    # Strategy discussion Thu 1 May 2025. WD1 Fri 2 May; Mon 5 May is a bank holiday; WD2-5 Tue 6 -
    # Fri 9; WD6-10 Mon 12 - Fri 16; WD11-15 Mon 19 - Fri 23 May. An ICPC on Tue 27 May (Mon 26 is
    # also a holiday) is WD16: late.
    t05 = clock("T05")
    assert t05.due(D(2025, 5, 1)) == D(2025, 5, 23)
    assert t05.met(D(2025, 5, 1), D(2025, 5, 23))
    assert not t05.met(D(2025, 5, 1), D(2025, 5, 27))


def test_t06_first_core_group_is_due_10_working_days_after_the_icpc():
    # ICPC Fri 23 May 2025; Mon 26 May is a holiday: WD1 Tue 27 ... WD4 Fri 30 May, WD5-9 Mon 2 - Fri
    # 6 June, WD10 Mon 9 June.
    t06 = clock("T06")
    assert t06.due(D(2025, 5, 23)) == D(2025, 6, 9)
    assert not t06.met(D(2025, 5, 23), D(2025, 6, 10))


def test_t06l_later_core_groups_follow_the_local_frequency_from_the_last_actual_one():
    # Last core group Mon 9 June 2025: 42 days (6 weeks, the upper end of common practice) gives Mon
    # 21 July; the council's local standard, 28 days (4 weeks) as loaded, gives Mon 7 July; changed
    # to 35 days it gives Mon 14 July.
    assert clock("T06L").due(D(2025, 6, 9)) == D(2025, 7, 21)
    assert clock("T06L").local_due(D(2025, 6, 9)) == D(2025, 7, 7)
    LocalStandard.objects.filter(rule_id="T06L").update(limit=35)
    assert clock("T06L").local_due(D(2025, 6, 9)) == D(2025, 7, 14)


def test_t07_first_review_is_due_3_calendar_months_after_the_icpc_clipped_to_the_month_end():
    # ICPC Fri 29 Nov 2024: 29 Feb 2025 does not exist, so the first review is due Fri 28 Feb 2025.
    assert clock("T07").due(D(2024, 11, 29)) == D(2025, 2, 28)
    assert clock("T07").due(D(2025, 5, 23)) == D(2025, 8, 23)


def test_t08_later_reviews_are_due_6_months_after_the_last_review():
    # Review Mon 31 March 2025: 31 Sept does not exist, so the next is due Tue 30 Sept 2025.
    assert clock("T08").due(D(2025, 3, 31)) == D(2025, 9, 30)
    assert clock("T08").met(D(2025, 3, 31), D(2025, 9, 30))
    assert not clock("T08").met(D(2025, 3, 31), D(2025, 10, 1))
