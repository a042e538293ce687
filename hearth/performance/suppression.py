"""Small numbers on aggregate-only pages (councillors), one rule for every output an aggregate-only
reader gets (page, PDF, workbook, JSON API): `figure_shown`.

The DfE's rule for published children's social care statistics (docs/domain-verification.md): a
count from 1 to 5 (a setting, `HEARTH_SMALL_NUMBERS_UP_TO`) is shown as "c"; zero is shown; local
authority figures are not rounded; percentages are rounded to whole numbers, and are "c" where they
would give a suppressed count away (the DfE's "secondary suppression", which it leaves to judgement).
Hearth's reading of that last part, chosen so that the rule protects children without hiding most of
a small council's report:

- A count indicator whose count is small is "c": there is nothing else to show.
- A rate (a percentage, a rate per 10,000, an average) whose counts include a small number (the
  children counted, the children in its denominator, or, for a percentage, the children *not*
  counted: 139 of 143 reveals 4) is still shown, **rounded to a whole number, with its numerator
  and denominator withheld** ("c"), so that the rate is there but the small count cannot be worked
  out from the figures beside it. This is "show rates where counts must be hidden".
- Except when its denominator is under `HEARTH_RATES_SHOWN_FROM` (20): a whole-number percentage of
  a group that small maps back to very few possible counts (88% of a group under 20 can only be
  7 of 8 or 15 of 17), so the rate is "c" too.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

SUPPRESSED = "c"


def small(count: int | None) -> bool:
    return count is not None and 1 <= count <= settings.HEARTH_SMALL_NUMBERS_UP_TO


def count_shown(count: int | None):
    return SUPPRESSED if small(count) else count


def counts_are_small(numerator: int | None, denominator: int | None, is_count: bool) -> bool:
    """Whether any count behind a figure is small: the count itself; or, for a rate, the children
    counted, the children in its denominator or the children in the denominator not counted."""
    if is_count:
        return small(numerator)
    not_counted = None if numerator is None or denominator is None else denominator - numerator
    return small(numerator) or small(denominator) or small(not_counted)


def _whole(value):
    """Rounded half up to a whole number, in the value's own type (a float stays a float for JSON)."""
    whole = Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return whole if isinstance(value, Decimal) else type(value)(whole)


def value_shown(value, numerator: int | None, denominator: int | None, is_count: bool):
    """A figure's value as an aggregate-only reader gets it (see the module's rule)."""
    if value is None or not counts_are_small(numerator, denominator, is_count):
        return value
    if is_count or denominator is None or denominator < settings.HEARTH_RATES_SHOWN_FROM:
        return SUPPRESSED
    return _whole(value)


@dataclass(frozen=True)
class FigureShown:
    value: object
    numerator: object
    denominator: object

    @property
    def counts_withheld(self) -> bool:
        """The value is shown but its counts are not (a rate whose counts include a small number)."""
        return self.numerator == SUPPRESSED and self.value != SUPPRESSED


def figure_shown(value, numerator: int | None, denominator: int | None, is_count: bool) -> FigureShown:
    """A figure as an aggregate-only reader gets it: its value (or "c"), and its numerator and
    denominator, both "c" whenever any count behind it is small (a count has no denominator)."""
    if not counts_are_small(numerator, denominator, is_count):
        return FigureShown(value, numerator, denominator)
    return FigureShown(
        value_shown(value, numerator, denominator, is_count),
        SUPPRESSED,
        None if denominator is None else SUPPRESSED,
    )
