"""When a worker's supervision falls due, and what "in timescale" means: the one definition the
manager's worklist and W05 both ask (docs/workforce.md "Supervision").

Supervision is a recurring duty, so its clock runs from the last supervision actually held (DOMAIN
3.1), or, before the first, from the day the worker started. Rule T40 has no national limit: the
council's local standard if set, else monthly. A worker with neither a supervision nor a start date
recorded has no clock to run: their supervision is due from the day asked about (so W05 counts them
as not in timescale until one is recorded).
"""

import datetime
from collections.abc import Iterable

from hearth.cin.timeliness import due_by_local_standard
from hearth.timescales.selectors import Clock, clock

SUPERVISION_RULE = "T40"


def supervision_runs_from(worker, held: Iterable[datetime.date], as_of: datetime.date) -> datetime.date | None:
    """The event the clock runs from on as_of: the last supervision held by then, else the start."""
    last = max((day for day in held if day <= as_of), default=None)
    if last is not None and (worker.started_on is None or last >= worker.started_on):
        return last
    return worker.started_on


def supervision_due(
    worker, held: Iterable[datetime.date], as_of: datetime.date, rule_clock: Clock | None = None
) -> datetime.date:
    """When the worker's next supervision is due, as seen on as_of."""
    runs_from = supervision_runs_from(worker, held, as_of)
    if runs_from is None:
        return as_of
    return due_by_local_standard(rule_clock or clock(SUPERVISION_RULE), runs_from)


def supervision_in_timescale(
    worker, held: Iterable[datetime.date], as_of: datetime.date, rule_clock: Clock | None = None
) -> bool:
    """Supervised within the interval before as_of (or started within it): not yet overdue."""
    held = list(held)
    if supervision_runs_from(worker, held, as_of) is None:
        return False
    return as_of <= supervision_due(worker, held, as_of, rule_clock)
