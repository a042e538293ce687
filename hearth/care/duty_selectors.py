"""Reads for a looked-after child's statutory duties: what is due next on an open period of care
(review, health assessment, dental check), for the child's page and the worklists. Due dates come
from hearth/care/duties.py only."""

import datetime
from dataclasses import dataclass

from django.urls import reverse

from hearth.care import duties
from hearth.care.models import PeriodOfCare
from hearth.duties.codes import HealthCheckKind


@dataclass(frozen=True)
class Duty:
    label: str
    due: duties.DueDate
    url: str


def _done(period: PeriodOfCare, *kinds: str) -> list[datetime.date]:
    return sorted(c.done_on for c in period.health_checks.all() if c.kind in kinds and not c.refused)


def period_duties(period: PeriodOfCare, clocks: duties.Clocks | None = None) -> list[Duty]:
    """The next review, health assessment and dental check on a period of care."""
    clocks = duties.Clocks() if clocks is None else clocks
    reviews = sorted(r.held_on for r in period.reviews.all())
    review_url = reverse("care:review_record", args=[period.pk])
    check_url = reverse("care:health_check_record", args=[period.pk])
    initial = _done(period, HealthCheckKind.INITIAL)
    assessments = _done(period, HealthCheckKind.INITIAL, HealthCheckKind.REVIEW)
    return [
        Duty(
            "Looked-after review" if reviews else "First looked-after review",
            duties.review_due(period.started_on, reviews, clocks),
            review_url,
        ),
        Duty(
            "Review health assessment" if initial else "Initial health assessment",
            duties.health_assessment_due(period.started_on, assessments, period.child.date_of_birth, clocks)
            if initial
            else duties.initial_health_assessment_due(period.started_on, clocks),
            check_url,
        ),
        Duty(
            "Dental check",
            duties.dental_check_due(period.started_on, _done(period, HealthCheckKind.DENTAL), clocks),
            check_url,
        ),
    ]


def open_period_for(child) -> PeriodOfCare | None:
    return (
        PeriodOfCare.objects.filter(child=child, ended_on__isnull=True)
        .select_related("child", "referral")
        .prefetch_related("reviews", "health_checks", "placements")
        .first()
    )


def period_history(period: PeriodOfCare) -> dict:
    """The period's reviews and health checks, newest first, for its pages."""
    return {
        "reviews": list(period.reviews.select_related("chair").order_by("-held_on")),
        "health_checks": list(period.health_checks.order_by("-done_on", "kind")),
    }
