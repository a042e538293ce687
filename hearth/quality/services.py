"""Writers for case audits: record an audit with its actions; complete an action. Each is one
transaction with its audit-trail row; a refusal writes nothing."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.frontdoor.models import Referral
from hearth.quality.models import GRADES_NEEDING_AN_ACTION, AuditAction, CaseAudit, CaseSupervision, Grade
from hearth.quality.rules import may_audit, may_complete, may_supervise_case
from hearth.workforce.models import Worker

ERROR_MAY_NOT_AUDIT = (
    "Only a service manager, a performance and quality officer or a team manager who may see the child can "
    "audit this case, and nobody audits a case they hold"
)
ERROR_DATE_IN_FUTURE = "The date must be today or in the past"
ERROR_AUDIT_BEFORE_REFERRAL = "The audit cannot be before the case was opened ({date})"
ERROR_GRADE_REQUIRED = "Choose the grade"
ERROR_STRENGTHS_REQUIRED = "Enter what is done well on the case"
ERROR_FINDINGS_REQUIRED = "Enter what must improve"
ERROR_ALREADY_AUDITED = "You have already recorded an audit of this case on {date}"
ERROR_ACTION_NEEDED = "A case graded {grade} needs at least one action for the worker"
ERROR_ACTION_TEXT_REQUIRED = "Enter what must be done"
ERROR_ACTION_WORKER_REQUIRED = "Choose who the action is for"
ERROR_ACTION_WORKER_NOT_IN_TEAM = "The action must be for a worker in {team}, the team holding the case"
ERROR_ACTION_DUE_REQUIRED = "Enter the date the action is due"
ERROR_ACTION_DUE_BEFORE_AUDIT = "The action cannot be due before the audit ({date})"
ERROR_ACTION_INCOMPLETE = "Enter what must be done, who it is for and when it is due, or leave all three empty"

ERROR_MAY_NOT_COMPLETE = "Only the worker the action is for, or their team manager, can complete it"
ERROR_ALREADY_COMPLETED = "This action was completed on {date}. Nothing was changed"
ERROR_CHANGED_MEANWHILE = (
    "Someone else changed this action while you had it open. Nothing was changed: read it again and then record yours"
)
ERROR_COMPLETED_BEFORE_AUDIT = "The action cannot be completed before the audit ({date})"
ERROR_RESPONSE_REQUIRED = "Enter what was done"
ERROR_COMPLETED_ON_REQUIRED = "Enter the date the action was completed"


@dataclass(frozen=True)
class ActionDraft:
    """One action as the auditor writes it: the audit form's numbered action fields."""

    action: str
    worker_id: int | None
    due_on: datetime.date | None

    @property
    def is_empty(self) -> bool:
        return not self.action.strip() and self.worker_id is None and self.due_on is None


