"""Small numbers on aggregate-only pages (councillors): counts from 1 to the threshold (5, DfE's
convention, a setting) are shown as "c", and so is a percentage that would let them be worked out."""

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
