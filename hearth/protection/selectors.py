"""Reads for child protection: a child's protection record and the duties that follow from it.

Every due date comes from the timescales rules (T05-T08, T06L); nothing here counts days itself,
so the child's page, the worklists and the indicators cannot disagree.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q

from hearth.core.shared_reads import shared
from hearth.people.rows_held import may_hold
from hearth.protection.models import (
    Conference,
    ConferenceKind,
    CoreGroup,
    Escalation,
    EscalationStep,
    ProtectionPlan,
    Section47Enquiry,
    Section47Outcome,
    StrategyDiscussion,
)
from hearth.timescales.selectors import Clock, clock


@dataclass(frozen=True)
class Due:
    duty: str
    started: datetime.date
    due: datetime.date
    local_due: datetime.date | None
    clock: Clock


def icpc_due(enquiry: Section47Enquiry, conferences=None) -> Due | None:
    """The ICPC's due date (T05) while the enquiry awaits its initial conference."""
    if enquiry.outcome and enquiry.outcome != Section47Outcome.ICPC:
        return None
    conferences = list(enquiry.conferences.all()) if conferences is None else conferences
    if any(c.kind == ConferenceKind.INITIAL and c.held_on for c in conferences):
        return None
    t05 = clock("T05")
    return Due("Initial child protection conference", enquiry.started_on, t05.due(enquiry.started_on), None, t05)


def review_dates(plan: ProtectionPlan, reviews: list[Conference], t07: Clock, t08: Clock) -> list[tuple]:
    """Each review held, oldest first, with the date it was due: the first from the ICPC (T07),
    each later one from the review before it (T08; the clock runs from the last actual review)."""
    result = []
    due = t07.due(plan.started_on)
    for review in sorted(reviews, key=lambda r: r.held_on):
        result.append((review.held_on, due))
        due = t08.due(review.held_on)
    return result


def next_review_due(plan: ProtectionPlan, reviews: list[Conference], t07: Clock, t08: Clock) -> datetime.date:
    held = [r.held_on for r in reviews if r.held_on]
    return t08.due(max(held)) if held else t07.due(plan.started_on)


def plan_duties(plan: ProtectionPlan) -> list[Due]:
    """What is due on an open plan: the first core group (T06) or the next (T06L, local frequency),
    and the next review conference (T07, then T08)."""
    t06, t06l, t07, t08 = clock("T06"), clock("T06L"), clock("T07"), clock("T08")
    core_groups = [c.held_on for c in plan.core_groups.all()]
    reviews = [r for r in plan.reviews.all() if r.held_on]
    duties = []
    if core_groups:
        last = max(core_groups)
        duties.append(Due("Core group meeting", last, t06l.due(last), t06l.local_due(last), t06l))
    else:
        duties.append(Due("First core group meeting", plan.started_on, t06.due(plan.started_on), None, t06))
    started = max((r.held_on for r in reviews), default=plan.started_on)
    label = "Review child protection conference" if reviews else "First review child protection conference"
    duties.append(Due(label, started, next_review_due(plan, reviews, t07, t08), None, t08 if reviews else t07))
    return duties


def _plans_with_history():
    return ProtectionPlan.objects.select_related("initial_conference__chair").prefetch_related(
        Prefetch("reviews", queryset=Conference.objects.select_related("chair").order_by("-held_on")),
        Prefetch("core_groups", queryset=CoreGroup.objects.order_by("-held_on")),
    )


@shared  # the child's page asks twice: for its summary's open plans and for its protection section
def protection_plans_of(child) -> list[ProtectionPlan]:
    """The child's plans, open first then newest, with their reviews and core groups."""
    if not may_hold(child, "protection.ProtectionPlan"):
        return []
    plans = list(_plans_with_history().filter(child=child).order_by("ended_on", "-started_on"))
    for plan in plans:
        plan.child = child  # as the child's related manager would: asking a permission of a plan reads no child
    return plans


@shared  # the child's page reads them for its protection section and for what is due
def enquiries_of(child) -> list[Section47Enquiry]:
    """The child's section 47 enquiries, each with its strategy discussion, case and conferences."""
    if not may_hold(child, "protection.Section47Enquiry"):
        return []
    return list(
        Section47Enquiry.objects.filter(child=child)
        .select_related("strategy_discussion", "referral")
        .prefetch_related(Prefetch("conferences", queryset=Conference.objects.select_related("chair")))
    )


