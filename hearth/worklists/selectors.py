"""What is due and overdue: for a worker, a team, the MASH. Due dates come from timescales only."""

import datetime
from dataclasses import dataclass, field, replace

from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from hearth.assessment.models import Assessment
from hearth.core.request_memo import request_memo
from hearth.core.shared_reads import shared, shared_reads
from hearth.frontdoor.models import Contact, Referral, ScreeningDecision, Urgency
from hearth.people.selectors import child_can_be_seen_by, children_visible_to, remember_seen
from hearth.timescales.selectors import clock
from hearth.workforce import caseloads as workforce_caseloads
from hearth.workforce.models import Allocation, Team, Worker
from hearth.workforce.selectors import case_holder


@dataclass(frozen=True)
class WorkItem:
    child_id: int
    child_name: str
    duty: str
    started: datetime.date | datetime.datetime
    due: datetime.date | datetime.datetime
    rule: str
    local_due: datetime.date | None
    local_rule: str | None
    worker: str
    team: str
    url: str
    # What the page at `url` asks of its reader, so a page listing the item to someone else (a
    # director reading the child's page) shows no link that would refuse them. Empty: the page asks
    # only that the reader may see the child.
    permission: str = ""
    permission_object: object = field(default=None, compare=False)

    def may_be_opened_by(self, user) -> bool:
        return not self.permission or user.has_perm(self.permission, self.permission_object)

    def status(self, now: datetime.datetime) -> str:
        """overdue, past local standard, due today or due, as at `now`."""
        if isinstance(self.due, datetime.datetime):
            return "overdue" if self.due < now else "due"
        today = timezone.localdate(now)
        if self.due < today:
            return "overdue"
        if self.local_due is not None and self.local_due < today:
            return "past local standard"
        return "due today" if self.due == today else "due"


def _open_cases(user):
    current_allocation = Allocation.objects.filter(ended_on__isnull=True).select_related("worker__user")
    return (
        Referral.objects.filter(closed_on__isnull=True, child__in=children_visible_to(user))
        .select_related("child", "team")
        .prefetch_related(
            Prefetch("allocations", queryset=current_allocation, to_attr="current_allocations"),
            Prefetch("assessments", queryset=Assessment.objects.order_by("-started_on")),
        )
    )


# Facts that take a case past its assessment stage, each from the app that holds them: a child in
# need plan or a child protection plan started on the case (a plan follows an assessment), or the
# child looked after from the case (care planning has superseded it; a care leaver's case too). Each
# function takes the open cases and returns the ids of those it has overtaken; listed here once.
ASSESSMENT_OVERTAKEN_SOURCES: tuple[str, ...] = (
    "hearth.cin.worklist.cases_with_a_plan",
    "hearth.protection.worklist.cases_with_a_plan",
    "hearth.care.worklist.cases_in_care",
)


def cases_past_assessment(referrals) -> set[int]:
    """The ids of the cases whose assessment stage has closed: a plan or care has started on them."""
    if not referrals:
        return set()
    return {pk for path in ASSESSMENT_OVERTAKEN_SOURCES for pk in import_string(path)(referrals)}


def assessment_still_owed(assessments, *, past_assessment: bool) -> bool:
    """Whether an open case still owes its assessment (T03). Not once one is authorised. One already
    started stays owed until it is authorised, whatever followed (it is recorded work a manager can
    finish). One never started is owed only while the case is at its assessment stage: a case whose
    plan or care began (a looked-after child's case opened years ago, a case imported from past
    returns with its period of care) is not shown as an assessment overdue since its referral, as
    that assessment can no longer be started."""
    if any(a.authorised_on is not None for a in assessments):
        return False
    return any(a.is_open for a in assessments) or not past_assessment


def _never_assessed(referral) -> bool:
    return not list(referral.assessments.all())


def case_items(referrals) -> list[WorkItem]:
    """For each open case that still owes its assessment: the assessment due (T03, from the referral,
    the one due date every page shows for it; the local standard beside it)."""
    referrals = list(referrals)
    # Only a case with no assessment at all can have been overtaken (assessment_still_owed).
    overtaken = cases_past_assessment([referral for referral in referrals if _never_assessed(referral)])
    assessment_clock = clock("T03")
    items = []
    for referral in referrals:
        assessments = list(referral.assessments.all())
        if not assessment_still_owed(assessments, past_assessment=referral.pk in overtaken):
            continue
        open_assessment = next((a for a in assessments if a.is_open), None)
        if open_assessment is None:
            duty = "Assessment: start and authorise"
        elif open_assessment.submitted_on is not None:
            duty = f"Assessment submitted {open_assessment.submitted_on:%-d %b %Y}: manager to authorise"
        else:
            duty = f"Assessment started {open_assessment.started_on:%-d %b %Y}: record, submit and authorise"
        items.append(
            WorkItem(
                child_id=referral.child_id,
                child_name=str(referral.child),
                duty=duty,
                started=referral.referral_date,
                due=assessment_clock.due(referral.referral_date),
                rule=assessment_clock.explain(),
                local_due=assessment_clock.local_due(referral.referral_date),
                local_rule=assessment_clock.explain_local(),
                worker=case_holder(referral),
                team=str(referral.team),
                url=reverse("people:child_detail", args=[referral.child_id]),
            )
        )
    return sorted(items, key=lambda item: (item.due, item.child_name))


