"""Care leaver indicators (DOMAIN 4.2): C01 pathway plans up to date, and the OC3 measures C02 in
touch, C03 suitable accommodation, C04 in education, employment or training, C05 not (NEET).

The OC3 cohort (DOMAIN 4.2, 903 OC3): young people whose 17th to 21st birthday fell in the year to
the date (1 April to D), who were looked after 13 weeks or more after their 14th birthday including
some time after their 16th, and, at 17 and 18, were not looked after on the birthday (903 rule
1007). Their circumstances are read from the personal adviser's contact nearest the birthday within
a window of 3 months before to 1 month after it (DOMAIN 2.6; the window is unverified, see
docs/care-leavers.md). No contact in the window: not in touch, nothing known, so not counted.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from hearth.calendar.workingdays import add_months
from hearth.cin.selectors import holder_on
from hearth.core.shared_reads import shared
from hearth.frontdoor.models import Referral
from hearth.leavers.codes import (
    IN_EDUCATION_EMPLOYMENT_OR_TRAINING,
    NOT_IN_EDUCATION_EMPLOYMENT_OR_TRAINING,
    Accommodation,
    InTouch,
)
from hearth.leavers.models import CareLeaverContact
from hearth.leavers.selectors import (
    care_leavers_on,
    periods_prefetch,
    plan_due,
    plan_up_to_date,
    review_dates,
    spells_of,
)
from hearth.leavers.status import OWED_A_PATHWAY_PLAN, became_eligible_on, birthday
from hearth.people.models import Child
from hearth.performance.indicator import Indicator, Period, Polarity, Row, year_start
from hearth.workforce.models import Allocation

SECTION = "Care leavers"
OC3_AGES = (17, 18, 19, 20, 21)
ORDINALS = {17: "17th", 18: "18th", 19: "19th", 20: "20th", 21: "21st"}
WINDOW_MONTHS_BEFORE = 3  # the OC3 circumstances window (unverified): 3 months before the birthday
WINDOW_MONTHS_AFTER = 1  # ... to 1 month after it


def _case_holders(child_ids, as_of: datetime.date) -> dict[int, tuple[str, str]]:
    """Who held each young person's latest case on as_of, and its team: one read for all of them."""
    referrals = (
        Referral.objects.filter(child_id__in=child_ids, referral_date__lte=as_of)
        .select_related("team")
        .prefetch_related(Prefetch("allocations", queryset=Allocation.objects.select_related("worker__user")))
        .order_by("child_id", "-referral_date", "-pk")
    )
    latest = {}
    for referral in referrals:
        latest.setdefault(referral.child_id, referral)
    return {child_id: (holder_on(referral, as_of), str(referral.team)) for child_id, referral in latest.items()}


NO_CASE = ("Unallocated", "")


def pathway_plan_rows(as_of: datetime.date) -> list[Row]:
    """C01. Denominator: young people eligible, relevant or former relevant on as_of. Numerator:
    those whose pathway plan was agreed or reviewed within 6 months before as_of (T27)."""
    rows = []
    leavers = care_leavers_on(as_of, statuses=OWED_A_PATHWAY_PLAN)
    holders = _case_holders([leaver.child.pk for leaver in leavers], as_of)
    for leaver in leavers:
        child = leaver.child
        days = review_dates(child, as_of)
        worker, team = holders.get(child.pk, NO_CASE)
        rows.append(
            Row(
                subject=f"{leaver.status.status.capitalize()} young person",
                child_id=child.pk,
                child_name=str(child),
                worker=worker,
                team=team,
                started=max(days, default=leaver.status.became_eligible_on or as_of),
                due=plan_due(leaver.status, days, as_of),
                stopped=max(days, default=None),
                counted=plan_up_to_date(leaver.status, days, as_of),
            )
        )
    return rows


@dataclass(frozen=True)
class Oc3Member:
    child: Child
    age: int
    birthday: datetime.date
    contact: CareLeaverContact | None  # the contact nearest the birthday within the window

    @property
    def band(self) -> str:
        return "17-18" if self.age <= 18 else "19-21"


def _oc3_birthday(born: datetime.date, start: datetime.date, as_of: datetime.date) -> tuple[int, datetime.date] | None:
    for age in OC3_AGES:
        day = birthday(born, age)
        if start <= day <= as_of:
            return age, day
    return None


def _nearest_contact(contacts, day: datetime.date, as_of: datetime.date) -> CareLeaverContact | None:
    """The contact nearest the birthday in the window (known by as_of); the earlier of two as near."""
    first, last = add_months(day, -WINDOW_MONTHS_BEFORE), min(add_months(day, WINDOW_MONTHS_AFTER), as_of)
    inside = [c for c in contacts if first <= c.contacted_on <= last]
    return min(inside, key=lambda c: (abs((c.contacted_on - day).days), c.contacted_on), default=None)


