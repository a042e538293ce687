"""The rows of each Annex A list for a period, read from the record (docs/annex-a.md gives each
column's derivation and the readings taken).

Everything is as the record stood at the end of the period: a fact dated after it (an assessment
authorised, a plan ended, a conference held) is reported as not yet happened, so lists made a week
after an inspection began say what was true on its first day."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from hearth.assessment.models import Assessment, AssessmentOutcome
from hearth.care.models import PeriodOfCare
from hearth.cin.models import CinPlan
from hearth.frontdoor.models import Contact, Referral
from hearth.leavers.selectors import care_leavers_on
from hearth.missing.codes import InterviewResponse, MissingKind
from hearth.people.characteristics_selectors import Characteristics, characteristics_of
from hearth.people.models import Child
from hearth.permanence.models import AdoptionDecision
from hearth.permanence.selectors import journey_of
from hearth.protection.models import Conference, ConferenceDecision, ConferenceKind, ProtectionPlan, Section47Enquiry
from hearth.returns.annex_a import lists as L
from hearth.workforce.models import Allocation


@dataclass(frozen=True)
class Period:
    """The days the lists cover, both included."""

    start: datetime.date
    end: datetime.date

    @property
    def year_to_end_starts(self) -> datetime.date:
        """The first day of the 12 months ending on the period's last day."""
        return months_before(self.end, 12) + datetime.timedelta(days=1)


@dataclass
class Row:
    child_id: int
    values: list


