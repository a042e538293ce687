"""Care leavers as the record gives them: their status on a date (from status.py), when their
pathway plan review and their personal adviser's next contact fall due, and who they are.

The one definition of "pathway plan up to date" and "contact due": the care leaver's page, the
worklist and indicator C01 all ask this module, which asks the timescales module for every date.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q

from hearth.calendar.workingdays import add_months
from hearth.care.codes import SHORT_BREAK_STATUSES
from hearth.care.models import LegalStatusSpell, PeriodOfCare
from hearth.cin.timeliness import due_by_local_standard
from hearth.leavers.codes import InTouch
from hearth.leavers.models import CareLeaverContact, PathwayPlanReview, SupportTo25Request, SupportTo25Withdrawal
from hearth.leavers.status import CareSpell, LeaverStatus, LeaverStatusResult, birthday, leaver_status
from hearth.people.models import Child
from hearth.timescales.selectors import Clock, clock

FIRST_PLAN_RULE = "T26"
RESUMED_PLAN_RULE = "T26A"  # the plan when support to 25 begins (again) after a time past 21 with none
PLAN_REVIEW_RULE = "T27"
CONTACT_RULE = "T29"
BIRTHDAY_CONTACT_RULE = "T29B"
BIRTHDAY_CONTACT_AGES = (17, 18, 19, 20, 21)  # the 903 OC3's birthdays
BIRTHDAY_WINDOW_MONTHS_BEFORE = 3  # the window opens 3 months before the birthday (C02-C05's)
# Personal adviser contact (T29) is for young people who have left care; while looked after the
# social worker visits under the looked-after rules.
OWED_PA_CONTACT = frozenset({LeaverStatus.RELEVANT, LeaverStatus.FORMER_RELEVANT})


def spells_of(periods: Iterable[PeriodOfCare]) -> list[CareSpell]:
    """Periods of care as the status needs them (legal statuses prefetched as `legal_statuses`)."""
    return [
        CareSpell(
            started_on=period.started_on,
            ended_on=period.ended_on,
            short_breaks_only=all(s.legal_status in SHORT_BREAK_STATUSES for s in period.legal_statuses.all()),
            end_reason=period.end_reason,
        )
        for period in periods
    ]


def periods_prefetch() -> Prefetch:
    return Prefetch(
        "periods_of_care",
        queryset=PeriodOfCare.objects.prefetch_related(
            Prefetch("legal_statuses", queryset=LegalStatusSpell.objects.only("period_id", "legal_status"))
        ),
    )


SUPPORT_TO_25_PREFETCH = ("support_to_25_requests", "support_to_25_withdrawals")


def support_to_25_on(child: Child, on: datetime.date) -> dict:
    """The young person's last word on support to 25 by `on`, as leaver_status's keyword arguments:
    `support_to_25_from`, the day they asked, if asking is their last word (they have not said since
    that they no longer want it); else `support_to_25_ended_on`, the day they said so. Read only when
    they are 21 or over on `on` (under 21 it changes nothing: no query for most young people)."""
    if child.date_of_birth is None or on < birthday(child.date_of_birth, 21):
        return {}
    # Prefetched by the lists (SUPPORT_TO_25_PREFETCH), else a query each.
    asked = [(r.requested_on, "asked") for r in child.support_to_25_requests.all() if r.requested_on <= on]
    ended = [(w.withdrawn_on, "ended") for w in child.support_to_25_withdrawals.all() if w.withdrawn_on <= on]
    if not asked and not ended:
        return {}
    day, word = max(asked + ended)
    return {"support_to_25_from": day} if word == "asked" else {"support_to_25_ended_on": day}


def status_of(child: Child, on: datetime.date) -> LeaverStatusResult:
    """The child's care leaver status on a date (periods prefetched if the caller did)."""
    return leaver_status(child.date_of_birth, spells_of(child.periods_of_care.all()), on, **support_to_25_on(child, on))


def possible_care_leavers(on: datetime.date):
    """Children who could have a status on `on`: about 16 to 20 then (a day's margin either side, for
    29 February birthdays), or to 24 for those who asked for support to 25 by then (whether they said
    since that they no longer want it, the status function decides), with a period of care begun by
    then."""
    under_21 = Q(date_of_birth__gt=_years_before(on, 21) - datetime.timedelta(days=1))
    asked_for_support_to_25 = Q(date_of_birth__gt=_years_before(on, 25) - datetime.timedelta(days=1)) & Q(
        Exists(SupportTo25Request.objects.filter(child_id=OuterRef("pk"), requested_on__lte=on))
    )
    return (
        Child.objects.filter(under_21 | asked_for_support_to_25)
        .filter(
            date_of_birth__lte=_years_before(on, 16) + datetime.timedelta(days=1),
            periods_of_care__started_on__lte=on,
        )
        .distinct()
        .prefetch_related(periods_prefetch(), "pathway_plan_reviews", *SUPPORT_TO_25_PREFETCH)
        .order_by("last_name", "first_name", "pk")
    )


def _years_before(on: datetime.date, years: int) -> datetime.date:
    """The same day `years` earlier (28 February for 29 February), and for a date in the first
    years of the calendar, the calendar's second day (so the margin a day either side still fits):
    the API may be asked about any date, and nobody was born that early."""
    if on.year - years < datetime.MINYEAR:
        return datetime.date.min + datetime.timedelta(days=1)
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


@dataclass(frozen=True)
class CareLeaver:
    child: Child
    status: LeaverStatusResult


