"""When a new placement row is not a move: the child stays with the same carer (the same provider
in the register), in the same period, without a gap, and only the placement's status changed (e.g.
the carers were approved as the child's foster carers, or a long-term foster placement became a
short-term one). This is the 903's own test: such a change starts an episode with RNE T (or U, with
a legal status change too), never P or B (hearth.care.selectors.episodes asks here). Visits (reg
28's clock, T12-T15) and placement stability (L06, L07) ask here too, so the worklist's "visit due",
the count of moves and the return can never disagree about a move. The reason the worker gave for
the change (PLACE, "change of placement status only", or another, e.g. CARPL when the care plan
changed) is the return's REASON_PLACE_CHANGE; it does not decide whether the child moved."""


def same_carer(one, other) -> bool:
    """The carer (or home) is the same: the same provider in the register."""
    return one.provider_id == other.provider_id


def is_status_change_only(previous, placement) -> bool:
    """The placement carries on the one before it in the same period, without a gap, with the same
    carer: only its status changed."""
    return (
        previous.period_id == placement.period_id
        and previous.ended_on == placement.started_on
        and same_carer(previous, placement)
    )


def home_since(placements, placement):
    """The day the child came to live where this placement is: its own start, or the start of the
    placement it carries on after status-only changes. `placements` are the period's placements
    (any order); reg 28's visits run from this day, so a status change does not restart T12."""
    by_end = {p.ended_on: p for p in placements if p.period_id == placement.period_id and p.ended_on}
    current = placement
    while (previous := by_end.get(current.started_on)) is not None and is_status_change_only(previous, current):
        current = previous
    return current.started_on
