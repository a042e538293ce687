"""The collection year, hand-worked at its edges: 31 March is the year's last day, 1 April the next
year's first, and a year has ended only once its 31 March has passed."""

import datetime

import pytest
from django.utils import timezone

from hearth.core.collection_years import (
    collection_year_of,
    latest_ended_year,
    year_bounds,
    year_end,
    year_has_ended,
    year_label,
    year_start,
    year_start_of,
)

D = datetime.date


def test_the_year_a_day_falls_in_turns_over_on_1_april():
    assert collection_year_of(D(2026, 3, 31)) == 2026
    assert collection_year_of(D(2026, 4, 1)) == 2027
    assert collection_year_of(D(2025, 4, 1)) == 2026
    assert collection_year_of(D(2026, 1, 1)) == 2026  # January is the end of the year begun last April
    assert collection_year_of(D(2025, 12, 31)) == 2026


def test_a_year_runs_from_1_april_to_31_march():
    assert year_start(2026) == D(2025, 4, 1)
    assert year_end(2026) == D(2026, 3, 31)
    assert year_bounds(2024) == (D(2023, 4, 1), D(2024, 3, 31))  # a leap year's February inside it
    assert year_label(2026) == "2025-26"
    assert year_label(2000) == "1999-00"


def test_the_first_day_of_the_year_holding_a_day():
    assert year_start_of(D(2026, 3, 31)) == D(2025, 4, 1)
    assert year_start_of(D(2026, 4, 1)) == D(2026, 4, 1)
    assert year_start_of(D(2024, 2, 29)) == D(2023, 4, 1)


def test_a_year_has_ended_only_after_its_31_march():
    assert not year_has_ended(2026, D(2026, 3, 31))  # the last day itself: the year to date
    assert year_has_ended(2026, D(2026, 4, 1))
    assert not year_has_ended(2027, D(2026, 4, 1))  # the year just begun
    assert year_has_ended(2025, D(2026, 3, 31))


def test_the_latest_ended_year_moves_on_1_april():
    assert latest_ended_year(D(2026, 3, 31)) == 2025
    assert latest_ended_year(D(2026, 4, 1)) == 2026
    assert latest_ended_year(D(2026, 12, 25)) == 2026
    # Whatever the day, the latest ended year has ended and the one after it has not.
    for day in (D(2026, 3, 31), D(2026, 4, 1), D(2027, 2, 28)):
        assert year_has_ended(latest_ended_year(day), day)
        assert not year_has_ended(latest_ended_year(day) + 1, day)


def test_without_a_day_the_councils_today_is_used():
    today = timezone.localdate()
    assert latest_ended_year() == latest_ended_year(today)
    assert year_has_ended(collection_year_of(today) - 1)
    assert not year_has_ended(collection_year_of(today))


@pytest.mark.parametrize("bad", ["2026", D(2026, 3, 31), 2026.0, True])
def test_a_year_that_is_not_a_whole_number_is_refused_plainly(bad):
    with pytest.raises(TypeError, match="whole number of a year"):
        year_end(bad)
