"""The panel's direction of travel agrees with the chart beside it: judged against the earliest
month the chart shows that was published with a value, never against a point it does not show."""

from decimal import Decimal
from types import SimpleNamespace

from hearth.performance.corporate_parenting import travel_since_first_published

D = Decimal


def _trend(*values):
    months = ["Jun 2026", "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026"]
    return {"L02": ([], list(zip(months, values, strict=True)))}


def test_a_falling_line_is_worsening_whatever_the_same_point_last_year_said():
    """L02 (higher is better): June not published, July 90%, then down to 80% in November. The
    stored travel (against November last year, worked out from a thin early record) said
    "improving"; the panel says worsening since July, the chart's first point."""
    figure = SimpleNamespace(indicator_id="L02", value=D("80.0"), travel="improving")
    assert travel_since_first_published(
        figure, _trend(None, D("90.0"), D("88.0"), D("85.0"), D("82.0"), D("80.0"))
    ) == (
        "worsening",
        "Jul 2026",
    )


def test_lower_is_better_falling_is_improving():
    """L08 (placed over 20 miles, lower is better): 30% in June to 25% in November: improving."""
    figure = SimpleNamespace(indicator_id="L08", value=D("25.0"), travel="")
    trend = {"L08": ([], [("Jun 2026", D("30.0")), ("Jul 2026", None), ("Nov 2026", D("25.0"))])}
    assert travel_since_first_published(figure, trend) == ("improving", "Jun 2026")


def test_the_only_published_month_has_no_direction():
    figure = SimpleNamespace(indicator_id="L02", value=D("80.0"), travel="improving")
    assert travel_since_first_published(figure, _trend(None, None, None, None, None, D("80.0"))) == (None, "")
