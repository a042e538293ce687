"""The sufficiency of foster carers and adopters (docs/fostering.md, docs/indicators.md).

The fostering indicators take the prefix **FS** (fostering sufficiency): the front door's F01-F04
already hold "F" and a two-letter prefix cannot be read as one of them. The adopters' two follow the
adoption measures as AS04 and AS05.

- FS01 foster carer households approved since 1 April; FS02 those whose approval ended since 1 April
  (resigned, retired, deregistered);
- FS03 places free on the date: an active household's places (under the terms in force that day) not
  taken by a child placed or a young person staying put (one row per free place);
- FS04 occupancy: of the places of households approved on the date (active or on hold), those taken
  (one row per place);
- FS05 households approved for one place; FS06 places taken by young people staying put;
- AS04 approved adopters waiting on the date; AS05 the average days from approval to match for the
  adopters matched since 1 April (the match names the adopters; hearth/fostering/adopters.py says
  how it is read).

A household is the council's own foster carers or an agency's (the register's kinds); a row that is
a household names no child (child_id None) and links to the household's page; FS06's rows are the
young people. Each figure is also worked out in SQL, held equal to its rows on a built council."""

import datetime

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.urls import reverse

from hearth.care.models import Placement, ProviderKind
from hearth.core.shared_reads import shared
from hearth.fostering.adopters import adopters_on, annotated_adopters
from hearth.fostering.models import ENDED_STATUSES, Approval, HouseholdStatus, StatusChange, StayingPut, TermsChange
from hearth.fostering.selectors import FOSTER_KINDS, HouseholdDay, households_on, placed_on, staying_put_on
from hearth.performance.indicator import AVERAGE_DAYS, Indicator, Period, Polarity, Row, counted_figure, year_start

SOURCE = "Council's record of foster carer households (after Ofsted's fostering data collection)"
EVIDENCE = "docs/fostering.md"
FOSTERING = "Fostering"
ADOPTION = "Adoption and special guardianship"  # the same section as A1-AS03 (hearth/permanence/indicators.py)


def _team(approval: Approval) -> str:
    provider = approval.provider
    if provider.kind == ProviderKind.COUNCIL_FOSTER_CARERS:
        return "The council's foster carers"
    if provider.kind == ProviderKind.ADOPTERS:
        return "Adopters"
    return provider.agency.name if provider.agency_id else "Agency foster carers"


def household_row(approval: Approval, *, subject: str, started, stopped=None, counted=True, days=None) -> Row:
    return Row(
        subject=subject,
        child_id=None,
        child_name=approval.provider.name,
        worker="",
        team=_team(approval),
        started=started,
        due=None,
        stopped=stopped,
        counted=counted,
        days=days,
        link=reverse("fostering:household", args=[approval.pk]),
    )


def _foster_approvals():
    return Approval.objects.filter(provider__kind__in=FOSTER_KINDS)


# FS01, FS02: approvals and endings since 1 April ------------------------------------------------


def _approved_this_year(as_of: datetime.date):
    return _foster_approvals().filter(approved_on__gte=year_start(as_of), approved_on__lte=as_of)


def approvals_rows(as_of: datetime.date) -> list[Row]:
    """FS01. One row per foster carer household approved since 1 April."""
    approvals = _approved_this_year(as_of).select_related("provider__agency").order_by("approved_on", "pk")
    return [
        household_row(
            a, subject=f"Approved {a.approved_on:%-d %b %Y} for {a.places} (ages {a.age_range})", started=a.approved_on
        )
        for a in approvals
    ]


def approvals_figure(as_of: datetime.date) -> tuple[int, int]:
    return counted_figure(_approved_this_year(as_of))


def _ended_this_year(as_of: datetime.date):
    return StatusChange.objects.filter(
        approval__provider__kind__in=FOSTER_KINDS,
        status__in=sorted(ENDED_STATUSES),
        changed_on__gte=year_start(as_of),
        changed_on__lte=as_of,
    )


