"""RAG with polarity and direction of travel, each with worked figures."""

from decimal import Decimal as D

import pytest

from hearth.performance.catalogue import Polarity
from hearth.performance.rag import Rag, Travel, rag, travel

H, L, C = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER, Polarity.CONTEXT


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("90.0"), Rag.GREEN),  # on target
        (D("95.5"), Rag.GREEN),  # above
        (D("85.0"), Rag.AMBER),  # exactly the tolerance below
        (D("87.3"), Rag.AMBER),
        (D("84.9"), Rag.RED),  # just past the tolerance
    ],
)
def test_higher_is_better_target_90_tolerance_5(value, expected):
    assert rag(value, D("90"), D("5"), H) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("20.0"), Rag.GREEN),
        (D("12.0"), Rag.GREEN),
        (D("23.0"), Rag.AMBER),  # exactly the tolerance above
        (D("23.1"), Rag.RED),
    ],
)
def test_lower_is_better_target_20_tolerance_3(value, expected):
    assert rag(value, D("20"), D("3"), L) is expected


def test_contextual_measures_and_missing_figures_have_no_rating():
    assert rag(D("50"), D("40"), D("5"), C) is None
    assert rag(None, D("40"), D("5"), H) is None
    assert rag(D("50"), None, D("5"), H) is None


@pytest.mark.parametrize(
    ("now", "before", "polarity", "expected"),
    [
        (D("80"), D("70"), H, Travel.IMPROVING),
        (D("60"), D("70"), H, Travel.WORSENING),
        (D("15"), D("22"), L, Travel.IMPROVING),  # fewer re-referrals is better
        (D("25"), D("22"), L, Travel.WORSENING),
        (D("22"), D("22"), L, Travel.SAME),
        (D("25"), D("22"), C, None),
        (D("25"), None, H, None),
    ],
)
def test_direction_of_travel_follows_polarity(now, before, polarity, expected):
    assert travel(now, before, polarity) is expected
