"""Looked-after children's indicators about the looked-after population and their placements
(DOMAIN 4.2: L01, L06-L09), each in the Corporate Parenting Panel report's "Looked-after children"
section, and the cohort every L indicator starts from. One row per member of the denominator (for
the rate per 10,000, one row per child counted). The L indicators about the duties owed to these
children (L02-L05, L10, L11, L16) are the duties app's (hearth/duties/indicators.py), built from the
same cohort and rows. Interpretations: docs/looked-after-measures.md.

The cohort on a date D is every child whose period of care is open at the end of D, except children
looked after only for short breaks (legal status V3 or V4 on D), whom DfE leaves out (DOMAIN 4.1).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from hearth.calendar.days import date_key
from hearth.calendar.workingdays import add_months, age_on
from hearth.care.codes import SHORT_BREAK_STATUSES, TEMPORARY_PLACEMENTS
from hearth.care.models import LegalStatusSpell, PeriodOfCare, Placement
from hearth.care.placement_distance import (
    FIFTY_MILES,
    HUNDRED_MILES,
    NEAR_HOME_MILES,
    PlacementDistance,
    placement_distances,
)
from hearth.care.placement_runs import is_status_change_only
from hearth.cin.selectors import holder_on
from hearth.core.shared_reads import shared, sharing
from hearth.people.geography import distance_in_miles, grid_references
from hearth.performance.indicator import (
    RATE_PER_10000,
    Indicator,
    Period,
    Polarity,
    Row,
    SharedCohort,
    has_columns,
)
from hearth.workforce.models import Allocation
from hearth.workforce.selectors import TRANSFERS, team_on, transfers_read

SECTION = "Looked-after children"
# A placed-for-adoption placement with the child's current foster carers continues that placement
# for stability (L07): the DfE's "placed for adoption with the same carers" rule.
ADOPTION_WITH_FOSTER_CARERS = frozenset({"A3", "A5"})
# What every L indicator reads of each period in the cohort besides who held the case (_held_on): the
# legal statuses and placements that decide who is in it, and the team that held the case (indicator_row).
COHORT_BASICS = (
    Prefetch("referral__transfers", queryset=TRANSFERS.queryset),  # the team that held the case on the date
    "legal_statuses",
    "placements",
)
# The facts on the period that some L indicators read as well (the duties app's, by their related
# names): the reviews, health checks, care plans and personal education plans. A report reads them
# all with the cohort, once per date; one indicator alone (its drill-down) reads only its own.
COHORT_FACTS = ("reviews", "health_checks", "care_plans", "peps")
# Everything, with the case's every allocation: periods that are not the cohort on one date (L16's).
COHORT_PREFETCH = ("referral__allocations__worker__user", *COHORT_BASICS, *COHORT_FACTS)


@dataclass(frozen=True)
class LookedAfter:
    period: PeriodOfCare
    placement: Placement  # current at the end of D


def in_force_on(spells, day: datetime.date):
    """The dated fact in force at the end of day (a change on a day takes effect that day)."""
    return next((s for s in spells if s.started_on <= day and (s.ended_on is None or s.ended_on > day)), None)


def cohort_periods(queryset):
    """Periods of care with what the L indicators read of them."""
    return queryset.select_related("child", "referral__team").prefetch_related(*COHORT_PREFETCH)


def looked_after_on(as_of: datetime.date, *facts: str) -> list[LookedAfter]:
    """The cohort: open at the end of as_of, not looked after only for short breaks on that day.
    Inside a report (shared reads) every period comes with all the facts the L indicators read, read
    once per date for them all; asked alone (one indicator's drill-down) with only the COHORT_FACTS
    named in `facts`, those its indicator reads: at 2,500 looked-after children over five years the
    health checks and education plans it would not look at are most of the read."""
    if sharing():
        return _looked_after_with(as_of, COHORT_FACTS)
    unknown = set(facts) - set(COHORT_FACTS)
    if unknown:
        raise ValueError(f"Not a fact the cohort reads: {sorted(unknown)}")
    return _looked_after_with(as_of, tuple(facts))


def _held_on(as_of: datetime.date) -> Prefetch:
    """The case's allocation held on as_of with its worker, in one query: all that holder_on reads of
    the cohort's cases (not every allocation of the case's history, in three queries)."""
    held = Allocation.objects.filter(started_on__lte=as_of).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
    return Prefetch("referral__allocations", queryset=held.select_related("worker__user"))


@shared  # every L indicator starts from this cohort: read once per date in a scorecard
def _looked_after_with(as_of: datetime.date, facts: tuple[str, ...]) -> list[LookedAfter]:
    periods = PeriodOfCare.objects.filter(started_on__lte=as_of).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=as_of)
    )
    periods = periods.select_related("child", "referral__team").prefetch_related(
        _held_on(as_of), *COHORT_BASICS, *facts
    )
    cohort = []
    for period in periods.order_by("started_on", "pk"):
        status = in_force_on(period.legal_statuses.all(), as_of)
        placement = in_force_on(period.placements.all(), as_of)
        if status is None or placement is None or status.legal_status in SHORT_BREAK_STATUSES:
            continue
        cohort.append(LookedAfter(period, placement))
    return cohort


def in_force_sql(model, as_of: datetime.date, column: str) -> Subquery:
    """The column of the period's spell in force at the end of as_of, as in_force_on picks it (the
    first in the model's order: the latest started)."""
    spells = model.objects.filter(period_id=OuterRef("pk"), started_on__lte=as_of).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=as_of)
    )
    return Subquery(spells.order_by("-started_on", "-id").values(column)[:1])


