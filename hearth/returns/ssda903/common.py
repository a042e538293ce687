"""What the 903 files share: the collection year, the DfE's date format, the periods of care and
episodes open in the year, and which children each file is about (docs/returns-903.md)."""

import datetime
from dataclasses import dataclass

from hearth.care.codes import SHORT_BREAK_STATUSES
from hearth.care.models import PeriodOfCare
from hearth.care.selectors import Episode, episodes, period_with_facts
from hearth.core.shared_reads import shared


def collection_bounds(collection_year: int) -> tuple[datetime.date, datetime.date]:
    """The collection year ending 31 March `collection_year`: 2026 is 1 April 2025 to 31 March 2026."""
    return datetime.date(collection_year - 1, 4, 1), datetime.date(collection_year, 3, 31)


def dfe_date(day: datetime.date | None) -> str:
    """Dates in the DfE's CSVs are DD/MM/YYYY; empty when there is none."""
    return day.strftime("%d/%m/%Y") if day else ""


@dataclass(frozen=True)
class EpisodeInYear:
    child: object
    period: PeriodOfCare
    episode: Episode


def periods_in_year(year_start: datetime.date, year_end: datetime.date) -> list[PeriodOfCare]:
    """Periods of care open at some time from 1 April to 31 March (those ending on 1 April too:
    the episode open on 31 March ends in this year), with their facts, children in Hearth ID order."""
    return list(
        period_with_facts()
        .filter(started_on__lte=year_end)
        .exclude(ended_on__lt=year_start)
        .order_by("child_id", "started_on", "id")
    )


@shared  # read once per year by the files of one return (export_903)
def episodes_in_year(year_start: datetime.date, year_end: datetime.date) -> list[EpisodeInYear]:
    """Every 903 episode open at some time in the year (DECOM by 31 March, DEC on or after 1 April
    or none), each child's in date order: the Episodes file's rows (DfE guidance: all episodes open
    during the year)."""
    found = []
    for period in periods_in_year(year_start, year_end):
        for episode in episodes(period):
            if episode.started_on <= year_end and (episode.ended_on is None or episode.ended_on >= year_start):
                found.append(EpisodeInYear(period.child, period, episode))
    return found


@shared
def looked_after_in_year(year_start: datetime.date, year_end: datetime.date) -> dict[int, dict]:
    """The children with an episode in the year, by id: the child, whether every one of their
    episodes in the year was a short break (V3, V4), and the day their last episode ended (None if
    still looked after on 31 March)."""
    children: dict[int, dict] = {}
    for item in episodes_in_year(year_start, year_end):
        entry = children.setdefault(
            item.child.pk, {"child": item.child, "short_breaks_only": True, "last_ended_on": None, "open": False}
        )
        if item.episode.legal_status.legal_status not in SHORT_BREAK_STATUSES:
            entry["short_breaks_only"] = False
        ended = item.episode.ended_on
        if ended is None or ended > year_end:
            entry["open"] = True
        elif entry["last_ended_on"] is None or ended > entry["last_ended_on"]:
            entry["last_ended_on"] = ended
    return children
