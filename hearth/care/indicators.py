"""Looked-after children's indicators (DOMAIN 4.2: L01-L11, L16), each in the Corporate
Parenting Panel report's "Looked-after children" section. One row per member of the denominator
(for the rate per 10,000, one row per child counted). Due dates come from hearth/care/duties.py,
which asks the timescales rules; nothing here counts days. Interpretations: docs/looked-after-measures.md.

The cohort on a date D is every child whose period of care is open at the end of D, except children
looked after only for short breaks (legal status V3 or V4 on D), whom DfE leaves out (DOMAIN 4.1).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from hearth.calendar.workingdays import add_months
from hearth.care import duties
from hearth.care.codes import SHORT_BREAK_STATUSES, TEMPORARY_PLACEMENTS
from hearth.care.models import PeriodOfCare, Placement
from hearth.care.placement_distance import placement_distances
from hearth.care.placement_runs import home_since, is_status_change_only
from hearth.cin.selectors import holder_on
from hearth.core.shared_reads import shared
from hearth.duties.codes import HealthCheckKind
from hearth.performance.indicator import RATE_PER_10000, Indicator, Period, Polarity, Row, year_start
from hearth.visits.selectors import last_seen_visits

SECTION = "Looked-after children"
# A placed-for-adoption placement with the child's current foster carers continues that placement
# for stability (L07): the DfE's "placed for adoption with the same carers" rule.
ADOPTION_WITH_FOSTER_CARERS = frozenset({"A3", "A5"})


@dataclass(frozen=True)
class LookedAfter:
    period: PeriodOfCare
    placement: Placement  # current at the end of D


def _current(spells, day: datetime.date):
    """The dated fact in force at the end of day (a change on a day takes effect that day)."""
    return next((s for s in spells if s.started_on <= day and (s.ended_on is None or s.ended_on > day)), None)


def _periods(queryset):
    return queryset.select_related("child", "referral__team").prefetch_related(
        "referral__allocations__worker__user", "legal_statuses", "placements", "reviews", "health_checks", "care_plans"
    )


@shared  # every L indicator starts from this cohort: read once per date in a scorecard
def looked_after_on(as_of: datetime.date) -> list[LookedAfter]:
    """The cohort: open at the end of as_of, not looked after only for short breaks on that day."""
    periods = _periods(
        PeriodOfCare.objects.filter(started_on__lte=as_of).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
    )
    cohort = []
    for period in periods.order_by("started_on", "pk"):
        status = _current(period.legal_statuses.all(), as_of)
        placement = _current(period.placements.all(), as_of)
        if status is None or placement is None or status.legal_status in SHORT_BREAK_STATUSES:
            continue
        cohort.append(LookedAfter(period, placement))
    return cohort


def _row(period, as_of, *, subject, started, due=None, stopped=None, counted=True) -> Row:
    return Row(
        subject=subject,
        child_id=period.child_id,
        child_name=str(period.child),
        worker=holder_on(period.referral, as_of),
        team=str(period.referral.team),
        started=started,
        due=due,
        stopped=stopped,
        counted=counted,
    )


def _twenty_working_days_on(period, as_of, clocks) -> bool:
    """Looked after 20 working days or more on as_of: the first review's (T18) due date has come."""
    return duties.review_due(period.started_on, [], clocks).due <= as_of


def _checks(period, kind, as_of) -> list[datetime.date]:
    return sorted(
        c.done_on for c in period.health_checks.all() if c.kind == kind and not c.refused and c.done_on <= as_of
    )


# L01 ---------------------------------------------------------------------------------------------


def looked_after_rows(as_of: datetime.date) -> list[Row]:
    """L01. Every looked-after child on as_of (rate per 10,000 children aged 0-17)."""
    return [
        _row(
            la.period,
            as_of,
            subject=f"Looked after from {la.period.started_on:%-d %b %Y}",
            started=la.period.started_on,
        )
        for la in looked_after_on(as_of)
    ]


# L02 ---------------------------------------------------------------------------------------------


def up_to_date_care_plan_rows(as_of: datetime.date) -> list[Row]:
    """L02. Counted when a care plan exists and the latest, agreed by as_of, was agreed on or after
    the last looked-after review held by as_of (before the first review, any care plan counts)."""
    rows = []
    for la in looked_after_on(as_of):
        plans = [p.agreed_on for p in la.period.care_plans.all() if p.agreed_on <= as_of]
        reviews = [r.held_on for r in la.period.reviews.all() if r.held_on <= as_of]
        last_review = max(reviews, default=None)
        latest = max(plans, default=None)
        counted = latest is not None and (last_review is None or latest >= last_review)
        subject = f"Care plan agreed {latest:%-d %b %Y}" if latest else "No care plan recorded"
        subject += f"; last review {last_review:%-d %b %Y}" if last_review else "; no review yet"
        rows.append(
            _row(
                la.period,
                as_of,
                subject=subject,
                started=last_review or la.period.started_on,
                stopped=latest,
                counted=counted,
            )
        )
    return rows


