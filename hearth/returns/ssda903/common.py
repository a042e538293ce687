"""What the 903 files share: the collection year, the DfE's date format, the periods of care and
episodes open in the year, and which children each file is about (docs/returns-903.md)."""

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch

from hearth.care.codes import SHORT_BREAK_STATUSES
from hearth.care.models import LegalStatusSpell, PeriodOfCare, Placement
from hearth.care.selectors import Episode, episodes
from hearth.core import collection_years
from hearth.core.shared_reads import shared, shared_reads
from hearth.leavers.indicators import oc3_cohort
from hearth.people.characteristics_selectors import Characteristics, characteristics_of
from hearth.people.models import Child


def collection_bounds(collection_year: int) -> tuple[datetime.date, datetime.date]:
    """The collection year ending 31 March `collection_year`: 2026 is 1 April 2025 to 31 March 2026."""
    return collection_years.year_bounds(collection_year)


def dfe_date(day: datetime.date | None) -> str:
    """Dates in the DfE's CSVs are DD/MM/YYYY; empty when there is none."""
    return day.strftime("%d/%m/%Y") if day else ""


Builder = Callable[[datetime.date, datetime.date], list[dict[str, str]]]


def reads_shared(builder: Builder) -> Builder:
    """A file's builder that reads the year's shared reads (below) once even when called on its
    own: inside export_903 it uses the return's block, alone it opens its own."""

    @functools.wraps(builder)
    def build(year_start: datetime.date, year_end: datetime.date) -> list[dict[str, str]]:
        with shared_reads():
            return builder(year_start, year_end)

    return build


@dataclass(frozen=True)
class EpisodeInYear:
    child: object
    period: PeriodOfCare
    episode: Episode


# The columns the return reads of a period, its child, legal statuses and placements (the episodes,
# hearth.care.selectors.episodes, and the Episodes file's columns, hearth.care.return903): a large
# council's return reads thousands of these rows, and building each with every column (who recorded
# it and when, notes, the referral and its team, care plans) was most of the export's time. Reading
# a column left out here costs a query per object, which the test
# test_the_returns_queries_do_not_grow_with_its_children (returns/tests/test_ssda903_header.py) catches.
PERIOD_COLUMNS = (
    "child_id",
    "started_on",
    "ended_on",
    "end_reason",
    "category_of_need",
    "child__sex",
    "child__date_of_birth",
    "child__upn",
)
LEGAL_STATUS_COLUMNS = ("period_id", "legal_status", "started_on")
PLACEMENT_COLUMNS = (
    "period_id",
    "placement_type",
    "provider_id",
    "postcode",
    "home_postcode",
    "local_authority",
    "started_on",
    "change_reason",
    "provider__provider_code",
    "provider__urn",
    "provider__agency_id",
    "provider__agency__provider_code",
    "provider__agency__urn",
)


def periods_in_year(year_start: datetime.date, year_end: datetime.date) -> list[PeriodOfCare]:
    """Periods of care open at some time from 1 April to 31 March (those ending on 1 April too:
    the episode open on 31 March ends in this year), with their legal statuses and placements
    (oldest first, as hearth.care.selectors.period_with_facts gives them), children in Hearth ID
    order. Only the columns the return reads are loaded (PERIOD_COLUMNS and the others above)."""
    return list(
        PeriodOfCare.objects.select_related("child")
        .only(*PERIOD_COLUMNS)
        .prefetch_related(
            Prefetch(
                "legal_statuses",
                queryset=LegalStatusSpell.objects.only(*LEGAL_STATUS_COLUMNS).order_by("started_on", "id"),
            ),
            Prefetch(
                "placements",
                queryset=Placement.objects.select_related("provider__agency")
                .only(*PLACEMENT_COLUMNS)
                .order_by("started_on", "id"),
            ),
        )
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


@shared
def children_in_header(year_start: datetime.date, year_end: datetime.date) -> dict[int, Child]:
    """The children the Header (and so the UASC file) is about, by id: those with an episode in the
    year and the care leavers of the OC3 cohort (hearth.leavers.indicators.oc3_cohort)."""
    children = {pk: entry["child"] for pk, entry in looked_after_in_year(year_start, year_end).items()}
    for member in oc3_cohort(year_end):
        children.setdefault(member.child.pk, member.child)
    return children


@shared
def characteristics_on_31_march(year_start: datetime.date, year_end: datetime.date) -> dict[int, Characteristics]:
    """The characteristics as on the year's last day of every child in the Header, by id: read once
    for the Header, UASC and Episodes files (a child's are the same whichever others are read)."""
    return characteristics_of(children_in_header(year_start, year_end).values(), year_end)