# Each area app that puts duties on worklists offers one function that takes open cases (a Referral
# queryset already limited to what the user may see) and returns WorkItems; it is listed here once.
DUE_ITEM_SOURCES: tuple[str, ...] = (
    "hearth.worklists.selectors.case_items",
    # (area apps add "hearth.<app>.worklist.<function>" lines here, one per app)
    "hearth.cin.worklist.cin_plan_review_items",
    "hearth.visits.worklist.visit_due_items",
    "hearth.protection.worklist.protection_items",
    "hearth.protection.worklist.open_concern_items",
    "hearth.care.worklist.care_decision_items",
    "hearth.duties.worklist.looked_after_duty_items",
    "hearth.leavers.worklist.care_leaver_items",
    "hearth.missing.worklist.interview_due_items",
    "hearth.quality.worklist.audit_action_items",
    "hearth.quality.worklist.case_supervision_items",
)


def due_day(item) -> datetime.date:
    """The day an item falls due (an hours rule's moment, as a date in Europe/London)."""
    return _as_date(item.due)


def due_items(referrals) -> list[WorkItem]:
    """Every duty on these cases from every area, soonest first."""
    with shared_reads():  # each clock's settings and calendar are read once for the whole list
        items = [item for path in DUE_ITEM_SOURCES for item in import_string(path)(referrals)]
    return sorted(items, key=lambda item: (_as_date(item.due), item.child_name))


def _as_date(moment: datetime.date | datetime.datetime) -> datetime.date:
    return timezone.localdate(moment) if isinstance(moment, datetime.datetime) else moment


@dataclass(frozen=True)
class RecordToPutRight:
    """Something wrong in a child's record, found by a check of the record rather than due by a date
    (a statutory return's validator): shown on the worklist apart from what is due."""

    child_id: int
    child_name: str
    what: str
    found_by: str
    url: str


# Each app that finds things to put right in children's records offers one function that takes open
# cases (a Referral queryset already limited to what the user may see) and returns RecordToPutRight
# items; it is listed here once.
PUT_RIGHT_SOURCES: tuple[str, ...] = ("hearth.returns.worklist.return_failure_items",)


@dataclass(frozen=True)
class OwnAction:
    """Something a person owns that is no child's duty (a performance clinic's action): on their
    own worklist until done."""

    what: str
    due: datetime.date
    found_by: str
    url: str


# Each app whose actions are owned by a worker rather than held on a case offers one function that
# takes the worker and returns OwnActions; it is listed here once.
OWN_ACTION_SOURCES: tuple[str, ...] = ("hearth.quality.worklist.clinic_action_items",)


def own_actions(worker: Worker) -> list[OwnAction]:
    items = [item for path in OWN_ACTION_SOURCES for item in import_string(path)(worker)]
    return sorted(items, key=lambda item: item.due)


def to_put_right(referrals) -> list[RecordToPutRight]:
    items = [item for path in PUT_RIGHT_SOURCES for item in import_string(path)(referrals)]
    return sorted(items, key=lambda item: item.child_name)


def open_cases_of_worker(worker: Worker, *, user):
    """The open cases the worker holds, of those the user may see."""
    return _open_cases(user).filter(allocations__worker=worker, allocations__ended_on__isnull=True)


def open_cases_of_team(team: Team, *, user):
    """The team's open cases, of those the user may see."""
    return _open_cases(user).filter(team=team)


def to_put_right_for_worker(worker: Worker, *, user) -> list[RecordToPutRight]:
    return to_put_right(open_cases_of_worker(worker, user=user))


def worklist_for_worker(worker: Worker, *, user) -> list[WorkItem]:
    return links_the_user_may_open(user, due_items(open_cases_of_worker(worker, user=user)))


def worklist_for_team(team: Team, *, user) -> list[WorkItem]:
    return links_the_user_may_open(user, due_items(open_cases_of_team(team, user=user)))