def looked_after_periods_sql(as_of: datetime.date):
    """The cohort (looked_after_on) as a queryset of periods of care worked out in the query itself:
    open at the end of as_of, with a legal status and a placement in force then, the status not a
    short break's."""
    periods = PeriodOfCare.objects.filter(started_on__lte=as_of).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=as_of)
    )
    periods = periods.annotate(
        status_on=in_force_sql(LegalStatusSpell, as_of, "legal_status"),
        placement_on=in_force_sql(Placement, as_of, "pk"),
    )
    return periods.filter(status_on__isnull=False, placement_on__isnull=False).exclude(
        status_on__in=SHORT_BREAK_STATUSES
    )


def looked_after_sql(as_of: datetime.date):
    """The cohort (looked_after_on) as a queryset of periods of care, for the SQL figures."""
    return looked_after_periods_sql(as_of)


# The L, C and W figures that count the cohort: inside a report computation one aggregate query a
# date gives them all (performance.indicator.SharedCohort), where one by one each was a query.
LOOKED_AFTER = SharedCohort("the looked-after cohort", looked_after_periods_sql)


def with_date_of_birth(cohort):
    """The cohort with the child's date of birth, `born` (several measures read it: built once)."""
    return cohort if has_columns(cohort, "born") else cohort.annotate(born=F("child__date_of_birth"))


def indicator_row(period, as_of, *, subject, started, due=None, stopped=None, counted=True) -> Row:
    """An L indicator's row for a period of care: the child, and who held the case on as_of."""
    return Row(
        subject=subject,
        child_id=period.child_id,
        child_name=str(period.child),
        worker=holder_on(period.referral, as_of),
        # The team that held the case on as_of (a case moved since counts in its team then), where the
        # rows were read with the case's transfers (the cohort's are); else the team holding it now.
        team=str(team_on(period.referral, as_of) if transfers_read(period.referral) else period.referral.team),
        started=started,
        due=due,
        stopped=stopped,
        counted=counted,
    )


# L01 ---------------------------------------------------------------------------------------------


def looked_after_rows(as_of: datetime.date) -> list[Row]:
    """L01. Every looked-after child on as_of (rate per 10,000 children aged 0-17)."""
    return [
        indicator_row(
            la.period,
            as_of,
            subject=f"Looked after from {la.period.started_on:%-d %b %Y}",
            started=la.period.started_on,
        )
        for la in looked_after_on(as_of)
    ]


