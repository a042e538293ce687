"""Writers for child protection: one function per thing a person does, each one transaction with
its audit row. Refusals are ValidationErrors whose texts are the constants below (the tests reuse
them); nothing is written when a service refuses."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.cin.services import ENDED_BY_PROTECTION_PLAN, cin_plan_end_for
from hearth.core.roles import Role, has_role
from hearth.frontdoor.models import Referral
from hearth.people.models import Child
from hearth.protection.checklist import CURRENT_VERSION, questions
from hearth.protection.models import (
    ICPC_DECISIONS,
    REVIEW_DECISIONS,
    STAGE_ORDER,
    Category,
    Conference,
    ConferenceChecklist,
    ConferenceDecision,
    ConferenceKind,
    CoreGroup,
    Escalation,
    EscalationStage,
    EscalationStep,
    PlanEndReason,
    ProtectionPlan,
    RaisedAt,
    Section47Enquiry,
    Section47Outcome,
    StepOutcome,
    StrategyDecision,
    StrategyDiscussion,
)

ERROR_CASE_CLOSED = "This case is closed"
ERROR_DATE_IN_FUTURE = "The date must be today or in the past"
ERROR_BEFORE_REFERRAL = "The date cannot be before the referral ({date})"
ERROR_SOCIAL_CARE = "Children's social care convenes the strategy discussion: tick it as taking part"
ERROR_SECOND_AGENCY = (
    "A strategy discussion involves at least one other agency: tick police, health or education, or name another"
)
ERROR_PARTICIPANTS = "Enter who took part, with their roles"
ERROR_REASONS = "Enter the reasons for the decision and the actions agreed"
ERROR_STRATEGY_DECISION = "Choose whether a section 47 enquiry starts"
ERROR_S47_OPEN = "A section 47 enquiry is already open on this case (started {date}): record its outcome first"
ERROR_OUTCOME = "Choose the outcome of the enquiry"
ERROR_OUTCOME_BEFORE_START = "The outcome cannot be before the enquiry started ({date})"
ERROR_OUTCOME_RECORDED = "The outcome of this enquiry was already recorded on {date}. Nothing was changed"
ERROR_STALE = "Someone else changed this record while you were working on it. Nothing was saved: check it and try again"
ERROR_NO_S47 = "An initial child protection conference needs a section 47 enquiry: there is none on this case"
ERROR_S47_NO_ICPC = "This enquiry concluded that no conference is needed"
ERROR_ICPC_EXISTS = "An initial conference is already booked for this enquiry ({date})"
ERROR_BOOKED_BEFORE_S47 = "The conference cannot be before the enquiry started ({date})"
ERROR_CHAIR = "Choose a chair: an independent reviewing officer or conference chair"
ERROR_ALREADY_HELD = "This conference was already held on {date}. Nothing was changed"
ERROR_HELD_BEFORE_S47 = "The conference cannot be before the section 47 enquiry started ({date})"
ERROR_HELD_IN_FUTURE = "A conference can be recorded as held only on or after the day it sat"
ERROR_DECISION = "Choose the conference's decision"
ERROR_CATEGORY = "Choose a category of abuse from the list (neglect, physical, sexual, emotional or multiple)"
ERROR_CATEGORY_WITHOUT_PLAN = "A category of abuse is given only when there is a plan"
ERROR_ATTENDANCE = "Enter who attended"
ERROR_CHILD_VIEWS = "Enter the child's views, or how they were sought"
ERROR_DECISION_REASONS = "Enter the reasons for the conference's decision: the risks and strengths it weighed"
REASONS_MAX_LENGTH = 20000
ERROR_DECISION_REASONS_TOO_LONG = f"The reasons must be {REASONS_MAX_LENGTH:,} characters or fewer"
ERROR_PLAN_OPEN = "{child} already has an open child protection plan (from {date}): a child holds one plan at a time"
ERROR_PLAN_OPEN_MEANWHILE = "{child} was put on a child protection plan by someone else meanwhile. Nothing was saved"
ERROR_PLAN_OVERLAPS = "A new plan cannot start on or before the end of the child's last plan ({date})"
ERROR_NOT_CHAIR_OR_MANAGER = "Only the conference chair or a manager can record a conference"
ERROR_NOT_CHAIR_OR_MANAGER_TO_BOOK = "Only a manager, or the reviewing officer who will chair it, can book a review"
ERROR_NOT_CHAIR_OR_MANAGER_TO_END = "Only a manager or one of the child's conference chairs can end a plan"
ERROR_NOT_IRO = "The chair must be an independent reviewing officer"
ERROR_PLAN_ENDED = "This plan ended on {date}"
ERROR_REVIEW_ON_OR_BEFORE_START = "A review conference must be after the plan started ({date})"
ERROR_REVIEW_BEFORE_LAST = "A review conference cannot be before the last one ({date})"
ERROR_REVIEW_SAME_DAY = "A review conference is already recorded on {date}"
ERROR_REVIEW_BOOKED = "A review conference is already booked for {date}: record it, or wait until it has sat"
ERROR_REVIEW_BOOKED_IN_PAST = "A review conference is booked for today or a date ahead"
ERROR_REVIEW_BOOKED_BEFORE_LAST = "A review conference must be booked after the last one ({date})"
ERROR_END_ON_START = "A plan cannot end on the day it started ({date})"
ERROR_END_BEFORE_START = "A plan cannot end before it started ({date})"
ERROR_END_REASON = "Choose why the plan ended"
ERROR_END_BEFORE_LAST_EVENT = "The plan cannot end before its last review conference or core group ({date})"
ERROR_CORE_GROUP_BEFORE_PLAN = "A core group cannot be before the plan started ({date})"
ERROR_CORE_GROUP_AFTER_END = "A core group cannot be after the plan ended ({date})"
ERROR_CORE_GROUP_SAME_DAY = "A core group is already recorded for this plan on {date}"
ERROR_SUMMARY = "Enter the progress against the plan and the actions agreed"
ERROR_NOT_HELD = "The conference has not been held yet"
ERROR_CHECKLIST_DONE = "The checklist for this conference was already completed. Nothing was changed"
ERROR_ANSWER_EVERY_QUESTION = "Answer every question"
ERROR_ONLY_THE_CHAIR = "Only the conference's chair can do this"
ERROR_CONCERN = "Enter the concern"
ERROR_WITH_WHOM = "Enter who the concern is with (name and role)"
ERROR_RAISED_BEFORE_MEETING = "A concern cannot be raised before the {meeting} ({date})"
ERROR_ONLY_WHO_RAISED = "Only the independent reviewing officer who raised the concern can do this"
ERROR_STEP_CLOSED = "This stage was already closed on {date}. Nothing was changed"
ERROR_CLOSED_BEFORE_OPENED = "The date cannot be before this stage opened ({date})"
ERROR_OUTCOME_DETAIL = "Enter the outcome"
ERROR_LAST_STAGE = "Stage 3 is the last stage of the procedure: record its resolution"


def _check_date(day: datetime.date, field: str, errors: dict) -> None:
    if field not in errors and day > timezone.localdate():
        errors[field] = ERROR_DATE_IN_FUTURE


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _check_version(obj, expected_version: int | None) -> None:
    if expected_version is not None and obj.version != expected_version:
        raise ValidationError(ERROR_STALE)


def _is_manager(user) -> bool:
    return user.is_superuser or has_role(user, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)


def _check_chair_or_manager(actor, conference: Conference) -> None:
    if not (_is_manager(actor) or (actor == conference.chair and has_role(actor, Role.IRO))):
        raise ValidationError(ERROR_NOT_CHAIR_OR_MANAGER)


# Strategy discussion and section 47 ------------------------------------------------------------


def strategy_discussion_record(
    *,
    actor,
    referral_id: int,
    held_on: datetime.date,
    police: bool,
    health: bool,
    social_care: bool,
    education: bool,
    other_agencies: str,
    participants: str,
    decision: str,
    reasons: str,
) -> StrategyDiscussion:
    """Record a strategy discussion; a decision to start a section 47 enquiry starts one dated the
    day of the discussion (S47ActualStartDate, the start of the ICPC clock T05)."""
    with transaction.atomic():
        referral = Referral.objects.select_for_update(of=("self",)).select_related("child").get(pk=referral_id)
        if referral.closed_on is not None:
            raise ValidationError(ERROR_CASE_CLOSED)
        errors = {}
        if held_on < referral.referral_date:
            errors["held_on"] = ERROR_BEFORE_REFERRAL.format(date=f"{referral.referral_date:%-d %B %Y}")
        _check_date(held_on, "held_on", errors)
        if not social_care:
            errors["social_care"] = ERROR_SOCIAL_CARE
        elif not (police or health or education or other_agencies.strip()):
            errors["police"] = ERROR_SECOND_AGENCY
        if not participants.strip():
            errors["participants"] = ERROR_PARTICIPANTS
        if not reasons.strip():
            errors["reasons"] = ERROR_REASONS
        if decision not in StrategyDecision.values:
            errors["decision"] = ERROR_STRATEGY_DECISION
        elif decision == StrategyDecision.SECTION_47:
            open_s47 = referral.section47s.filter(outcome="").first()
            if open_s47 is not None:
                errors["decision"] = ERROR_S47_OPEN.format(date=f"{open_s47.started_on:%-d %B %Y}")
        _raise(errors)
        discussion = StrategyDiscussion.objects.create(
            referral=referral,
            child=referral.child,
            held_on=held_on,
            police=police,
            health=health,
            social_care=social_care,
            education=education,
            other_agencies=other_agencies.strip(),
            participants=participants.strip(),
            decision=decision,
            reasons=reasons.strip(),
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="strategy_discussion.record",
            obj=discussion,
            child=referral.child,
            detail={"decision": decision},
        )
        if decision == StrategyDecision.SECTION_47:
            enquiry = Section47Enquiry.objects.create(
                referral=referral, child=referral.child, strategy_discussion=discussion, started_on=held_on
            )
            audit_record(actor=actor, action="section47.start", obj=enquiry, child=referral.child)
    return discussion


def section47_conclude(
    *, actor, enquiry_id: int, outcome: str, outcome_on: datetime.date, expected_version: int | None = None
) -> Section47Enquiry:
    """Record the enquiry's outcome: a conference is needed, or not (ICPCnotRequired)."""
    with transaction.atomic():
        enquiry = Section47Enquiry.objects.select_for_update(of=("self",)).select_related("child").get(pk=enquiry_id)
        _check_version(enquiry, expected_version)
        if enquiry.outcome:
            raise ValidationError(ERROR_OUTCOME_RECORDED.format(date=f"{enquiry.outcome_on:%-d %B %Y}"))
        errors = {}
        if outcome not in Section47Outcome.values:
            errors["outcome"] = ERROR_OUTCOME
        if outcome_on < enquiry.started_on:
            errors["outcome_on"] = ERROR_OUTCOME_BEFORE_START.format(date=f"{enquiry.started_on:%-d %B %Y}")
        _check_date(outcome_on, "outcome_on", errors)
        _raise(errors)
        enquiry.outcome, enquiry.outcome_on, enquiry.outcome_by = outcome, outcome_on, actor
        enquiry.version += 1
        enquiry.save(update_fields=["outcome", "outcome_on", "outcome_by", "version"])
        audit_record(
            actor=actor, action="section47.conclude", obj=enquiry, child=enquiry.child, detail={"outcome": outcome}
        )
    return enquiry


