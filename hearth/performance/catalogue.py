"""The indicator catalogue: each indicator declared once, with the query behind it.

An indicator's `rows(as_of)` returns one row per member of its denominator (a contact, an
assessment), saying whether it is in the numerator and who held it. Value, numerator,
denominator and drill-down all come from those rows, so a figure can always be traced to the
children and workers behind it. Due dates come from timescales; nothing here counts days.
"""

import datetime
from collections import defaultdict
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.utils.module_loading import import_string

from hearth.assessment.models import Assessment, AssessmentOutcome
from hearth.calendar.days import ensure_calendar_days
from hearth.core.shared_reads import shared
from hearth.frontdoor.models import (
    DECISIONS_OPENING_A_CASE,
    Contact,
    DipSampleItem,
    Referral,
    ScreeningDecision,
    Verdict,
)
from hearth.people.models import full_name
from hearth.performance.indicator import (  # noqa: F401 (Row, Period, ... are read from here by other modules)
    RATE_PER_10000,
    Indicator,
    Period,
    Polarity,
    Row,
    counted_figure,
    end_of_day,
    latest_sql,
    year_start,
    year_to_date_bounds,
)
from hearth.timescales.selectors import clock
from hearth.workforce.models import Allocation
from hearth.workforce.selectors import TRANSFERS, team_on


class ReceivedContact(NamedTuple):
    """What F01 and F02 read of a contact."""

    pk: int
    child_id: int
    child_name: str
    source: str  # the referral source's label
    received_at: datetime.datetime
    decided_at: datetime.datetime | None
    screener: str  # who decided it ("" while undecided)


@shared  # F01 and F02
def _contacts_received_this_year(as_of: datetime.date) -> list[ReceivedContact]:
    """Contacts received since the start of 1 April up to the end of as_of, in the order received.
    Read as plain values, the few screeners' names apart: a large council's year has ten thousand
    contacts, and a contact, its child, its screener and its source as four records each were most
    of F01's drill-down."""
    start, end = year_to_date_bounds(as_of)
    contacts = (
        Contact.objects.filter(received_at__gte=start, received_at__lt=end)
        .order_by("received_at")
        .values_list(
            "pk",
            "child_id",
            "child__first_name",
            "child__last_name",
            "source__label",
            "received_at",
            "decided_at",
            "decided_by_id",
        )
    )
    contacts = list(contacts)
    screeners = {
        user.pk: user.get_full_name() or user.username
        for user in get_user_model().objects.filter(pk__in={row[-1] for row in contacts if row[-1] is not None})
    }
    return [
        ReceivedContact(
            pk=pk,
            child_id=child_id,
            child_name=full_name(first_name, last_name),
            source=source,
            received_at=received_at,
            decided_at=decided_at,
            screener=screeners.get(decided_by_id, ""),
        )
        for pk, child_id, first_name, last_name, source, received_at, decided_at, decided_by_id in contacts
    ]


def contacts_screened_rows(as_of: datetime.date) -> list[Row]:
    """F01. Denominator: contacts received this year whose outcome is known on as_of: decided by
    the end of that day, or undecided with their 24 hours already run out. Numerator: decided
    within 24 hours of receipt."""
    screening = clock("T01")
    end = end_of_day(as_of)
    rows = []
    for contact in _contacts_received_this_year(as_of):
        decided_at = contact.decided_at if contact.decided_at is not None and contact.decided_at < end else None
        due = screening.due(contact.received_at)
        if decided_at is None and due > end:
            continue  # still inside its 24 hours on as_of: not yet on time or late
        rows.append(
            Row(
                subject=f"Contact {contact.pk}",
                child_id=contact.child_id,
                child_name=contact.child_name,
                worker=contact.screener if decided_at else "Awaiting decision",
                team="MASH",
                started=contact.received_at,
                due=due,
                stopped=decided_at,
                counted=decided_at is not None and screening.met(contact.received_at, decided_at),
            )
        )
    return rows


@shared  # A01 and A02
def _assessments_authorised_this_year(as_of: datetime.date) -> list[Assessment]:
    assessments = Assessment.objects.filter(authorised_on__gte=year_start(as_of), authorised_on__lte=as_of)
    assessments = assessments.select_related("child", "worker__user", "referral__team").prefetch_related(
        Prefetch("referral__transfers", queryset=TRANSFERS.queryset)  # the team on as_of (team_on)
    )
    return list(assessments.order_by("authorised_on"))