# L03 ---------------------------------------------------------------------------------------------


def reviews_in_timescale_rows(as_of: datetime.date) -> list[Row]:
    """L03. Children looked after 20 working days or more on as_of; counted when every review held
    since 1 April met its timescale (T18, T19, T20 in turn) and the next is not already overdue."""
    clocks = duties.Clocks()
    rows = []
    for la in looked_after_on(as_of):
        period = la.period
        if not _twenty_working_days_on(period, as_of, clocks):
            continue
        held = [r.held_on for r in period.reviews.all() if r.held_on <= as_of]
        this_year = [
            (day, due)
            for day, due in duties.reviews_with_due_dates(period.started_on, held, clocks)
            if day >= year_start(as_of)
        ]
        next_due = duties.review_due(period.started_on, held, clocks)
        counted = all(day <= due for day, due in this_year) and next_due.due >= as_of
        rows.append(
            _row(
                period,
                as_of,
                subject=f"Looked after from {period.started_on:%-d %b %Y}: {len(held)} review(s)",
                started=period.started_on,
                due=next_due.due,
                stopped=max(held, default=None),
                counted=counted,
            )
        )
    return rows


# L04, L05 ----------------------------------------------------------------------------------------


def _visit_rows(as_of: datetime.date, local: bool) -> list[Row]:
    clocks = duties.Clocks()
    cohort = looked_after_on(as_of)
    last_seen = last_seen_visits({la.period.child_id for la in cohort}, as_of)
    rows = []
    for la in cohort:
        seen = last_seen.get(la.period.child_id)
        if local:
            due = duties.local_visit_due(la.period.started_on, seen, clocks)
            subject = f"Looked after from {la.period.started_on:%-d %b %Y}"
        else:
            home_from = home_since(la.period.placements.all(), la.placement)
            due = duties.visit_due(home_from, seen, la.placement.long_term_until_18, clocks)
            subject = f"Placement from {home_from:%-d %b %Y} ({due.clock.rule.id})"
        in_period = seen if seen is not None and seen >= la.period.started_on else None
        rows.append(
            _row(
                la.period,
                as_of,
                subject=subject,
                started=due.started,
                due=due.due,
                stopped=in_period,
                counted=as_of <= due.due,
            )
        )
    return rows


def national_visit_rows(as_of: datetime.date) -> list[Row]:
    """L04. Counted when the child was seen within reg 28's interval for the current placement
    (T12 to the first visit in it, then T13, T14 or T15): the next visit is not yet overdue."""
    return _visit_rows(as_of, local=False)