@shared  # C02-C05 (and their figures) start from this cohort: built once per date in a report
def oc3_cohort(as_of: datetime.date) -> list[Oc3Member]:
    """The OC3 cohort for the year to as_of, each with the contact their circumstances come from."""
    start = year_start(as_of)
    children = (
        Child.objects.filter(
            date_of_birth__gt=add_months(start, -12 * 22),
            date_of_birth__lte=add_months(as_of, -12 * 17),
            periods_of_care__isnull=False,
        )
        .distinct()
        .prefetch_related(periods_prefetch(), "care_leaver_contacts")
        .order_by("last_name", "first_name", "pk")
    )
    members = []
    for child in children:
        found = _oc3_birthday(child.date_of_birth, start, as_of)
        if found is None:
            continue
        age, day = found
        spells = spells_of(child.periods_of_care.all())
        if became_eligible_on(spells, child.date_of_birth, day) is None:
            continue
        if age <= 18 and any(s.started_on <= as_of and (s.ended_on is None or s.ended_on >= day) for s in spells):
            # Looked after on or after the 17th or 18th birthday, the day they ceased included: the
            # DfE asks no OC3 for them (903 rules 1007 and 1016: care ended on or after the birthday).
            continue
        members.append(Oc3Member(child, age, day, _nearest_contact(child.care_leaver_contacts.all(), day, as_of)))
    return members


def _oc3_rows(as_of: datetime.date, counts, band: str | None = None) -> list[Row]:
    """The OC3 cohort's rows (only the age band given: "17-18" or "19-21", as the DfE publishes them)."""
    rows = []
    cohort = [member for member in oc3_cohort(as_of) if band is None or member.band == band]
    holders = _case_holders([member.child.pk for member in cohort], as_of)
    for member in cohort:
        worker, team = holders.get(member.child.pk, NO_CASE)
        contact = member.contact
        rows.append(
            Row(
                subject=f"{ORDINALS[member.age]} birthday {member.birthday:%-d %b %Y} (ages {member.band})",
                child_id=member.child.pk,
                child_name=str(member.child),
                worker=worker,
                team=team,
                started=member.birthday,
                due=add_months(member.birthday, WINDOW_MONTHS_AFTER),
                stopped=contact.contacted_on if contact else None,
                counted=contact is not None and counts(contact),
            )
        )
    return rows


def _in_touch(contact) -> bool:
    return contact.in_touch == InTouch.YES


def _suitably_accommodated(contact) -> bool:
    return contact.accommodation != Accommodation.NONE and contact.accommodation_suitable is True


def _in_education_employment_or_training(contact) -> bool:
    return contact.activity in IN_EDUCATION_EMPLOYMENT_OR_TRAINING


def _neet(contact) -> bool:
    return contact.activity in NOT_IN_EDUCATION_EMPLOYMENT_OR_TRAINING


def in_touch_rows(as_of: datetime.date, band: str | None = None) -> list[Row]:
    """C02. The OC3 cohort; counted when in touch (IN_TOUCH = YES) around the birthday."""
    return _oc3_rows(as_of, _in_touch, band)


def suitable_accommodation_rows(as_of: datetime.date, band: str | None = None) -> list[Row]:
    """C03. The OC3 cohort; counted when in accommodation recorded as suitable (ACCOM ending in 1)."""
    return _oc3_rows(as_of, _suitably_accommodated, band)


def in_education_employment_or_training_rows(as_of: datetime.date, band: str | None = None) -> list[Row]:
    """C04. The OC3 cohort; counted when the main activity is education, employment or training."""
    return _oc3_rows(as_of, _in_education_employment_or_training, band)


def _in_band(rows, band: str):
    """The same measure for one of the DfE's published age bands."""

    def banded(as_of: datetime.date) -> list[Row]:
        return rows(as_of, band=band)

    banded.__doc__ = f"{rows.__doc__.split('.')[0]}, aged {band} (the birthday's age)."
    return banded


def neet_rows(as_of: datetime.date) -> list[Row]:
    """C05. The OC3 cohort; counted when not in education, employment or training (G4, G5, G6)."""
    return _oc3_rows(as_of, _neet)


def _oc3_figure(counts):
    """(counted, rows) from the shared OC3 cohort, without the rows' case holders: not yet SQL (the
    cohort's eligibility test is Python), but the cohort is built once per date for all four."""

    def figure(as_of: datetime.date) -> tuple[int, int]:
        cohort = oc3_cohort(as_of)
        return sum(1 for m in cohort if m.contact is not None and counts(m.contact)), len(cohort)

    return figure


