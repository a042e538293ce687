"""Adoption timeliness as the DfE's adoption scorecard counts it, and the permanence the council
achieved (docs/indicators.md, docs/permanence.md):

- A1 the average days between a child entering care and moving in with their adoptive family, for
  the children adopted in the three years to the date;
- A2 the average days between the council receiving the court's authority to place the child (the
  placement order: legal status E1) and the match with adopters, for the same children;
- A10 A1 adjusted for foster carer adoptions: a child adopted by their foster carers (placed for
  adoption A3 or A5, "with the current foster carers") moved in with them when the placement before
  the placement for adoption began, not on the day it became one;
- AS01 adoptions and AS02 special guardianship orders since 1 April (periods of care ended E11/E12,
  E45-E48);
- AS03 children waiting for a match longer than the council's target: looked after on the date
  under a placement order, the decision that they should be placed for adoption in force, not yet
  matched, and more than `HEARTH_PERMANENCE_TARGET_DAYS` days since the order.

"Entering care" is the start of the period of care that ended in the adoption; "moving in" the
first placement for adoption (A3-A6) in it. A child adopted with no placement for adoption recorded
is left out of A1 and A10 (and, with no match or no placement order, out of A2), as the scorecard
can only count the dates it has; a match recorded before the placement order counts 0 days in A2.
docs/permanence.md gives these readings.
"""

import dataclasses
import datetime

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from hearth.care.codes import ADOPTION_END_REASONS, ADOPTION_PLACEMENTS
from hearth.care.indicators import indicator_row
from hearth.care.models import LegalStatusSpell, PeriodOfCare, Placement
from hearth.performance.indicator import (
    AVERAGE_DAYS,
    Indicator,
    Period,
    Polarity,
    Row,
    counted_figure,
    three_years_start,
    year_start,
)
from hearth.permanence.codes import SPECIAL_GUARDIANSHIP_END_REASONS, WITH_CURRENT_FOSTER_CARERS
from hearth.permanence.models import AdoptionDecision, AdoptionMatch
from hearth.workforce.selectors import TRANSFERS as CASE_TRANSFERS

# The Corporate Parenting Panel report's section for the adoption measures (hearth/fostering adds AS04, AS05).
PANEL_SECTION = "Adoption and special guardianship"
SOURCE = "DfE adoption scorecard (Adoption and Special Guardianship Leadership Board measures); SSDA903 AD1"
# The case's moves: the team that held it on the date (indicator_row's team_on).
TRANSFERS = Prefetch("referral__transfers", queryset=CASE_TRANSFERS.queryset)
PREFETCH = (
    "referral__allocations__worker__user",
    TRANSFERS,
    "legal_statuses",
    "placements",
    "adoption_decisions__matches",
)


def _adopted_between(start: datetime.date, end: datetime.date):
    return PeriodOfCare.objects.filter(
        ended_on__gte=start, ended_on__lte=end, end_reason__in=sorted(ADOPTION_END_REASONS)
    )


def _adopted_in_three_years(as_of: datetime.date) -> list[PeriodOfCare]:
    periods = _adopted_between(three_years_start(as_of), as_of).select_related("child", "referral__team")
    return list(periods.prefetch_related(*PREFETCH).order_by("ended_on", "pk"))


def _placements(period: PeriodOfCare) -> list[Placement]:
    return sorted(period.placements.all(), key=lambda p: (p.started_on, p.pk))


def placed_for_adoption(period: PeriodOfCare) -> Placement | None:
    """The first placement for adoption (A3-A6) in the period: the child moving in with the family
    that adopts them."""
    return next((p for p in _placements(period) if p.placement_type in ADOPTION_PLACEMENTS), None)


def moved_in_adjusted(period: PeriodOfCare) -> datetime.date | None:
    """A10's moving-in day: for a placement for adoption with the current foster carers (A3, A5),
    the start of the placement just before it (the foster placement with the same carers); else
    the placement for adoption's own start."""
    placed = placed_for_adoption(period)
    if placed is None:
        return None
    if placed.placement_type in WITH_CURRENT_FOSTER_CARERS:
        before = [p for p in _placements(period) if p.started_on < placed.started_on]
        if before:
            return before[-1].started_on
    return placed.started_on


def placement_order_on(period: PeriodOfCare) -> datetime.date | None:
    orders = [s.started_on for s in period.legal_statuses.all() if s.legal_status == "E1"]
    return min(orders) if orders else None


