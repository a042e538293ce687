"""The small-numbers rule for aggregate-only readers, hand-worked (hearth/performance/suppression.py):
counts 1-5 are "c"; a rate whose counts include a small number is shown rounded to a whole number
with its counts withheld, unless fewer than 20 children are behind it."""

from decimal import Decimal

import pytest

from hearth.performance.suppression import SUPPRESSED, figure_shown, value_shown


@pytest.fixture(autouse=True)
def dfe_thresholds(settings):
    settings.HEARTH_SMALL_NUMBERS_UP_TO = 5
    settings.HEARTH_RATES_SHOWN_FROM = 20


@pytest.mark.parametrize(("count", "shown"), [(0, 0), (1, "c"), (5, "c"), (6, 6), (143, 143)])
def test_a_count_from_one_to_five_is_c_and_zero_is_shown(count, shown):
    assert value_shown(count, count, None, is_count=True) == shown
    assert figure_shown(count, count, None, is_count=True).numerator == shown


def test_a_rate_with_nothing_small_is_shown_as_it_is_with_its_counts():
    """20 of 40 care leavers in education, employment or training: 50.0%, 20 of 40."""
    shown = figure_shown(Decimal("50.0"), 20, 40, is_count=False)
    assert (shown.value, shown.numerator, shown.denominator, shown.counts_withheld) == (Decimal("50.0"), 20, 40, False)


def test_a_rate_whose_children_not_counted_are_few_is_a_whole_number_without_its_counts():
    """40 of 43 children had their health check: 93.0%. The 3 without are a small number, so the
    rate is shown as 93 and "40 of 43", which would reveal the 3, is withheld."""
    shown = figure_shown(Decimal("93.0"), 40, 43, is_count=False)
    assert (shown.value, shown.numerator, shown.denominator, shown.counts_withheld) == (Decimal("93"), "c", "c", True)


def test_a_rate_whose_children_counted_are_few_is_a_whole_number_without_its_counts():
    """3 of 45 looked-after children placed over 20 miles away: 6.666...% shows as 7, counts withheld."""
    shown = figure_shown(Decimal("6.7"), 3, 45, is_count=False)
    assert (shown.value, shown.numerator, shown.denominator) == (Decimal("7"), "c", "c")


def test_half_rounds_up():
    """2 of 24: 8.333% -> 8; 5 of 40: 12.5% -> 13 (half up, as the DfE rounds)."""
    assert value_shown(Decimal("8.3"), 2, 24, is_count=False) == Decimal("8")
    assert value_shown(Decimal("12.5"), 5, 40, is_count=False) == Decimal("13")


def test_a_rate_of_fewer_than_twenty_children_with_a_small_count_is_c():
    """7 of 8 assessments in time: 87.5%. The 1 late is small and 8 children are too few for the
    rate alone to hide it (88% of a group under 20 can only be 7 of 8 or 15 of 17): all "c"."""
    shown = figure_shown(Decimal("87.5"), 7, 8, is_count=False)
    assert (shown.value, shown.numerator, shown.denominator) == (SUPPRESSED, SUPPRESSED, SUPPRESSED)


def test_a_rate_per_10000_of_a_small_count_is_shown_whole_without_the_count():
    """3 children missing of a population of 31,000 children: 0.97 per 10,000 shows as 1."""
    shown = figure_shown(Decimal("0.97"), 3, 31000, is_count=False)
    assert (shown.value, shown.numerator, shown.denominator) == (Decimal("1"), "c", "c")


def test_an_average_over_a_few_children_is_c():
    """The average days from entering care to adoption over 4 children: 4 is small and under 20."""
    assert value_shown(Decimal("412.5"), 1650, 4, is_count=False) == SUPPRESSED


def test_a_float_stays_a_float_for_the_json_api():
    assert value_shown(93.0, 40, 43, is_count=False) == 93.0
    assert isinstance(value_shown(93.0, 40, 43, is_count=False), float)
