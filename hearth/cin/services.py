"""Writers for children in need plans: start, review, end. Each one transaction with its audit row."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from hearth.assessment.models import AssessmentOutcome
from hearth.audit.services import audit_record
from hearth.cin.models import AUTOMATIC_END_REASONS, CinPlan, CinPlanReview, PlanEndReason, ReviewDecision
from hearth.core.roles import Role, has_role
from hearth.frontdoor.models import Referral
from hearth.people.models import Child

ERROR_NOT_CASE_WORKER = "Only a social worker or manager can record a child in need plan"
ERROR_CASE_CLOSED = "This case is closed"
ERROR_NO_CIN_ASSESSMENT = (
    "A child in need plan starts after an assessment authorised with the outcome 'Child in need plan': "
    "this case has none"
)
ERROR_ALREADY_ON_PLAN = "{child} is already on a child in need plan (from {date}). End it before starting another"
ERROR_OVERLAPS_EARLIER_PLAN = "{child} was on another child in need plan until {date}: a new one cannot start before"
ERROR_START_BEFORE_ASSESSMENT = "The plan cannot start before the assessment was authorised ({date})"
ERROR_DATE_IN_FUTURE = "The date must be today or in the past"
# Checks the areas above cin run before a plan starts, each `(child, started_on) -> None` raising a
# ValidationError (a looked-after child's plan is the care plan: hearth/care/checks.py).
CIN_PLAN_START_CHECKS: tuple[str, ...] = ("hearth.care.checks.refuse_cin_plan_while_looked_after",)
ERROR_AIMS_REQUIRED = "Enter the plan's aims"
ERROR_AGREED_REQUIRED = "Enter who agreed the plan"
ERROR_PLAN_ENDED = "This plan ended on {date}. Nothing was changed"
ERROR_CHANGED_MEANWHILE = (
    "Someone else changed this plan while you had it open (a review or its end). Nothing was changed: "
    "read the plan again and then record yours"
)
ERROR_REVIEW_ON_CLOSED_CASE = "The case closed on {date}: end this plan instead of reviewing it"
ERROR_REVIEW_BEFORE_START = "A review cannot be before the plan started ({date})"
ERROR_REVIEW_SAME_DAY = "A review on {date} is already recorded for this plan"
ERROR_ATTENDEES_REQUIRED = "Enter who attended the review"
ERROR_DECISION_REQUIRED = "Choose whether the plan continues, changes or ends"
ERROR_CHANGES_REQUIRED = "Describe what changes in the plan"
ERROR_DECISION_REASONS = (
    "Enter the reasons for the review's decision: what has changed for the child and why the plan continues, "
    "changes or ends"
)
REASONS_MAX_LENGTH = 20000
ERROR_DECISION_REASONS_TOO_LONG = f"The reasons must be {REASONS_MAX_LENGTH:,} characters or fewer"
ERROR_END_REASON_REQUIRED = "Choose why the plan ends"
ERROR_END_BEFORE_START = "The plan cannot end before it started ({date})"
ERROR_END_BEFORE_REVIEW = "The plan cannot end before its last review ({date})"
ERROR_END_NOTE_REQUIRED = "Say why the plan ended"
ERROR_ON_PROTECTION_PLAN = (
    "{child} is on a child protection plan (from {date}): a child in need plan cannot run alongside it "
    "(CIN census rules 4001 and 4016). The plan's review conference decides what follows it"
)
ERROR_PROTECTION_PLAN_UNTIL = (
    "{child} was on a child protection plan until {date}: a child in need plan cannot start before then"
)
ERROR_ENDS_BEFORE_CIN_START = (
    "{child}'s child in need plan started on {date}, after this date: it would have to end before it began. "
    "Check the date"
)
ERROR_ENDS_BEFORE_CIN_REVIEW = (
    "{child}'s child in need plan was reviewed on {date}, after this date: it cannot end before its last review. "
    "Check the date"
)

# Why another record's change ends the open plan: the plan's end reason for each (the callers name them).
ENDED_BY_PROTECTION_PLAN = PlanEndReason.CHILD_PROTECTION
ENDED_BY_CASE_CLOSURE = PlanEndReason.CASE_CLOSED


def _check_writer(actor) -> None:
    if not (actor.is_superuser or has_role(actor, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_NOT_CASE_WORKER)


def _long(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def cin_plan_start(*, actor, referral_id: int, started_on: datetime.date, aims: str, agreed_with: str) -> CinPlan:
    """Start a child in need plan on an open case whose latest authorised assessment concluded one."""
    _check_writer(actor)
    with transaction.atomic():
        referral = Referral.objects.select_for_update().select_related("child").get(pk=referral_id)
        if referral.closed_on is not None:
            raise ValidationError(ERROR_CASE_CLOSED)
        assessment = referral.assessments.filter(authorised_on__isnull=False).order_by("-authorised_on", "-pk").first()
        if assessment is None or assessment.outcome != AssessmentOutcome.CIN_PLAN:
            raise ValidationError(ERROR_NO_CIN_ASSESSMENT)
        child = Child.objects.select_for_update().get(pk=referral.child_id)  # serialises with a CP plan's start
        open_plan = CinPlan.objects.filter(child=child, ended_on__isnull=True).first()
        if open_plan is not None:
            raise ValidationError(ERROR_ALREADY_ON_PLAN.format(child=child, date=_long(open_plan.started_on)))
        _check_no_protection_plan(child, started_on)
        for path in CIN_PLAN_START_CHECKS:
            import_string(path)(child, started_on)
        errors = {}
        if started_on < assessment.authorised_on:
            errors["started_on"] = ERROR_START_BEFORE_ASSESSMENT.format(date=_long(assessment.authorised_on))
        elif started_on > timezone.localdate():
            errors["started_on"] = ERROR_DATE_IN_FUTURE
        else:
            # Two plans for one child never overlap (CIN census: one plan at a time).
            earlier = CinPlan.objects.filter(child=child, ended_on__gt=started_on).order_by("-ended_on").first()
            if earlier is not None:
                errors["started_on"] = ERROR_OVERLAPS_EARLIER_PLAN.format(child=child, date=_long(earlier.ended_on))
        if not aims.strip():
            errors["aims"] = ERROR_AIMS_REQUIRED
        if not agreed_with.strip():
            errors["agreed_with"] = ERROR_AGREED_REQUIRED
        if errors:
            raise ValidationError(errors)
        plan = CinPlan.objects.create(
            referral=referral,
            child=child,
            assessment=assessment,
            started_on=started_on,
            aims=aims.strip(),
            agreed_with=agreed_with.strip(),
            started_by=actor,
        )
        audit_record(actor=actor, action="cin_plan.start", obj=plan, child=child)
    return plan


def _check_no_protection_plan(child, started_on: datetime.date) -> None:
    """A child in need plan never overlaps a child protection plan (CIN census rules 4001, 4016): none
    may start while one is open, nor before the end of one already recorded."""
    from hearth.protection.models import ProtectionPlan

    clash = (
        ProtectionPlan.objects.filter(child=child)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=started_on))
        .order_by("-started_on")
        .first()
    )
    if clash is None:
        return
    if clash.ended_on is None:
        raise ValidationError(ERROR_ON_PROTECTION_PLAN.format(child=child, date=_long(clash.started_on)))
    raise ValidationError({"started_on": ERROR_PROTECTION_PLAN_UNTIL.format(child=child, date=_long(clash.ended_on))})


def cin_plan_end_for(
    *, actor, child_id: int, ended_on: datetime.date, reason: str, field: str, referral_id: int | None = None
) -> CinPlan | None:
    """End the child's open child in need plan because another record says so: a child protection plan
    started (reason ENDED_BY_PROTECTION_PLAN) or the case closed (ENDED_BY_CASE_CLOSURE). Called
    inside the caller's transaction, so both changes are written together or neither is; errors are
    raised against the caller's form field. The actor is whoever recorded the cause (a conference
    chair, a manager), so no case-worker role is asked of them. `referral_id` narrows it to one
    case's plan (a closure ends its own case's plan). Returns the plan ended, if any."""
    plans = CinPlan.objects.select_for_update(of=("self",)).select_related("child")
    if referral_id is not None:
        plans = plans.filter(referral_id=referral_id)
    plan = plans.filter(child_id=child_id, ended_on__isnull=True).first()
    if plan is None:
        return None
    if ended_on < plan.started_on:
        raise ValidationError(
            {field: ERROR_ENDS_BEFORE_CIN_START.format(child=plan.child, date=_long(plan.started_on))}
        )
    last = plan.reviews.order_by("-reviewed_on").values_list("reviewed_on", flat=True).first()
    if last is not None and ended_on < last:
        raise ValidationError({field: ERROR_ENDS_BEFORE_CIN_REVIEW.format(child=plan.child, date=_long(last))})
    _end(plan, actor=actor, ended_on=ended_on, reason=reason, note="")
    return plan


def _open_plan_for_change(plan_id: int, version: int) -> CinPlan:
    """The plan, locked, refused if it ended or changed since the form was opened."""
    plan = CinPlan.objects.select_for_update().select_related("child", "referral").get(pk=plan_id)
    if plan.ended_on is not None:
        raise ValidationError(ERROR_PLAN_ENDED.format(date=_long(plan.ended_on)))
    if plan.version != version:
        raise ValidationError(ERROR_CHANGED_MEANWHILE)
    return plan


def cin_plan_review(
    *,
    actor,
    plan_id: int,
    version: int,
    reviewed_on: datetime.date,
    attendees: str,
    decision: str,
    changes: str = "",
    end_reason: str = "",
    end_note: str = "",
    decision_reasons: str = "",
) -> CinPlanReview:
    """Record a review with the reasons for its decision; a decision to end the plan ends it on
    the review's date."""
    _check_writer(actor)
    with transaction.atomic():
        plan = _open_plan_for_change(plan_id, version)
        if plan.referral.closed_on is not None:
            raise ValidationError(ERROR_REVIEW_ON_CLOSED_CASE.format(date=_long(plan.referral.closed_on)))
        errors = {}
        if reviewed_on < plan.started_on:
            errors["reviewed_on"] = ERROR_REVIEW_BEFORE_START.format(date=_long(plan.started_on))
        elif reviewed_on > timezone.localdate():
            errors["reviewed_on"] = ERROR_DATE_IN_FUTURE
        elif plan.reviews.filter(reviewed_on=reviewed_on).exists():
            errors["reviewed_on"] = ERROR_REVIEW_SAME_DAY.format(date=_long(reviewed_on))
        if not attendees.strip():
            errors["attendees"] = ERROR_ATTENDEES_REQUIRED
        if decision not in ReviewDecision.values:
            errors["decision"] = ERROR_DECISION_REQUIRED
        elif decision == ReviewDecision.CHANGE and not changes.strip():
            errors["changes"] = ERROR_CHANGES_REQUIRED
        elif decision == ReviewDecision.END:
            _check_end_reason(errors, end_reason, end_note)
            last = plan.reviews.order_by("-reviewed_on").first()
            if last is not None and reviewed_on < last.reviewed_on:
                errors["reviewed_on"] = ERROR_END_BEFORE_REVIEW.format(date=_long(last.reviewed_on))
        if not decision_reasons.strip():
            errors["decision_reasons"] = ERROR_DECISION_REASONS
        elif len(decision_reasons.strip()) > REASONS_MAX_LENGTH:
            errors["decision_reasons"] = ERROR_DECISION_REASONS_TOO_LONG
        if errors:
            raise ValidationError(errors)
        review = CinPlanReview.objects.create(
            plan=plan,
            reviewed_on=reviewed_on,
            attendees=attendees.strip(),
            decision=decision,
            changes=changes.strip(),
            decision_reasons=decision_reasons.strip(),
            recorded_by=actor,
        )
        audit_record(actor=actor, action="cin_plan.review", obj=review, child=plan.child, detail={"decision": decision})
        if decision == ReviewDecision.END:
            _end(plan, actor=actor, ended_on=reviewed_on, reason=end_reason, note=end_note)
        else:
            plan.version += 1
            plan.save(update_fields=["version"])
    return review


