"""Reads for Independent Reviewing Officers: the children an IRO reviews, with what is due for each
(due dates from hearth/care/duty_selectors.py and hearth/care/duties.py only, never counted here),
the appointments on a period of care, and the looked-after children with no IRO appointed."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from hearth.care import duties
from hearth.care.duty_selectors import period_duties
from hearth.care.models import CarePlan, PeriodOfCare
from hearth.iro.models import IROAppointment
from hearth.people.selectors import children_visible_to


def appointments_of(period: PeriodOfCare) -> list[IROAppointment]:
    """The period's IRO appointments, newest first (the current one, if any, is the first)."""
    return list(period.iro_appointments.select_related("iro", "recorded_by").order_by("-started_on", "-id"))


def current_appointment(period: PeriodOfCare) -> IROAppointment | None:
    return period.iro_appointments.select_related("iro").filter(ended_on__isnull=True).first()


@dataclass(frozen=True)
class ChildIReview:
    """One row of an IRO's list: a looked-after child they are appointed to, and where things stand."""

    period: PeriodOfCare
    appointed_on: datetime.date
    last_review: datetime.date | None
    next_review: duties.DueDate
    care_plan_agreed: datetime.date | None
    last_seen_visit: datetime.date | None
    next_health_assessment: duties.DueDate
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
    clocks = duties.Clocks()
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


@dataclass(frozen=True)
class ChildWithoutIro:
    period: PeriodOfCare
    days_looked_after: int


def children_without_iro(user) -> list[ChildWithoutIro]:
    """Looked-after children this manager may see whose open period of care has no IRO appointed,
    the longest in care first."""
    today = timezone.localdate()
    current = IROAppointment.objects.filter(period=OuterRef("pk"), ended_on__isnull=True)
    periods = (
        PeriodOfCare.objects.filter(ended_on__isnull=True, child__in=children_visible_to(user))
        .exclude(Exists(current))
        .select_related("child", "referral__team")
        .order_by("started_on", "id")
    )
    return [ChildWithoutIro(period=period, days_looked_after=(today - period.started_on).days) for period in periods]
