"""Up-to-date plans by plan type: the Commissioner's table (seeds 002), one row per plan type.

Each row names the indicator that measures "up to date" for that plan type. The rows whose plans
Hearth does not record yet have no indicator; when looked-after and pathway plans arrive, each
becomes one line here (its indicator id), and the page fills in.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from hearth.core.shared_reads import shared_reads
from hearth.performance.indicator import Indicator, measures_alone


@dataclass(frozen=True)
class PlanType:
    name: str
    indicator_id: str | None  # None: this kind of plan is not yet recorded in Hearth


PLAN_TYPES: tuple[PlanType, ...] = (
    PlanType("Child protection", "N02"),
    PlanType("Looked after children", "L02"),
    PlanType("Children in need", "N01"),
    PlanType("Pathway plans", "C01"),
)

MONTHS_LOOKED_BACK = 12


@dataclass(frozen=True)
class PlanTypeLine:
    plan_type: PlanType
    indicator: Indicator | None
    now: Decimal | None
    numerator: int
    denominator: int
    lowest: Decimal | None
    lowest_on: datetime.date | None
    lowest_published: bool = False  # the lowest point is a published month's figure, as sent

    @property
    def recorded(self) -> bool:
        return self.indicator is not None


def month_ends_before(as_of: datetime.date, months: int = MONTHS_LOOKED_BACK) -> list[datetime.date]:
    """The last `months` month-ends on or before as_of, oldest first."""
    ends = []
    day = as_of if (as_of + datetime.timedelta(days=1)).day == 1 else as_of.replace(day=1) - datetime.timedelta(days=1)
    for _ in range(months):
        ends.append(day)
        day = day.replace(day=1) - datetime.timedelta(days=1)
    return list(reversed(ends))


def up_to_date_by_plan_type(as_of: datetime.date) -> list[PlanTypeLine]:
    """Each plan type's % up to date on as_of, and its lowest point over the last 12 month-ends (and
    as_of itself): the same indicator, asked at each date, so the two columns cannot disagree. A
    month-end whose month was published is its published figure (as the scorecard's comparisons and
    trends read it): on a council with a year published, the page works out only as_of's figures,
    not thirteen dates' (the page took 7 s in the database at a third of a large council's size)."""
    from hearth.performance.catalogue import CATALOGUE_BY_ID
    from hearth.performance.selectors import comparison, display_value, indicator_result, published_figures

    ends = month_ends_before(as_of)
    published = published_figures(ends)
    lines = []
    # The clocks, and the rows several indicators start from, read once per date; each figure on its
    # own (measures_alone), not its cohort's every measure: the page wants one looked-after measure.
    with shared_reads(), measures_alone():
        for plan_type in PLAN_TYPES:
            indicator = CATALOGUE_BY_ID.get(plan_type.indicator_id) if plan_type.indicator_id else None
            if indicator is None:
                lines.append(PlanTypeLine(plan_type, None, None, 0, 0, None, None))
                continue
            now = indicator_result(indicator, as_of)
            points = []
            for end in ends:
                earlier = comparison(indicator, end, published)
                points.append((earlier.value, end, earlier.published is not None))
            points.append((display_value(now), as_of, False))
            measured = [point for point in points if point[0] is not None]
            lowest, lowest_on, lowest_published = (
                min(measured, key=lambda point: (point[0], point[1])) if measured else (None, None, False)
            )
            lines.append(
                PlanTypeLine(
                    plan_type,
                    indicator,
                    display_value(now),
                    now.numerator,
                    now.denominator,
                    lowest,
                    lowest_on,
                    lowest_published,
                )
            )
    return lines
