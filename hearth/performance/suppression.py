"""Small numbers on aggregate-only pages (councillors): counts from 1 to the threshold (5, DfE's
convention, a setting) are shown as "c", and so is a percentage that would let them be worked out.

One rule for every output an aggregate-only reader gets (page, PDF, workbook, JSON API):
`figure_shown`. When a figure's value is suppressed its numerator and denominator are too, because
shown beside a "c" they would give the suppressed number away (139 of 143 reveals 4 not counted)."""

from dataclasses import dataclass

from django.conf import settings

SUPPRESSED = "c"


def small(count: int | None) -> bool:
    return count is not None and 1 <= count <= settings.HEARTH_SMALL_NUMBERS_UP_TO


def count_shown(count: int | None):
    return SUPPRESSED if small(count) else count


def value_shown(value, numerator: int, denominator: int | None, is_count: bool):
    if is_count:
        return SUPPRESSED if small(numerator) else value
    if small(numerator) or small(denominator) or (denominator is not None and small(denominator - numerator)):
        return SUPPRESSED
    return value


@dataclass(frozen=True)
class FigureShown:
    value: object
    numerator: object
    denominator: object


def figure_shown(value, numerator: int, denominator: int | None, is_count: bool) -> FigureShown:
    """A figure as an aggregate-only reader gets it: all of value, numerator and denominator, or, if
    any of them would let a small number be worked out, "c" for each (a count has no denominator)."""
    if value_shown(value, numerator, denominator, is_count) == SUPPRESSED:
        return FigureShown(SUPPRESSED, SUPPRESSED, None if denominator is None else SUPPRESSED)
    return FigureShown(value, numerator, denominator)