def _assessment_rows(as_of: datetime.date, *, local: bool) -> list[Row]:
    assessment_clock = clock("T03C")
    rows = []
    for a in _assessments_authorised_this_year(as_of):
        due = assessment_clock.local_due(a.started_on) if local else assessment_clock.due(a.started_on)
        met = (
            assessment_clock.met_locally(a.started_on, a.authorised_on)
            if local
            else assessment_clock.met(a.started_on, a.authorised_on)
        )
        rows.append(
            Row(
                subject=f"Assessment {a.pk}",
                child_id=a.child_id,
                child_name=str(a.child),
                worker=str(a.worker),
                team=str(team_on(a.referral, as_of)),
                started=a.started_on,
                due=due,
                stopped=a.authorised_on,
                counted=bool(met),
            )
        )
    return rows


def assessments_in_45_rows(as_of: datetime.date) -> list[Row]:
    return _assessment_rows(as_of, local=False)


def assessments_in_local_rows(as_of: datetime.date) -> list[Row]:
    return _assessment_rows(as_of, local=True)


def _screener(contact) -> str:
    return contact.decided_by.get_full_name() or contact.decided_by.username


def contacts_received_rows(as_of: datetime.date) -> list[Row]:
    """F02. Every contact received since 1 April, up to the end of as_of."""
    return [
        Row(
            subject=f"Contact {c.pk} ({c.source})",
            child_id=c.child_id,
            child_name=c.child_name,
            worker="MASH",
            team="MASH",
            started=c.received_at,
            due=None,
            stopped=None,
            counted=True,
        )
        for c in _contacts_received_this_year(as_of)
    ]


def contacts_to_referral_rows(as_of: datetime.date) -> list[Row]:
    """F03. Contacts decided since 1 April (by the end of as_of); numerator: those whose decision
    opened a case (referral to social care or strategy discussion)."""
    start, end = year_to_date_bounds(as_of)
    contacts = (
        Contact.objects.filter(decided_at__gte=start, decided_at__lt=end)
        .select_related("child", "decided_by")
        .order_by("decided_at")
    )
    labels = dict(ScreeningDecision.choices)  # get_decision_display() rebuilds this for every contact
    return [
        Row(
            subject=f"Contact {c.pk}: {labels.get(c.decision, c.decision)}",
            child_id=c.child_id,
            child_name=str(c.child),
            worker=_screener(c),
            team="MASH",
            started=c.received_at,
            due=None,
            stopped=c.decided_at,
            counted=c.decision in DECISIONS_OPENING_A_CASE,
        )
        for c in contacts
    ]


@shared  # R01, R02 and R03
def _referrals_in_year(as_of: datetime.date) -> list[Referral]:
    return list(
        Referral.objects.filter(referral_date__gte=year_start(as_of), referral_date__lte=as_of)
        .select_related("child", "team")
        .prefetch_related(
            Prefetch("allocations", queryset=Allocation.objects.select_related("worker__user")),
            "assessments",
            TRANSFERS,  # the team on as_of (team_on)
        )
        .order_by("referral_date", "pk")
    )


def _held_by(referral, as_of: datetime.date) -> str:
    holders = [
        a for a in referral.allocations.all() if a.started_on <= as_of and (a.ended_on is None or a.ended_on > as_of)
    ]
    return str(holders[0].worker) if holders else "Unallocated"


def referral_rows(as_of: datetime.date) -> list[Row]:
    """R01. Referrals since 1 April, one row each (all counted: a rate per 10,000 children aged 0-17
    divides them by the population setting)."""
    return [
        Row(
            subject=f"Referral {referral.pk}",
            child_id=referral.child_id,
            child_name=str(referral.child),
            worker=_held_by(referral, as_of),
            team=str(team_on(referral, as_of)),
            started=referral.referral_date,
            due=None,
            stopped=None,
            counted=True,
        )
        for referral in _referrals_in_year(as_of)
    ]


