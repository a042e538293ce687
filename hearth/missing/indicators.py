"""Missing episodes of looked-after children (DOMAIN 4.2 L18, L19), in the Corporate Parenting Panel
report's "Looked-after children" section. All three count from 1 April to the date:

- L18 the looked-after children who went missing or away from placement (an episode started in the
  period; each child once);
- L18E the episodes that started in the period;
- L19 of the children's returns in the period whose outcome is known on the date (the interview
  offered, or the 72 hours run out without an offer), the share offered a return home interview
  within 72 hours of the return (timescale T30, true elapsed hours). A return whose 72 hours are
  still running and with no offer yet is neither on time nor late, and is left out until it is.

Every episode is a looked-after child's (the service refuses others: DfE rules 578 and 581), so the
cohort is the episodes themselves; a child looked after only for short breaks who went missing counts.
"""

import datetime

from django.db.models import Count, F, Prefetch, Q
from django.utils.timezone import localtime

from hearth.care.indicators import SECTION, indicator_row
from hearth.missing.models import MissingEpisode
from hearth.missing.selectors import (
    INTERVIEW_RULE,
    episodes_returned_between,
    episodes_started_between,
)
from hearth.performance.indicator import Indicator, Period, Polarity, Row, counted_figure, end_of_day, year_start
from hearth.timescales.selectors import clock
from hearth.workforce.selectors import TRANSFERS as CASE_TRANSFERS

RELATED = ("child", "period__child", "period__referral__team")
# The team that held each case on the date (indicator_row reads team_on where the moves were read).
TRANSFERS = Prefetch("period__referral__transfers", queryset=CASE_TRANSFERS.queryset)


def _what(episode: MissingEpisode) -> str:
    return "Missing" if episode.kind == "M" else "Away from placement"


def _started_this_year(as_of: datetime.date) -> list[MissingEpisode]:
    episodes = episodes_started_between(year_start(as_of), as_of).select_related(*RELATED).prefetch_related(TRANSFERS)
    return list(episodes.order_by("started_at", "pk"))


def children_missing_rows(as_of: datetime.date) -> list[Row]:
    """L18. One row per child with an episode started since 1 April, at their first episode."""
    first: dict[int, MissingEpisode] = {}
    for episode in _started_this_year(as_of):
        first.setdefault(episode.child_id, episode)
    return [
        indicator_row(
            episode.period,
            as_of,
            subject=f"{_what(episode)} first on {localtime(episode.started_at):%-d %b %Y}",
            started=episode.started_at,
        )
        for episode in first.values()
    ]


def missing_episode_rows(as_of: datetime.date) -> list[Row]:
    """L18E. One row per episode started since 1 April."""
    return [
        indicator_row(
            episode.period,
            as_of,
            subject=f"{_what(episode)} from {localtime(episode.started_at):%-d %b %Y}",
            started=episode.started_at,
            stopped=episode.returned_at,
        )
        for episode in _started_this_year(as_of)
    ]


def interview_in_72_hours_rows(as_of: datetime.date) -> list[Row]:
    """L19. The returns since 1 April whose interview was offered by the end of as_of or whose 72
    hours ran out by then; counted when offered within 72 hours."""
    interview = clock(INTERVIEW_RULE)
    end = end_of_day(as_of)
    rows = []
    episodes = episodes_returned_between(year_start(as_of), as_of).select_related(*RELATED).prefetch_related(TRANSFERS)
    for episode in episodes.order_by("returned_at", "pk"):
        offered = (
            episode.interview_offered_at
            if episode.interview_offered_at and episode.interview_offered_at < end
            else None
        )
        due = interview.due(episode.returned_at)
        if offered is None and due > end:
            continue  # still inside its 72 hours on as_of
        rows.append(
            indicator_row(
                episode.period,
                as_of,
                subject=f"{_what(episode)}, back {localtime(episode.returned_at):%-d %b %Y}",
                started=episode.returned_at,
                due=due,
                stopped=offered,
                counted=offered is not None and interview.met(episode.returned_at, offered),
            )
        )
    return rows


def _started_this_year_sql(as_of: datetime.date):
    return episodes_started_between(year_start(as_of), as_of)


def children_missing_figure(as_of: datetime.date) -> tuple[int, int]:
    """L18 in SQL: the children with an episode started since 1 April, each once."""
    children = _started_this_year_sql(as_of).aggregate(n=Count("child_id", distinct=True))["n"]
    return children, children


def missing_episode_figure(as_of: datetime.date) -> tuple[int, int]:
    """L18E in SQL: the episodes started since 1 April."""
    return counted_figure(_started_this_year_sql(as_of))


def interview_in_72_hours_figure(as_of: datetime.date) -> tuple[int, int]:
    """L19 in SQL: the same (counted, rows) as interview_in_72_hours_rows (T30 in true elapsed hours)."""
    end = end_of_day(as_of)
    returns = episodes_returned_between(year_start(as_of), as_of).annotate(
        due=clock(INTERVIEW_RULE).due_sql("returned_at")
    )
    offered = Q(interview_offered_at__lt=end)
    return counted_figure(returns.filter(offered | Q(due__lte=end)), offered & Q(interview_offered_at__lte=F("due")))


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="L18",
        title="Looked-after children who went missing or away from placement",
        definition="Looked-after children who went missing, or were away from their placement without "
        "authorisation, at least once since 1 April (each child counted once).",
        source="DfE children looked after statistics (SSDA903 Missing file)",
        polarity=Polarity.CONTEXT,
        unit="count",
        period=Period.YEAR_TO_DATE,
        counts="children",
        rows=children_missing_rows,
        figure=children_missing_figure,
        counted_label="Went missing or away",
        corporate_parenting_section=SECTION,
    ),
    Indicator(
        id="L18E",
        title="Missing and away from placement episodes",
        definition="Episodes of looked-after children missing, or away from their placement without "
        "authorisation, that started since 1 April.",
        source="DfE children looked after statistics (SSDA903 Missing file)",
        polarity=Polarity.CONTEXT,
        unit="count",
        period=Period.YEAR_TO_DATE,
        counts="missing episodes",
        rows=missing_episode_rows,
        figure=missing_episode_figure,
        counted_label="Episode",
        corporate_parenting_section=SECTION,
    ),
    Indicator(
        id="L19",
        title="Return home interviews offered within 72 hours",
        definition="Of the looked-after children's returns from being missing or away since 1 April whose "
        "outcome is known on the date (the interview offered, or 72 hours passed without an offer), the "
        "share offered a return home interview within 72 hours of the return (timescale T30, true elapsed "
        "hours).",
        source="Statutory guidance on children who run away or go missing from home or care (2014); Ofsted "
        "Annex A list 8",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="returns",
        rows=interview_in_72_hours_rows,
        figure=interview_in_72_hours_figure,
        counted_label="Offered within 72 hours",
        corporate_parenting_section=SECTION,
    ),
)