# L06, L07 ---------------------------------------------------------------------------------------


def _continues(previous: Placement, placement: Placement) -> bool:
    """The same placement carrying on: only its status changed (reason PLACE), or the foster carers
    became the child's adopters (A3/A5). Neither is a move, so neither counts as a new placement."""
    if is_status_change_only(previous, placement):
        return True
    return (
        previous.period_id == placement.period_id
        and previous.ended_on == placement.started_on
        and placement.placement_type in ADOPTION_WITH_FOSTER_CARERS
    )


def placements_in_year(placements: list[Placement], as_of: datetime.date) -> int:
    """Placements (not episodes, not temporary T0-T4 moves) the child had at any time in the 12
    months to as_of, a placement already open when they began included."""
    window_start = add_months(as_of, -12)
    held = [
        p
        for p in placements
        if p.placement_type not in TEMPORARY_PLACEMENTS
        and p.started_on <= as_of
        and (p.ended_on is None or p.ended_on > window_start)
    ]
    held.sort(key=lambda p: p.started_on)
    return sum(1 for i, p in enumerate(held) if i == 0 or not _continues(held[i - 1], p))


def three_placements_rows(as_of: datetime.date) -> list[Row]:
    """L06. Counted when the child had three or more placements in the 12 months to as_of (across
    every period of care in those months)."""
    cohort = looked_after_on(as_of)
    children = {la.period.child_id for la in cohort}
    placements: dict[int, list[Placement]] = {}
    for placement in Placement.objects.filter(period__child_id__in=children).select_related("period"):
        placements.setdefault(placement.period.child_id, []).append(placement)
    rows = []
    for la in cohort:
        count = placements_in_year(placements.get(la.period.child_id, []), as_of)
        rows.append(
            indicator_row(
                la.period,
                as_of,
                subject=f"{count} placement(s) in the 12 months",
                started=add_months(as_of, -12),
                counted=count >= 3,
            )
        )
    return rows


def stable_since(period: PeriodOfCare, current: Placement) -> datetime.date:
    """The start of the run of placements that are one placement for stability (see _continues)."""
    placements = sorted(period.placements.all(), key=lambda p: p.started_on, reverse=True)
    start = current
    for previous in placements:
        if previous.started_on < start.started_on and _continues(previous, start):
            start = previous
    return start.started_on


def long_term_stability_rows(as_of: datetime.date) -> list[Row]:
    """L07. Children under 16 on as_of looked after continuously for 2.5 years or more; counted when
    in the same placement for 2 years or more."""
    rows = []
    for la in looked_after_on(as_of):
        period = la.period
        age = age_on(period.child.date_of_birth, as_of)
        if age is None or age >= 16 or period.started_on > add_months(as_of, -30):
            continue
        since = stable_since(period, la.placement)
        rows.append(
            indicator_row(
                period,
                as_of,
                subject=f"Same placement since {since:%-d %b %Y}",
                started=since,
                counted=since <= add_months(as_of, -24),
            )
        )
    return rows


# L09 ---------------------------------------------------------------------------------------------


def outside_area_rows(as_of: datetime.date) -> list[Row]:
    """L09. Counted when the current placement is outside the council's own area."""
    return [
        indicator_row(
            la.period,
            as_of,
            subject=f"Placement from {la.placement.started_on:%-d %b %Y}, "
            + {True: "inside the area", False: "outside the area", None: "area not known"}[
                la.placement.inside_council_area
            ],
            started=la.placement.started_on,
            counted=la.placement.inside_council_area is False,
        )
        for la in looked_after_on(as_of)
    ]


# L08, L08B, L08C, L08N ---------------------------------------------------------------------------


@shared  # L08, its two further bands and the children whose distance is not known
def _cohort_distances(as_of: datetime.date) -> list[tuple[LookedAfter, PlacementDistance]]:
    cohort = looked_after_on(as_of)
    distances = placement_distances((la.period.placements.all(), la.placement) for la in cohort)
    return list(zip(cohort, distances, strict=True))