def re_referral_rows(as_of: datetime.date) -> list[Row]:
    """R03. Referrals since 1 April; numerator: those within 12 months of the child's previous
    referral (T34), however that earlier case ended."""
    window = clock("T34")
    referrals = _referrals_in_year(as_of)
    earlier = defaultdict(list)
    for child_id, day, pk in Referral.objects.filter(
        child_id__in={r.child_id for r in referrals}, referral_date__lte=as_of
    ).values_list("child_id", "referral_date", "pk"):
        earlier[child_id].append((day, pk))
    rows = []
    for referral in referrals:
        previous = [
            day for day, pk in earlier[referral.child_id] if pk != referral.pk and day <= referral.referral_date
        ]
        last = max(previous, default=None)
        rows.append(
            Row(
                subject=f"Referral {referral.pk}",
                child_id=referral.child_id,
                child_name=str(referral.child),
                worker=_held_by(referral, as_of),
                team=str(team_on(referral, as_of)),
                started=last or referral.referral_date,
                due=window.due(last) if last else None,
                stopped=referral.referral_date,
                counted=last is not None and window.met(last, referral.referral_date),
            )
        )
    return rows


def referrals_ending_nfa_rows(as_of: datetime.date) -> list[Row]:
    """R02. Referrals since 1 April; numerator: those whose assessment, authorised by as_of,
    concluded no further action."""
    rows = []
    for referral in _referrals_in_year(as_of):
        done = [a for a in referral.assessments.all() if a.authorised_on is not None and a.authorised_on <= as_of]
        outcome = done[-1] if done else None
        rows.append(
            Row(
                subject=f"Referral {referral.pk}",
                child_id=referral.child_id,
                child_name=str(referral.child),
                worker=_held_by(referral, as_of),
                team=str(team_on(referral, as_of)),
                started=referral.referral_date,
                due=None,
                stopped=outcome.authorised_on if outcome else None,
                counted=outcome is not None and outcome.outcome == AssessmentOutcome.NO_FURTHER_ACTION,
            )
        )
    return rows


def dip_sample_agreement_rows(as_of: datetime.date) -> list[Row]:
    """F04. Dip-sample reviews recorded since 1 April (by the end of as_of); numerator: the
    reviewer agreed with the no-further-action decision."""
    start, end = year_to_date_bounds(as_of)
    items = (
        DipSampleItem.objects.filter(reviewed_at__gte=start, reviewed_at__lt=end)
        .select_related("contact__child", "contact__decided_by")
        .order_by("reviewed_at")
    )
    return [
        Row(
            subject=f"Dip sample {item.sample_id}, contact {item.contact_id}",
            child_id=item.contact.child_id,
            child_name=str(item.contact.child),
            worker=_screener(item.contact),
            team="MASH",
            started=item.contact.decided_at,
            due=None,
            stopped=item.reviewed_at,
            counted=item.verdict == Verdict.AGREE,
        )
        for item in items
    ]


# The figures in SQL (Indicator.figure): the same (counted, rows) as the row functions above, from
# one aggregate query each; a test holds the two equal on a built council.


def _contacts_this_year(as_of: datetime.date):
    start, end = year_to_date_bounds(as_of)
    return Contact.objects.filter(received_at__gte=start, received_at__lt=end)


def contacts_received_figure(as_of: datetime.date) -> tuple[int, int]:
    return counted_figure(_contacts_this_year(as_of))


def contacts_screened_figure(as_of: datetime.date) -> tuple[int, int]:
    end = end_of_day(as_of)
    contacts = _contacts_this_year(as_of).annotate(due=clock("T01").due_sql("received_at"))
    decided = Q(decided_at__lt=end)
    return counted_figure(contacts.filter(decided | Q(due__lte=end)), decided & Q(decided_at__lte=F("due")))


def contacts_to_referral_figure(as_of: datetime.date) -> tuple[int, int]:
    start, end = year_to_date_bounds(as_of)
    contacts = Contact.objects.filter(decided_at__gte=start, decided_at__lt=end)
    return counted_figure(contacts, Q(decision__in=DECISIONS_OPENING_A_CASE))


def _referrals_this_year(as_of: datetime.date):
    return Referral.objects.filter(referral_date__gte=year_start(as_of), referral_date__lte=as_of)


def referral_figure(as_of: datetime.date) -> tuple[int, int]:
    return counted_figure(_referrals_this_year(as_of))


