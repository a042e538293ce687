"""Writer for statutory visits: one transaction with its audit row."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.core.roles import Role, has_role
from hearth.frontdoor.models import Referral
from hearth.visits.models import Visit, VisitNotPossibleReason
from hearth.workforce.models import Worker

OTHER_REASON = "OTHER"

ERROR_NOT_CASE_WORKER = "Only a social worker or manager can record a visit"
ERROR_CASE_CLOSED = "This case is closed"
ERROR_VISIT_IN_FUTURE = "The date of the visit must be today or in the past"
ERROR_VISIT_BEFORE_REFERRAL = "The visit cannot be before the case opened ({date})"
ERROR_VISITOR_REQUIRED = "Choose who made the visit"
ERROR_HAPPENED_REQUIRED = "Say whether the visit happened"
ERROR_SEEN_REQUIRED = "Say whether the child was seen"
ERROR_SEEN_ALONE_REQUIRED = "Say whether the child was seen alone"
ERROR_SEEN_ALONE_NOT_SEEN = "A child who was not seen cannot have been seen alone"
ERROR_VOICE_REQUIRED = "Record what the child said or showed, in their words (for a baby, what you saw)"
ERROR_REASON_REQUIRED = "Choose why the visit could not happen"
ERROR_REASON_WHEN_HAPPENED = "A reason is only for a visit that could not happen"
ERROR_SEEN_WHEN_NOT_HAPPENED = "A visit that could not happen cannot have seen the child"
ERROR_DETAIL_REQUIRED = "Say what stopped the visit"


def visit_record(
    *,
    actor,
    referral_id: int,
    visited_on: datetime.date,
    visitor_id: int | None,
    happened: bool | None,
    seen: bool | None = None,
    seen_alone: bool | None = None,
    child_voice: str = "",
    not_possible_reason: str = "",
    not_possible_detail: str = "",
) -> Visit:
    """Record a visit to the child on this case, or an attempt that could not happen and why."""
    if not (actor.is_superuser or has_role(actor, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_NOT_CASE_WORKER)
    with transaction.atomic():
        referral = Referral.objects.select_for_update().select_related("child").get(pk=referral_id)
        if referral.closed_on is not None:
            raise ValidationError(ERROR_CASE_CLOSED)
        errors = {}
        if visited_on > timezone.localdate():
            errors["visited_on"] = ERROR_VISIT_IN_FUTURE
        elif visited_on < referral.referral_date:
            errors["visited_on"] = ERROR_VISIT_BEFORE_REFERRAL.format(date=f"{referral.referral_date:%-d %B %Y}")
        visitor = Worker.objects.filter(pk=visitor_id).first() if visitor_id else None
        if visitor is None:
            errors["visitor"] = ERROR_VISITOR_REQUIRED
        reason = _check_outcome(
            errors,
            happened=happened,
            seen=seen,
            seen_alone=seen_alone,
            child_voice=child_voice,
            not_possible_reason=not_possible_reason,
            not_possible_detail=not_possible_detail,
        )
        if errors:
            raise ValidationError(errors)
        visit = Visit.objects.create(
            referral=referral,
            child=referral.child,
            visited_on=visited_on,
            visitor=visitor,
            happened=happened,
            seen=bool(happened and seen),
            seen_alone=bool(happened and seen and seen_alone),
            child_voice=child_voice.strip() if happened and seen else "",
            not_possible_reason=reason,
            not_possible_detail=not_possible_detail.strip() if not happened else "",
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="visit.record",
            obj=visit,
            child=referral.child,
            detail={"happened": happened, "seen": visit.seen, "seen_alone": visit.seen_alone},
        )
    return visit


def _check_outcome(
    errors, *, happened, seen, seen_alone, child_voice, not_possible_reason, not_possible_detail
) -> VisitNotPossibleReason | None:
    """Check the combination of answers; the reason row for a visit that could not happen."""
    if happened is None:
        errors["happened"] = ERROR_HAPPENED_REQUIRED
        return None
    if not happened:
        if seen or seen_alone:
            errors["seen"] = ERROR_SEEN_WHEN_NOT_HAPPENED
        reason = VisitNotPossibleReason.objects.filter(code=not_possible_reason, active=True).first()
        if reason is None:
            errors["not_possible_reason"] = ERROR_REASON_REQUIRED
        elif reason.code == OTHER_REASON and not not_possible_detail.strip():
            errors["not_possible_detail"] = ERROR_DETAIL_REQUIRED
        return reason
    if not_possible_reason:
        errors["not_possible_reason"] = ERROR_REASON_WHEN_HAPPENED
    if seen is None:
        errors["seen"] = ERROR_SEEN_REQUIRED
    elif seen_alone and not seen:
        errors["seen_alone"] = ERROR_SEEN_ALONE_NOT_SEEN
    elif seen and seen_alone is None:
        errors["seen_alone"] = ERROR_SEEN_ALONE_REQUIRED
    if seen and not child_voice.strip():
        errors["child_voice"] = ERROR_VOICE_REQUIRED
    return None