def protection_record(child) -> dict:
    """The child's protection history for their page: plans (open first), enquiries, conferences
    awaiting their record, escalations, and what is due."""
    plans = protection_plans_of(child)
    open_plan = next((p for p in plans if p.ended_on is None), None)
    held = _records_held(child)

    def read(kind: str, records) -> list:
        return list(records) if held[f"has_{kind}"] else []

    return {
        "plans": plans,
        "open_plan": open_plan,
        "open_plan_duties": plan_duties(open_plan) if open_plan else [],
        "enquiries": enquiries_of(child) if held["has_enquiries"] else [],
        "discussions": read(
            "discussions", StrategyDiscussion.objects.filter(child=child).select_related("recorded_by")
        ),
        "conferences": read(
            "conferences",
            Conference.objects.filter(child=child).select_related("chair", "checklist").order_by("-booked_for", "-id"),
        ),
        "escalations": read(
            "escalations",
            Escalation.objects.filter(child=child)
            .select_related("conference", "raised_by")
            .prefetch_related(Prefetch("steps", queryset=EscalationStep.objects.order_by("opened_on", "id"))),
        ),
    }


def _records_held(child) -> dict[str, bool]:
    """Which of the protection records the child has, in one query: most children on a worker's
    list have none, and their page then reads none of the four tables. The child's page has asked
    already, with the child (hearth/people/rows_held.py)."""
    from hearth.people.models import Child

    asked = {
        "has_enquiries": "protection.Section47Enquiry",
        "has_escalations": "protection.Escalation",
        "has_discussions": "protection.StrategyDiscussion",
        "has_conferences": "protection.Conference",
    }
    if all(label in getattr(child, "tables_asked", ()) for label in asked.values()):
        return {key: may_hold(child, label) for key, label in asked.items()}
    exists = {
        "has_enquiries": Exists(Section47Enquiry.objects.filter(child=OuterRef("pk"))),
        "has_escalations": Exists(Escalation.objects.filter(child=OuterRef("pk"))),
        "has_discussions": Exists(StrategyDiscussion.objects.filter(child=OuterRef("pk"))),
        "has_conferences": Exists(Conference.objects.filter(child=OuterRef("pk"))),
    }
    return Child.objects.filter(pk=child.pk).values(**exists).get()


def children_on_plans_on(as_of: datetime.date) -> set[int]:
    """The ids of the children on a child protection plan at the end of as_of (the children in need
    figures leave them out: DOMAIN 4.2, "CIN (not CP/LAC)")."""
    return set(
        ProtectionPlan.objects.filter(started_on__lte=as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
        .values_list("child_id", flat=True)
    )


def open_enquiry(referral) -> Section47Enquiry | None:
    return referral.section47s.filter(outcome="").first()


def enquiry_awaiting_conference(referral) -> Section47Enquiry | None:
    """The case's enquiry that needs an initial conference booked (outcome pending or 'ICPC')."""
    for enquiry in referral.section47s.filter(outcome__in=["", Section47Outcome.ICPC]).order_by("-started_on"):
        if not enquiry.conferences.filter(kind=ConferenceKind.INITIAL).exists():
            return enquiry
    return None


def booked_review(plan: ProtectionPlan) -> Conference | None:
    """The plan's review conference booked ahead and not yet held, if any (one at a time)."""
    return plan.reviews.filter(held_on__isnull=True).select_related("chair").first()


def chairs_work(user) -> dict:
    """What a conference chair (an independent reviewing officer) has in hand: conferences booked
    for them, the open plans of children whose conferences they chair with the next review due,
    held conferences whose quality checklist they have not completed, and their open escalations."""
    chaired = Conference.objects.filter(chair=user).select_related("child")
    t07, t08 = clock("T07"), clock("T08")
    plans = (
        _plans_with_history()
        .filter(ended_on__isnull=True, child__conferences__chair=user)
        .select_related("child")
        .distinct()
    )
    plans_due = sorted(
        ((plan, next_review_due(plan, [r for r in plan.reviews.all() if r.held_on], t07, t08)) for plan in plans),
        key=lambda pair: pair[1],
    )
    return {
        # A review booked on a plan that has since ended will not sit: not on the list.
        "booked": list(
            chaired.filter(held_on__isnull=True)
            .exclude(kind=ConferenceKind.REVIEW, plan__ended_on__isnull=False)
            .order_by("booked_for")
        ),
        "plans": plans_due,
        "checklists_to_complete": list(
            chaired.filter(held_on__isnull=False, checklist__isnull=True).order_by("-held_on")[:50]
        ),
        "escalations": [
            (escalation, next(step for step in escalation.steps.all() if step.closed_on is None))
            for escalation in Escalation.objects.filter(raised_by=user, steps__closed_on__isnull=True)
            .select_related("child")
            .prefetch_related("steps")
            .distinct()
            .order_by("raised_on")
        ],
    }
