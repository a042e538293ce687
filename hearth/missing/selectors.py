"""Reads of missing episodes: a child's, for their page; the episodes whose return home interview
is still to be offered, for worklists; the episodes of a year, for the indicators and the 903."""

import datetime

from django.db.models import Q

from hearth.care.models import PeriodOfCare
from hearth.care.selectors import care_now
from hearth.core.services import london_datetime
from hearth.core.shared_reads import shared
from hearth.missing.models import MissingEpisode
from hearth.people.rows_held import may_hold
from hearth.timescales.selectors import clock

INTERVIEW_RULE = "T30"  # return home interview offered within 72 hours of the return


def interview_due(episode: MissingEpisode) -> datetime.datetime | None:
    """When the return home interview is due to be offered (72 hours after the return)."""
    return None if episode.returned_at is None else clock(INTERVIEW_RULE).due(episode.returned_at)


def interview_offered_in_time(episode: MissingEpisode) -> bool:
    return episode.interview_offered_at is not None and clock(INTERVIEW_RULE).met(
        episode.returned_at, episode.interview_offered_at
    )


@shared  # the child's page reads them for its missing section and for what is due (interviews to offer)
def episodes_for_child(child) -> list[MissingEpisode]:
    if not may_hold(child, "missing.MissingEpisode"):
        return []
    return list(child.missing_episodes.select_related("period", "recorded_by").order_by("-started_at", "-id"))


def open_period(child) -> PeriodOfCare | None:
    now = care_now(child)  # as the child's page's care sections read it (a shared read)
    return now.period if now is not None else None


def child_page_missing(user, child) -> dict:
    """The child's page section: the episode open now (flagged), the history with each return home
    interview, and whether this user may record one (a looked-after child, someone working the case)."""
    episodes = episodes_for_child(child)
    period = open_period(child)
    return {
        "missing_episodes": [(episode, interview_due(episode)) for episode in episodes],
        "missing_now": next((episode for episode in episodes if episode.is_open), None),
        "missing_period": period,
        "can_record_missing": period is not None and user.has_perm("missing.record_missing", period),
    }


def episodes_awaiting_interview(child_ids) -> list[MissingEpisode]:
    """Episodes of these children whose child has come back and whose interview is not yet offered."""
    return list(
        MissingEpisode.objects.filter(
            child_id__in=child_ids, returned_at__isnull=False, interview_offered_at__isnull=True
        ).select_related("child")
    )


def day_bounds(first: datetime.date, last: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """From the start of `first` to the end of `last`, as aware times (Europe/London)."""
    return london_datetime(first, datetime.time(0, 0)), london_datetime(
        last + datetime.timedelta(days=1), datetime.time(0, 0)
    )


def episodes_started_between(first: datetime.date, last: datetime.date):
    start, end = day_bounds(first, last)
    return MissingEpisode.objects.filter(started_at__gte=start, started_at__lt=end)


def episodes_returned_between(first: datetime.date, last: datetime.date):
    start, end = day_bounds(first, last)
    return MissingEpisode.objects.filter(returned_at__gte=start, returned_at__lt=end)


def episodes_in_year(year_start: datetime.date, year_end: datetime.date):
    """The episodes the 903 Missing file holds for a year: started by its end, and not returned before
    its start (returned in the year, or still open at its end). DfE rules 570 and 571."""
    start, end = day_bounds(year_start, year_end)
    return MissingEpisode.objects.filter(started_at__lt=end).filter(
        Q(returned_at__isnull=True) | Q(returned_at__gte=start)
    )