# Conferences -------------------------------------------------------------------------------------


def _check_chair(chair, errors: dict) -> None:
    if chair is None or not chair.is_active:
        errors["chair"] = ERROR_CHAIR
    elif not has_role(chair, Role.IRO):
        errors["chair"] = ERROR_NOT_IRO


def conference_book_initial(*, actor, enquiry_id: int | None, booked_for: datetime.date, chair) -> Conference:
    """Book the initial conference for a section 47 enquiry (an ICPC with no s47 is refused)."""
    if enquiry_id is None:
        raise ValidationError(ERROR_NO_S47)
    with transaction.atomic():
        enquiry = (
            Section47Enquiry.objects.select_for_update(of=("self",))
            .select_related("child", "referral")
            .get(pk=enquiry_id)
        )
        if enquiry.referral.closed_on is not None:
            raise ValidationError(ERROR_CASE_CLOSED)
        if enquiry.icpc_not_required:
            raise ValidationError(ERROR_S47_NO_ICPC)
        booked = enquiry.conferences.filter(kind=ConferenceKind.INITIAL).first()
        if booked is not None:
            raise ValidationError(ERROR_ICPC_EXISTS.format(date=f"{booked.booked_for:%-d %B %Y}"))
        errors = {}
        if booked_for < enquiry.started_on:
            errors["booked_for"] = ERROR_BOOKED_BEFORE_S47.format(date=f"{enquiry.started_on:%-d %B %Y}")
        _check_chair(chair, errors)
        _raise(errors)
        conference = Conference.objects.create(
            kind=ConferenceKind.INITIAL,
            referral=enquiry.referral,
            child=enquiry.child,
            section47=enquiry,
            booked_for=booked_for,
            booked_by=actor,
            chair=chair,
        )
        audit_record(actor=actor, action="conference.book", obj=conference, child=enquiry.child)
    return conference


