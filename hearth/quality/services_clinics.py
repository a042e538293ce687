"""Writers for performance clinics (docs/workforce.md "Performance clinics"): hold a clinic on an
indicator, freezing its figure, rating and rows; complete one of its actions. Each is one transaction
with its audit-trail row; a refusal writes nothing. Kept beside services.py so that each stays small."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.core.roles import Role, has_role
from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.performance.rag import Rag
from hearth.performance.selectors import indicator_rating
from hearth.quality.models import ClinicAction, ClinicRow, PerformanceClinic
from hearth.workforce.models import Worker

CLINIC_ROLES = (Role.SERVICE_MANAGER, Role.PERFORMANCE_OFFICER, Role.DIRECTOR)

ERROR_MAY_NOT_HOLD_CLINIC = (
    "Only a service manager, a performance and quality officer or a director can record a clinic"
)
ERROR_UNKNOWN_INDICATOR = "Choose one of the indicators in the catalogue"
ERROR_CLINIC_IN_FUTURE = "The clinic's date must be today or in the past"
ERROR_ATTENDEES_REQUIRED = "Enter who attended the clinic"
ERROR_NOT_RED_NEEDS_REASON = (
    "{indicator} is rated {rating} on {date}, not red: say why the clinic is held on it, or choose a red indicator"
)
ERROR_CLINIC_TWICE = "A clinic on {indicator} on {date} is already recorded"
ERROR_ACTION_TEXT_REQUIRED = "Enter what must be done"
ERROR_ACTION_OWNER_REQUIRED = "Choose who owns the action"
ERROR_ACTION_OWNER_LEFT = "{owner} has left: choose an owner who is still employed"
ERROR_ACTION_DUE_REQUIRED = "Enter the date the action is due"
ERROR_ACTION_DUE_BEFORE_CLINIC = "The action cannot be due before the clinic ({date})"
ERROR_ACTION_NEEDED = "A clinic agrees at least one action: enter what must be done, who owns it and when it is due"

ERROR_MAY_NOT_COMPLETE = "Only the action's owner, their team manager or whoever held the clinic can complete it"
ERROR_ALREADY_COMPLETED = "This action was completed on {date}. Nothing was changed"
ERROR_CHANGED_MEANWHILE = (
    "Someone else changed this action while you had it open. Nothing was changed: read it again and then record yours"
)
ERROR_COMPLETED_ON_REQUIRED = "Enter the date the action was completed"
ERROR_COMPLETED_IN_FUTURE = "The date must be today or in the past"
ERROR_COMPLETED_BEFORE_CLINIC = "The action cannot be completed before the clinic ({date})"
ERROR_RESPONSE_REQUIRED = "Enter what was done"


@dataclass(frozen=True)
class ClinicActionDraft:
    action: str
    owner_id: int | None
    due_on: datetime.date | None

    @property
    def is_empty(self) -> bool:
        return not self.action.strip() and self.owner_id is None and self.due_on is None


def may_hold_clinic(user) -> bool:
    return user.is_superuser or has_role(user, *CLINIC_ROLES)


def _long(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def clinic_hold(
    *,
    actor,
    indicator_id: str,
    held_on: datetime.date,
    attendees: str,
    reason_not_red: str = "",
    actions: list[ClinicActionDraft] = (),
) -> PerformanceClinic:
    """Record a clinic on an indicator: its figure and rating as of the clinic's day, the rows behind
    it frozen as the drill-down lists them, and the actions agreed (numbered from 1 in errors)."""
    if not may_hold_clinic(actor):
        raise ValidationError(ERROR_MAY_NOT_HOLD_CLINIC)
    indicator = CATALOGUE_BY_ID.get(indicator_id)
    if indicator is None:
        raise ValidationError({"indicator_id": ERROR_UNKNOWN_INDICATOR})
    errors = {}
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": ERROR_CLINIC_IN_FUTURE})
    if not attendees.strip():
        errors["attendees"] = ERROR_ATTENDEES_REQUIRED
    rating = indicator_rating(indicator, held_on)
    if rating.rag != Rag.RED and not reason_not_red.strip():
        errors["reason_not_red"] = ERROR_NOT_RED_NEEDS_REASON.format(
            indicator=indicator.id, rating=rating.rag or "not rated (no target)", date=_long(held_on)
        )
    drafts = [(number, draft) for number, draft in enumerate(actions, start=1) if not draft.is_empty]
    errors.update(_action_errors(drafts, held_on))
    if not drafts:
        errors["action_1_text"] = ERROR_ACTION_NEEDED
    with transaction.atomic():
        if PerformanceClinic.objects.filter(indicator_id=indicator.id, held_on=held_on).exists():
            errors["held_on"] = ERROR_CLINIC_TWICE.format(indicator=indicator.id, date=_long(held_on))
        if errors:
            raise ValidationError(errors)
        result = rating.result
        clinic = PerformanceClinic.objects.create(
            indicator_id=indicator.id,
            title=indicator.title,
            held_on=held_on,
            attendees=attendees.strip(),
            numerator=result.numerator,
            denominator=result.denominator,
            value=rating.value,
            unit=indicator.unit,
            rag=rating.rag or "",
            reason_not_red=reason_not_red.strip() if rating.rag != Rag.RED else "",
            recorded_by=actor,
        )
        ClinicRow.objects.bulk_create(
            ClinicRow(
                clinic=clinic,
                subject=row.subject[:300],
                child_id=row.child_id,
                worker=row.worker,
                team=row.team,
                counted=row.counted,
            )
            for row in result.rows
        )
        for _, draft in drafts:
            ClinicAction.objects.create(
                clinic=clinic, action=draft.action.strip(), owner_id=draft.owner_id, due_on=draft.due_on
            )
        audit_record(
            actor=actor,
            action="clinic.hold",
            obj=clinic,
            detail={"indicator": indicator.id, "rag": clinic.rag, "actions": len(drafts)},
        )
    return clinic


def _action_errors(drafts, held_on: datetime.date) -> dict:
    errors = {}
    owners = {w.pk: w for w in Worker.objects.filter(pk__in={d.owner_id for _, d in drafts}).select_related("user")}
    for number, draft in drafts:
        prefix = f"action_{number}"
        if not draft.action.strip():
            errors[f"{prefix}_text"] = ERROR_ACTION_TEXT_REQUIRED
        owner = owners.get(draft.owner_id)
        if owner is None:
            errors[f"{prefix}_owner"] = ERROR_ACTION_OWNER_REQUIRED
        elif owner.left_on is not None and owner.left_on < held_on:
            errors[f"{prefix}_owner"] = ERROR_ACTION_OWNER_LEFT.format(owner=owner)
        if draft.due_on is None:
            errors[f"{prefix}_due_on"] = ERROR_ACTION_DUE_REQUIRED
        elif draft.due_on < held_on:
            errors[f"{prefix}_due_on"] = ERROR_ACTION_DUE_BEFORE_CLINIC.format(date=_long(held_on))
    return errors


def may_complete_clinic_action(user, action: ClinicAction) -> bool:
    """The owner, the manager of the owner's team, or whoever may hold clinics."""
    if may_hold_clinic(user) or action.owner.user_id == user.pk:
        return True
    manager = action.owner.team.manager
    return manager is not None and manager.user_id == user.pk


