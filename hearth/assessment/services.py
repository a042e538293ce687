"""Writers for single assessments."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.assessment.models import Assessment, AssessmentOutcome
from hearth.audit.services import audit_record
from hearth.core.roles import Role, has_role
from hearth.frontdoor.models import Referral

ERROR_NOT_ALLOCATED = "Allocate the case to a social worker before starting an assessment"
ERROR_ALREADY_OPEN = "An assessment is already open on this case (started {date})"
ERROR_STARTED_BEFORE_REFERRAL = "The assessment cannot start before the referral ({date})"
ERROR_DATE_IN_FUTURE = "The date must be today or in the past"
ERROR_CASE_CLOSED = "This case is closed"
ERROR_NOT_A_MANAGER = "Only a team manager or service manager can authorise an assessment"
ERROR_AUTHORISED_BEFORE_START = "The assessment cannot be authorised before it started ({date})"
ERROR_ALREADY_AUTHORISED = "This assessment was already authorised on {date}. Nothing was changed"
ERROR_OUTCOME_REQUIRED = "Choose the outcome of the assessment"


def assessment_start(*, actor, referral_id: int, started_on: datetime.date) -> Assessment:
    with transaction.atomic():
        referral = Referral.objects.select_for_update().select_related("child").get(pk=referral_id)
        if referral.closed_on is not None:
            raise ValidationError(ERROR_CASE_CLOSED)
        allocation = referral.allocations.filter(ended_on__isnull=True).first()
        if allocation is None:
            raise ValidationError(ERROR_NOT_ALLOCATED)
        open_assessment = referral.assessments.filter(authorised_on__isnull=True).first()
        if open_assessment is not None:
            raise ValidationError(ERROR_ALREADY_OPEN.format(date=f"{open_assessment.started_on:%-d %B %Y}"))
        if started_on < referral.referral_date:
            raise ValidationError(
                {"started_on": ERROR_STARTED_BEFORE_REFERRAL.format(date=f"{referral.referral_date:%-d %B %Y}")}
            )
        if started_on > timezone.localdate():
            raise ValidationError({"started_on": ERROR_DATE_IN_FUTURE})
        assessment = Assessment.objects.create(
            referral=referral, child=referral.child, worker=allocation.worker, started_on=started_on, started_by=actor
        )
        audit_record(actor=actor, action="assessment.start", obj=assessment, child=referral.child)
    return assessment


def assessment_authorise(*, actor, assessment_id: int, authorised_on: datetime.date, outcome: str) -> Assessment:
    if not (actor.is_superuser or has_role(actor, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_NOT_A_MANAGER)
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().select_related("child").get(pk=assessment_id)
        if assessment.authorised_on is not None:
            raise ValidationError(ERROR_ALREADY_AUTHORISED.format(date=f"{assessment.authorised_on:%-d %B %Y}"))
        errors = {}
        if authorised_on < assessment.started_on:
            errors["authorised_on"] = ERROR_AUTHORISED_BEFORE_START.format(date=f"{assessment.started_on:%-d %B %Y}")
        elif authorised_on > timezone.localdate():
            errors["authorised_on"] = ERROR_DATE_IN_FUTURE
        if outcome not in AssessmentOutcome.values:
            errors["outcome"] = ERROR_OUTCOME_REQUIRED
        if errors:
            raise ValidationError(errors)
        assessment.authorised_on = authorised_on
        assessment.authorised_by = actor
        assessment.outcome = outcome
        assessment.save(update_fields=["authorised_on", "authorised_by", "outcome"])
        audit_record(
            actor=actor,
            action="assessment.authorise",
            obj=assessment,
            child=assessment.child,
            detail={"outcome": outcome},
        )
    return assessment