def local_visit_rows(as_of: datetime.date) -> list[Row]:
    """L05. Counted when the child was seen within the council's own standard (T13L, six weeks)."""
    return _visit_rows(as_of, local=True)


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
            _row(
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
        age = duties.age_on(period.child.date_of_birth, as_of)
        if age is None or age >= 16 or period.started_on > add_months(as_of, -30):
            continue
        since = stable_since(period, la.placement)
        rows.append(
            _row(
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
        _row(
            la.period,
            as_of,
            subject=f"Placement from {la.placement.started_on:%-d %b %Y}, "
            + ("inside the area" if la.placement.inside_council_area else "outside the area"),
            started=la.placement.started_on,
            counted=not la.placement.inside_council_area,
        )
        for la in looked_after_on(as_of)
    ]


# L08 ---------------------------------------------------------------------------------------------


def distance_from_home_rows(as_of: datetime.date) -> list[Row]:
    """L08. Children whose placement's distance from home is known (both postcodes located in the
    ONS Postcode Directory); counted when it is over 20 miles. DfE reports the rest as "not known"."""
    cohort = looked_after_on(as_of)
    distances = placement_distances((la.period.placements.all(), la.placement) for la in cohort)
    return [
        _row(
            la.period,
            as_of,
            subject=f"Placed {distance.miles:.1f} miles from home ({distance.band})",
            started=la.placement.started_on,
            counted=distance.over_twenty_miles,
        )
        for la, distance in zip(cohort, distances, strict=True)
        if distance.miles is not None
    ]


# L10, L11, L16 -----------------------------------------------------------------------------------


def health_assessment_rows(as_of: datetime.date) -> list[Row]:
    """L10. Children looked after 20 working days or more on as_of; counted when the initial health
    assessment was done and the next review health assessment (T22U or T22) is not yet overdue."""
    clocks = duties.Clocks()
    rows = []
    for la in looked_after_on(as_of):
        period = la.period
        if not _twenty_working_days_on(period, as_of, clocks):
            continue
        initial = _checks(period, HealthCheckKind.INITIAL, as_of)
        done = initial + _checks(period, HealthCheckKind.REVIEW, as_of)
        due = duties.health_assessment_due(period.started_on, done, period.child.date_of_birth, clocks)
        subject = f"Last health assessment {max(done):%-d %b %Y}" if done else "No health assessment"
        rows.append(
            _row(
                period,
                as_of,
                subject=subject,
                started=due.started,
                due=due.due,
                stopped=max(done, default=None),
                counted=bool(initial) and as_of <= due.due,
            )
        )
    return rows


def dental_check_rows(as_of: datetime.date) -> list[Row]:
    """L11. Counted when the next dental check (T23: 12 months after the last, or after becoming
    looked after) is not yet overdue."""
    clocks = duties.Clocks()
    rows = []
    for la in looked_after_on(as_of):
        checks = _checks(la.period, HealthCheckKind.DENTAL, as_of)
        due = duties.dental_check_due(la.period.started_on, checks, clocks)
        subject = f"Last dental check {max(checks):%-d %b %Y}" if checks else "No dental check while looked after"
        rows.append(
            _row(
                la.period,
                as_of,
                subject=subject,
                started=due.started,
                due=due.due,
                stopped=max(checks, default=None),
                counted=as_of <= due.due,
            )
        )
    return rows


def initial_health_assessment_rows(as_of: datetime.date) -> list[Row]:
    """L16. Periods of care started since 1 April whose 20 working days (T21) have run out by as_of
    (short-break-only periods left out); counted when the initial health assessment was done by then."""
    clocks = duties.Clocks()
    periods = _periods(PeriodOfCare.objects.filter(started_on__gte=year_start(as_of), started_on__lte=as_of))
    rows = []
    for period in periods.order_by("started_on", "pk"):
        first_status = _current(period.legal_statuses.all(), period.started_on)
        if first_status is not None and first_status.legal_status in SHORT_BREAK_STATUSES:
            continue
        due = duties.initial_health_assessment_due(period.started_on, clocks)
        if due.due > as_of:
            continue
        done = _checks(period, HealthCheckKind.INITIAL, as_of)
        rows.append(
            _row(
                period,
                as_of,
                subject=f"Looked after from {period.started_on:%-d %b %Y}",
                started=period.started_on,
                due=due.due,
                stopped=done[0] if done else None,
                counted=bool(done) and done[0] <= due.due,
            )
        )
    return rows


def _indicator(id, title, definition, source, polarity, rows, *, unit="%", period=Period.AS_AT, label="In timescale"):
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
    )


COHORT = "children looked after on the date (not those looked after only for short breaks, V3/V4)"

INDICATORS: tuple[Indicator, ...] = (
    _indicator(
        "L01",
        "Looked-after children per 10,000",
        f"The {COHORT}, per 10,000 children aged 0-17 in the council's population setting.",
        "DfE children looked after statistics (SSDA903)",
        Polarity.CONTEXT,
        looked_after_rows,
        unit=RATE_PER_10000,
        label="Looked after",
    ),
    _indicator(
        "L02",
        "Looked-after children with an up-to-date care plan",
        f"Of the {COHORT}, the share with a care plan agreed on or after their last looked-after review "
        "(before the first review, any care plan).",
        "Local measure (Rotherham improvement papers: 95%)",
        Polarity.HIGHER_IS_BETTER,
        up_to_date_care_plan_rows,
        label="Care plan up to date",
    ),
    _indicator(
        "L03",
        "Looked-after reviews in timescale",
        f"Of the {COHORT} for 20 working days or more, the share whose every review since 1 April was on "
        "time (the first within 20 working days, T18; the second within 3 months, T19; later ones within "
        "6 months, T20) and whose next review is not overdue.",
        "DfE-style measure on CPPCR 2010 reg 33 (Rotherham improvement papers: 99%)",
        Polarity.HIGHER_IS_BETTER,
        reviews_in_timescale_rows,
    ),
    _indicator(
        "L04",
        "Looked-after children visited within the national minimum",
        f"Of the {COHORT}, the share seen within the interval CPPCR reg 28 sets for their current placement: "
        "within a week of the placement starting (T12), then every 6 weeks in its first year (T13), then "
        "every 3 months if it is to last until 18 (T14) or every 6 weeks (T15). Only visits at which the "
        "child was seen count.",
        "Local measure on CPPCR 2010 reg 28 (Rotherham improvement papers: 97.7%)",
        Polarity.HIGHER_IS_BETTER,
        national_visit_rows,
        label="Seen in timescale",
    ),
    _indicator(
        "L05",
        "Looked-after children visited within the local standard (6 weeks)",
        f"Of the {COHORT}, the share seen within the council's own standard for every placement (T13L: 6 "
        "weeks unless the council sets another) of their last visit, or of becoming looked after.",
        "Local measure (Rotherham improvement papers: 77.2% against a 90% target)",
        Polarity.HIGHER_IS_BETTER,
        local_visit_rows,
        label="Seen in timescale",
    ),
    _indicator(
        "L06",
        "Looked-after children with 3 or more placements in 12 months",
        f"Of the {COHORT}, the share who had 3 or more placements in the 12 months to the date: placements, "
        "not episodes (a change of legal status is not a move), temporary placements (T0-T4) left out, a "
        "placement already open 12 months before counted.",
        "DfE children looked after statistics (placement stability)",
        Polarity.LOWER_IS_BETTER,
        three_placements_rows,
        label="3 or more placements",
    ),
    _indicator(
        "L07",
        "Long-term placement stability",
        "Of the children under 16 looked after continuously for 2.5 years or more on the date, the share in "
        "the same placement for 2 years or more (a placement for adoption with their foster carers continues "
        "the foster placement).",
        "DfE children looked after statistics (formerly NI 63)",
        Polarity.HIGHER_IS_BETTER,
        long_term_stability_rows,
        label="Same placement 2 years+",
    ),
    _indicator(
        "L08",
        "Looked-after children placed more than 20 miles from home",
        f"Of the {COHORT} whose placement's distance from home is known, the share placed more than 20 miles "
        "away: the straight line between the postcode of the home they left (HOME_POST) and the placement's "
        "postcode (PL_POST), located in the ONS Postcode Directory. A postcode missing or not in the "
        "directory makes the distance not known, and the child is left out, as in DfE's statistics.",
        "DfE children looked after statistics (placement distance); local measure (Rotherham improvement papers)",
        Polarity.LOWER_IS_BETTER,
        distance_from_home_rows,
        label="Over 20 miles",
    ),
    _indicator(
        "L09",
        "Looked-after children placed outside the council's area",
        f"Of the {COHORT}, the share whose current placement is outside the council's own area.",
        "DfE children looked after statistics; local measure (Rotherham improvement papers: 35%)",
        Polarity.LOWER_IS_BETTER,
        outside_area_rows,
        label="Placed outside the area",
    ),
    _indicator(
        "L10",
        "Looked-after children with health assessments up to date",
        f"Of the {COHORT} for 20 working days or more, the share whose initial health assessment was done "
        "and whose review health assessment is not overdue (6 months after the last for a child under 5 on "
        "that day, T22U; 12 months for a child of 5 or over, T22). A refusal is not an assessment.",
        "Local measure on CPPCR 2010 reg 7 (Rotherham improvement papers: 90.9%)",
        Polarity.HIGHER_IS_BETTER,
        health_assessment_rows,
        label="Up to date",
    ),
    _indicator(
        "L11",
        "Looked-after children with dental checks up to date",
        f"Of the {COHORT}, the share whose dental check is not overdue: 12 months after the last check, or "
        "after becoming looked after (T23). All ages. A refusal is not a check.",
        "Local measure (Rotherham improvement papers: 90.5%)",
        Polarity.HIGHER_IS_BETTER,
        dental_check_rows,
        label="Up to date",
    ),
    _indicator(
        "L16",
        "Initial health assessments within 20 working days",
        "Of the periods of care started since 1 April whose 20 working days have run out by the date (short "
        "breaks left out), the share whose initial health assessment was done within 20 working days of the "
        "child becoming looked after (T21).",
        "Local measure on CPPCR 2010 reg 7 (Rotherham improvement papers)",
        Polarity.HIGHER_IS_BETTER,
        initial_health_assessment_rows,
        period=Period.YEAR_TO_DATE,
    ),
)