def _check_conference_record(
    *,
    held_on,
    attendance: str,
    child_views: str,
    decision: str,
    category: str,
    decisions,
    errors: dict,
    reasons: str = "",
) -> None:
    if held_on > timezone.localdate():
        errors["held_on"] = ERROR_HELD_IN_FUTURE
    if not attendance.strip():
        errors["attendance"] = ERROR_ATTENDANCE
    if not child_views.strip():
        errors["child_views"] = ERROR_CHILD_VIEWS
    if decision not in decisions:
        errors["decision"] = ERROR_DECISION
    elif decision in (ConferenceDecision.PLAN, ConferenceDecision.CONTINUE):
        if category not in Category.values:
            errors["category"] = ERROR_CATEGORY
    elif category:
        errors["category"] = ERROR_CATEGORY_WITHOUT_PLAN
    if not reasons.strip():
        errors["decision_reasons"] = ERROR_DECISION_REASONS
    elif len(reasons.strip()) > REASONS_MAX_LENGTH:
        errors["decision_reasons"] = ERROR_DECISION_REASONS_TOO_LONG


def conference_hold_initial(
    *,
    actor,
    conference_id: int,
    held_on: datetime.date,
    attendance: str,
    child_views: str,
    decision: str,
    category: str = "",
    decision_reasons: str = "",
    expected_version: int | None = None,
) -> Conference:
    """Record the initial conference as held, with the reasons for its decision. A decision for a
    plan starts the child protection plan on the conference's date (CIN rule 2885), with the
    category as initial and latest category and the number of the child's previous plans, ever,
    derived from the record; and ends the child's open child in need plan on that date (the two
    never overlap: rules 4001, 4016)."""
    with transaction.atomic():
        conference = (
            Conference.objects.select_for_update(of=("self",))
            .select_related("child", "section47", "chair")
            .get(pk=conference_id)
        )
        if conference.kind != ConferenceKind.INITIAL:
            raise ValidationError(ERROR_DECISION)
        _check_chair_or_manager(actor, conference)
        _check_version(conference, expected_version)
        if conference.is_held:
            raise ValidationError(ERROR_ALREADY_HELD.format(date=f"{conference.held_on:%-d %B %Y}"))
        errors = {}
        if held_on < conference.section47.started_on:
            errors["held_on"] = ERROR_HELD_BEFORE_S47.format(date=f"{conference.section47.started_on:%-d %B %Y}")
        _check_conference_record(
            held_on=held_on,
            attendance=attendance,
            child_views=child_views,
            decision=decision,
            category=category,
            decisions=ICPC_DECISIONS,
            errors=errors,
            reasons=decision_reasons,
        )
        if decision == ConferenceDecision.PLAN and "held_on" not in errors:
            Child.objects.select_for_update().get(pk=conference.child_id)  # serialises with a CIN plan's start
            _check_no_plan_clash(conference.child, held_on, errors)
        _raise(errors)
        conference.held_on, conference.attendance, conference.child_views = (
            held_on,
            attendance.strip(),
            child_views.strip(),
        )
        conference.decision, conference.category, conference.recorded_by = decision, category, actor
        conference.decision_reasons = decision_reasons.strip()
        conference.version += 1
        conference.save()
        audit_record(
            actor=actor,
            action="conference.hold",
            obj=conference,
            child=conference.child,
            detail={"decision": decision, "category": category},
        )
        if decision == ConferenceDecision.PLAN:
            plan = _plan_start(conference, held_on, category)
            audit_record(actor=actor, action="protection_plan.start", obj=plan, child=conference.child)
            # CIN and CP plans never overlap (CIN census rules 4001, 4016): the child's child in need
            # plan ends the day the protection plan starts, in this same transaction.
            cin_plan_end_for(
                actor=actor,
                child_id=conference.child_id,
                ended_on=held_on,
                reason=ENDED_BY_PROTECTION_PLAN,
                field="held_on",
            )
    return conference