def _long(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def case_audit_record(
    *,
    actor,
    referral_id: int,
    audited_on: datetime.date,
    grade: str,
    strengths: str,
    findings: str,
    child_voice_evident: bool,
    theme: str = "",
    actions: list[ActionDraft] = (),
) -> CaseAudit:
    """Record an audit of a case with the actions it asks for (numbered from 1 in errors, as on the
    form: action_1_text, action_1_worker, action_1_due_on)."""
    with transaction.atomic():
        referral = Referral.objects.select_related("child", "team").get(pk=referral_id)
        if not may_audit(actor, referral):
            raise ValidationError(ERROR_MAY_NOT_AUDIT)
        errors = {}
        today = timezone.localdate()
        if audited_on > today:
            errors["audited_on"] = ERROR_DATE_IN_FUTURE
        elif audited_on < referral.referral_date:
            errors["audited_on"] = ERROR_AUDIT_BEFORE_REFERRAL.format(date=_long(referral.referral_date))
        elif CaseAudit.objects.filter(referral=referral, auditor=actor, audited_on=audited_on).exists():
            errors["audited_on"] = ERROR_ALREADY_AUDITED.format(date=_long(audited_on))
        if grade not in Grade.values:
            errors["grade"] = ERROR_GRADE_REQUIRED
        if not strengths.strip():
            errors["strengths"] = ERROR_STRENGTHS_REQUIRED
        if not findings.strip():
            errors["findings"] = ERROR_FINDINGS_REQUIRED
        drafts = [(number, draft) for number, draft in enumerate(actions, start=1) if not draft.is_empty]
        errors.update(_action_errors(drafts, referral, audited_on if "audited_on" not in errors else None))
        if grade in GRADES_NEEDING_AN_ACTION and not drafts:
            errors["action_1_text"] = ERROR_ACTION_NEEDED.format(grade=Grade(grade).label.lower())
        if errors:
            raise ValidationError(errors)
        audit = CaseAudit.objects.create(
            child=referral.child,
            referral=referral,
            auditor=actor,
            audited_on=audited_on,
            theme=theme.strip(),
            grade=grade,
            strengths=strengths.strip(),
            findings=findings.strip(),
            child_voice_evident=child_voice_evident,
        )
        for _, draft in drafts:
            AuditAction.objects.create(
                audit=audit, action=draft.action.strip(), worker_id=draft.worker_id, due_on=draft.due_on
            )
        audit_record(
            actor=actor,
            action="case_audit.record",
            obj=audit,
            child=referral.child,
            detail={"grade": grade, "actions": len(drafts)},
        )
    return audit


def _action_errors(drafts, referral, audited_on: datetime.date | None) -> dict:
    """Each action needs all three parts; its worker is in the team holding the case (the team
    manager takes it up with them); it is not due before the audit."""
    errors = {}
    team_workers = set(Worker.objects.filter(team=referral.team).values_list("pk", flat=True))
    for number, draft in drafts:
        prefix = f"action_{number}"
        if not draft.action.strip():
            errors[f"{prefix}_text"] = ERROR_ACTION_TEXT_REQUIRED
        if draft.worker_id is None:
            errors[f"{prefix}_worker"] = ERROR_ACTION_WORKER_REQUIRED
        elif draft.worker_id not in team_workers:
            errors[f"{prefix}_worker"] = ERROR_ACTION_WORKER_NOT_IN_TEAM.format(team=referral.team)
        if draft.due_on is None:
            errors[f"{prefix}_due_on"] = ERROR_ACTION_DUE_REQUIRED
        elif audited_on is not None and draft.due_on < audited_on:
            errors[f"{prefix}_due_on"] = ERROR_ACTION_DUE_BEFORE_AUDIT.format(date=_long(audited_on))
    return errors


def audit_action_complete(
    *, actor, action_id: int, version: int, completed_on: datetime.date | None, response: str
) -> AuditAction:
    """The worker (or their manager) records that the action is done and what they did."""
    with transaction.atomic():
        action = (
            AuditAction.objects.select_for_update(of=("self",))
            .select_related("audit__child", "worker__team__manager")
            .get(pk=action_id)
        )
        if not may_complete(actor, action):
            raise ValidationError(ERROR_MAY_NOT_COMPLETE)
        if action.completed_on is not None:
            raise ValidationError(ERROR_ALREADY_COMPLETED.format(date=_long(action.completed_on)))
        if version != action.version:
            raise ValidationError(ERROR_CHANGED_MEANWHILE)
        errors = {}
        if completed_on is None:
            errors["completed_on"] = ERROR_COMPLETED_ON_REQUIRED
        elif completed_on > timezone.localdate():
            errors["completed_on"] = ERROR_DATE_IN_FUTURE
        elif completed_on < action.audit.audited_on:
            errors["completed_on"] = ERROR_COMPLETED_BEFORE_AUDIT.format(date=_long(action.audit.audited_on))
        if not response.strip():
            errors["response"] = ERROR_RESPONSE_REQUIRED
        if errors:
            raise ValidationError(errors)
        action.completed_on = completed_on
        action.response = response.strip()
        action.completed_by = actor
        action.version += 1
        action.save(update_fields=["completed_on", "response", "completed_by", "version"])
        audit_record(actor=actor, action="audit_action.complete", obj=action, child=action.audit.child)
    return action


ERROR_MAY_NOT_SUPERVISE_CASE = (
    "Only a manager of the team holding the case, or a service manager, can record its supervision"
)
ERROR_SUPERVISION_CASE_CLOSED = "The case closed on {date}: the supervision cannot be after then"
ERROR_SUPERVISION_BEFORE_REFERRAL = "The supervision cannot be before the case was opened ({date})"
ERROR_CASE_SUPERVISION_NO_DECISIONS = "Enter the decisions made about the child's plan"
ERROR_CASE_SUPERVISED_THAT_DAY = "This case's supervision on {date} is already recorded"


def case_supervision_record(*, actor, referral_id: int, held_on: datetime.date, decisions: str) -> CaseSupervision:
    """Record case supervision on the child's file: the decisions made, with the worker who held the
    case that day (docs/workforce.md "Supervision")."""
    with transaction.atomic():
        referral = Referral.objects.select_for_update().select_related("child", "team").get(pk=referral_id)
        if not may_supervise_case(actor, referral):
            raise ValidationError(ERROR_MAY_NOT_SUPERVISE_CASE)
        errors = {}
        if held_on > timezone.localdate():
            errors["held_on"] = ERROR_DATE_IN_FUTURE
        elif held_on < referral.referral_date:
            errors["held_on"] = ERROR_SUPERVISION_BEFORE_REFERRAL.format(date=_long(referral.referral_date))
        elif referral.closed_on is not None and held_on > referral.closed_on:
            errors["held_on"] = ERROR_SUPERVISION_CASE_CLOSED.format(date=_long(referral.closed_on))
        elif referral.case_supervisions.filter(held_on=held_on).exists():
            errors["held_on"] = ERROR_CASE_SUPERVISED_THAT_DAY.format(date=_long(held_on))
        if not decisions.strip():
            errors["decisions"] = ERROR_CASE_SUPERVISION_NO_DECISIONS
        if errors:
            raise ValidationError(errors)
        holder = (
            referral.allocations.filter(started_on__lte=held_on)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=held_on))
            .order_by("-started_on", "-pk")
            .first()
        )
        supervision = CaseSupervision.objects.create(
            child=referral.child,
            referral=referral,
            worker=holder.worker if holder else None,
            supervisor=actor,
            held_on=held_on,
            decisions=decisions.strip(),
        )
        audit_record(actor=actor, action="case.supervision", obj=supervision, child=referral.child)
    return supervision