def endings_rows(as_of: datetime.date) -> list[Row]:
    """FS02. One row per foster carer household that resigned, retired or was deregistered since 1 April."""
    endings = _ended_this_year(as_of).select_related("approval__provider__agency").order_by("changed_on", "pk")
    return [
        household_row(
            e.approval,
            subject=f"{e.get_status_display()} {e.changed_on:%-d %b %Y}" + (f": {e.reason}" if e.reason else ""),
            started=e.approval.approved_on,
            stopped=e.changed_on,
        )
        for e in endings
    ]


def endings_figure(as_of: datetime.date) -> tuple[int, int]:
    return counted_figure(_ended_this_year(as_of))


# FS03-FS06: places on the date ----------------------------------------------------------------


def _current(as_of: datetime.date) -> list[HouseholdDay]:
    return [h for h in households_on(as_of) if h.approved]


def _ages(household: HouseholdDay) -> str:
    return f"ages {household.terms.age_range}"


def free_places_rows(as_of: datetime.date) -> list[Row]:
    """FS03. One row per free place: an active household's places not taken on the date."""
    rows = []
    for h in _current(as_of):
        for number in range(h.free):
            subject = f"Place {h.taken + number + 1} of {h.terms.places} free ({_ages(h)})"
            rows.append(household_row(h.approval, subject=subject, started=h.approval.approved_on))
    return rows


def occupancy_rows(as_of: datetime.date) -> list[Row]:
    """FS04. One row per place of the households approved on the date (active or on hold), counted
    when taken by a child placed or a young person staying put."""
    rows = []
    for h in _current(as_of):
        for number in range(h.terms.places):
            taken = number < h.taken
            subject = f"Place {number + 1} of {h.terms.places} ({_ages(h)}; {h.status_label.lower()})"
            rows.append(household_row(h.approval, subject=subject, started=h.approval.approved_on, counted=taken))
    return rows


def one_place_rows(as_of: datetime.date) -> list[Row]:
    """FS05. One row per household approved on the date (active or on hold) for one place."""
    return [
        household_row(
            h.approval,
            subject=f"Approved for one child, {_ages(h)}; {h.terms.bedrooms} bedroom(s)",
            started=h.approval.approved_on,
        )
        for h in _current(as_of)
        if h.terms.places == 1
    ]


def staying_put_rows(as_of: datetime.date) -> list[Row]:
    """FS06. One row per young person staying put on the date with a household approved then."""
    rows = []
    for h in _current(as_of):
        for arrangement in h.staying_put:
            rows.append(
                Row(
                    subject=f"Staying put with {h.approval.provider.name} from {arrangement.started_on:%-d %b %Y}",
                    child_id=arrangement.young_person_id,
                    child_name=str(arrangement.young_person),
                    worker="",
                    team=_team(h.approval),
                    started=arrangement.started_on,
                    due=None,
                    stopped=None,
                    counted=True,
                )
            )
    return rows


def _count_of(queryset, key: str):
    """A correlated count (0 when none), grouped by `key`."""
    counted = queryset.order_by().values(key).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _places_on(as_of: datetime.date):
    """Foster approvals on the date, annotated with their status then (`status_then`), their places
    under the terms in force then (`places_then`) and the places taken (`taken`): children placed
    (`placed_then`) and young people staying put (`staying_then`)."""
    latest = StatusChange.objects.filter(approval=OuterRef("pk"), changed_on__lte=as_of).order_by("-changed_on", "-pk")
    terms = TermsChange.objects.filter(approval=OuterRef("pk"), changed_on__lte=as_of).order_by("-changed_on", "-pk")
    placed = Placement.objects.filter(placed_on(as_of), provider_id=OuterRef("provider_id"))
    staying = StayingPut.objects.filter(staying_put_on(as_of), approval=OuterRef("pk"))
    return (
        _foster_approvals()
        .filter(approved_on__lte=as_of)
        .annotate(status_then=Subquery(latest.values("status")[:1]))
        .filter(status_then__in=[HouseholdStatus.ACTIVE, HouseholdStatus.ON_HOLD])
        .annotate(places_then=Coalesce(Subquery(terms.values("places")[:1]), F("places")))
        .annotate(placed_then=_count_of(placed, "provider_id"), staying_then=_count_of(staying, "approval_id"))
        .annotate(taken=F("placed_then") + F("staying_then"))
    )