def _plan_start(conference: Conference, held_on: datetime.date, category: str) -> ProtectionPlan:
    """The plan the ICPC decided. Two conferences for one child recorded at the same moment both
    pass the check above; the database's one-open-plan constraint refuses the second (rule 8935)."""
    try:
        with transaction.atomic():
            return ProtectionPlan.objects.create(
                child=conference.child,
                referral_id=conference.referral_id,
                initial_conference=conference,
                started_on=held_on,
                initial_category=category,
                latest_category=category,
                previous_plans=ProtectionPlan.objects.filter(child=conference.child, started_on__lt=held_on).count(),
            )
    except IntegrityError:
        raise ValidationError({"decision": ERROR_PLAN_OPEN_MEANWHILE.format(child=conference.child)}) from None


def _check_no_plan_clash(child, start: datetime.date, errors: dict) -> None:
    plans = ProtectionPlan.objects.select_for_update(of=("self",)).filter(child=child)
    open_plan = plans.filter(ended_on__isnull=True).first()
    if open_plan is not None:
        errors["decision"] = ERROR_PLAN_OPEN.format(child=child, date=f"{open_plan.started_on:%-d %B %Y}")
        return
    last_end = plans.order_by("-ended_on").values_list("ended_on", flat=True).first()
    if last_end is not None and start <= last_end:
        errors["held_on"] = ERROR_PLAN_OVERLAPS.format(date=f"{last_end:%-d %B %Y}")