@dataclass
class BuiltList:
    spec: L.ListSpec
    rows: list[Row]


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier (the month's last day when it has fewer days)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover (28 always exists)


def by(day: datetime.date | None, end: datetime.date) -> datetime.date | None:
    """A date as the record stood at the end of the period: None if after it (not yet happened)."""
    return day if day is not None and day <= end else None


def age_on(born: datetime.date | None, day: datetime.date) -> int | None:
    """Age in whole years at the last birthday on or before `day`; -1 for a child not yet born."""
    if born is None:
        return None
    if born > day:
        return -1
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return L.YES if value else L.NO


def disability(characteristics: Characteristics) -> str:
    """Yes for a recorded disability, No when recorded as none, Unknown when nothing is recorded."""
    if not characteristics.disabilities:
        return L.UNKNOWN
    return L.NO if characteristics.disabilities == ("NONE",) else L.YES


def child_cells(child: Child, characteristics: Characteristics, end: datetime.date) -> list:
    return [
        child.hearth_id,
        L.GENDERS.get(child.sex, ""),
        L.ETHNICITIES.get(characteristics.ethnicity or "", ""),
        child.date_of_birth,
        age_on(child.date_of_birth, end),
    ]


def _characteristics(children: Iterable[Child], end: datetime.date) -> dict[int, Characteristics]:
    unique = {child.pk: child for child in children}
    return characteristics_of(unique.values(), end)


def worker_on(referral: Referral, day: datetime.date) -> str:
    """The worker the case was allocated to on `day` (prefetched allocations), else the last one
    allocated before it; blank if never allocated by then."""
    allocations = [a for a in referral.allocations.all() if a.started_on <= day]
    current = [a for a in allocations if a.ended_on is None or a.ended_on >= day]
    chosen = max(current or allocations, key=lambda a: (a.started_on, a.pk), default=None)
    if chosen is None:
        return ""
    user = chosen.worker.user
    return user.get_full_name() or user.username


def _allocations() -> Prefetch:
    return Prefetch("allocations", queryset=_allocation_query())


def _allocation_query():
    return Allocation.objects.select_related("worker__user")


def _day_bounds(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    """The period's first moment and the moment after its last day, in UK time."""
    first = timezone.make_aware(datetime.datetime.combine(period.start, datetime.time.min))
    after = timezone.make_aware(datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min))
    return first, after


# List 1: contacts ------------------------------------------------------------------------------


def contacts(period: Period) -> list[Row]:
    """Every contact received in the period, one row a contact (a contact is about one child)."""
    first, after = _day_bounds(period)
    found = list(
        Contact.objects.filter(received_at__gte=first, received_at__lt=after)
        .select_related("child")
        .order_by("received_at", "id")
    )
    described = _characteristics((c.child for c in found), period.end)
    return [
        Row(
            contact.child_id,
            [
                *child_cells(contact.child, described[contact.child_id], period.end),
                timezone.localdate(contact.received_at),
                L.SOURCES.get(contact.source_id, ""),
            ],
        )
        for contact in found
    ]


# List 3: referrals -----------------------------------------------------------------------------


def _any_work(referral_key: str = "pk"):
    """Whether anything was done on a case: an assessment, CIN plan, section 47 or CP plan."""
    outer = OuterRef(referral_key)
    return (
        Exists(Assessment.objects.filter(referral=outer))
        | Exists(CinPlan.objects.filter(referral=outer))
        | Exists(Section47Enquiry.objects.filter(referral=outer))
        | Exists(ProtectionPlan.objects.filter(referral=outer))
    )


def referrals(period: Period) -> list[Row]:
    """Every referral made in the period, one row a referral."""
    found = list(
        Referral.objects.filter(referral_date__gte=period.start, referral_date__lte=period.end)
        .select_related("child", "team")
        .prefetch_related(_allocations())
        .annotate(any_work=_any_work())
        .order_by("referral_date", "id")
    )
    dates_by_child: dict[int, list[datetime.date]] = {}
    for child_id, day in Referral.objects.filter(child__in={r.child_id for r in found}).values_list(
        "child_id", "referral_date"
    ):
        dates_by_child.setdefault(child_id, []).append(day)
    described = _characteristics((r.child for r in found), period.end)
    rows = []
    for referral in found:
        year_before = months_before(referral.referral_date, 12)
        earlier = sum(1 for day in dates_by_child[referral.child_id] if year_before <= day < referral.referral_date)
        nfa = by(referral.closed_on, period.end) is not None and not referral.any_work
        rows.append(
            Row(
                referral.child_id,
                [
                    *child_cells(referral.child, described[referral.child_id], period.end),
                    referral.referral_date,
                    L.SOURCES.get(referral.source_id, ""),
                    yes_no(nfa),
                    earlier,
                    referral.team.name,
                    worker_on(referral, period.end),
                ],
            )
        )
    return rows


# List 4: assessments ---------------------------------------------------------------------------

SUPPORT_NEEDED = {AssessmentOutcome.CIN_PLAN, AssessmentOutcome.STRATEGY_DISCUSSION}
NO_SUPPORT_NEEDED = {AssessmentOutcome.NO_FURTHER_ACTION, AssessmentOutcome.EARLY_HELP}


def assessments(period: Period) -> list[Row]:
    """Every assessment open at some time in the period: started by its end and not authorised
    before its start."""
    found = list(
        Assessment.objects.filter(started_on__lte=period.end)
        .exclude(authorised_on__lt=period.start)
        .select_related("child", "referral__team", "worker__user")
        .order_by("started_on", "id")
    )
    described = _characteristics((a.child for a in found), period.end)
    rows = []
    for assessment in found:
        authorised = by(assessment.authorised_on, period.end)
        seen = by(assessment.child_seen_on, period.end)
        if seen is not None:
            child_seen = L.YES
        else:
            child_seen = L.NO if authorised else L.UNKNOWN
        support = ""
        if authorised and assessment.outcome in SUPPORT_NEEDED:
            support = L.YES
        elif authorised and assessment.outcome in NO_SUPPORT_NEEDED:
            support = L.NO
        characteristics = described[assessment.child_id]
        worker = assessment.worker.user
        rows.append(
            Row(
                assessment.child_id,
                [
                    *child_cells(assessment.child, characteristics, period.end),
                    disability(characteristics),
                    assessment.started_on,
                    child_seen,
                    authorised,
                    support,
                    assessment.referral.team.name,
                    worker.get_full_name() or worker.username,
                ],
            )
        )
    return rows


# List 5: section 47 enquiries and initial conferences -------------------------------------------


def _initial_conference_held(enquiry: Section47Enquiry, end: datetime.date) -> Conference | None:
    held = [c for c in enquiry.conferences.all() if by(c.held_on, end) is not None]
    return min(held, key=lambda c: (c.held_on, c.pk), default=None)


def _enquiry_ended(enquiry: Section47Enquiry, end: datetime.date) -> datetime.date | None:
    icpc = _initial_conference_held(enquiry, end)
    if icpc is not None:
        return icpc.held_on
    return by(enquiry.outcome_on, end) if enquiry.icpc_not_required else None


def section_47s(period: Period) -> list[Row]:
    """Every section 47 enquiry open at some time in the period: started by its end, and not ended
    (its initial conference held, or concluded with no conference) before its start."""
    initial = Prefetch("conferences", queryset=Conference.objects.filter(kind=ConferenceKind.INITIAL))
    candidates = (
        Section47Enquiry.objects.filter(started_on__lte=period.end)
        .select_related("child", "referral__team")
        .prefetch_related(initial, Prefetch("referral__allocations", queryset=_allocation_query()))
        .order_by("started_on", "id")
    )
    found = [e for e in candidates if (_enquiry_ended(e, period.end) or period.end) >= period.start]
    children = {e.child_id for e in found}
    starts: dict[int, list[datetime.date]] = {}
    for child_id, day in Section47Enquiry.objects.filter(child__in=children).values_list("child_id", "started_on"):
        starts.setdefault(child_id, []).append(day)
    icpcs: dict[int, list[datetime.date]] = {}
    for child_id, day in Conference.objects.filter(
        child__in=children, kind=ConferenceKind.INITIAL, held_on__isnull=False
    ).values_list("child_id", "held_on"):
        icpcs.setdefault(child_id, []).append(day)
    described = _characteristics((e.child for e in found), period.end)
    rows = []
    for enquiry in found:
        icpc = _initial_conference_held(enquiry, period.end)
        if icpc is not None:
            unnecessary = L.NO
        elif enquiry.icpc_not_required and by(enquiry.outcome_on, period.end):
            unnecessary = L.YES
        else:
            unnecessary = ""  # still open: nothing decided yet
        year_before = months_before(enquiry.started_on, 12)
        characteristics = described[enquiry.child_id]
        rows.append(
            Row(
                enquiry.child_id,
                [
                    *child_cells(enquiry.child, characteristics, period.end),
                    disability(characteristics),
                    enquiry.started_on,
                    unnecessary,
                    icpc.held_on if icpc else None,
                    yes_no(icpc.decision == ConferenceDecision.PLAN) if icpc else "",
                    sum(1 for day in starts[enquiry.child_id] if year_before <= day < enquiry.started_on),
                    sum(1 for day in icpcs.get(enquiry.child_id, ()) if year_before <= day < enquiry.started_on),
                    enquiry.referral.team.name,
                    worker_on(enquiry.referral, period.end),
                ],
            )
        )
    return rows


# List 6: children in need ----------------------------------------------------------------------


def _open_on(start: datetime.date, ended: datetime.date | None, day: datetime.date) -> bool:
    return start <= day and (ended is None or ended > day)


def case_status(referral: Referral, end: datetime.date) -> str:
    """What the case was on the period's last day, the most intensive first."""
    if by(referral.closed_on, end):
        return L.CLOSED_CASE
    if any(_open_on(p.started_on, p.ended_on, end) for p in referral.periods_of_care.all()):
        return L.LOOKED_AFTER_CASE
    if any(_open_on(p.started_on, p.ended_on, end) for p in referral.protection_plans.all()):
        return L.PROTECTION_CASE
    if any(_open_on(p.started_on, p.ended_on, end) for p in referral.cin_plans.all()):
        return L.CIN_PLAN_CASE
    if any(a.started_on <= end and by(a.authorised_on, end) is None for a in referral.assessments.all()):
        return L.OPEN_ASSESSMENT_CASE
    return ""  # open, with nothing open on it: none of Ofsted's statuses fits


def last_seen(referral: Referral, end: datetime.date) -> datetime.date | None:
    """The last day by the period's end the child was seen: on a visit, or during an assessment."""
    days = [v.visited_on for v in referral.visits.all() if v.seen and v.visited_on <= end]
    days += [a.child_seen_on for a in referral.assessments.all() if by(a.child_seen_on, end)]
    return max(days, default=None)


def children_in_need(period: Period) -> list[Row]:
    """Every case (CIN episode) open at some time in the period on which more than the referral
    happened by its end: an assessment, a CIN plan, a section 47 enquiry, a CP plan, or care."""
    found = list(
        Referral.objects.filter(referral_date__lte=period.end)
        .exclude(closed_on__lt=period.start)
        .filter(
            Exists(Assessment.objects.filter(referral=OuterRef("pk"), started_on__lte=period.end))
            | Exists(CinPlan.objects.filter(referral=OuterRef("pk"), started_on__lte=period.end))
            | Exists(Section47Enquiry.objects.filter(referral=OuterRef("pk"), started_on__lte=period.end))
            | Exists(ProtectionPlan.objects.filter(referral=OuterRef("pk"), started_on__lte=period.end))
            | Exists(PeriodOfCare.objects.filter(referral=OuterRef("pk"), started_on__lte=period.end))
        )
        .select_related("child", "team")
        .prefetch_related(_allocations(), "periods_of_care", "protection_plans", "cin_plans", "assessments", "visits")
        .order_by("referral_date", "id")
    )
    described = _characteristics((r.child for r in found), period.end)
    rows = []
    for referral in found:
        closed = by(referral.closed_on, period.end)
        characteristics = described[referral.child_id]
        rows.append(
            Row(
                referral.child_id,
                [
                    *child_cells(referral.child, characteristics, period.end),
                    disability(characteristics),
                    referral.referral_date,
                    L.PRIMARY_NEEDS.get(referral.primary_need, ""),
                    last_seen(referral, period.end),
                    closed,
                    L.CLOSURE_REASONS.get(referral.closure_reason, "") if closed else "",
                    case_status(referral, period.end),
                    referral.team.name,
                    worker_on(referral, period.end),
                ],
            )
        )
    return rows


# List 7: child protection ----------------------------------------------------------------------

EMERGENCY_STATUSES = {"L1", "L2"}  # police protection in council accommodation; emergency protection order


def child_protection(period: Period) -> list[Row]:
    """Every child protection plan open at some time in the period: the children on a plan at its
    end, and those whose plan ended in it."""
    reviews = Prefetch(
        "reviews", queryset=Conference.objects.filter(kind=ConferenceKind.REVIEW, held_on__lte=period.end)
    )
    found = list(
        ProtectionPlan.objects.filter(started_on__lte=period.end)
        .exclude(ended_on__lt=period.start)
        .select_related("child", "referral__team")
        .prefetch_related(
            reviews,
            Prefetch("referral__allocations", queryset=_allocation_query()),
            "referral__visits",
            "child__periods_of_care__legal_statuses",
        )
        .order_by("started_on", "id")
    )
    described = _characteristics((p.child for p in found), period.end)
    six_months_before = months_before(period.end, 6)
    rows = []
    for plan in found:
        held = sorted(plan.reviews.all(), key=lambda c: (c.held_on, c.pk))
        latest_category = next((r.category for r in reversed(held) if r.category), plan.initial_category)
        visits = [v for v in plan.referral.visits.all() if v.happened and v.visited_on <= period.end]
        last_visit = max(visits, key=lambda v: (v.visited_on, v.pk), default=None)
        emergency = any(
            spell.legal_status in EMERGENCY_STATUSES
            and spell.started_on <= period.end
            and (spell.ended_on is None or spell.ended_on >= six_months_before)
            for care in plan.child.periods_of_care.all()
            for spell in care.legal_statuses.all()
        )
        characteristics = described[plan.child_id]
        rows.append(
            Row(
                plan.child_id,
                [
                    *child_cells(plan.child, characteristics, period.end),
                    disability(characteristics),
                    plan.started_on,
                    L.CATEGORIES.get(plan.initial_category, ""),
                    L.CATEGORIES.get(latest_category, ""),
                    last_visit.visited_on if last_visit else None,
                    yes_no(last_visit.seen_alone) if last_visit else "",
                    held[-1].held_on if held else None,
                    by(plan.ended_on, period.end),
                    yes_no(emergency),
                    plan.previous_plans,
                    plan.referral.team.name,
                    worker_on(plan.referral, period.end),
                ],
            )
        )
    return rows


# List 8: children in care ----------------------------------------------------------------------


def _latest(items, day_of: Callable, end: datetime.date):
    """The item with the latest date on or before `end`."""
    dated = [item for item in items if day_of(item) is not None and day_of(item) <= end]
    return max(dated, key=lambda item: (day_of(item), item.pk), default=None)


def _uasc_within_year(characteristics: Characteristics, year_starts: datetime.date) -> bool:
    uasc = characteristics.uasc
    if uasc is None:
        return False
    return uasc.is_uasc or (uasc.ceased_on is not None and uasc.ceased_on >= year_starts)


def _missing_columns(child: Child, period: Period) -> list:
    episodes = [e for e in child.missing_episodes.all() if timezone.localdate(e.started_at) <= period.end]
    in_year = [e for e in episodes if timezone.localdate(e.started_at) >= period.year_to_end_starts]
    missing = [e for e in episodes if e.kind == MissingKind.MISSING]
    last = max(missing, key=lambda e: (e.started_at, e.pk), default=None)
    offered = accepted = ""
    if last is not None:
        offered_at = last.interview_offered_at
        was_offered = offered_at is not None and timezone.localdate(offered_at) <= period.end
        offered = L.YES if was_offered else L.NO
        if was_offered:
            accepted = {InterviewResponse.ACCEPTED: L.YES, InterviewResponse.DECLINED: L.NO}.get(
                last.interview_response, L.UNKNOWN
            )
    return [
        sum(1 for e in in_year if e.kind == MissingKind.MISSING),
        sum(1 for e in in_year if e.kind == MissingKind.AWAY),
        offered,
        accepted,
    ]


def _placement_location(inside: bool | None) -> str:
    return {True: "a) In", False: "b) Out"}.get(inside, "")


def looked_after(period: Period) -> list[Row]:
    """Every period of care open at some time in the period: the children in care at its end, and
    those who ceased to be looked after in it."""
    found = list(
        PeriodOfCare.objects.filter(started_on__lte=period.end)
        .exclude(ended_on__lt=period.start)
        .select_related("child", "referral__team")
        .prefetch_related(
            "legal_statuses",
            "placements__provider",
            "reviews",
            "health_checks",
            "child__periods_of_care",
            "child__visits",
            "child__missing_episodes",
            Prefetch("referral__allocations", queryset=_allocation_query()),
        )
        .order_by("started_on", "id")
    )
    described = _characteristics((p.child for p in found), period.end)
    rows = []
    for care in found:
        child, characteristics = care.child, described[care.child_id]
        as_at = min(period.end, care.ended_on or period.end)
        status = _latest(care.legal_statuses.all(), lambda s: s.started_on, as_at)
        placement = _latest(care.placements.all(), lambda p: p.started_on, as_at)
        review = _latest(care.reviews.all(), lambda r: r.held_on, period.end)
        visit = _latest([v for v in child.visits.all() if v.happened], lambda v: v.visited_on, period.end)
        checks = [c for c in care.health_checks.all() if not c.refused]
        health = _latest([c for c in checks if c.kind in ("IHA", "RHA")], lambda c: c.done_on, period.end)
        dental = _latest([c for c in checks if c.kind == "DENTAL"], lambda c: c.done_on, period.end)
        year_before_start = months_before(care.started_on, 12)
        earlier_period = any(
            other.pk != care.pk and year_before_start <= (other.ended_on or care.started_on) <= care.started_on
            for other in child.periods_of_care.all()
            if other.ended_on is not None
        )
        placements_in_year = sum(
            1
            for p in care.placements.all()
            if p.started_on <= period.end and (p.ended_on is None or p.ended_on >= period.year_to_end_starts)
        )
        ceased = by(care.ended_on, period.end)
        rows.append(
            Row(
                care.child_id,
                [
                    *child_cells(child, characteristics, period.end),
                    yes_no(_uasc_within_year(characteristics, period.year_to_end_starts)),
                    disability(characteristics),
                    care.started_on,
                    L.PRIMARY_NEEDS.get(care.category_of_need, ""),
                    yes_no(earlier_period),
                    status.started_on if status else None,
                    status.get_legal_status_display() if status else "",
                    review.held_on if review else None,
                    visit.visited_on if visit else None,
                    "",  # permanence plan: recorded as text (lists.LOOKED_AFTER.blank)
                    None,  # IRO visits: not recorded (lists.LOOKED_AFTER.blank)
                    health.done_on if health else None,
                    dental.done_on if dental else None,
                    placements_in_year,
                    ceased,
                    care.get_end_reason_display() if ceased else "",
                    placement.started_on if placement else None,
                    placement.get_placement_type_display() if placement else "",
                    L.PROVIDERS.get(placement.provider.provider_code, "") if placement else "",
                    placement.postcode if placement else "",
                    placement.provider.urn if placement else "",
                    _placement_location(placement.inside_council_area) if placement else "",
                    placement.local_authority if placement else "",
                    *_missing_columns(child, period),
                    care.referral.team.name,
                    worker_on(care.referral, period.end),
                ],
            )
        )
    return rows


# List 9: care leavers --------------------------------------------------------------------------


def care_leavers(period: Period) -> list[Row]:
    """Every young person with a care leaver status (eligible, relevant, former relevant or
    qualifying) on the period's last day."""
    statuses = {leaver.child.pk: leaver.status for leaver in care_leavers_on(period.end)}
    children = list(
        Child.objects.filter(pk__in=statuses)
        .prefetch_related(
            "care_leaver_contacts",
            "pathway_plan_reviews",
            Prefetch("referrals", queryset=Referral.objects.select_related("team").prefetch_related(_allocations())),
        )
        .order_by("pk")
    )
    described = _characteristics(children, period.end)
    rows = []
    for child in children:
        characteristics = described[child.pk]
        review = _latest(child.pathway_plan_reviews.all(), lambda r: r.reviewed_on, period.end)
        contact = _latest(child.care_leaver_contacts.all(), lambda c: c.contacted_on, period.end)
        kept = child.care_leaver_contacts.all()
        informed = _latest([c for c in kept if c.accommodation != "0"], lambda c: c.contacted_on, period.end)
        active = _latest([c for c in kept if c.activity != "0"], lambda c: c.contacted_on, period.end)
        case = _latest(child.referrals.all(), lambda r: r.referral_date, period.end)
        rows.append(
            Row(
                child.pk,
                [
                    *child_cells(child, characteristics, period.end),
                    yes_no(characteristics.uasc is not None),
                    disability(characteristics),
                    case.team.name if case else "",
                    worker_on(case, period.end) if case else "",
                    review.personal_adviser if review else "",
                    L.ELIGIBILITY.get(str(statuses[child.pk].status), ""),
                    review.reviewed_on if review else None,
                    L.IN_TOUCH.get(contact.in_touch, "") if contact else "",
                    contact.contacted_on if contact else None,
                    informed.get_accommodation_display() if informed else "",
                    _suitability(informed.accommodation_suitable) if informed else "",
                    active.get_activity_display() if active else "",
                ],
            )
        )
    return rows


def _suitability(suitable: bool | None) -> str:
    return {True: "a) Suitable", False: "b) Unsuitable"}.get(suitable, "")


# List 10: adoption -----------------------------------------------------------------------------

FOSTERING_FOR_ADOPTION = {"U2", "U5"}  # fostering for adoption or concurrent planning


def adoption(period: Period) -> list[Row]:
    """Every child whose decision that they should be placed for adoption was in force at some
    time in the 12 months to the period's end: adopted in them, still waiting, or reversed in them."""
    year_starts = period.year_to_end_starts
    decisions = (
        AdoptionDecision.objects.filter(decided_on__lte=period.end)
        .select_related("child", "period")
        .prefetch_related("period__legal_statuses", "period__placements", "matches")
        .order_by("decided_on", "id")
    )
    journeys = []
    for decision in decisions:
        journey = journey_of(decision)
        adopted = by(journey.adopted_on, period.end)
        reversed_on = by(decision.reversed_on, period.end)
        if (adopted is None or adopted >= year_starts) and (reversed_on is None or reversed_on >= year_starts):
            journeys.append(journey)
    described = _characteristics((j.decision.child for j in journeys), period.end)
    rows = []
    for journey in journeys:
        decision, child = journey.decision, journey.decision.child
        characteristics = described[child.pk]
        matches = [m for m in decision.matches.all() if m.matched_on <= period.end]
        reversed_on = by(decision.reversed_on, period.end)
        ffa = [
            p.started_on
            for p in journey.period.placements.all()
            if p.placement_type in FOSTERING_FOR_ADOPTION and p.started_on <= period.end
        ]
        rows.append(
            Row(
                child.pk,
                [
                    child.hearth_id,
                    "",  # family identifier: not recorded (lists.ADOPTION.blank)
                    *child_cells(child, characteristics, period.end)[1:],
                    disability(characteristics),
                    journey.period.started_on,
                    decision.decided_on,
                    by(journey.placement_order_on, period.end),
                    max((m.matched_on for m in matches), default=None),
                    by(journey.placed_on, period.end),
                    by(journey.adopted_on, period.end),
                    reversed_on,
                    L.REVERSAL_REASONS.get(decision.reversal_reason, "") if reversed_on else "",
                    min(ffa, default=None),
                ],
            )
        )
    return rows


BUILDERS: dict[int, Callable[[Period], list[Row]]] = {
    1: contacts,
    3: referrals,
    4: assessments,
    5: section_47s,
    6: children_in_need,
    7: child_protection,
    8: looked_after,
    9: care_leavers,
    10: adoption,
}


def annex_a_lists(period: Period) -> list[BuiltList]:
    """Every list, in Ofsted's order; a list Hearth does not record has its headings and no rows."""
    built = []
    for spec in L.ALL_LISTS:
        builder = BUILDERS.get(spec.number)
        built.append(BuiltList(spec, builder(period) if builder else []))
    return built
