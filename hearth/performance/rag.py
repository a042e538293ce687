"""RAG ratings and direction of travel: pure rules, no database.

Higher-is-better: green at or above target, amber within the tolerance below it, red otherwise;
lower-is-better mirrored; contextual measures get no rating (DOMAIN.md 4.1).
"""

from decimal import Decimal
from enum import StrEnum

from hearth.performance.catalogue import Polarity


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class Travel(StrEnum):
    IMPROVING = "improving"
    WORSENING = "worsening"
    SAME = "no change"


def rag(value: Decimal | None, target: Decimal | None, tolerance: Decimal, polarity: Polarity) -> Rag | None:
    if value is None or target is None or polarity is Polarity.CONTEXT:
        return None
    if polarity is Polarity.HIGHER_IS_BETTER:
        if value >= target:
            return Rag.GREEN
        return Rag.AMBER if value >= target - tolerance else Rag.RED
    if value <= target:
        return Rag.GREEN
    return Rag.AMBER if value <= target + tolerance else Rag.RED


def travel(now: Decimal | None, before: Decimal | None, polarity: Polarity) -> Travel | None:
    """Direction of travel from `before` (the same point last year) to `now`, judged by polarity;
    contextual measures say only whether the figure rose, fell or stayed."""
    if now is None or before is None:
        return None
    if now == before:
        return Travel.SAME
    rose = now > before
    if polarity is Polarity.CONTEXT:
        return None
    better = rose if polarity is Polarity.HIGHER_IS_BETTER else not rose
    return Travel.IMPROVING if better else Travel.WORSENING