def review_conference_book(*, actor, plan_id: int, booked_for: datetime.date, chair) -> Conference:
    """Book the next review conference (RCPC) of an open plan for a date ahead, with its chair: on the
    chair's list and the child's page until it sits, then recorded through review_conference_record,
    which fills in this booking. One booking a plan at a time, after the plan started and after its
    last review; booked by a manager, or by the independent reviewing officer who will chair it."""
    with transaction.atomic():
        plan = ProtectionPlan.objects.select_for_update(of=("self",)).select_related("child").get(pk=plan_id)
        if plan.ended_on is not None:
            raise ValidationError(ERROR_PLAN_ENDED.format(date=f"{plan.ended_on:%-d %B %Y}"))
        if not (_is_manager(actor) or (actor == chair and has_role(actor, Role.IRO))):
            raise ValidationError(ERROR_NOT_CHAIR_OR_MANAGER_TO_BOOK)
        booked = _booked_review(plan)
        if booked is not None:
            raise ValidationError(ERROR_REVIEW_BOOKED.format(date=f"{booked.booked_for:%-d %B %Y}"))
        errors = {}
        last = _last(plan.reviews, "held_on")
        if booked_for < timezone.localdate():
            errors["booked_for"] = ERROR_REVIEW_BOOKED_IN_PAST
        elif booked_for <= plan.started_on:
            errors["booked_for"] = ERROR_REVIEW_ON_OR_BEFORE_START.format(date=f"{plan.started_on:%-d %B %Y}")
        elif last is not None and booked_for <= last:
            errors["booked_for"] = ERROR_REVIEW_BOOKED_BEFORE_LAST.format(date=f"{last:%-d %B %Y}")
        _check_chair(chair, errors)
        _raise(errors)
        review = Conference.objects.create(
            kind=ConferenceKind.REVIEW,
            referral_id=plan.referral_id,
            child=plan.child,
            plan=plan,
            booked_for=booked_for,
            booked_by=actor,
            chair=chair,
        )
        audit_record(actor=actor, action="conference.book_review", obj=review, child=plan.child)
    return review


def _booked_review(plan: ProtectionPlan) -> Conference | None:
    """The plan's review conference booked and not yet held, if any (locked with the plan)."""
    return plan.reviews.select_for_update(of=("self",)).filter(held_on__isnull=True).first()