def _distance_band_rows(as_of: datetime.date, miles: int) -> list[Row]:
    """Children whose placement's distance from home is known (both postcodes located in the ONS
    Postcode Directory); counted when it is over `miles`. DfE reports the rest as "not known"."""
    return [
        indicator_row(
            la.period,
            as_of,
            subject=f"Placed {distance.miles:.1f} miles from home ({distance.band})",
            started=la.placement.started_on,
            counted=distance.over(miles),
        )
        for la, distance in _cohort_distances(as_of)
        if distance.miles is not None
    ]


def distance_from_home_rows(as_of: datetime.date) -> list[Row]:
    """L08. Counted when the distance is over 20 miles."""
    return _distance_band_rows(as_of, NEAR_HOME_MILES)


def over_fifty_miles_rows(as_of: datetime.date) -> list[Row]:
    """L08B. Counted when the distance is over 50 miles."""
    return _distance_band_rows(as_of, FIFTY_MILES)


def over_hundred_miles_rows(as_of: datetime.date) -> list[Row]:
    """L08C. Counted when the distance is over 100 miles."""
    return _distance_band_rows(as_of, HUNDRED_MILES)


def distance_not_known_rows(as_of: datetime.date) -> list[Row]:
    """L08N. Every child in the cohort; counted when the distance is not known, the row saying why
    (no home postcode recorded, or which postcode is not in the directory), so the worker can put it
    right."""
    return [
        indicator_row(
            la.period,
            as_of,
            subject=f"Distance not known: {distance.reason_not_known}"
            if distance.miles is None
            else f"Placed {distance.miles:.1f} miles from home",
            started=la.placement.started_on,
            counted=distance.miles is None,
        )
        for la, distance in _cohort_distances(as_of)
    ]


@shared  # the four distance figures read the cohort's postcodes once
def _cohort_miles(as_of: datetime.date) -> list[float | None]:
    """Each child in the cohort's distance from home (None: not known), without building the
    cohort's objects: one query gives each child's two postcodes (the current placement's, and its
    home postcode or the latest recorded on the period's placements by its start, as home_postcode
    reads it); the distance is then the ONS Postcode Directory's, which is files, not a table
    (docs/performance.md: why these are not SQL to the end)."""
    earlier_home = Placement.objects.filter(period_id=OuterRef("pk"), started_on__lte=as_of)
    earlier_home = earlier_home.exclude(home_postcode="").order_by("-started_on", "-id").values("home_postcode")[:1]
    cohort = looked_after_periods_sql(as_of).annotate(
        postcode=in_force_sql(Placement, as_of, "postcode"),
        own_home=in_force_sql(Placement, as_of, "home_postcode"),
        earlier_home=Subquery(earlier_home),
    )
    pairs = [
        (postcode, own_home or earlier_home or "")
        for postcode, own_home, earlier_home in cohort.values_list("postcode", "own_home", "earlier_home")
    ]
    located = grid_references({code for pair in pairs for code in pair})
    return [distance_in_miles(located.get(home), located.get(postcode)) for postcode, home in pairs]


def _distance_band_figure(as_of: datetime.date, miles: int) -> tuple[int, int]:
    known = [distance for distance in _cohort_miles(as_of) if distance is not None]
    return sum(1 for distance in known if distance > miles), len(known)


def distance_from_home_figure(as_of: datetime.date) -> tuple[int, int]:
    """L08: the same (counted, rows) as distance_from_home_rows."""
    return _distance_band_figure(as_of, NEAR_HOME_MILES)


def over_fifty_miles_figure(as_of: datetime.date) -> tuple[int, int]:
    return _distance_band_figure(as_of, FIFTY_MILES)


def over_hundred_miles_figure(as_of: datetime.date) -> tuple[int, int]:
    return _distance_band_figure(as_of, HUNDRED_MILES)


def distance_not_known_figure(as_of: datetime.date) -> tuple[int, int]:
    miles = _cohort_miles(as_of)
    return sum(1 for distance in miles if distance is None), len(miles)