def matched_on(period: PeriodOfCare) -> datetime.date | None:
    """The latest match under the decision the adoption followed (the decision not reversed)."""
    matches = [
        m.matched_on
        for decision in period.adoption_decisions.all()
        if decision.reversed_on is None
        for m in decision.matches.all()
    ]
    return max(matches) if matches else None


def _days_row(period, as_of, subject, started, stopped) -> Row:
    # The worker who held the case the day before the adoption order (the case closes with it).
    held_on = min(as_of, period.ended_on - datetime.timedelta(days=1))
    row = indicator_row(period, held_on, subject=subject, started=started, stopped=stopped)
    return dataclasses.replace(row, days=(stopped - started).days)


def entering_care_to_moving_in_rows(as_of: datetime.date) -> list[Row]:
    """A1. One row per child adopted in the three years to as_of with a placement for adoption: the
    days from entering care to the placement for adoption."""
    rows = []
    for period in _adopted_in_three_years(as_of):
        placed = placed_for_adoption(period)
        if placed is not None:
            subject = f"Adopted {period.ended_on:%-d %b %Y}; moved in {placed.started_on:%-d %b %Y}"
            rows.append(_days_row(period, as_of, subject, period.started_on, placed.started_on))
    return rows


def entering_care_to_moving_in_adjusted_rows(as_of: datetime.date) -> list[Row]:
    """A10. A1 with a foster carer adoption counted to the day the child moved in with the carers."""
    rows = []
    for period in _adopted_in_three_years(as_of):
        moved_in = moved_in_adjusted(period)
        if moved_in is not None:
            subject = f"Adopted {period.ended_on:%-d %b %Y}; moved in with the adopters {moved_in:%-d %b %Y}"
            rows.append(_days_row(period, as_of, subject, period.started_on, moved_in))
    return rows


def order_to_match_rows(as_of: datetime.date) -> list[Row]:
    """A2. One row per child adopted in the three years to as_of with a placement order and a
    match: the days from the order to the match (0 when the match came first)."""
    rows = []
    for period in _adopted_in_three_years(as_of):
        ordered, matched = placement_order_on(period), matched_on(period)
        if ordered is not None and matched is not None:
            subject = f"Placement order {ordered:%-d %b %Y}; matched {matched:%-d %b %Y}"
            rows.append(_days_row(period, as_of, subject, ordered, max(ordered, matched)))
    return rows


# The same figures in SQL ------------------------------------------------------------------------


def _first_adoption_placement(field: str):
    placements = Placement.objects.filter(period=OuterRef("pk"), placement_type__in=sorted(ADOPTION_PLACEMENTS))
    return Subquery(placements.order_by("started_on", "pk").values(field)[:1])


def _days_sum(periods, started: str, stopped: str) -> tuple[int, int]:
    days = ExpressionWrapper(F(stopped) - F(started), output_field=DurationField())
    totals = periods.annotate(days=days).aggregate(total=Sum("days"), rows=Count("pk"))
    total = totals["total"]
    return (total.days if isinstance(total, datetime.timedelta) else int(total or 0)), totals["rows"]


def _three_years(as_of):
    return _adopted_between(three_years_start(as_of), as_of)


def entering_care_to_moving_in_figure(as_of: datetime.date) -> tuple[int, int]:
    periods = _three_years(as_of).annotate(placed_on=_first_adoption_placement("started_on"))
    return _days_sum(periods.filter(placed_on__isnull=False), "started_on", "placed_on")


def entering_care_to_moving_in_adjusted_figure(as_of: datetime.date) -> tuple[int, int]:
    before = Placement.objects.filter(period=OuterRef("pk"), started_on__lt=OuterRef("placed_on"))
    periods = (
        _three_years(as_of)
        .annotate(
            placed_on=_first_adoption_placement("started_on"),
            placed_type=_first_adoption_placement("placement_type"),
        )
        .annotate(before_on=Subquery(before.order_by("-started_on", "-pk").values("started_on")[:1]))
        .annotate(
            moved_in=Case(
                When(
                    placed_type__in=sorted(WITH_CURRENT_FOSTER_CARERS),
                    then=Coalesce("before_on", "placed_on"),
                ),
                default=F("placed_on"),
                output_field=DateField(),
            )
        )
    )
    return _days_sum(periods.filter(moved_in__isnull=False), "started_on", "moved_in")