def re_referral_figure(as_of: datetime.date) -> tuple[int, int]:
    ensure_calendar_days(as_of)
    previous = Referral.objects.filter(child_id=OuterRef("child_id"), referral_date__lte=OuterRef("referral_date"))
    previous = previous.exclude(pk=OuterRef("pk"))
    referrals = _referrals_this_year(as_of).annotate(last=latest_sql(previous, "referral_date"))
    referrals = referrals.annotate(due=clock("T34").due_sql("last"))
    return counted_figure(referrals, Q(last__isnull=False, referral_date__lte=F("due")))


def referrals_ending_nfa_figure(as_of: datetime.date) -> tuple[int, int]:
    # The row function takes the last of the referral's authorised assessments in the model's
    # order (latest start first): the one that started first.
    outcome = (
        Assessment.objects.filter(referral_id=OuterRef("pk"), authorised_on__isnull=False, authorised_on__lte=as_of)
        .order_by("started_on", "-pk")
        .values("outcome")[:1]
    )
    referrals = _referrals_this_year(as_of).annotate(outcome=Subquery(outcome))
    return counted_figure(referrals, Q(outcome=AssessmentOutcome.NO_FURTHER_ACTION))


def dip_sample_agreement_figure(as_of: datetime.date) -> tuple[int, int]:
    start, end = year_to_date_bounds(as_of)
    items = DipSampleItem.objects.filter(reviewed_at__gte=start, reviewed_at__lt=end)
    return counted_figure(items, Q(verdict=Verdict.AGREE))


def _assessment_figure(as_of: datetime.date, *, local: bool) -> tuple[int, int]:
    ensure_calendar_days(as_of)
    assessments = Assessment.objects.filter(authorised_on__gte=year_start(as_of), authorised_on__lte=as_of)
    due = clock("T03C").due_sql("started_on", local=local)
    if due is None:
        return 0, assessments.count()  # no local standard set: none met it
    return counted_figure(assessments.annotate(due=due), Q(authorised_on__lte=F("due")))


def assessments_in_45_figure(as_of: datetime.date) -> tuple[int, int]:
    return _assessment_figure(as_of, local=False)


def assessments_in_local_figure(as_of: datetime.date) -> tuple[int, int]:
    return _assessment_figure(as_of, local=True)


