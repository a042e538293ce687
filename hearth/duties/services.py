"""Writers for a looked-after child's reviews (chaired by an independent reviewing officer) and health
and dental checks. Each is one transaction with its audit row; bad input changes nothing. Both are
facts on the period of care (hearth/care/models.py), dated inside it."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.calendar.workingdays import age_on
from hearth.care.models import PeriodOfCare
from hearth.care.services import ERROR_DATE_IN_FUTURE, ERROR_NOT_CASE_WORKER
from hearth.core.roles import Role, has_role
from hearth.duties.codes import HealthCheckKind, ReviewParticipation
from hearth.duties.models import CareReview, HealthCheck
from hearth.people.models import Child

ERROR_NOT_REVIEW_WRITER = "Only a social worker, manager or independent reviewing officer can record a review"
ERROR_CHAIR_REQUIRED = "Choose the independent reviewing officer who chaired the review"
ERROR_CHAIR_NOT_IRO = "The chair must be an independent reviewing officer"
ERROR_PARTICIPATION = "Choose how the child took part in the review (PN0 to PN7)"
ERROR_PN0_ONLY_UNDER_4 = "PN0 is only for a child under 4 on the day of the review: choose how the child took part"
ERROR_UNDER_4_NEEDS_PN0 = "The child was under 4 on the day of the review: choose PN0"
ERROR_RECOMMENDATIONS_REQUIRED = "Enter the review's recommendations"
ERROR_BEFORE_PERIOD = "The date cannot be before the child became looked after ({date})"
ERROR_AFTER_PERIOD = "The date cannot be after the child ceased to be looked after ({date})"
ERROR_REVIEW_SAME_DAY = "A review on {date} is already recorded for this period of care"
ERROR_CHECK_KIND = "Choose the kind of check"
ERROR_REFUSED_REQUIRED = "Say whether the child refused"
ERROR_DONE_BY_REQUIRED = "Enter who carried out the check"
ERROR_CHECK_SAME_DAY = "A {kind} on {date} is already recorded for this period of care"
ERROR_SECOND_IHA = (
    "An initial health assessment was already done on {date}: record later assessments as review health assessments"
)


def _check_writer(actor) -> None:
    if not (actor.is_superuser or has_role(actor, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_NOT_CASE_WORKER)


def _long(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def _date_errors(field: str, day: datetime.date) -> dict[str, str]:
    return {field: ERROR_DATE_IN_FUTURE} if day > timezone.localdate() else {}


def _in_period_errors(field: str, day: datetime.date, period: PeriodOfCare) -> dict[str, str]:
    """The day must be in the past (or today) and inside the period of care."""
    errors = _date_errors(field, day)
    if errors:
        return errors
    if day < period.started_on:
        return {field: ERROR_BEFORE_PERIOD.format(date=_long(period.started_on))}
    if period.ended_on is not None and day > period.ended_on:
        return {field: ERROR_AFTER_PERIOD.format(date=_long(period.ended_on))}
    return {}


def _participation_errors(participation: str, child: Child, held_on: datetime.date) -> dict[str, str]:
    if participation not in ReviewParticipation.values:
        return {"participation": ERROR_PARTICIPATION}
    age = age_on(child.date_of_birth, held_on)
    if age is None:
        return {}  # the 903 rule needs the age; with no date of birth the worker's choice stands
    if participation == ReviewParticipation.PN0 and age >= 4:
        return {"participation": ERROR_PN0_ONLY_UNDER_4}
    if participation != ReviewParticipation.PN0 and age < 4:
        return {"participation": ERROR_UNDER_4_NEEDS_PN0}
    return {}


def care_review_record(
    *, actor, period_id: int, held_on: datetime.date, chair_id: int | None, participation: str, recommendations: str
):
    """A looked-after review was held (CPPCR reg 33), chaired by an independent reviewing officer."""
    if not (
        actor.is_superuser or has_role(actor, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.IRO)
    ):
        raise ValidationError(ERROR_NOT_REVIEW_WRITER)
    with transaction.atomic():
        period = PeriodOfCare.objects.select_for_update().select_related("child").get(pk=period_id)
        errors = _in_period_errors("held_on", held_on, period)
        if not errors and period.reviews.filter(held_on=held_on).exists():
            errors["held_on"] = ERROR_REVIEW_SAME_DAY.format(date=_long(held_on))
        chair = get_user_model().objects.filter(pk=chair_id, is_active=True).first() if chair_id else None
        if chair is None:
            errors["chair"] = ERROR_CHAIR_REQUIRED
        elif not has_role(chair, Role.IRO):
            errors["chair"] = ERROR_CHAIR_NOT_IRO
        errors |= _participation_errors(participation, period.child, held_on)
        if not recommendations.strip():
            errors["recommendations"] = ERROR_RECOMMENDATIONS_REQUIRED
        if errors:
            raise ValidationError(errors)
        review = CareReview.objects.create(
            period=period,
            held_on=held_on,
            chair=chair,
            participation=participation,
            recommendations=recommendations.strip(),
            recorded_by=actor,
        )
        audit_record(
            actor=actor, action="care.review", obj=review, child=period.child, detail={"participation": participation}
        )
    return review


def health_check_record(
    *, actor, period_id: int, kind: str, done_on: datetime.date, refused: bool | None, done_by: str = ""
):
    """A health assessment or dental check was done (or refused) for a looked-after child."""
    _check_writer(actor)
    with transaction.atomic():
        period = PeriodOfCare.objects.select_for_update().select_related("child").get(pk=period_id)
        errors = _in_period_errors("done_on", done_on, period)
        if kind not in HealthCheckKind.values:
            errors["kind"] = ERROR_CHECK_KIND
        elif "done_on" not in errors and period.health_checks.filter(kind=kind, done_on=done_on).exists():
            label = HealthCheckKind(kind).label.split(" (")[0].lower()
            errors["done_on"] = ERROR_CHECK_SAME_DAY.format(kind=label, date=_long(done_on))
        elif kind == HealthCheckKind.INITIAL and not refused:
            earlier = period.health_checks.filter(kind=kind, refused=False).order_by("done_on").first()
            if earlier is not None:
                errors["kind"] = ERROR_SECOND_IHA.format(date=_long(earlier.done_on))
        if refused is None:
            errors["refused"] = ERROR_REFUSED_REQUIRED
        elif not refused and not done_by.strip():
            errors["done_by"] = ERROR_DONE_BY_REQUIRED
        if errors:
            raise ValidationError(errors)
        check = HealthCheck.objects.create(
            period=period, kind=kind, done_on=done_on, refused=refused, done_by=done_by.strip(), recorded_by=actor
        )
        audit_record(
            actor=actor,
            action="care.health_check",
            obj=check,
            child=period.child,
            detail={"kind": kind, "refused": refused},
        )
    return check