def review_conference_record(
    *,
    actor,
    plan_id: int,
    held_on: datetime.date,
    chair,
    attendance: str,
    child_views: str,
    decision: str,
    category: str = "",
    decision_reasons: str = "",
    expected_version: int | None = None,
) -> Conference:
    """Record a review conference (RCPC) on an open plan, with the reasons for its decision: after
    the plan started (rule 8841) and after the last review. It may change the latest category, or
    end the plan on its date. A review booked ahead (review_conference_book) is the one recorded:
    its booking kept, the date it sat and its chair as recorded."""
    with transaction.atomic():
        plan = ProtectionPlan.objects.select_for_update(of=("self",)).select_related("child").get(pk=plan_id)
        _check_version(plan, expected_version)
        if plan.ended_on is not None:
            raise ValidationError(ERROR_PLAN_ENDED.format(date=f"{plan.ended_on:%-d %B %Y}"))
        if not (_is_manager(actor) or (actor == chair and has_role(actor, Role.IRO))):
            raise ValidationError(ERROR_NOT_CHAIR_OR_MANAGER)
        errors = {}
        if held_on <= plan.started_on:
            errors["held_on"] = ERROR_REVIEW_ON_OR_BEFORE_START.format(date=f"{plan.started_on:%-d %B %Y}")
        else:
            last = _last(plan.reviews, "held_on")
            if last is not None and held_on < last:
                errors["held_on"] = ERROR_REVIEW_BEFORE_LAST.format(date=f"{last:%-d %B %Y}")
            elif last is not None and held_on == last:
                errors["held_on"] = ERROR_REVIEW_SAME_DAY.format(date=f"{last:%-d %B %Y}")
        _check_chair(chair, errors)
        _check_conference_record(
            held_on=held_on,
            attendance=attendance,
            child_views=child_views,
            decision=decision,
            category=category,
            decisions=REVIEW_DECISIONS,
            errors=errors,
            reasons=decision_reasons,
        )
        _raise(errors)
        review = _booked_review(plan) or Conference(
            kind=ConferenceKind.REVIEW,
            referral_id=plan.referral_id,
            child=plan.child,
            plan=plan,
            booked_for=held_on,
            booked_by=actor,
        )
        review.chair, review.held_on, review.recorded_by = chair, held_on, actor
        review.attendance, review.child_views = attendance.strip(), child_views.strip()
        review.decision, review.category, review.decision_reasons = decision, category, decision_reasons.strip()
        if review.pk is not None:
            review.version += 1
        review.save()
        audit_record(
            actor=actor,
            action="conference.review",
            obj=review,
            child=plan.child,
            detail={"decision": decision, "category": category},
        )
        if decision == ConferenceDecision.CONTINUE:
            if category != plan.latest_category:
                plan.latest_category = category
                plan.version += 1
                plan.save(update_fields=["latest_category", "version"])
        else:
            _end_plan(actor, plan, held_on, PlanEndReason.NO_LONGER_AT_RISK)
    return review


def protection_plan_end(
    *, actor, plan_id: int, ended_on: datetime.date, reason: str, expected_version: int | None = None
) -> ProtectionPlan:
    """End a plan with its reason (a conference's decision, or the child becoming looked after,
    moving away, reaching 18). Never on or before the day it started (rule 8840)."""
    with transaction.atomic():
        plan = ProtectionPlan.objects.select_for_update(of=("self",)).select_related("child").get(pk=plan_id)
        if not (
            _is_manager(actor) or (has_role(actor, Role.IRO) and plan.child.conferences.filter(chair=actor).exists())
        ):
            raise ValidationError(ERROR_NOT_CHAIR_OR_MANAGER_TO_END)
        _check_version(plan, expected_version)
        if plan.ended_on is not None:
            raise ValidationError(ERROR_PLAN_ENDED.format(date=f"{plan.ended_on:%-d %B %Y}"))
        errors = {}
        if reason not in PlanEndReason.values:
            errors["reason"] = ERROR_END_REASON
        if ended_on < plan.started_on:
            errors["ended_on"] = ERROR_END_BEFORE_START.format(date=f"{plan.started_on:%-d %B %Y}")
        elif ended_on == plan.started_on:
            errors["ended_on"] = ERROR_END_ON_START.format(date=f"{plan.started_on:%-d %B %Y}")
        else:
            last_event = max(
                [d for d in (_last(plan.reviews, "held_on"), _last(plan.core_groups, "held_on")) if d],
                default=None,
            )
            if last_event is not None and ended_on < last_event:
                errors["ended_on"] = ERROR_END_BEFORE_LAST_EVENT.format(date=f"{last_event:%-d %B %Y}")
        _check_date(ended_on, "ended_on", errors)
        _raise(errors)
        _end_plan(actor, plan, ended_on, reason)
    return plan


