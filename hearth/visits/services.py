"""Writer for statutory visits: one transaction with its audit row."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.core.roles import Role, has_role
from hearth.frontdoor.models import Referral
from hearth.visits.models import PLACES_WITH_THE_CHILDS_BEDROOM, Visit, VisitNotPossibleReason, VisitPlace
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
ERROR_PLACE_REQUIRED = "Choose where the visit took place"
ERROR_BEDROOM_REQUIRED = "Say whether you saw the child's bedroom"
ERROR_OBSERVATIONS_REQUIRED = "Write what you saw on the visit"
ERROR_NEXT_STEPS_REQUIRED = "Write what happens next"
WRITE_UP_MAX_LENGTH = 20000
ERROR_TOO_LONG = "{label} must be {limit:,} characters or fewer"
# The write-up's text answers and their labels, for the length check's messages.
WRITE_UP_TEXTS = {
    "child_voice": "The child's voice",
    "others_seen": "Who else was seen",
    "observations": "What you saw",
    "next_steps": "What happens next",
    "not_possible_detail": "What happened",
}


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
    place: str = "",
    bedroom_seen: bool | None = None,
    others_seen: str = "",
    observations: str = "",
    next_steps: str = "",
) -> Visit:
    """Record a visit to the child on this case, written up once: where it was, whether the child
    was seen (alone) and their bedroom, what the child said, who else was seen, what the visitor
    saw and what happens next; or an attempt that could not happen and why."""
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
        if happened:
            _check_write_up(
                errors,
                seen=seen,
                place=place,
                bedroom_seen=bedroom_seen,
                observations=observations,
                next_steps=next_steps,
            )
        texts = {
            "child_voice": child_voice,
            "others_seen": others_seen,
            "observations": observations,
            "next_steps": next_steps,
            "not_possible_detail": not_possible_detail,
        }
        for name, text in texts.items():
            if len(text.strip()) > WRITE_UP_MAX_LENGTH:
                errors[name] = ERROR_TOO_LONG.format(label=WRITE_UP_TEXTS[name], limit=WRITE_UP_MAX_LENGTH)
        if errors:
            raise ValidationError(errors)
        asks_for_bedroom = bool(happened and seen and place in PLACES_WITH_THE_CHILDS_BEDROOM)
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
            place=place if happened else "",
            bedroom_seen=bedroom_seen if asks_for_bedroom else None,
            others_seen=others_seen.strip() if happened else "",
            observations=observations.strip() if happened else "",
            next_steps=next_steps.strip() if happened else "",
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="visit.record",
            obj=visit,
            child=referral.child,
            detail={
                "happened": happened,
                "seen": visit.seen,
                "seen_alone": visit.seen_alone,
                "place": visit.place,
                "bedroom_seen": visit.bedroom_seen,
            },
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


def _check_write_up(errors, *, seen, place, bedroom_seen, observations, next_steps) -> None:
    """A visit that happened is written up: where, what the visitor saw, what happens next, and,
    where the child was seen where they live, whether their bedroom was seen."""
    if place not in VisitPlace.values:
        errors["place"] = ERROR_PLACE_REQUIRED
    elif seen and place in PLACES_WITH_THE_CHILDS_BEDROOM and bedroom_seen is None:
        errors["bedroom_seen"] = ERROR_BEDROOM_REQUIRED
    if not observations.strip():
        errors["observations"] = ERROR_OBSERVATIONS_REQUIRED
    if not next_steps.strip():
        errors["next_steps"] = ERROR_NEXT_STEPS_REQUIRED
