"""Care leaver indicators (DOMAIN 4.2): C01 pathway plans up to date, and the OC3 measures C02 in
touch, C03 suitable accommodation, C04 in education, employment or training, C05 not (NEET); and C06,
looked-after young people aged 16 and 17 in education, employment or training.

The OC3 cohort (DOMAIN 4.2, 903 OC3): young people whose 17th to 21st birthday fell in the year to
the date (1 April to D), who were looked after 13 weeks or more after their 14th birthday including
some time after their 16th, and, at 17 and 18, were not looked after on the birthday (903 rule
1007). Their circumstances are read from the personal adviser's contact nearest the birthday within
a window of 3 months before to 1 month after it (DOMAIN 2.6; the window is unverified, see
docs/care-leavers.md). No contact in the window: not in touch, nothing known, so not counted.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least

from hearth.calendar.days import add_months_sql, ensure_calendar_days
from hearth.calendar.models import CalendarDay
from hearth.calendar.workingdays import add_months, latest_start_for
from hearth.care.codes import SHORT_BREAK_STATUSES
from hearth.care.indicators import LOOKED_AFTER, indicator_row, looked_after_on
from hearth.care.models import LegalStatusSpell, PeriodOfCare
from hearth.cin.selectors import holder_on
from hearth.core.shared_reads import shared
from hearth.frontdoor.models import Referral
from hearth.leavers.codes import (
    IN_EDUCATION_EMPLOYMENT_OR_TRAINING,
    NOT_IN_EDUCATION_EMPLOYMENT_OR_TRAINING,
    Accommodation,
    InTouch,
)
from hearth.leavers.models import CareLeaverContact, PathwayPlanReview, SupportTo25Request, SupportTo25Withdrawal
from hearth.leavers.selectors import (
    PLAN_REVIEW_RULE,
    care_leavers_on,
    periods_prefetch,
    plan_due,
    plan_up_to_date,
    review_dates,
    spells_of,
)
from hearth.leavers.status import (
    ADOPTION_END_REASONS,
    OWED_A_PATHWAY_PLAN,
    SPECIAL_GUARDIANSHIP_END_REASONS,
    THIRTEEN_WEEKS,
    became_eligible_on,
    birthday,
)
from hearth.people.models import Child
from hearth.performance.indicator import Indicator, Period, Polarity, Row, counted_figure, latest_sql, year_start
from hearth.timescales.selectors import clock
from hearth.workforce.models import Allocation
from hearth.workforce.selectors import TRANSFERS, team_on

SECTION = "Care leavers"
OC3_AGES = (17, 18, 19, 20, 21)
ORDINALS = {17: "17th", 18: "18th", 19: "19th", 20: "20th", 21: "21st"}
WINDOW_MONTHS_BEFORE = 3  # the OC3 circumstances window (unverified): 3 months before the birthday
WINDOW_MONTHS_AFTER = 1  # ... to 1 month after it


def _case_holders(child_ids, as_of: datetime.date) -> dict[int, tuple[str, str]]:
    """Who held each young person's latest case on as_of, and the team holding it then (team_on): one read
    for all of them."""
    referrals = (
        Referral.objects.filter(child_id__in=child_ids, referral_date__lte=as_of)
        .select_related("team")
        .prefetch_related(
            Prefetch("allocations", queryset=Allocation.objects.select_related("worker__user")), TRANSFERS
        )
        .order_by("child_id", "-referral_date", "-pk")
    )
    latest = {}
    for referral in referrals:
        latest.setdefault(referral.child_id, referral)
    return {
        child_id: (holder_on(referral, as_of), str(team_on(referral, as_of))) for child_id, referral in latest.items()
    }


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


def _day_number(field: str):
    """The CalendarDay day number of the outer query's date `field` (days since the table's first)."""
    return Subquery(CalendarDay.objects.filter(date=OuterRef(field)).values("day_number")[:1])


def _birthdays_sql(children, *ages: int):
    """Children annotated with `born` and the birthdays asked for (`turns_16`...), as status.birthday."""
    children = children.annotate(born=F("date_of_birth"))
    return children.annotate(**{f"turns_{age}": add_months_sql("born", 12 * age) for age in ages})


def _thirteen_weeks_met_sql(children, on: str):
    """The children (annotated with turns_14, turns_16 and turns_18) for whom became_eligible_on(their
    periods of care, date of birth, the date field `on`) is not None: the days looked after from 14
    to the earlier of 18 and `on` (periods begun by `on`, short-break-only ones left out, each counted
    to the day it ended) reach 13 weeks, and the last of them reaches 16."""
    children = children.annotate(window_end=Least("turns_18", on))
    counting = PeriodOfCare.objects.filter(child_id=OuterRef("pk"), started_on__lte=OuterRef(on)).filter(
        Exists(LegalStatusSpell.objects.filter(period_id=OuterRef("pk")).exclude(legal_status__in=SHORT_BREAK_STATUSES))
    )
    counting = counting.annotate(
        cut_start=Greatest("started_on", OuterRef("turns_14"), output_field=DateField()),
        cut_end=Least(
            Coalesce("ended_on", OuterRef("window_end"), output_field=DateField()),
            OuterRef("window_end"),
            output_field=DateField(),
        ),
    )
    counting = counting.filter(cut_start__lte=F("cut_end")).annotate(
        days=ExpressionWrapper(_day_number("cut_end") - _day_number("cut_start"), output_field=IntegerField())
    )
    # Two subqueries over the periods (their total, their last day), not one EXISTS with both in its
    # HAVING: SQLite cannot read the outer row's columns in a grouped subquery's HAVING ("no such
    # column: people_child.date_of_birth"), and the demo runs on SQLite.
    totals = counting.values("child_id")
    children = children.annotate(
        days=Subquery(totals.annotate(total=Sum("days")).values("total")[:1]),
        reaches=Subquery(totals.annotate(last=Max("cut_end")).values("last")[:1]),
    )
    return children.filter(days__gte=THIRTEEN_WEEKS, reaches__gte=F("turns_16"))


def owed_a_pathway_plan_sql(on: datetime.date):
    """care_leavers_on(on, statuses=OWED_A_PATHWAY_PLAN) as a queryset of children, for the SQL
    figure: leaver_status in SQL, for the statuses that are owed a plan. 16 to 20 on the date (or to
    24, having asked for support to 25 by then); the 13 weeks' test met; not adopted from their last
    period; and either still looked after under 18 or not left care for a special guardianship order."""
    ensure_calendar_days(on)
    # Candidates about 15 to 26 on the date with a period of care begun by then; the birthdays decide.
    candidates = Child.objects.filter(
        date_of_birth__gt=add_months(on, -12 * 26),
        date_of_birth__lte=add_months(on, -12 * 15),
    ).filter(Exists(PeriodOfCare.objects.filter(child_id=OuterRef("pk"), started_on__lte=on)))
    # 16 or over and under 21 on the date (birthday(born, 16) <= on < birthday(born, 21)), as bounds on
    # the date of birth; or under 25, having asked for support to 25 by the date and not said since (by
    # then) that they no longer want it (support_to_25_on: the last word by the date is an asking).
    withdrawn_since = SupportTo25Withdrawal.objects.filter(
        child_id=OuterRef("child_id"), withdrawn_on__gte=OuterRef("requested_on"), withdrawn_on__lte=on
    )
    in_force = SupportTo25Request.objects.filter(child_id=OuterRef("pk"), requested_on__lte=on).filter(
        ~Exists(withdrawn_since)
    )
    asked = Q(date_of_birth__gt=latest_start_for(on, 12 * 25)) & Q(Exists(in_force))
    candidates = candidates.filter(date_of_birth__lte=latest_start_for(on, 12 * 16)).filter(
        Q(date_of_birth__gt=latest_start_for(on, 12 * 21)) | asked
    )
    children = _birthdays_sql(candidates, 14, 16, 18)
    children = _thirteen_weeks_met_sql(children.annotate(on=Value(on, output_field=DateField())), "on")
    started = PeriodOfCare.objects.filter(child_id=OuterRef("pk"), started_on__lte=on)
    last_ended = started.filter(ended_on__lte=on).order_by("-ended_on", "-started_on", "-id").values("end_reason")[:1]
    children = children.annotate(
        looked_after=Exists(started.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))),
        last_end_reason=Subquery(last_ended),
    )
    # The last period's end reason counts only once care has ended (leaver_status's last_end).
    left = Q(looked_after=False, last_end_reason__isnull=False)
    children = children.exclude(left & Q(last_end_reason__in=ADOPTION_END_REASONS))
    eligible = Q(looked_after=True, turns_18__gt=on)
    return children.filter(eligible | ~(left & Q(last_end_reason__in=SPECIAL_GUARDIANSHIP_END_REASONS)))


def pathway_plan_figure(as_of: datetime.date) -> tuple[int, int]:
    """C01 in SQL: the same (counted, rows) as pathway_plan_rows: counted when the last pathway plan
    review by the date was within 6 months before it (T27)."""
    reviews = PathwayPlanReview.objects.filter(child_id=OuterRef("pk"), reviewed_on__lte=as_of)
    leavers = owed_a_pathway_plan_sql(as_of).annotate(last_review=latest_sql(reviews, "reviewed_on"))
    leavers = leavers.annotate(due=clock(PLAN_REVIEW_RULE).due_sql("last_review"))
    return counted_figure(leavers, Q(last_review__isnull=False, due__gte=as_of))


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


def _window_contacts(start: datetime.date, as_of: datetime.date) -> Prefetch:
    """The contacts any birthday's window in the year can hold (from WINDOW_MONTHS_BEFORE before its
    first day to as_of), as the list `oc3_window_contacts` on the child: a care leaver has years of
    contacts, and a list costs less than a prefetched manager (a queryset per child)."""
    window = (add_months(start, -WINDOW_MONTHS_BEFORE), as_of)
    return Prefetch(
        "care_leaver_contacts",
        queryset=CareLeaverContact.objects.filter(contacted_on__range=window),
        to_attr="oc3_window_contacts",
    )


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
        .prefetch_related(periods_prefetch(), _window_contacts(start, as_of))
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
        members.append(Oc3Member(child, age, day, _nearest_contact(child.oc3_window_contacts, day, as_of)))
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


def _oc3_figure(counts, band: str | None = None):
    """(counted, rows) from the shared OC3 cohort (only the age band given), without the rows' case
    holders: not SQL (docs/decisions/0008-figures-in-sql.md says why), but the cohort is built once
    per date for all ten OC3 measures."""

    def figure(as_of: datetime.date) -> tuple[int, int]:
        cohort = [member for member in oc3_cohort(as_of) if band is None or member.band == band]
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


def _oc3_measure(
    id: str,
    title: str,
    what: str,
    source: str,
    polarity: Polarity,
    rows,
    counts,
    label: str,
    *,
    banded: bool,
    evidence: str = "",
) -> tuple[Indicator, ...]:
    """One OC3 measure, declared once: the all-ages indicator and, if `banded`, one for each of the
    DfE's age bands, all counting the shared cohort with the same `counts` (the contact's answer)."""

    def indicator(id, title, definition, source, rows, band=None) -> Indicator:
        return Indicator(
            id=id,
            title=title,
            definition=definition,
            source=source,
            polarity=polarity,
            unit="%",
            period=Period.YEAR_TO_DATE,
            counts="young people",
            rows=rows,
            figure=_oc3_figure(counts, band),
            counted_label=label,
            corporate_parenting_section=SECTION,
            evidence=evidence,
        )

    all_ages = indicator(id, title, _OC3_DEFINITION.format(what=what), source, rows)
    return (all_ages,) + tuple(
        indicator(
            f"{id}{suffix}",
            f"{title}, aged {band}",
            f"As {id}, for the young people whose birthday in the year was their {birthdays}: "
            f"the DfE's published age band {band}.",
            f"DfE children looked after statistics (SSDA903 OC3, care leavers aged {band})",
            _in_band(rows, band),
            band,
        )
        for suffix, band, birthdays in (BANDS if banded else ())
    )


# C06 -----------------------------------------------------------------------------------------------


def _sixteen_or_seventeen(born: datetime.date | None, as_of: datetime.date) -> bool:
    return born is not None and birthday(born, 16) <= as_of < birthday(born, 18)


def looked_after_eet_rows(as_of: datetime.date) -> list[Row]:
    """C06. Denominator: children looked after on as_of (the L cohort) aged 16 or 17 then. Numerator:
    those whose main activity at the latest contact recorded since they became looked after (by the
    date: the social worker's or personal adviser's, with the OC3 activity codes) was education,
    employment or training. No contact since care began: nothing known, not counted."""
    cohort = [la for la in looked_after_on(as_of) if _sixteen_or_seventeen(la.period.child.date_of_birth, as_of)]
    latest: dict[int, CareLeaverContact] = {}
    contacts = CareLeaverContact.objects.filter(
        child_id__in={la.period.child_id for la in cohort}, contacted_on__lte=as_of
    ).order_by("contacted_on", "id")
    starts = {la.period.child_id: la.period.started_on for la in cohort}
    for contact in contacts:
        if contact.contacted_on >= starts[contact.child_id]:
            latest[contact.child_id] = contact
    rows = []
    for la in cohort:
        contact = latest.get(la.period.child_id)
        age = 17 if birthday(la.period.child.date_of_birth, 17) <= as_of else 16
        activity = f"{contact.get_activity_display()} ({contact.contacted_on:%-d %b %Y})" if contact else None
        rows.append(
            indicator_row(
                la.period,
                as_of,
                subject=f"Aged {age}: " + (activity or "no activity recorded since becoming looked after"),
                started=la.period.started_on,
                stopped=contact.contacted_on if contact else None,
                counted=contact is not None and contact.activity in IN_EDUCATION_EMPLOYMENT_OR_TRAINING,
            )
        )
    return rows


@LOOKED_AFTER.figure
def looked_after_eet_figure(cohort, as_of: datetime.date):
    """C06 in SQL: the same (counted, rows) as looked_after_eet_rows."""
    latest = CareLeaverContact.objects.filter(
        child_id=OuterRef("child_id"), contacted_on__lte=as_of, contacted_on__gte=OuterRef("started_on")
    ).order_by("-contacted_on", "-id")
    sixteen_or_seventeen = Q(
        child__date_of_birth__lte=latest_start_for(as_of, 12 * 16),
        child__date_of_birth__gt=latest_start_for(as_of, 12 * 18),
    )
    cohort = cohort.annotate(latest_activity=Subquery(latest.values("activity")[:1]))
    return cohort, sixteen_or_seventeen, Q(latest_activity__in=IN_EDUCATION_EMPLOYMENT_OR_TRAINING)


PATHWAY_PLANS = Indicator(
    id="C01",
    title="Care leavers with an up-to-date pathway plan",
    definition=(
        "Of the young people eligible, relevant or former relevant on the date (their status derived from their "
        "date of birth and periods of care), the share whose pathway plan was agreed or reviewed within 6 months "
        "before the date (timescale T27, Care Leavers Regulations 2010 reg 7)."
    ),
    source="Local measure",
    evidence="Rotherham improvement papers: pathway plans 84% rising to 99%",
    polarity=Polarity.HIGHER_IS_BETTER,
    unit="%",
    period=Period.AS_AT,
    counts="young people",
    rows=pathway_plan_rows,
    figure=pathway_plan_figure,
    counted_label="Pathway plan up to date",
    corporate_parenting_section=SECTION,
)
OC3_SOURCE = "DfE children looked after statistics (SSDA903 OC3, care leavers aged 17 to 21)"

INDICATORS: tuple[Indicator, ...] = (
    PATHWAY_PLANS,
    *_oc3_measure(
        "C02",
        "Care leavers in touch",
        "in touch with the council (OC3 IN_TOUCH = YES)",
        OC3_SOURCE,
        Polarity.HIGHER_IS_BETTER,
        in_touch_rows,
        _in_touch,
        "In touch",
        banded=True,
    ),
    *_oc3_measure(
        "C03",
        "Care leavers in suitable accommodation",
        "in accommodation recorded as suitable (OC3 ACCOM ending in 1)",
        OC3_SOURCE,
        Polarity.HIGHER_IS_BETTER,
        suitable_accommodation_rows,
        _suitably_accommodated,
        "Suitable accommodation",
        banded=True,
    ),
    *_oc3_measure(
        "C04",
        "Care leavers in education, employment or training",
        "in education, employment or training (OC3 ACTIV F1, P1, F2, P2, F4, P4, F5 or P5)",
        "DfE children looked after statistics (SSDA903 OC3)",
        Polarity.HIGHER_IS_BETTER,
        in_education_employment_or_training_rows,
        _in_education_employment_or_training,
        "In education, employment or training",
        banded=True,
        evidence="Rotherham papers: weak for those aged 18+",
    ),
    *_oc3_measure(
        "C05",
        "Care leavers not in education, employment or training (NEET)",
        "not in education, employment or training (OC3 ACTIV G4, G5 or G6)",
        OC3_SOURCE,
        Polarity.LOWER_IS_BETTER,
        neet_rows,
        _neet,
        "Not in education, employment or training",
        banded=False,
    ),
    Indicator(
        id="C06",
        title="Looked-after young people aged 16 and 17 in education, employment or training",
        definition=(
            "Of the children looked after on the date (not those looked after only for short breaks) aged 16 or "
            "17, the share whose main activity at the latest contact recorded since they became looked after was "
            "education, employment or training (the OC3 activity codes F1, P1, F2, P2, F4, P4, F5 or P5). No "
            "contact recorded since care began: nothing known, not counted (the row says so)."
        ),
        source="Local measure; DfE's OC3 activity codes",
        evidence="Rotherham Corporate Parenting Panel: care leavers in education, employment or training, from 16",
        polarity=Polarity.HIGHER_IS_BETTER,
        unit="%",
        period=Period.AS_AT,
        counts="young people",
        rows=looked_after_eet_rows,
        figure=looked_after_eet_figure,
        counted_label="In education, employment or training",
        corporate_parenting_section=SECTION,
    ),
)