@shared  # FS03-FS06 add up the same households on the date: one aggregate query a date for the four
def _places_totals(as_of: datetime.date) -> dict[str, int]:
    free = Greatest(Value(0), Coalesce("places_then", 0) - Coalesce("taken", 0))
    return _places_on(as_of).aggregate(
        free_places=Coalesce(
            Sum(free, filter=Q(status_then=HouseholdStatus.ACTIVE), output_field=IntegerField()), Value(0)
        ),
        all_places=Coalesce(Sum("places_then"), Value(0)),
        taken_places=Coalesce(Sum(Least("taken", "places_then"), output_field=IntegerField()), Value(0)),
        one_place=Count("pk", filter=Q(places_then=1)),
        # A young person staying put is with one approval, on the date, so adding up each household's
        # count counts each once (the StayingPut rows on the date whose approval is in the set).
        staying_put=Coalesce(Sum("staying_then"), Value(0)),
    )


def free_places_figure(as_of: datetime.date) -> tuple[int, int]:
    total = _places_totals(as_of)["free_places"]
    return total, total


def occupancy_figure(as_of: datetime.date) -> tuple[int, int]:
    totals = _places_totals(as_of)
    return totals["taken_places"], totals["all_places"]


def one_place_figure(as_of: datetime.date) -> tuple[int, int]:
    households = _places_totals(as_of)["one_place"]
    return households, households


def staying_put_figure(as_of: datetime.date) -> tuple[int, int]:
    staying = _places_totals(as_of)["staying_put"]
    return staying, staying


# AS04, AS05: adopters ---------------------------------------------------------------------------


def adopters_waiting_rows(as_of: datetime.date) -> list[Row]:
    """AS04. One row per adopters' household approved, active and not yet matched on the date."""
    return [
        household_row(
            a.approval,
            subject=f"Approved {a.approval.approved_on:%-d %b %Y}; "
            f"waiting {(as_of - a.approval.approved_on).days} days",
            started=a.approval.approved_on,
        )
        for a in adopters_on(as_of)
        if a.waiting_on(as_of)
    ]


def _adopters_status_on(as_of: datetime.date):
    latest = StatusChange.objects.filter(approval=OuterRef("pk"), changed_on__lte=as_of).order_by("-changed_on", "-pk")
    return (
        annotated_adopters().filter(approved_on__lte=as_of).annotate(status_then=Subquery(latest.values("status")[:1]))
    )


def adopters_waiting_figure(as_of: datetime.date) -> tuple[int, int]:
    active = _adopters_status_on(as_of).filter(status_then=HouseholdStatus.ACTIVE)
    waiting = Q(matched_on__isnull=True) | Q(matched_on__gt=as_of)
    return counted_figure(active, member=waiting)


def approval_to_match_rows(as_of: datetime.date) -> list[Row]:
    """AS05. One row per adopters' household matched since 1 April: the days from approval to match."""
    start = year_start(as_of)
    return [
        household_row(
            a.approval,
            subject=f"Approved {a.approval.approved_on:%-d %b %Y}; matched {a.matched_on:%-d %b %Y}",
            started=a.approval.approved_on,
            stopped=a.matched_on,
            days=a.days_to_match,
        )
        for a in adopters_on(as_of)
        if a.matched_on is not None and start <= a.matched_on <= as_of
    ]


def approval_to_match_figure(as_of: datetime.date) -> tuple[int, int]:
    # Matched this year as a condition of the sums, not a filter: a filter would put the match date's
    # subqueries into the query again for each comparison (compiled each time), a condition reads
    # the one column.
    matched = Q(matched_on__gte=year_start(as_of), matched_on__lte=as_of)
    days = ExpressionWrapper(F("matched_on") - F("approved_on"), output_field=DurationField())
    adopters = annotated_adopters().filter(approved_on__lte=as_of).annotate(days=days)
    totals = adopters.aggregate(total=Sum("days", filter=matched), rows=Count("pk", filter=matched))
    total = totals["total"]
    return (total.days if isinstance(total, datetime.timedelta) else int(total or 0)), totals["rows"]