def care_leavers_on(on: datetime.date, children=None, statuses=None) -> list[CareLeaver]:
    """Every young person with a care leaver status on `on` (or one of `statuses`), optionally
    among `children` (a queryset the caller may see)."""
    candidates = possible_care_leavers(on)
    if children is not None:
        candidates = candidates.filter(pk__in=children.values("pk"))
    leavers = [CareLeaver(child, status_of(child, on)) for child in candidates]
    wanted = statuses or {s for s in LeaverStatus if s != LeaverStatus.NONE}
    return [leaver for leaver in leavers if leaver.status.status in wanted]


# Due dates -------------------------------------------------------------------------------------


def review_dates(child: Child, on: datetime.date) -> list[datetime.date]:
    return [r.reviewed_on for r in child.pathway_plan_reviews.all() if r.reviewed_on <= on]


def plan_due(status: LeaverStatusResult, review_days: Iterable[datetime.date], on: datetime.date) -> datetime.date:
    """The next pathway plan review (T27, from the last review held by `on`); before any plan, the
    first plan (T26, from the 16th birthday or becoming eligible, whichever is later); when support to
    25 began (again) after a time past 21 with none, and no plan since, the plan it brings (T26A)."""
    held = [day for day in review_days if day <= on]
    if awaiting_resumed_plan(status, held):
        return clock(RESUMED_PLAN_RULE).due(status.support_resumed_on)
    if held:
        return clock(PLAN_REVIEW_RULE).due(max(held))
    return clock(FIRST_PLAN_RULE).due(status.became_eligible_on or on)


def awaiting_resumed_plan(status: LeaverStatusResult, review_days: Iterable[datetime.date]) -> bool:
    """Support to 25 began (again) after a time past 21 with none, and no plan was reviewed since."""
    resumed = status.support_resumed_on
    return resumed is not None and not any(day >= resumed for day in review_days)


def plan_up_to_date(status: LeaverStatusResult, review_days: Iterable[datetime.date], on: datetime.date) -> bool:
    """Reviewed (or agreed) within 6 months before `on`. No plan at all is never up to date."""
    held = [day for day in review_days if day <= on]
    return bool(held) and on <= clock(PLAN_REVIEW_RULE).due(max(held))


def contact_due(
    status: LeaverStatusResult,
    contacts: Iterable[CareLeaverContact],
    on: datetime.date,
    rule_clock: Clock | None = None,
) -> datetime.date | None:
    """When the personal adviser's next contact is due (T29, the council's standard): from the last
    contact in which the young person was in touch, else from leaving care. None when not owed."""
    if status.status not in OWED_PA_CONTACT:
        return None
    return due_by_local_standard(rule_clock or clock(CONTACT_RULE), contact_runs_from(status, contacts, on))


def contact_runs_from(
    status: LeaverStatusResult, contacts: Iterable[CareLeaverContact], on: datetime.date
) -> datetime.date:
    """The last contact by `on` in which the young person was in touch, else the day they left care;
    when support to 25 began (again) after a time past 21 with none, not before that day (nothing was
    owed in the time without it)."""
    in_touch = [c.contacted_on for c in contacts if c.in_touch == InTouch.YES and c.contacted_on <= on]
    runs_from = max(in_touch, default=status.left_care_on or on)
    return max(runs_from, status.support_resumed_on) if status.support_resumed_on else runs_from


@dataclass(frozen=True)
class BirthdayContact:
    age: int
    birthday: datetime.date
    due: datetime.date  # T29B: a month after the birthday


def birthday_contact_due(
    status: LeaverStatusResult, born: datetime.date | None, contacts: Iterable[CareLeaverContact], on: datetime.date
) -> BirthdayContact | None:
    """The contact owed around a 17th to 21st birthday (T29B) and not yet made: from 3 months before the
    birthday until the next birthday's window opens, for a young person the personal adviser keeps in
    touch with (relevant or former relevant), until a contact in touch falls in the window (3 months
    before the birthday to 1 month after). None when nothing is owed on `on`."""
    if born is None or status.status not in OWED_PA_CONTACT:
        return None
    opens = {age: add_months(birthday(born, age), -BIRTHDAY_WINDOW_MONTHS_BEFORE) for age in BIRTHDAY_CONTACT_AGES}
    current = [age for age in BIRTHDAY_CONTACT_AGES if opens[age] <= on]
    if not current:
        return None
    age = current[-1]
    if age == BIRTHDAY_CONTACT_AGES[-1] and on >= add_months(birthday(born, age + 1), -BIRTHDAY_WINDOW_MONTHS_BEFORE):
        return None  # the 21st's is owed as long as the others, until a 22nd's window would open: the OC3 stops at 21
    day = birthday(born, age)
    due = clock(BIRTHDAY_CONTACT_RULE).due(day)
    if any(_in_window(c, opens[age], due) for c in contacts):
        return None
    return BirthdayContact(age, day, due)


def _in_window(contact: CareLeaverContact, opens: datetime.date, closes: datetime.date) -> bool:
    return contact.in_touch == InTouch.YES and opens <= contact.contacted_on <= closes


def personal_adviser(child: Child) -> str:
    """The personal adviser named on the latest pathway plan review."""
    latest = max(child.pathway_plan_reviews.all(), key=lambda r: (r.reviewed_on, r.pk), default=None)
    return latest.personal_adviser if latest else ""


def leaver_record(child_id: int) -> Child:
    """The child with what the care leaver's page shows, prefetched."""
    return Child.objects.prefetch_related(
        periods_prefetch(),
        Prefetch("pathway_plan_reviews", queryset=PathwayPlanReview.objects.select_related("recorded_by")),
        Prefetch("care_leaver_contacts", queryset=CareLeaverContact.objects.select_related("recorded_by")),
        Prefetch("support_to_25_requests", queryset=SupportTo25Request.objects.select_related("recorded_by")),
        Prefetch("support_to_25_withdrawals", queryset=SupportTo25Withdrawal.objects.select_related("recorded_by")),
    ).get(pk=child_id)
