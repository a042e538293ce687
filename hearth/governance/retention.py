"""How long a child's record is kept, and which closed records are past it: the retention report a
council's information governance lead works from. Hearth never deletes a record by itself: the
report lists records due for review, and the council decides.

Each class of record has one rule. Where a regulation sets the period the rule cites it; where
none does, the period is the council's own (a setting) and the rule says so. The periods found in
public sources are in docs/domain-verification.md and docs/security.md.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings

from hearth.calendar.workingdays import add_months


@dataclass(frozen=True)
class ChildHistory:
    """The facts about a child that decide how long their record is kept."""

    date_of_birth: datetime.date | None
    last_contact: datetime.date | None
    had_a_case: bool
    case_open: bool
    last_closed: datetime.date | None
    child_protection: bool = False  # the subject of a section 47 enquiry or a child protection conference
    looked_after: bool = False  # ever looked after (a period of care)
    in_care: bool = False  # looked after now: the record is in use, never due
    died_on: datetime.date | None = None  # a period of care ended because the child died (E2)
    adopted_on: datetime.date | None = None  # the adoption order that ended a period of care (E11, E12)


@dataclass(frozen=True)
class Retention:
    record_class: str
    keep_until: datetime.date | None  # None: cannot be worked out (no date of birth): review by hand
    basis: str


def add_years(day: datetime.date, years: int) -> datetime.date:
    return add_months(day, 12 * years)  # 29 February -> 28 February, as for months


def retention_of(history: ChildHistory) -> Retention | None:
    """The rule that applies to the child's record as a whole (the longest-kept class the child
    falls in), or None while the child has an open case."""
    if history.case_open or history.in_care:
        return None
    if history.adopted_on is not None:
        return _adoption(history)  # 100 years from an order made before 18: always the longest
    if history.looked_after:
        return _longer(_looked_after(history), _before_care_rules(history))
    return _before_care_rules(history)


def _before_care_rules(history: ChildHistory) -> Retention:
    if history.child_protection:
        return _child_protection(history)
    if history.had_a_case:
        return _child_in_need(history)
    return _contact_only(history)


def _longer(first: Retention, second: Retention) -> Retention:
    """A record in two classes is kept as long as the longer; one that cannot be worked out is
    reviewed by hand."""
    if first.keep_until is None or second.keep_until is None:
        return first if first.keep_until is None else second
    return first if first.keep_until >= second.keep_until else second


def _adoption(history: ChildHistory) -> Retention:
    years = settings.HEARTH_RETENTION_ADOPTION_YEARS
    basis = (
        f"Adoption case record: {years} years from the adoption order (Disclosure of Adoption Information "
        "(Post-Commencement Adoptions) Regulations 2005 reg 6)"
    )
    return Retention("Adoption", add_years(history.adopted_on, years), basis)


def _looked_after(history: ChildHistory) -> Retention:
    age = settings.HEARTH_RETENTION_LOOKED_AFTER_UNTIL_AGE
    after_death = settings.HEARTH_RETENTION_LOOKED_AFTER_AFTER_DEATH_YEARS
    basis = (
        f"Looked-after child's case record: until the {age}th birthday, or {after_death} years from the death "
        "of a child who died before 18 (Care Planning, Placement and Case Review (England) Regulations 2010 "
        "reg 50)"
    )
    if history.date_of_birth is None:
        return Retention("Looked after", None, basis + ". No date of birth: review by hand")
    if history.died_on is not None and history.died_on < add_years(history.date_of_birth, 18):
        return Retention("Looked after", add_years(history.died_on, after_death), basis)
    return Retention("Looked after", add_years(history.date_of_birth, age), basis)


def _child_protection(history: ChildHistory) -> Retention:
    years = settings.HEARTH_RETENTION_CHILD_PROTECTION_YEARS
    basis = (
        f"Child protection record (section 47 enquiry or conference): {years} years after the case closed "
        "(the council's schedule; no statutory period)"
    )
    keep_until = add_years(history.last_closed, years) if history.last_closed else None
    return Retention("Child protection", keep_until, basis)


def _child_in_need(history: ChildHistory) -> Retention:
    years = settings.HEARTH_RETENTION_CHILD_IN_NEED_YEARS
    basis = (
        f"Child in need record: until {years} years after the later of the 18th birthday and the case "
        "closing (the council's schedule; no statutory period)"
    )
    if history.date_of_birth is None or history.last_closed is None:
        return Retention("Child in need", None, basis + ". No date of birth: review by hand")
    eighteenth = add_years(history.date_of_birth, 18)
    return Retention("Child in need", add_years(max(eighteenth, history.last_closed), years), basis)


def _contact_only(history: ChildHistory) -> Retention:
    years = settings.HEARTH_RETENTION_CONTACT_ONLY_YEARS
    basis = (
        f"Contacts that did not lead to a referral: {years} years from the last contact "
        "(the council's schedule; no statutory period)"
    )
    keep_until = add_years(history.last_contact, years) if history.last_contact else None
    return Retention("Contacts only", keep_until, basis)


@dataclass(frozen=True)
class RetentionLine:
    child: object  # people.Child
    retention: Retention


@dataclass(frozen=True)
class RetentionReport:
    as_of: datetime.date
    past: list[RetentionLine]  # closed records kept beyond their period: due for review
    next_twelve_months: list[RetentionLine]
    by_hand: list[RetentionLine]  # the period cannot be worked out
    hidden_past: int  # restricted records past their period that this reader may not see


def retention_report(*, user, as_of: datetime.date) -> RetentionReport:
    """Closed records past (or within a year of) their retention date, oldest first. Restricted
    records the reader may not open are counted, never named."""
    from hearth.people.selectors import children_found_by

    # Sealed adoption records are named to people allowed to open them (as search finds them),
    # though their pages open only once a reason is given.
    visible = set(children_found_by(user).values_list("pk", flat=True))
    past, soon, by_hand, hidden = [], [], [], 0
    year_ahead = add_years(as_of, 1)
    for child, history in _histories():
        retention = retention_of(history)
        if retention is None:
            continue
        line = RetentionLine(child, retention)
        if retention.keep_until is not None and retention.keep_until > year_ahead:
            continue
        if child.pk not in visible:
            hidden += retention.keep_until is None or retention.keep_until <= as_of
            continue
        if retention.keep_until is None:
            by_hand.append(line)
        elif retention.keep_until <= as_of:
            past.append(line)
        else:
            soon.append(line)

    def oldest_first(line: RetentionLine):
        return (line.retention.keep_until, line.child.last_name, line.child.pk)

    return RetentionReport(
        as_of, sorted(past, key=oldest_first), sorted(soon, key=oldest_first), by_hand, hidden_past=hidden
    )


def _histories():
    """Every child with the facts retention depends on, in one query."""
    from django.db.models import Exists, Max, OuterRef, Subquery
    from django.utils import timezone

    from hearth.care.codes import ADOPTION_END_REASONS, CareEndReason
    from hearth.care.models import PeriodOfCare
    from hearth.frontdoor.models import Contact, Referral
    from hearth.people.models import Child
    from hearth.protection.models import Conference, Section47Enquiry

    cases = Referral.objects.filter(child=OuterRef("pk"))
    periods = PeriodOfCare.objects.filter(child=OuterRef("pk"))
    children = Child.objects.annotate(
        last_contact_at=Subquery(
            Contact.objects.filter(child=OuterRef("pk")).values("child").annotate(m=Max("received_at")).values("m")
        ),
        last_closed=Subquery(cases.values("child").annotate(m=Max("closed_on")).values("m")),
        had_a_case=Exists(cases),
        case_open=Exists(cases.filter(closed_on__isnull=True)),
        had_an_enquiry=Exists(Section47Enquiry.objects.filter(child=OuterRef("pk"))),
        had_a_conference=Exists(Conference.objects.filter(child=OuterRef("pk"))),
        looked_after=Exists(periods),
        in_care=Exists(periods.filter(ended_on__isnull=True)),
        died_on=Subquery(_first_end(periods.filter(end_reason=CareEndReason.E2))),
        adopted_on=Subquery(_first_end(periods.filter(end_reason__in=ADOPTION_END_REASONS))),
    )
    for child in children.iterator(chunk_size=2000):
        yield (
            child,
            ChildHistory(
                date_of_birth=child.date_of_birth,
                last_contact=timezone.localdate(child.last_contact_at) if child.last_contact_at else None,
                had_a_case=child.had_a_case,
                case_open=child.case_open,
                last_closed=child.last_closed,
                child_protection=child.had_an_enquiry or child.had_a_conference,
                looked_after=child.looked_after,
                in_care=child.in_care,
                died_on=child.died_on,
                adopted_on=child.adopted_on,
            ),
        )


def _first_end(periods):
    """The first day a period of care ended so (a child is adopted or dies once)."""
    from django.db.models import Min

    return periods.values("child").annotate(day=Min("ended_on")).values("day")