def clinic_action_complete(
    *, actor, action_id: int, version: int, completed_on: datetime.date | None, response: str
) -> ClinicAction:
    with transaction.atomic():
        action = (
            ClinicAction.objects.select_for_update(of=("self",))
            .select_related("clinic", "owner__team__manager")
            .get(pk=action_id)
        )
        if not may_complete_clinic_action(actor, action):
            raise ValidationError(ERROR_MAY_NOT_COMPLETE)
        if action.completed_on is not None:
            raise ValidationError(ERROR_ALREADY_COMPLETED.format(date=_long(action.completed_on)))
        if version != action.version:
            raise ValidationError(ERROR_CHANGED_MEANWHILE)
        errors = {}
        if completed_on is None:
            errors["completed_on"] = ERROR_COMPLETED_ON_REQUIRED
        elif completed_on > timezone.localdate():
            errors["completed_on"] = ERROR_COMPLETED_IN_FUTURE
        elif completed_on < action.clinic.held_on:
            errors["completed_on"] = ERROR_COMPLETED_BEFORE_CLINIC.format(date=_long(action.clinic.held_on))
        if not response.strip():
            errors["response"] = ERROR_RESPONSE_REQUIRED
        if errors:
            raise ValidationError(errors)
        action.completed_on, action.response, action.completed_by = completed_on, response.strip(), actor
        action.version += 1
        action.save(update_fields=["completed_on", "response", "completed_by", "version"])
        audit_record(actor=actor, action="clinic_action.complete", obj=action)
    return action
