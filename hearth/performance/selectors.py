"""Indicator values as of a date, from the catalogue's rows."""

import datetime
from dataclasses import dataclass

from hearth.performance.catalogue import CATALOGUE, CATALOGUE_BY_ID, Indicator, Row, year_start


@dataclass(frozen=True)
class Result:
    indicator: Indicator
    as_of: datetime.date
    period_start: datetime.date
    numerator: int
    denominator: int
    rows: list[Row]

    @property
    def is_count(self) -> bool:
        return self.indicator.unit == "count"

    @property
    def value(self) -> float | int | None:
        """A count, or the proportion (0-1); None when a proportion has nothing to divide by."""
        if self.is_count:
            return self.numerator
        return self.numerator / self.denominator if self.denominator else None


def indicator_result(indicator: Indicator, as_of: datetime.date) -> Result:
    rows = indicator.rows(as_of)
    return Result(
        indicator=indicator,
        as_of=as_of,
        period_start=year_start(as_of),
        numerator=sum(1 for row in rows if row.counted),
        denominator=len(rows),
        rows=rows,
    )


def all_results(as_of: datetime.date) -> list[Result]:
    return [indicator_result(indicator, as_of) for indicator in CATALOGUE]


def result_by_id(indicator_id: str, as_of: datetime.date) -> Result | None:
    indicator = CATALOGUE_BY_ID.get(indicator_id)
    return indicator_result(indicator, as_of) if indicator else None