FRONT_DOOR_AND_ASSESSMENT: tuple[Indicator, ...] = (
    Indicator(
        id="F02",
        title="Contacts received",
        definition="Contacts received by the front door since 1 April (each child in a contact counts once).",
        source="Local measure; Ofsted Annex A list 1",
        polarity=Polarity.CONTEXT,
        unit="count",
        period=Period.YEAR_TO_DATE,
        counts="contacts",
        rows=contacts_received_rows,
        figure=contacts_received_figure,
        counted_label="Received",
    ),
    Indicator(
        id="F01",
        title="Contacts with a screening decision within 24 hours",
        definition=(
            "Of the contacts received since 1 April whose outcome is known on the date (decided, or "
            "undecided after their 24 hours ran out), the share decided within 24 hours of receipt "
            "(timescale T01, true elapsed hours, Europe/London)."
        ),
        source="Local measure",
        evidence="Rotherham improvement papers: 37% in 2014",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="contacts",
        rows=contacts_screened_rows,
        figure=contacts_screened_figure,
    ),
    Indicator(
        id="F03",
        title="Contacts leading to a referral",
        definition=(
            "Of the contacts decided since 1 April, the share whose screening decision opened a case "
            "(referral to children's social care, or a strategy discussion)."
        ),
        source="Local measure",
        evidence="seeds: the MASH's conversion of contacts to referrals",
        polarity=Polarity.CONTEXT,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="contacts",
        rows=contacts_to_referral_rows,
        figure=contacts_to_referral_figure,
        counted_label="Led to a referral",
    ),
    Indicator(
        id="R01",
        title="Referrals per 10,000 children",
        definition=(
            "Referrals to children's social care since 1 April (each one; the referral's date is the day its "
            "contact was received), per 10,000 children aged 0-17 in the council's population setting."
        ),
        source="DfE children in need statistics (referrals)",
        polarity=Polarity.CONTEXT,
        unit=RATE_PER_10000,
        period=Period.YEAR_TO_DATE,
        counts="referrals",
        rows=referral_rows,
        figure=referral_figure,
        counted_label="Referred",
    ),
    Indicator(
        id="R03",
        title="Re-referrals within 12 months",
        definition=(
            "Of the referrals since 1 April, the share made within 12 months of the same child's previous "
            "referral (timescale T34), measured from that referral, not from the case closing."
        ),
        source="DfE children in need statistics",
        polarity=Polarity.LOWER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="referrals",
        rows=re_referral_rows,
        figure=re_referral_figure,
        counted_label="Re-referral",
    ),
    Indicator(
        id="R02",
        title="Referrals ending in no further action",
        definition=(
            "Of the referrals since 1 April, the share whose assessment, authorised by the date, concluded "
            "no further action."
        ),
        source="DfE children in need statistics (ReferralNFA), assessed outcome",
        polarity=Polarity.CONTEXT,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="referrals",
        rows=referrals_ending_nfa_rows,
        figure=referrals_ending_nfa_figure,
        counted_label="Ended in no further action",
    ),
    Indicator(
        id="F04",
        title="No-further-action dip sample: reviewer agreed",
        definition=(
            "Of the dip-sample reviews recorded since 1 April, the share in which the quality reviewer "
            "agreed with the MASH's no-further-action decision. The worker shown is the screener who "
            "made the decision."
        ),
        source="Local measure",
        evidence="seeds: monthly dip samples of no-further-action contacts",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="reviews",
        rows=dip_sample_agreement_rows,
        figure=dip_sample_agreement_figure,
        counted_label="Reviewer agreed",
    ),
    Indicator(
        id="A01",
        title="Assessments completed within 45 working days",
        definition=(
            "Of the assessments authorised since 1 April, the share authorised within 45 working days of "
            "the assessment's start (timescale T03C, the DfE census measure)."
        ),
        source="DfE children in need census",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="assessments",
        rows=assessments_in_45_rows,
        figure=assessments_in_45_figure,
    ),
    Indicator(
        id="A02",
        title="Assessments completed within the local standard (35 working days)",
        definition=(
            "As A01, against the council's local standard for T03C (35 working days unless the council sets another)."
        ),
        source="Local measure",
        evidence="Rotherham improvement papers: 88%",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="assessments",
        rows=assessments_in_local_rows,
        figure=assessments_in_local_figure,
    ),
)

# Each area app declares its own indicators in `<app>/indicators.py` as a tuple named INDICATORS
# (built with hearth.performance.indicator), and is listed here once. Order here is report order.
# Apps that share one series of ids (the L indicators: care's and the duties') are listed together
# as a tuple: their indicators are reported in id order, as one series.
INDICATOR_MODULES: tuple[str | tuple[str, ...], ...] = (
    # (area apps add "hearth.<app>.indicators.INDICATORS" lines here, one per app)
    "hearth.assessment.indicators.INDICATORS",
    "hearth.cin.indicators.INDICATORS",
    "hearth.visits.indicators.INDICATORS",
    "hearth.protection.indicators.INDICATORS",
    (
        "hearth.care.indicators.INDICATORS",
        "hearth.duties.indicators.INDICATORS",
        "hearth.missing.indicators.INDICATORS",
    ),
    "hearth.leavers.indicators.INDICATORS",
    "hearth.permanence.indicators.INDICATORS",
    "hearth.fostering.indicators.INDICATORS",
    "hearth.quality.indicators.INDICATORS",
    ("hearth.workforce.indicators.INDICATORS", "hearth.quality.indicators.WORKFORCE_INDICATORS"),
)


def _area_indicators() -> tuple[Indicator, ...]:
    found = []
    for entry in INDICATOR_MODULES:
        if isinstance(entry, tuple):
            found += sorted((i for path in entry for i in import_string(path)), key=lambda indicator: indicator.id)
        else:
            found += import_string(entry)
    return tuple(found)


CATALOGUE: tuple[Indicator, ...] = FRONT_DOOR_AND_ASSESSMENT + _area_indicators()
CATALOGUE_BY_ID = {indicator.id: indicator for indicator in CATALOGUE}
if len(CATALOGUE_BY_ID) != len(CATALOGUE):
    raise ImportError("Two indicators share an id in the catalogue")
