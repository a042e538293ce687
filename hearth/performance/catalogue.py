"""The indicator catalogue: each indicator declared once, with the query behind it.

An indicator's `rows(as_of)` returns one row per member of its denominator (a contact, an
assessment), saying whether it is in the numerator and who held it. Value, numerator,
denominator and drill-down all come from those rows, so a figure can always be traced to the
children and workers behind it. Due dates come from timescales; nothing here counts days.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from hearth.assessment.models import Assessment
from hearth.core.services import london_datetime
from hearth.frontdoor.models import Contact
from hearth.timescales.selectors import clock


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "higher is better"
    LOWER_IS_BETTER = "lower is better"
    CONTEXT = "contextual"


class Period(StrEnum):
    YEAR_TO_DATE = "year to date (from 1 April)"


@dataclass(frozen=True)
class Row:
    subject: str
    child_id: int
    child_name: str
    worker: str
    team: str
    started: datetime.date | datetime.datetime
    due: datetime.date | datetime.datetime
    stopped: datetime.date | datetime.datetime | None
    counted: bool


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    definition: str
    source: str
    polarity: Polarity
    unit: str
    period: Period
    counts: str  # what the denominator is made of: contacts, assessments, children
    rows: Callable[[datetime.date], list[Row]]


def year_start(as_of: datetime.date) -> datetime.date:
    """1 April of the statutory year (1 April to 31 March) that contains as_of."""
    return datetime.date(as_of.year if as_of.month >= 4 else as_of.year - 1, 4, 1)


def _end_of_day(day: datetime.date) -> datetime.datetime:
    return london_datetime(day + datetime.timedelta(days=1), datetime.time(0, 0))


def contacts_screened_rows(as_of: datetime.date) -> list[Row]:
    """F01. Denominator: contacts received this year whose outcome is known on as_of: decided by
    the end of that day, or undecided with their 24 hours already run out. Numerator: decided
    within 24 hours of receipt."""
    screening = clock("T01")
    start, end = _end_of_day(year_start(as_of) - datetime.timedelta(days=1)), _end_of_day(as_of)
    contacts = (
        Contact.objects.filter(received_at__gte=start, received_at__lt=end)
        .select_related("child", "decided_by")
        .order_by("received_at")
    )
    rows = []
    for contact in contacts:
        decided_at = contact.decided_at if contact.decided_at is not None and contact.decided_at < end else None
        due = screening.due(contact.received_at)
        if decided_at is None and due > end:
            continue  # still inside its 24 hours on as_of: not yet on time or late
        rows.append(
            Row(
                subject=f"Contact {contact.pk}",
                child_id=contact.child_id,
                child_name=str(contact.child),
                worker=(contact.decided_by.get_full_name() or contact.decided_by.username)
                if decided_at
                else "Awaiting decision",
                team="MASH",
                started=contact.received_at,
                due=due,
                stopped=decided_at,
                counted=decided_at is not None and screening.met(contact.received_at, decided_at),
            )
        )
    return rows


def _assessment_rows(as_of: datetime.date, *, local: bool) -> list[Row]:
    assessment_clock = clock("T03C")
    assessments = (
        Assessment.objects.filter(authorised_on__gte=year_start(as_of), authorised_on__lte=as_of)
        .select_related("child", "worker__user", "referral__team")
        .order_by("authorised_on")
    )
    rows = []
    for a in assessments:
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
                team=str(a.referral.team),
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


CATALOGUE: tuple[Indicator, ...] = (
    Indicator(
        id="F01",
        title="Contacts with a screening decision within 24 hours",
        definition=(
            "Of the contacts received since 1 April whose outcome is known on the date (decided, or "
            "undecided after their 24 hours ran out), the share decided within 24 hours of receipt "
            "(timescale T01, true elapsed hours, Europe/London)."
        ),
        source="Local measure (Rotherham improvement papers: 37% in 2014)",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="contacts",
        rows=contacts_screened_rows,
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
    ),
    Indicator(
        id="A02",
        title="Assessments completed within the local standard (35 working days)",
        definition=(
            "As A01, against the council's local standard for T03C (35 working days unless the council sets another)."
        ),
        source="Local measure (Rotherham improvement papers: 88%)",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="assessments",
        rows=assessments_in_local_rows,
    ),
)

CATALOGUE_BY_ID = {indicator.id: indicator for indicator in CATALOGUE}
