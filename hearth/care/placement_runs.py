"""When a new placement row is not a move: the child stays in the same home and only the
placement's status changed (903 reason for change PLACE, e.g. the carers were approved as the
child's foster carers). Visits (reg 28's clock, T12-T15) and placement stability (L06) both ask
here, so the worklist's "visit due" and the count of moves can never disagree about a move."""

from hearth.care.codes import PlacementChangeReason


def is_status_change_only(previous, placement) -> bool:
    """The placement carries on the one before it in the same period, without a gap, and the one
    before ended only because its status changed."""
    return (
        previous.period_id == placement.period_id
        and previous.ended_on == placement.started_on
        and previous.change_reason == PlacementChangeReason.PLACE
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