def order_to_match_figure(as_of: datetime.date) -> tuple[int, int]:
    orders = LegalStatusSpell.objects.filter(period=OuterRef("pk"), legal_status="E1")
    matches = AdoptionMatch.objects.filter(decision__period=OuterRef("pk"), decision__reversed_on__isnull=True)
    periods = (
        _three_years(as_of)
        .annotate(
            ordered_on=Subquery(orders.order_by("started_on").values("started_on")[:1]),
            matched_on=Subquery(matches.order_by("-matched_on").values("matched_on")[:1]),
        )
        .filter(ordered_on__isnull=False, matched_on__isnull=False)
        .annotate(counted_to=Greatest("ordered_on", "matched_on"))
    )
    return _days_sum(periods, "ordered_on", "counted_to")


# AS01, AS02: adoptions and special guardianship orders since 1 April ----------------------------


def _ended_this_year(as_of: datetime.date, reasons) -> list[PeriodOfCare]:
    periods = PeriodOfCare.objects.filter(
        ended_on__gte=year_start(as_of), ended_on__lte=as_of, end_reason__in=sorted(reasons)
    )
    return periods


def _ended_rows(as_of: datetime.date, reasons, what: str) -> list[Row]:
    periods = _ended_this_year(as_of, reasons).select_related("child", "referral__team")
    periods = periods.prefetch_related("referral__allocations__worker__user", TRANSFERS).order_by("ended_on", "pk")
    return [
        indicator_row(
            period,
            period.ended_on,
            subject=f"{what} {period.ended_on:%-d %b %Y} ({period.end_reason})",
            started=period.started_on,
            stopped=period.ended_on,
        )
        for period in periods
    ]


def adoptions_rows(as_of: datetime.date) -> list[Row]:
    """AS01. One row per child adopted (care ended E11 or E12) since 1 April."""
    return _ended_rows(as_of, ADOPTION_END_REASONS, "Adopted")


def adoptions_figure(as_of: datetime.date) -> tuple[int, int]:
    return counted_figure(_ended_this_year(as_of, ADOPTION_END_REASONS))


def special_guardianship_rows(as_of: datetime.date) -> list[Row]:
    """AS02. One row per child who left care for a special guardianship order (E45-E48) since 1 April."""
    return _ended_rows(as_of, SPECIAL_GUARDIANSHIP_END_REASONS, "Special guardianship order")


def special_guardianship_figure(as_of: datetime.date) -> tuple[int, int]:
    return counted_figure(_ended_this_year(as_of, SPECIAL_GUARDIANSHIP_END_REASONS))


# AS03: waiting for a match longer than the council's target ----------------------------------


def match_target_days() -> int:
    return settings.HEARTH_PERMANENCE_TARGET_DAYS


def _looked_after_on(as_of: datetime.date):
    return PeriodOfCare.objects.filter(started_on__lte=as_of).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))


def _decision_in_force_on(as_of: datetime.date):
    return AdoptionDecision.objects.filter(period=OuterRef("pk"), decided_on__lte=as_of).filter(
        Q(reversed_on__isnull=True) | Q(reversed_on__gt=as_of)
    )


def _waiting_for_a_match(as_of: datetime.date):
    """Looked-after children on as_of under a placement order, with a decision in force and no match
    by then, annotated with the order's first day (`ordered_on`)."""
    orders = LegalStatusSpell.objects.filter(period=OuterRef("pk"), legal_status="E1", started_on__lte=as_of)
    matched = AdoptionMatch.objects.filter(
        decision__period=OuterRef("pk"), matched_on__lte=as_of, decision__decided_on__lte=as_of
    ).filter(Q(decision__reversed_on__isnull=True) | Q(decision__reversed_on__gt=as_of))
    return (
        _looked_after_on(as_of)
        .annotate(ordered_on=Subquery(orders.order_by("started_on").values("started_on")[:1]))
        .filter(ordered_on__isnull=False)
        .filter(Exists(_decision_in_force_on(as_of)))
        .exclude(Exists(matched))
    )


def waiting_for_a_match_rows(as_of: datetime.date) -> list[Row]:
    """AS03. One row per child waiting for a match more than the council's target days since the
    placement order."""
    latest_order = as_of - datetime.timedelta(days=match_target_days() + 1)
    periods = (
        _waiting_for_a_match(as_of)
        .filter(ordered_on__lte=latest_order)
        .select_related("child", "referral__team")
        .prefetch_related("referral__allocations__worker__user", TRANSFERS)
        .order_by("ordered_on", "pk")
    )
    return [
        indicator_row(
            period,
            as_of,
            subject=f"Placement order {period.ordered_on:%-d %b %Y}; {(as_of - period.ordered_on).days} days "
            "without a match",
            started=period.ordered_on,
            due=period.ordered_on + datetime.timedelta(days=match_target_days()),
        )
        for period in periods
    ]