def _last(related, field: str):
    # Only dates there are: a review booked and not yet held has none (PostgreSQL sorts a null first).
    dated = related.filter(**{f"{field}__isnull": False})
    return dated.order_by(f"-{field}").values_list(field, flat=True).first()


def _end_plan(actor, plan: ProtectionPlan, ended_on: datetime.date, reason: str) -> None:
    plan.ended_on, plan.end_reason, plan.ended_by = ended_on, reason, actor
    plan.version += 1
    plan.save(update_fields=["ended_on", "end_reason", "ended_by", "version"])
    audit_record(actor=actor, action="protection_plan.end", obj=plan, child=plan.child, detail={"reason": reason})


def core_group_record(*, actor, plan_id: int, held_on: datetime.date, attendance: str, summary: str) -> CoreGroup:
    with transaction.atomic():
        plan = ProtectionPlan.objects.select_for_update(of=("self",)).select_related("child").get(pk=plan_id)
        errors = {}
        if held_on < plan.started_on:
            errors["held_on"] = ERROR_CORE_GROUP_BEFORE_PLAN.format(date=f"{plan.started_on:%-d %B %Y}")
        elif plan.ended_on is not None and held_on > plan.ended_on:
            errors["held_on"] = ERROR_CORE_GROUP_AFTER_END.format(date=f"{plan.ended_on:%-d %B %Y}")
        elif plan.core_groups.filter(held_on=held_on).exists():
            errors["held_on"] = ERROR_CORE_GROUP_SAME_DAY.format(date=f"{held_on:%-d %B %Y}")
        _check_date(held_on, "held_on", errors)
        if not attendance.strip():
            errors["attendance"] = ERROR_ATTENDANCE
        if not summary.strip():
            errors["summary"] = ERROR_SUMMARY
        _raise(errors)
        core_group = CoreGroup.objects.create(
            plan=plan,
            child=plan.child,
            held_on=held_on,
            attendance=attendance.strip(),
            summary=summary.strip(),
            recorded_by=actor,
        )
        audit_record(actor=actor, action="core_group.record", obj=core_group, child=plan.child)
    return core_group


# Quality checklist and escalation ----------------------------------------------------------------


def _held_conference_of_its_chair(actor, conference_id: int) -> Conference:
    """The conference, locked, if it has been held and the actor chaired it (its chair's own work)."""
    conference = Conference.objects.select_for_update(of=("self",)).select_related("child").get(pk=conference_id)
    if actor != conference.chair:
        raise ValidationError(ERROR_ONLY_THE_CHAIR)
    if not conference.is_held:
        raise ValidationError(ERROR_NOT_HELD)
    return conference


def checklist_complete(
    *, actor, conference_id: int, answers: dict[str, bool], comments: str = ""
) -> ConferenceChecklist:
    """The chair's quality checklist for a held conference, against the current questions."""
    with transaction.atomic():
        conference = _held_conference_of_its_chair(actor, conference_id)
        if ConferenceChecklist.objects.filter(conference=conference).exists():
            raise ValidationError(ERROR_CHECKLIST_DONE)
        keys = [key for key, _ in questions(CURRENT_VERSION)]
        if set(answers) != set(keys) or not all(isinstance(answers[k], bool) for k in keys):
            raise ValidationError(ERROR_ANSWER_EVERY_QUESTION)
        checklist = ConferenceChecklist.objects.create(
            conference=conference,
            questions_version=CURRENT_VERSION,
            answers={key: answers[key] for key in keys},
            comments=comments.strip(),
            completed_by=actor,
        )
        audit_record(actor=actor, action="conference_checklist.complete", obj=checklist, child=conference.child)
    return checklist


def escalation_raise(
    *, actor, conference_id: int, raised_on: datetime.date, concern: str, with_whom: str
) -> Escalation:
    """The chair raises a concern through the escalation procedure: it opens at the informal stage."""
    with transaction.atomic():
        conference = _held_conference_of_its_chair(actor, conference_id)
        return escalation_open(
            actor=actor,
            raised_at=RaisedAt.CONFERENCE,
            conference=conference,
            referral=conference.referral,
            meeting_on=conference.held_on,
            raised_on=raised_on,
            concern=concern,
            with_whom=with_whom,
        )