def _fs(
    id,
    title,
    definition,
    rows,
    figure,
    *,
    unit="count",
    period=Period.AS_AT,
    polarity=Polarity.CONTEXT,
    counts="households",
    counted_label="Counted",
) -> Indicator:
    return Indicator(
        id=id,
        title=title,
        definition=definition,
        source=SOURCE,
        evidence=EVIDENCE,
        polarity=polarity,
        unit=unit,
        period=period,
        counts=counts,
        rows=rows,
        figure=figure,
        counted_label=counted_label,
        corporate_parenting_section=FOSTERING,
    )


INDICATORS: tuple[Indicator, ...] = (
    _fs(
        "FS01",
        "Foster carer households approved",
        "Households of foster carers (the council's own and the agencies') approved since 1 April.",
        approvals_rows,
        approvals_figure,
        period=Period.YEAR_TO_DATE,
        polarity=Polarity.HIGHER_IS_BETTER,
        counted_label="Approved",
    ),
    _fs(
        "FS02",
        "Foster carer households resigned, retired or deregistered",
        "Households of foster carers whose approval ended since 1 April: resigned, retired or deregistered.",
        endings_rows,
        endings_figure,
        period=Period.YEAR_TO_DATE,
        polarity=Polarity.LOWER_IS_BETTER,
        counted_label="Ended",
    ),
    _fs(
        "FS03",
        "Foster care places free",
        "Places of active foster carer households free on the date: places approved (on the terms in force "
        "that day) not taken by a child "
        "placed with the household or a young person staying put there (the sufficiency page gives them by "
        "age band).",
        free_places_rows,
        free_places_figure,
        counts="places",
        counted_label="Free",
    ),
    _fs(
        "FS04",
        "Foster care places taken (occupancy)",
        "Of the places of foster carer households approved on the date (active or on hold), the share taken "
        "by a child placed or a young person staying put.",
        occupancy_rows,
        occupancy_figure,
        unit="%",
        counts="places",
        counted_label="Taken",
    ),
    _fs(
        "FS05",
        "Foster carer households approved for one place",
        "Households of foster carers approved on the date (active or on hold) for one child.",
        one_place_rows,
        one_place_figure,
        counted_label="One place",
    ),
    _fs(
        "FS06",
        "Foster care places taken by young people staying put",
        "Young people aged 18 or over staying put on the date with their former foster carers, each taking one "
        "of the household's places.",
        staying_put_rows,
        staying_put_figure,
        counts="young people",
        counted_label="Staying put",
    ),
    Indicator(
        id="AS04",
        title="Approved adopters waiting",
        definition="Adopters approved and active on the date who are not yet matched with a child (by a match "
        "that names them and still stands).",
        source="Council's record of approved adopters (ASGLB adoption survey: adopters waiting)",
        polarity=Polarity.CONTEXT,
        unit="count",
        period=Period.AS_AT,
        counts="adopters' households",
        rows=adopters_waiting_rows,
        figure=adopters_waiting_figure,
        counted_label="Waiting",
        corporate_parenting_section=ADOPTION,
    ),
    Indicator(
        id="AS05",
        title="Adopters' approval to match (average days)",
        definition="For the adopters matched with a child since 1 April, the average days from their approval "
        "to the first match naming them that still stands.",
        source="Council's record of approved adopters (ASGLB adoption survey: approval to match)",
        polarity=Polarity.LOWER_IS_BETTER,
        unit=AVERAGE_DAYS,
        period=Period.YEAR_TO_DATE,
        counts="adopters' households",
        rows=approval_to_match_rows,
        figure=approval_to_match_figure,
        counted_label="Days",
        corporate_parenting_section=ADOPTION,
    ),
)