def waiting_for_a_match_figure(as_of: datetime.date) -> tuple[int, int]:
    latest_order = as_of - datetime.timedelta(days=match_target_days() + 1)
    return counted_figure(_waiting_for_a_match(as_of).filter(ordered_on__lte=latest_order))


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="A1",
        title="Entering care to moving in with the adoptive family (3-year average)",
        definition="For the children adopted in the three years to the date, the average days between "
        "entering care (the start of the period of care that ended in the adoption) and moving in with "
        "the adoptive family (the first placement for adoption, A3-A6).",
        source=SOURCE,
        polarity=Polarity.LOWER_IS_BETTER,
        unit=AVERAGE_DAYS,
        period=Period.THREE_YEARS,
        counts="children adopted",
        rows=entering_care_to_moving_in_rows,
        figure=entering_care_to_moving_in_figure,
        counted_label="Days",
        corporate_parenting_section=PANEL_SECTION,
    ),
    Indicator(
        id="A2",
        title="Placement order to match with adopters (3-year average)",
        definition="For the children adopted in the three years to the date who had a placement order and a "
        "match, the average days between the court's authority to place the child for adoption (the "
        "placement order, legal status E1) and the match with the adopters (a match before the order "
        "counts 0 days).",
        source=SOURCE,
        polarity=Polarity.LOWER_IS_BETTER,
        unit=AVERAGE_DAYS,
        period=Period.THREE_YEARS,
        counts="children adopted",
        rows=order_to_match_rows,
        figure=order_to_match_figure,
        counted_label="Days",
        corporate_parenting_section=PANEL_SECTION,
    ),
    Indicator(
        id="A10",
        title="Entering care to moving in with the adoptive family, adjusted for foster carer adoptions "
        "(3-year average)",
        definition="A1, except that a child adopted by their foster carers (placed for adoption with the "
        "current foster carers, A3 or A5) is counted to the day they moved in with those carers (the "
        "start of the placement before the placement for adoption).",
        source=SOURCE,
        polarity=Polarity.LOWER_IS_BETTER,
        unit=AVERAGE_DAYS,
        period=Period.THREE_YEARS,
        counts="children adopted",
        rows=entering_care_to_moving_in_adjusted_rows,
        figure=entering_care_to_moving_in_adjusted_figure,
        counted_label="Days",
        corporate_parenting_section=PANEL_SECTION,
    ),
    Indicator(
        id="AS01",
        title="Adoptions",
        definition="Looked-after children adopted since 1 April (care ended with an adoption order, E11 or E12).",
        source="DfE children looked after statistics (SSDA903 episodes, REC E11, E12)",
        polarity=Polarity.CONTEXT,
        unit="count",
        period=Period.YEAR_TO_DATE,
        counts="children",
        rows=adoptions_rows,
        figure=adoptions_figure,
        counted_label="Adopted",
        corporate_parenting_section=PANEL_SECTION,
    ),
    Indicator(
        id="AS02",
        title="Special guardianship orders",
        definition="Looked-after children who left care for a special guardianship order since 1 April (E45-E48).",
        source="DfE children looked after statistics (SSDA903 episodes, REC E45-E48)",
        polarity=Polarity.CONTEXT,
        unit="count",
        period=Period.YEAR_TO_DATE,
        counts="children",
        rows=special_guardianship_rows,
        figure=special_guardianship_figure,
        counted_label="Special guardianship order",
        corporate_parenting_section=PANEL_SECTION,
    ),
    Indicator(
        id="AS03",
        title="Children waiting for a match longer than the council's target",
        definition="Looked-after children on the date under a placement order, with the decision that they "
        "should be placed for adoption in force and no match yet, more than the council's target days "
        "(HEARTH_PERMANENCE_TARGET_DAYS, 121 unless set) after the order.",
        source="Council target; DfE adoption scorecard A2 threshold (4 months)",
        polarity=Polarity.LOWER_IS_BETTER,
        unit="count",
        period=Period.AS_AT,
        counts="children",
        rows=waiting_for_a_match_rows,
        figure=waiting_for_a_match_figure,
        counted_label="Waiting past the target",
        corporate_parenting_section=PANEL_SECTION,
    ),
)
