"""The SSDA903 DoLo file (from 2026-27): each deprivation of liberty order of a looked-after child
that the collection year holds, with the columns as the DfE's validator reads them
(lac_validator.config: CHILD, DOB, DOLO_START, DOLO_END; rules 700-710).

- Which orders: those made by 31 March that had not ended before 1 April (rules 703, 704).
- DOLO_END is the order's end, or the day care ended if that came first: the return is about
  children looked after, and rule 707 fails an order still open after the child's care ended
  (the same reading as the Missing file's). Blank if neither had happened by 31 March (rule 704:
  an end after the year is not given).
"""

import datetime

from hearth.care.models import DeprivationOfLiberty
from hearth.people.models import format_hearth_id
from hearth.returns.ssda903.common import dfe_date

COLUMNS = ("CHILD", "DOB", "DOLO_START", "DOLO_END")


def dolo_end(ended_on, care_ended_on, year_end: datetime.date) -> datetime.date | None:
    """The order's end as the year's return gives it (see above)."""
    ends = [day for day in (ended_on, care_ended_on) if day is not None]
    end = min(ends) if ends else None
    return end if end is not None and end <= year_end else None


def deprivation_of_liberty_rows(year_start: datetime.date, year_end: datetime.date) -> list[dict[str, str]]:
    orders = (
        DeprivationOfLiberty.objects.filter(started_on__lte=year_end)
        .order_by("period__child_id", "started_on", "pk")
        .values(
            "period__child_id",
            "period__child__date_of_birth",
            "started_on",
            "ended_on",
            "period__ended_on",
        )
    )
    rows = []
    for order in orders:
        care_ended_on = order["period__ended_on"]
        if care_ended_on is not None and care_ended_on < year_start:
            continue
        if order["ended_on"] is not None and order["ended_on"] < year_start:
            continue
        end = dolo_end(order["ended_on"], care_ended_on, year_end)
        rows.append(
            {
                "CHILD": format_hearth_id(order["period__child_id"]),
                "DOB": dfe_date(order["period__child__date_of_birth"]),
                "DOLO_START": dfe_date(order["started_on"]),
                "DOLO_END": dfe_date(end),
            }
        )
    return rows
