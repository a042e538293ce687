"""The SSDA903 Missing file for a collection year (1 April to 31 March): one row per missing or away
episode of a looked-after child that the year holds, with the DfE's columns in the validator's order
(lac_validator.config, csc-validator-be-903 0.1.17: CHILD, DOB, MISSING, MIS_START, MIS_END) and its
values as the validator reads them (dates DD/MM/YYYY, CHILD the child's Hearth ID).

Which episodes: those that started by the year's end and had not ended before its start (rules 570
and 571: MIS_START not after the year, MIS_END inside it or blank). So an episode open on 31 March
of last year is in this year's file with the same start (rule 576), and one still open at the end of
the year has a blank MIS_END, even if the child has come back since (rule 571).

The end is the child's return, except where care ended first: the Missing file is about children
missing from care, and a child missing when care ends is shown ending it that day (rules 575 and
577 fail an episode that outlives its period of care). docs/returns-903.md explains each column.
"""

import datetime

from django.utils import timezone

from hearth.missing.models import MissingEpisode
from hearth.missing.selectors import episodes_in_year

COLUMNS = ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END")


def _date(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def mis_end(episode: MissingEpisode, year_end: datetime.date) -> datetime.date | None:
    """The episode's end as the year's return gives it: the day of the return, or the day care ended
    if that came first; blank when neither had happened by the end of the year."""
    ends = [timezone.localdate(episode.returned_at)] if episode.returned_at else []
    if episode.period.ended_on is not None:
        ends.append(episode.period.ended_on)
    end = min(ends) if ends else None
    return end if end is not None and end <= year_end else None


def missing_rows(year_start: datetime.date, year_end: datetime.date) -> list[dict[str, str]]:
    # Only the columns the file and mis_end read: a year can hold hundreds of episodes.
    episodes = (
        episodes_in_year(year_start, year_end)
        .select_related("child", "period")
        .only("child_id", "kind", "started_at", "returned_at", "child__date_of_birth", "period__ended_on")
        .order_by("child_id", "started_at", "pk")
    )
    rows = []
    for episode in episodes:
        end = mis_end(episode, year_end)
        if end is not None and end < year_start:
            continue  # care ended before the year, though the child came back only in it
        rows.append(
            {
                "CHILD": episode.child.hearth_id,
                "DOB": _date(episode.child.date_of_birth),
                "MISSING": episode.kind,
                "MIS_START": _date(timezone.localdate(episode.started_at)),
                "MIS_END": _date(end),
            }
        )
    return rows