def cin_plan_end(*, actor, plan_id: int, version: int, ended_on: datetime.date, reason: str, note: str = "") -> CinPlan:
    """End the plan with its date and reason."""
    _check_writer(actor)
    with transaction.atomic():
        plan = _open_plan_for_change(plan_id, version)
        errors = {}
        if ended_on < plan.started_on:
            errors["ended_on"] = ERROR_END_BEFORE_START.format(date=_long(plan.started_on))
        elif ended_on > timezone.localdate():
            errors["ended_on"] = ERROR_DATE_IN_FUTURE
        else:
            last = plan.reviews.order_by("-reviewed_on").first()
            if last is not None and ended_on < last.reviewed_on:
                errors["ended_on"] = ERROR_END_BEFORE_REVIEW.format(date=_long(last.reviewed_on))
        _check_end_reason(errors, reason, note, reason_field="reason", note_field="note")
        if errors:
            raise ValidationError(errors)
        _end(plan, actor=actor, ended_on=ended_on, reason=reason, note=note)
    return plan


def _check_end_reason(errors, reason, note, reason_field="end_reason", note_field="end_note") -> None:
    if reason not in PlanEndReason.values or reason in AUTOMATIC_END_REASONS:
        # A plan ends for a child protection plan or a closure only through those records' own services.
        errors[reason_field] = ERROR_END_REASON_REQUIRED
    elif reason == PlanEndReason.OTHER and not note.strip():
        errors[note_field] = ERROR_END_NOTE_REQUIRED


def _end(plan: CinPlan, *, actor, ended_on, reason, note) -> None:
    plan.ended_on, plan.end_reason, plan.end_note, plan.ended_by = ended_on, reason, note.strip(), actor
    plan.version += 1
    plan.save(update_fields=["ended_on", "end_reason", "end_note", "ended_by", "version"])
    audit_record(actor=actor, action="cin_plan.end", obj=plan, child=plan.child, detail={"reason": reason})