@LOOKED_AFTER.figure
def looked_after_figure(cohort, as_of: datetime.date):
    """L01 in SQL: every child in the cohort."""
    return cohort, None, None


@LOOKED_AFTER.figure
def outside_area_figure(cohort, as_of: datetime.date):
    """L09 in SQL."""
    cohort = cohort.annotate(placement_inside=in_force_sql(Placement, as_of, "inside_council_area"))
    return cohort, None, Q(placement_inside=False)


def _not_carried_on(placements, carriers):
    """The placements (a queryset) into which none of `carriers` (a queryset) carries on, as
    _continues reads it: a carrier of the same period ends the day the placement starts, and either
    it is the same carer (only the status changed) or the placement is for adoption with these carers (A3, A5)."""
    carried_on = carriers.filter(period_id=OuterRef("period_id"), ended_on=OuterRef("started_on"))
    # The same carer, whatever reason was given (placement_runs.same_carer, as the return reads it).
    placements = placements.exclude(Exists(carried_on.filter(provider_id=OuterRef("provider_id"))))
    return placements.exclude(Q(placement_type__in=ADOPTION_WITH_FOSTER_CARERS) & Exists(carried_on))


@LOOKED_AFTER.figure
def three_placements_figure(cohort, as_of: datetime.date):
    """L06 in SQL: the same (counted, rows) as three_placements_rows. A placement held in the 12
    months counts unless one held then carried on into it."""
    window_start = add_months(as_of, -12)
    held = Placement.objects.exclude(placement_type__in=TEMPORARY_PLACEMENTS).filter(started_on__lte=as_of)
    held = held.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=window_start))
    moves = _not_carried_on(held.filter(period__child_id=OuterRef("child_id")), held)
    count = Subquery(moves.values("period__child_id").annotate(n=Count("pk")).values("n")[:1])
    return cohort.annotate(placement_count=Coalesce(count, 0)), None, Q(placement_count__gte=3)


@LOOKED_AFTER.figure
def long_term_stability_figure(cohort, as_of: datetime.date):
    """L07 in SQL: the same (counted, rows) as long_term_stability_rows. The run of placements that
    are one for stability starts at the latest placement, by the current one's start, that no other
    carried on into (stable_since)."""
    # Placements begun by as_of: a period's placements do not overlap, so none starts after the one in force.
    starts = Placement.objects.filter(period_id=OuterRef("pk"), started_on__lte=as_of)
    starts = _not_carried_on(starts, Placement.objects.filter(started_on__lt=OuterRef("started_on")))
    cohort = (
        with_date_of_birth(cohort)
        .annotate(born_key=date_key("born"))
        .annotate(since=Subquery(starts.order_by("-started_on", "-id").values("started_on")[:1]))
    )
    # Looked after 2.5 years, and under 16 on as_of as age_on counts it (yyyymmdd keys 160,000 apart are 16 years).
    member = Q(started_on__lte=add_months(as_of, -30), born__isnull=False, born_key__gt=_key(as_of) - 160000)
    return cohort, member, Q(since__lte=add_months(as_of, -24))


