"""Reads for a looked-after child's statutory duties: what is due next on an open period of care
(review, health assessment, dental check), for the child's page and the worklists; and the IRO's
"Children I review" list, each child with what is due. Due dates come from
hearth/duties/due_dates.py only, never counted here."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from hearth.care.models import CarePlan, PeriodOfCare
from hearth.care.selectors import care_now
from hearth.core.shared_reads import shared
from hearth.duties import due_dates
from hearth.duties.codes import HealthCheckKind
from hearth.duties.models import CareReview, HealthCheck, HealthPlan
from hearth.iro.models import IROAppointment
from hearth.people.selectors import children_visible_to


@dataclass(frozen=True)
class Duty:
    label: str
    due: due_dates.DueDate
    url: str
    permission: str  # what the page at `url` asks of its reader, on the period of care


def _done(period: PeriodOfCare, *kinds: str) -> list[datetime.date]:
    return sorted(c.done_on for c in period.health_checks.all() if c.kind in kinds and not c.refused)


def period_duties(
    period: PeriodOfCare, clocks: due_dates.Clocks | None = None, today: datetime.date | None = None
) -> list[Duty]:
    """The next review, health assessment and dental check on a period of care, in that order; then,
    for a child of school age today, the next personal education plan (T35, T36)."""
    clocks = due_dates.Clocks() if clocks is None else clocks
    reviews = sorted(r.held_on for r in period.reviews.all())
    review_url = reverse("duties:review_record", args=[period.pk])
    check_url = reverse("duties:health_check_record", args=[period.pk])
    initial = _done(period, HealthCheckKind.INITIAL)
    assessments = _done(period, HealthCheckKind.INITIAL, HealthCheckKind.REVIEW)
    today = timezone.localdate() if today is None else today
    born = period.child.date_of_birth
    peps = []
    if due_dates.is_school_age(born, today):
        held = [p.held_on for p in period.peps.all()]
        peps.append(
            Duty(
                "Personal education plan" if held else "First personal education plan",
                due_dates.pep_due(period.started_on, held, born, clocks),
                reverse("duties:pep_record", args=[period.pk]),
                "duties.record_pep",
            )
        )
    return [
        Duty(
            "Looked-after review" if reviews else "First looked-after review",
            due_dates.review_due(period.started_on, reviews, clocks),
            review_url,
            "duties.record_review",
        ),
        Duty(
            "Review health assessment" if initial else "Initial health assessment",
            due_dates.next_health_assessment_due(
                period.started_on, bool(initial), assessments, period.child.date_of_birth, clocks
            ),
            check_url,
            "duties.record_health_check",
        ),
        Duty(
            "Dental check",
            due_dates.dental_check_due(period.started_on, _done(period, HealthCheckKind.DENTAL), clocks),
            check_url,
            "duties.record_health_check",
        ),
        *peps,
    ]


@shared  # a worklist of many cases: each page reads it once
def open_periods_with_duties(referral_ids: frozenset[int]) -> list[PeriodOfCare]:
    """The open periods of care on these cases, with what their duties are worked out from."""
    return list(
        PeriodOfCare.objects.filter(referral_id__in=referral_ids, ended_on__isnull=True)
        .select_related("child", "referral")
        .prefetch_related("reviews", "health_checks", "peps")
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
    """The period's reviews, health checks (each assessment with its health plan, if one is
    recorded) and personal education plans, newest first, for its pages."""
    return {
        "reviews": list(period.reviews.select_related("chair").order_by("-held_on")),
        "health_checks": list(period.health_checks.select_related("health_plan").order_by("-done_on", "kind")),
        "peps": list(period.peps.order_by("-held_on")),
    } | oc2_history(period)


@dataclass(frozen=True)
class HealthPlanNow:
    """The child's current health plan: the one from the latest health assessment done (not refused),
    or None if that assessment has no plan recorded yet; reviewed at the next review health assessment."""

    assessment: object  # HealthCheck
    plan: object | None  # HealthPlan
    review_due: due_dates.DueDate


def health_plan_now(period: PeriodOfCare, clocks: due_dates.Clocks | None = None) -> HealthPlanNow | None:
    """The latest health assessment done in the period, its health plan and when the plan is reviewed
    (the next review health assessment, T22U or T22); None before any assessment is done."""
    assessments = [
        c
        for c in period.health_checks.all()
        if c.kind in (HealthCheckKind.INITIAL, HealthCheckKind.REVIEW) and not c.refused
    ]
    if not assessments:
        return None
    latest = max(assessments, key=lambda c: (c.done_on, c.pk))
    plan = HealthPlan.objects.filter(assessment=latest).first()
    done = [c.done_on for c in assessments]
    review = due_dates.health_assessment_due(period.started_on, done, period.child.date_of_birth, clocks)
    return HealthPlanNow(latest, plan, review)


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


def _with_what_is_due(appointments):
    """The appointments' periods' facts their rows show and their due dates are worked out from,
    one value each per child (subqueries), never every review and health check of the period: the
    reviews held and the last, whether an initial health assessment is done, the last assessment
    done in the period (neither refused), and the latest care plan's date."""
    period = OuterRef("period_id")
    reviews = CareReview.objects.filter(period=period).order_by()
    assessments = HealthCheck.objects.filter(period=period, refused=False).order_by()
    return appointments.annotate(
        reviews_held=Coalesce(Subquery(reviews.values("period").annotate(n=Count("pk")).values("n")), 0),
        last_review=Subquery(reviews.order_by("-held_on").values("held_on")[:1]),
        initial_done=Exists(assessments.filter(kind=HealthCheckKind.INITIAL)),
        last_assessment=Subquery(
            assessments.filter(
                kind__in=(HealthCheckKind.INITIAL, HealthCheckKind.REVIEW),
                done_on__gte=OuterRef("period__started_on"),
            )
            .order_by("-done_on")
            .values("done_on")[:1]
        ),
        care_plan_agreed=Subquery(
            CarePlan.objects.filter(period=period).order_by("-agreed_on", "-id").values("agreed_on")[:1]
        ),
    )


def children_i_review(user) -> list[ChildIReview]:
    """The looked-after children this IRO is appointed to now (and may see: a restricted record they
    are not named on stays out), soonest review first: one row a child, read in a fixed number of
    queries (the due dates from each row's few facts, as period_duties works them out)."""
    from hearth.visits.selectors import last_seen_visits

    today = timezone.localdate()
    appointments = IROAppointment.objects.filter(
        iro=user,
        ended_on__isnull=True,
        period__ended_on__isnull=True,
        period__child__in=children_visible_to(user),
    ).select_related("period__child")
    appointments = list(_with_what_is_due(appointments))
    seen = last_seen_visits([a.period.child_id for a in appointments], today)
    clocks = due_dates.Clocks()
    rows = []
    for appointment in appointments:
        period = appointment.period
        assessed = [appointment.last_assessment] if appointment.last_assessment else []
        rows.append(
            ChildIReview(
                period=period,
                appointed_on=appointment.started_on,
                last_review=appointment.last_review,
                next_review=due_dates.next_review_due(
                    period.started_on, appointment.reviews_held, appointment.last_review, clocks
                ),
                care_plan_agreed=appointment.care_plan_agreed,
                last_seen_visit=seen.get(period.child_id),
                next_health_assessment=due_dates.next_health_assessment_due(
                    period.started_on, appointment.initial_done, assessed, period.child.date_of_birth, clocks
                ),
                today=today,
            )
        )
    return sorted(rows, key=lambda row: (row.next_review.due, str(row.child)))