def escalation_open(
    *,
    actor,
    raised_at: str,
    referral,
    meeting_on: datetime.date,
    raised_on: datetime.date,
    concern: str,
    with_whom: str,
    conference: Conference | None = None,
) -> Escalation:
    """Open a concern at the informal stage, raised by the IRO who chaired the meeting held on
    meeting_on (a conference, or a looked-after review: duties.services.review_concern_raise). The
    caller has checked that the actor chaired it, inside its own transaction."""
    with transaction.atomic():
        errors = {}
        if raised_on < meeting_on:
            errors["raised_on"] = ERROR_RAISED_BEFORE_MEETING.format(
                meeting=RaisedAt(raised_at).label.lower(), date=f"{meeting_on:%-d %B %Y}"
            )
        _check_date(raised_on, "raised_on", errors)
        if not concern.strip():
            errors["concern"] = ERROR_CONCERN
        if not with_whom.strip():
            errors["with_whom"] = ERROR_WITH_WHOM
        _raise(errors)
        escalation = Escalation.objects.create(
            raised_at=raised_at,
            conference=conference,
            referral=referral,
            child=referral.child,
            concern=concern.strip(),
            raised_by=actor,
            raised_on=raised_on,
        )
        step = EscalationStep.objects.create(
            escalation=escalation,
            stage=EscalationStage.INFORMAL,
            opened_on=raised_on,
            raised_by=actor,
            with_whom=with_whom.strip(),
        )
        audit_record(actor=actor, action="escalation.raise", obj=escalation, child=escalation.child)
        audit_record(actor=actor, action="escalation.stage_open", obj=step, child=escalation.child)
    return escalation


def escalation_step_close(
    *,
    actor,
    step_id: int,
    closed_on: datetime.date,
    outcome: str,
    outcome_detail: str,
    next_with_whom: str = "",
    expected_version: int | None = None,
) -> EscalationStep:
    """Close the open stage: resolved (with the outcome), or escalated to the next stage, which
    opens the same day with the person it is now with. Returns the step now current."""
    with transaction.atomic():
        step = (
            EscalationStep.objects.select_for_update(of=("self",)).select_related("escalation__child").get(pk=step_id)
        )
        escalation = step.escalation
        if actor.pk != escalation.raised_by_id:  # the chair who raised it (of a conference or a review)
            raise ValidationError(ERROR_ONLY_WHO_RAISED)
        _check_version(step, expected_version)
        if step.closed_on is not None:
            raise ValidationError(ERROR_STEP_CLOSED.format(date=f"{step.closed_on:%-d %B %Y}"))
        errors = {}
        if outcome not in StepOutcome.values:
            errors["outcome"] = ERROR_OUTCOME
        elif outcome == StepOutcome.ESCALATED:
            if step.stage == EscalationStage.STAGE_3:
                errors["outcome"] = ERROR_LAST_STAGE
            elif not next_with_whom.strip():
                errors["next_with_whom"] = ERROR_WITH_WHOM
        if closed_on < step.opened_on:
            errors["closed_on"] = ERROR_CLOSED_BEFORE_OPENED.format(date=f"{step.opened_on:%-d %B %Y}")
        _check_date(closed_on, "closed_on", errors)
        if not outcome_detail.strip():
            errors["outcome_detail"] = ERROR_OUTCOME_DETAIL
        _raise(errors)
        step.closed_on, step.outcome, step.outcome_detail = closed_on, outcome, outcome_detail.strip()
        step.version += 1
        step.save(update_fields=["closed_on", "outcome", "outcome_detail", "version"])
        audit_record(
            actor=actor, action="escalation.stage_close", obj=step, child=escalation.child, detail={"outcome": outcome}
        )
        if outcome == StepOutcome.RESOLVED:
            return step
        following = EscalationStep.objects.create(
            escalation=escalation,
            stage=STAGE_ORDER[STAGE_ORDER.index(step.stage) + 1],
            opened_on=closed_on,
            raised_by=actor,
            with_whom=next_with_whom.strip(),
        )
        audit_record(actor=actor, action="escalation.stage_open", obj=following, child=escalation.child)
    return following