def _key(day: datetime.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def looked_after_indicator(
    id,
    title,
    definition,
    source,
    polarity,
    rows,
    *,
    unit="%",
    period=Period.AS_AT,
    label="In timescale",
    figure=None,
    evidence="",
):
    """An L indicator in the panel's "Looked-after children" section, counting children."""
    return Indicator(
        id=id,
        title=title,
        definition=definition,
        source=source,
        polarity=polarity,
        unit=unit,
        period=period,
        counts="children",
        rows=rows,
        counted_label=label,
        corporate_parenting_section=SECTION,
        figure=figure,
        evidence=evidence,
    )


COHORT = "children looked after on the date (not those looked after only for short breaks, V3/V4)"

INDICATORS: tuple[Indicator, ...] = (
    looked_after_indicator(
        "L01",
        "Looked-after children per 10,000",
        f"The {COHORT}, per 10,000 children aged 0-17 in the council's population setting.",
        "DfE children looked after statistics (SSDA903)",
        Polarity.CONTEXT,
        looked_after_rows,
        figure=looked_after_figure,
        unit=RATE_PER_10000,
        label="Looked after",
    ),
    looked_after_indicator(
        "L06",
        "Looked-after children with 3 or more placements in 12 months",
        f"Of the {COHORT}, the share who had 3 or more placements in the 12 months to the date: placements, "
        "not episodes (a change of legal status is not a move), temporary placements (T0-T4) left out, a "
        "placement already open 12 months before counted.",
        "DfE children looked after statistics (placement stability)",
        Polarity.LOWER_IS_BETTER,
        three_placements_rows,
        figure=three_placements_figure,
        label="3 or more placements",
    ),
    looked_after_indicator(
        "L07",
        "Long-term placement stability",
        "Of the children under 16 looked after continuously for 2.5 years or more on the date, the share in "
        "the same placement for 2 years or more (a placement for adoption with their foster carers continues "
        "the foster placement).",
        "DfE children looked after statistics (formerly NI 63)",
        Polarity.HIGHER_IS_BETTER,
        long_term_stability_rows,
        figure=long_term_stability_figure,
        label="Same placement 2 years+",
    ),
    looked_after_indicator(
        "L08",
        "Looked-after children placed more than 20 miles from home",
        f"Of the {COHORT} whose placement's distance from home is known, the share placed more than 20 miles "
        "away: the straight line between the postcode of the home they left (HOME_POST) and the placement's "
        "postcode (PL_POST), located in the ONS Postcode Directory. A postcode missing or not in the "
        "directory makes the distance not known, and the child is left out, as in DfE's statistics: L08N "
        "lists them with the reason.",
        "DfE children looked after statistics (placement distance); local measure",
        Polarity.LOWER_IS_BETTER,
        distance_from_home_rows,
        figure=distance_from_home_figure,
        label="Over 20 miles",
        evidence="Rotherham improvement papers",
    ),
    looked_after_indicator(
        "L08B",
        "Looked-after children placed more than 50 miles from home",
        f"Of the {COHORT} whose placement's distance from home is known, the share placed more than 50 miles "
        "away (measured as L08 measures it).",
        "DfE children looked after statistics (placement distance bands); local measure",
        Polarity.LOWER_IS_BETTER,
        over_fifty_miles_rows,
        figure=over_fifty_miles_figure,
        label="Over 50 miles",
        evidence="Rotherham improvement papers: within 20, 50 and over 100 miles",
    ),
    looked_after_indicator(
        "L08C",
        "Looked-after children placed more than 100 miles from home",
        f"Of the {COHORT} whose placement's distance from home is known, the share placed more than 100 miles "
        "away (measured as L08 measures it).",
        "DfE children looked after statistics (placement distance bands); local measure",
        Polarity.LOWER_IS_BETTER,
        over_hundred_miles_rows,
        figure=over_hundred_miles_figure,
        label="Over 100 miles",
        evidence="Rotherham improvement papers: 8 children over 100 miles away",
    ),
    looked_after_indicator(
        "L08N",
        "Looked-after children whose distance from home is not known",
        f"Of the {COHORT}, the share whose placement's distance from home is not known, left out of L08, L08B "
        "and L08C: no postcode recorded for the home they left, or a postcode not in the ONS Postcode "
        "Directory (mistyped, or newer than the installed release). Each row says which, to put right.",
        'DfE children looked after statistics (distance "not known")',
        Polarity.LOWER_IS_BETTER,
        distance_not_known_rows,
        figure=distance_not_known_figure,
        label="Not known",
    ),
    looked_after_indicator(
        "L09",
        "Looked-after children placed outside the council's area",
        f"Of the {COHORT}, the share whose current placement is outside the council's own area.",
        "DfE children looked after statistics; local measure",
        Polarity.LOWER_IS_BETTER,
        outside_area_rows,
        figure=outside_area_figure,
        label="Placed outside the area",
        evidence="Rotherham improvement papers: 35%",
    ),
)
