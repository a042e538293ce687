"""The SSDA903 social worker episodes file (SWEpisodes): for each child looked after on 31 March,
every social worker who held their case at some time in the collection year, with the day the
worker took the case, the day they gave it up and why the worker changed (docs/returns-903.md,
"Social worker episodes"). Columns as the DfE's validator reads them (lac_validator.config:
CHILD, DOB, SW_ID, SW_DECOM, SW_DEC, SW_REASON).

- Which children: those looked after on 31 March other than on a short break (V3, V4), the DfE's
  CLA_AT_31_MARCH; rule SW12STG2 asks for all of their social worker episodes in the year, "even
  those whilst they were not looked after", and SW17STG2 for an episode open on 31 March.
- An episode is an allocation of the child's case (any of their cases) open at some time in the
  year. An allocation that ended the day it started never held the case: it is not an episode.
- SW_ID is the worker's Social Work England registration number (blank, and failing rule SW02STG1,
  until it is recorded on the worker).
- SW_REASON is the reason recorded when the worker changed; a case's first allocation is the
  child's first contact with that involvement's worker: FCONTA.
- SW_DEC is blank while the worker still held the case on 31 March.
"""

import datetime

from django.db.models import Exists, F, OuterRef, Q

from hearth.care.codes import SHORT_BREAK_STATUSES
from hearth.returns.ssda903.common import dfe_date, episodes_in_year
from hearth.workforce.models import FIRST_CONTACT, Allocation

COLUMNS = ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON")


def looked_after_on_31_march(year_start: datetime.date, year_end: datetime.date) -> dict[int, object]:
    """The children whose episode open on 31 March is not a short break, by id."""
    return {
        item.child.pk: item.child
        for item in episodes_in_year(year_start, year_end)
        if (item.episode.ended_on is None or item.episode.ended_on > year_end)
        and item.episode.legal_status.legal_status not in SHORT_BREAK_STATUSES
    }


def social_worker_episode_rows(year_start: datetime.date, year_end: datetime.date) -> list[dict[str, str]]:
    children = looked_after_on_31_march(year_start, year_end)
    earlier_on_the_case = Allocation.objects.filter(referral=OuterRef("referral")).filter(
        Q(started_on__lt=OuterRef("started_on")) | Q(started_on=OuterRef("started_on"), pk__lt=OuterRef("pk"))
    )
    allocations = (
        Allocation.objects.filter(referral__child_id__in=children, started_on__lte=year_end)
        .exclude(ended_on__lt=year_start)
        .exclude(ended_on=F("started_on"))
        .annotate(first_on_the_case=~Exists(earlier_on_the_case))
        .order_by("referral__child_id", "started_on", "pk")
        .values(
            "referral__child_id",
            "worker__registration_number",
            "started_on",
            "ended_on",
            "change_reason",
            "first_on_the_case",
        )
    )
    rows = []
    for allocation in allocations:
        child = children[allocation["referral__child_id"]]
        ended_on = allocation["ended_on"]
        reason = allocation["change_reason"] or (FIRST_CONTACT if allocation["first_on_the_case"] else "")
        rows.append(
            {
                "CHILD": child.hearth_id,
                "DOB": dfe_date(child.date_of_birth),
                "SW_ID": allocation["worker__registration_number"],
                "SW_DECOM": dfe_date(allocation["started_on"]),
                "SW_DEC": dfe_date(ended_on) if ended_on is not None and ended_on <= year_end else "",
                "SW_REASON": reason,
            }
        )
    return rows
