"""Reads for a looked-after child's statutory duties: what is due next on an open period of care
(review, health assessment, dental check), for the child's page and the worklists; and the IRO's
"Children I review" list, each child with what is due. Due dates come from
hearth/duties/due_dates.py only, never counted here."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone

from hearth.care.models import CarePlan, PeriodOfCare
from hearth.care.selectors import care_now
from hearth.core.shared_reads import shared
from hearth.duties import due_dates
from hearth.duties.codes import HealthCheckKind
from hearth.iro.models import IROAppointment
from hearth.people.selectors import children_visible_to


@dataclass(frozen=True)
class Duty:
    label: str
    due: due_dates.DueDate
    url: str


def _done(period: PeriodOfCare, *kinds: str) -> list[datetime.date]:
    return sorted(c.done_on for c in period.health_checks.all() if c.kind in kinds and not c.refused)


def period_duties(period: PeriodOfCare, clocks: due_dates.Clocks | None = None) -> list[Duty]:
    """The next review, health assessment and dental check on a period of care."""
    clocks = due_dates.Clocks() if clocks is None else clocks
    reviews = sorted(r.held_on for r in period.reviews.all())
    review_url = reverse("duties:review_record", args=[period.pk])
    check_url = reverse("duties:health_check_record", args=[period.pk])
    initial = _done(period, HealthCheckKind.INITIAL)
    assessments = _done(period, HealthCheckKind.INITIAL, HealthCheckKind.REVIEW)
    return [
        Duty(
            "Looked-after review" if reviews else "First looked-after review",
            due_dates.review_due(period.started_on, reviews, clocks),
            review_url,
        ),
        Duty(
            "Review health assessment" if initial else "Initial health assessment",
            due_dates.health_assessment_due(period.started_on, assessments, period.child.date_of_birth, clocks)
            if initial
            else due_dates.initial_health_assessment_due(period.started_on, clocks),
            check_url,
        ),
        Duty(
            "Dental check",
            due_dates.dental_check_due(period.started_on, _done(period, HealthCheckKind.DENTAL), clocks),
            check_url,
        ),
    ]


@shared  # a worklist of many cases: each page reads it once
def open_periods_with_duties(referral_ids: frozenset[int]) -> list[PeriodOfCare]:
    """The open periods of care on these cases, with what their duties are worked out from."""
    return list(
        PeriodOfCare.objects.filter(referral_id__in=referral_ids, ended_on__isnull=True)
        .select_related("child", "referral")
        .prefetch_related("reviews", "health_checks")
    )


def open_period_for(child) -> PeriodOfCare | None:
    """The child's open period of care (as care_now reads it), with what its duties are worked out from."""
    now = care_now(child)
    if now is None:
        return None
    # The period as the child's page reads it (a shared read), with its reviews and health checks
    # read once: the duties section and "What is due" both work from it.
    prefetch_related_objects([now.period], "reviews", "health_checks")
    return now.period


def period_history(period: PeriodOfCare) -> dict:
    """The period's reviews and health checks, newest first, for its pages."""
    return {
        "reviews": list(period.reviews.select_related("chair").order_by("-held_on")),
        "health_checks": list(period.health_checks.order_by("-done_on", "kind")),
    } | oc2_history(period)


def oc2_history(period: PeriodOfCare) -> dict:
    """The period's OC2 facts, newest first: SDQs, health record statuses, convictions, substance misuse."""
    return {
        "sdqs": list(period.sdqs.order_by("-completed_on")),
        "health_statuses": list(period.health_statuses.order_by("-as_at", "kind")),
        "convictions": list(period.convictions.order_by("-convicted_on")),
        "substance_misuse": list(period.substance_misuse.order_by("-identified_on")),
    }


def period_page_section(period: PeriodOfCare, user) -> tuple[str, dict]:
    """The period of care's page (care.selectors.PERIOD_PAGE_SECTIONS): its OC2 facts with their
    history, and the links to record more (or correct what is there) for those who may."""
    return (
        "duties/_oc2_period_section.html",
        {
            "period": period,
            "can_record_outcomes": period.is_open and user.has_perm("duties.record_outcomes", period),
            "can_correct_outcomes": user.has_perm("duties.record_outcomes", period),
        }
        | oc2_history(period),
    )


# The IRO's list: the children they review, and what is due for each --------------------------------


@dataclass(frozen=True)
class ChildIReview:
    """One row of an IRO's list: a looked-after child they are appointed to, and where things stand."""

    period: PeriodOfCare
    appointed_on: datetime.date
    last_review: datetime.date | None
    next_review: due_dates.DueDate
    care_plan_agreed: datetime.date | None
    last_seen_visit: datetime.date | None
    next_health_assessment: due_dates.DueDate
    today: datetime.date

    @property
    def child(self):
        return self.period.child

    @property
    def review_overdue(self) -> bool:
        return self.next_review.due < self.today

    @property
    def health_assessment_overdue(self) -> bool:
        return self.next_health_assessment.due < self.today


def children_i_review(user) -> list[ChildIReview]:
    """The looked-after children this IRO is appointed to now (and may see: a restricted record they
    are not named on stays out), soonest review first."""
    from hearth.visits.selectors import last_seen_visits

    today = timezone.localdate()
    appointments = (
        IROAppointment.objects.filter(
            iro=user,
            ended_on__isnull=True,
            period__ended_on__isnull=True,
            period__child__in=children_visible_to(user),
        )
        .select_related("period__child")
        .prefetch_related(
            "period__reviews",
            "period__health_checks",
            Prefetch("period__care_plans", queryset=CarePlan.objects.order_by("agreed_on", "id")),
        )
    )
    appointments = list(appointments)
    seen = last_seen_visits([a.period.child_id for a in appointments], today)
    clocks = due_dates.Clocks()
    rows = []
    for appointment in appointments:
        period = appointment.period
        review, health, _dental = period_duties(period, clocks)
        held = [r.held_on for r in period.reviews.all()]
        plans = list(period.care_plans.all())
        rows.append(
            ChildIReview(
                period=period,
                appointed_on=appointment.started_on,
                last_review=max(held, default=None),
                next_review=review.due,
                care_plan_agreed=plans[-1].agreed_on if plans else None,
                last_seen_visit=seen.get(period.child_id),
                next_health_assessment=health.due,
                today=today,
            )
        )
    return sorted(rows, key=lambda row: (row.next_review.due, str(row.child)))