_OC3_DEFINITION = (
    "Of the young people whose 17th to 21st birthday fell between 1 April and the date, who were looked after "
    "for 13 weeks or more after their 14th birthday including time after their 16th (and, at 17 and 18, had "
    "ceased to be looked after before the birthday), the share {what}, as recorded at the personal adviser's "
    "contact nearest the birthday from 3 months before it to 1 month after (no contact in that window counts as "
    "not known)."
)

# The DfE's "Children looked after in England" publishes the care leaver measures for two age bands,
# 17 and 18 year olds and 19 to 21 year olds, never for all five ages together: C02-C04 stay as the
# panel's all-ages figures, and C02a-C04a (17-18) and C02b-C04b (19-21) compare with the DfE's tables.
BANDS = (("a", "17-18", "17th or 18th"), ("b", "19-21", "19th, 20th or 21st"))
BANDED = ("C02", "C03", "C04")


def _banded(indicator: Indicator) -> tuple[Indicator, ...]:
    return tuple(
        Indicator(
            id=f"{indicator.id}{suffix}",
            title=f"{indicator.title}, aged {band}",
            definition=f"As {indicator.id}, for the young people whose birthday in the year was their {birthdays}: "
            f"the DfE's published age band {band}.",
            source=f"DfE children looked after statistics (SSDA903 OC3, care leavers aged {band})",
            polarity=indicator.polarity,
            unit=indicator.unit,
            period=indicator.period,
            counts=indicator.counts,
            rows=_in_band(indicator.rows, band),
            counted_label=indicator.counted_label,
            corporate_parenting_section=indicator.corporate_parenting_section,
        )
        for suffix, band, birthdays in BANDS
    )


_ALL_AGES: tuple[Indicator, ...] = (
    Indicator(
        id="C01",
        title="Care leavers with an up-to-date pathway plan",
        definition=(
            "Of the young people eligible, relevant or former relevant on the date (their status derived from their "
            "date of birth and periods of care), the share whose pathway plan was agreed or reviewed within 6 months "
            "before the date (timescale T27, Care Leavers Regulations 2010 reg 7)."
        ),
        source="Local measure (Rotherham improvement papers: pathway plans 84% rising to 99%)",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.AS_AT,
        counts="young people",
        rows=pathway_plan_rows,
        counted_label="Pathway plan up to date",
        corporate_parenting_section=SECTION,
    ),
    Indicator(
        id="C02",
        title="Care leavers in touch",
        definition=_OC3_DEFINITION.format(what="in touch with the council (OC3 IN_TOUCH = YES)"),
        source="DfE children looked after statistics (SSDA903 OC3, care leavers aged 17 to 21)",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="young people",
        rows=in_touch_rows,
        figure=_oc3_figure(_in_touch),
        counted_label="In touch",
        corporate_parenting_section=SECTION,
    ),
    Indicator(
        id="C03",
        title="Care leavers in suitable accommodation",
        definition=_OC3_DEFINITION.format(what="in accommodation recorded as suitable (OC3 ACCOM ending in 1)"),
        source="DfE children looked after statistics (SSDA903 OC3, care leavers aged 17 to 21)",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="young people",
        rows=suitable_accommodation_rows,
        figure=_oc3_figure(_suitably_accommodated),
        counted_label="Suitable accommodation",
        corporate_parenting_section=SECTION,
    ),
    Indicator(
        id="C04",
        title="Care leavers in education, employment or training",
        definition=_OC3_DEFINITION.format(
            what="in education, employment or training (OC3 ACTIV F1, P1, F2, P2, F4, P4, F5 or P5)"
        ),
        source="DfE children looked after statistics (SSDA903 OC3); Rotherham papers: weak for those aged 18+",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="young people",
        rows=in_education_employment_or_training_rows,
        figure=_oc3_figure(_in_education_employment_or_training),
        counted_label="In education, employment or training",
        corporate_parenting_section=SECTION,
    ),
    Indicator(
        id="C05",
        title="Care leavers not in education, employment or training (NEET)",
        definition=_OC3_DEFINITION.format(what="not in education, employment or training (OC3 ACTIV G4, G5 or G6)"),
        source="DfE children looked after statistics (SSDA903 OC3, care leavers aged 17 to 21)",
        polarity=Polarity.LOWER_IS_BETTER,
        unit="%",
        period=Period.YEAR_TO_DATE,
        counts="young people",
        rows=neet_rows,
        figure=_oc3_figure(_neet),
        counted_label="Not in education, employment or training",
        corporate_parenting_section=SECTION,
    ),
)

INDICATORS: tuple[Indicator, ...] = tuple(
    banded
    for indicator in _ALL_AGES
    for banded in ((indicator, *_banded(indicator)) if indicator.id in BANDED else (indicator,))
)
