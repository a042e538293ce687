"""The Reviews file: each looked-after review held in the year (docs/returns-903.md, "Reviews")."""

import datetime

from hearth.duties.models import CareReview
from hearth.people.models import format_hearth_id
from hearth.returns.ssda903.common import dfe_date, looked_after_in_year

COLUMNS = ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]


def review_rows(year_start: datetime.date, year_end: datetime.date) -> list[dict[str, str]]:
    """Reviews held from 1 April to 31 March, with how the child took part (REVIEW_CODE, PN0-PN7);
    none for a child looked after in the year only for short breaks (V3, V4: rule 399, whose
    reviews are not the 903's)."""
    looked_after = looked_after_in_year(year_start, year_end)
    reviews = (
        CareReview.objects.filter(held_on__gte=year_start, held_on__lte=year_end)
        .order_by("period__child_id", "held_on", "id")
        .values_list("period__child_id", "period__child__date_of_birth", "held_on", "participation")
    )
    rows = []
    for child_id, born, held_on, participation in reviews:
        entry = looked_after.get(child_id)
        if entry is None or entry["short_breaks_only"]:
            continue
        rows.append(
            {
                "CHILD": format_hearth_id(child_id),
                "DOB": dfe_date(born),
                "REVIEW": dfe_date(held_on),
                "REVIEW_CODE": participation,
            }
        )
    return rows