def links_the_user_may_open(user, items: list[WorkItem]) -> list[WorkItem]:
    """The items as the user is shown them: an item whose page would refuse the user (a case
    supervision a worker's manager records, on the worker's own list) keeps no link. The items come
    from cases read through children_visible_to(user), so whether the user sees each child is known.
    Remembered for this call even outside a request (a service reading a team's list, the generator
    taking up each team's overdue items), where each item asked again, one query each: the large
    council's build spent over half an hour there."""
    with request_memo():
        remember_seen(user, {item.child_id for item in items})
        return [item if item.may_be_opened_by(user) else replace(item, url="") for item in items]


@shared  # the child's page reads them for its case section and for what is due
def cases_of(child) -> list[Referral]:
    """Every case of the child's, newest first, with its team and every allocation and assessment,
    each with its worker."""
    return list(
        child.referrals.select_related("team")
        .prefetch_related(
            Prefetch("allocations", queryset=Allocation.objects.select_related("worker__user")),
            Prefetch("assessments", queryset=Assessment.objects.select_related("worker__user")),
        )
        .order_by("-referral_date")
    )


def worklist_for_child(child, *, user) -> list[WorkItem]:
    """What is due on the child's open case, from the cases as the child's page reads them (each
    carrying the page's child, which says which tables hold its rows: hearth/people/rows_held.py)."""
    if not child_can_be_seen_by(user, child):  # as _open_cases keeps to children the user may see
        return []
    cases = [case for case in cases_of(child) if case.closed_on is None]
    for case in cases:
        case.current_allocations = [a for a in case.allocations.all() if a.ended_on is None]
    return due_items(cases)


def child_page_due_items(user, child) -> dict:
    """The child's page (hearth/records/child_page.py): what is due on the child's open case. Anyone
    who may see the child reads it; an item's link is kept only for those the item's page would let
    in (the worker, their manager, the IRO for the review they chair), never one that refuses."""
    items = worklist_for_child(child, user=user)
    return {"due_items": [item if item.may_be_opened_by(user) else replace(item, url="") for item in items]}


# The order a manager allocates in: a case opened for a strategy discussion first (a child may be at
# risk of significant harm now), then by the MASH's urgency rating of the contact, then unrated.
URGENCY_ORDER = Case(
    When(contact__decision=ScreeningDecision.STRATEGY_DISCUSSION, then=Value(0)),
    When(contact__urgency=Urgency.RED, then=Value(1)),
    When(contact__urgency=Urgency.AMBER, then=Value(2)),
    When(contact__urgency=Urgency.GREEN, then=Value(3)),
    default=Value(4),
    output_field=IntegerField(),
)
URGENCY_TAGS = {0: ("Strategy discussion", "red"), 1: ("Red", "red"), 2: ("Amber", "orange"), 3: ("Green", "green")}


def unallocated_cases(team: Team, *, user):
    """Open cases in the team that no worker holds, the most urgent first (URGENCY_ORDER), then the
    oldest referral; each with `urgency_tag`, the words and colour the page shows."""
    held = Allocation.objects.filter(referral=OuterRef("pk"), ended_on__isnull=True)
    cases = list(
        _open_cases(user)
        .filter(team=team)
        .exclude(Exists(held))
        .annotate(urgency_rank=URGENCY_ORDER)
        .order_by("urgency_rank", "referral_date", "pk")
    )
    for referral in cases:
        referral.urgency_tag = URGENCY_TAGS.get(referral.urgency_rank, ("Not rated", "grey"))
    return cases


# Caseloads are counted by the one rule in hearth/workforce/caseloads.py; read here by the team page.
caseloads = workforce_caseloads.caseloads
Caseload = workforce_caseloads.Caseload


def contacts_awaiting_decision(*, user, source: str = "", urgency: str = "") -> list[WorkItem]:
    """The MASH queue, oldest first: each contact's 24-hour clock (T01), urgency and source."""
    screening_clock = clock("T01")
    contacts = Contact.objects.filter(decision="", child__in=children_visible_to(user))
    if source:
        contacts = contacts.filter(source_id=source)
    if urgency:
        contacts = contacts.filter(urgency=urgency)
    items = []
    for contact in contacts.select_related("child", "source").order_by("received_at"):
        items.append(
            WorkItem(
                child_id=contact.child_id,
                child_name=str(contact.child),
                duty=f"Screen contact from {contact.source.label}"
                + (f" ({contact.get_urgency_display().split(':')[0]})" if contact.urgency else ""),
                started=contact.received_at,
                due=screening_clock.due(contact.received_at),
                rule=screening_clock.explain(),
                local_due=None,
                local_rule=None,
                worker="MASH",
                team="MASH",
                url=reverse("frontdoor:contact_detail", args=[contact.pk]),
            )
        )
    return items
