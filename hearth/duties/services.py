"""Writers for a looked-after child's reviews (chaired by an independent reviewing officer), health
and dental checks, the health plan from a health assessment, personal education plans, and the facts
the 903's OC2 file reads (SDQ, immunisations and development checks
up to date, convictions, substance misuse), each refusing what a one-fact DfE rule forbids.
Each is one transaction with its audit row; bad input changes nothing. An OC2 fact recorded wrongly is
corrected (`*_correct`) with the same checks, refused if it changed since the page was opened (its
version). All are facts on the period of care (hearth/care/models.py), dated inside it."""

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
from hearth.duties.checklist import CURRENT_VERSION as CURRENT_REVIEW_CHECKLIST
from hearth.duties.checklist import questions as review_questions
from hearth.duties.codes import (
    HealthCheckKind,
    HealthStatusKind,
    ReviewParticipation,
    SdqReason,
    SubstanceIntervention,
    VirtualSchoolInvolvement,
)
from hearth.duties.due_dates import is_school_age
from hearth.duties.models import (
    CareReview,
    Conviction,
    HealthCheck,
    HealthPlan,
    HealthStatus,
    PersonalEducationPlan,
    ReviewChecklist,
    ReviewConcern,
    Sdq,
    SubstanceMisuse,
)
from hearth.people.models import Child
from hearth.protection.models import RaisedAt
from hearth.protection.services import escalation_open

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


def _refused_or_done_by_errors(refused: bool | None, done_by: str) -> dict[str, str]:
    """A check is either refused or done by someone named."""
    if refused is None:
        return {"refused": ERROR_REFUSED_REQUIRED}
    if not refused and not done_by.strip():
        return {"done_by": ERROR_DONE_BY_REQUIRED}
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
    *,
    actor,
    period_id: int,
    held_on: datetime.date,
    chair_id: int | None,
    participation: str,
    recommendations: str,
    child_voice: str = "",
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
            child_voice=child_voice.strip(),
            recorded_by=actor,
        )
        audit_record(
            actor=actor, action="care.review", obj=review, child=period.child, detail={"participation": participation}
        )
    return review


# The reviewing officer's challenge: the quality checklist and concerns raised from a review -------

ERROR_ONLY_THE_REVIEW_CHAIR = "Only the independent reviewing officer who chaired this review can do this"
ERROR_REVIEW_CHECKLIST_DONE = "The checklist for this review was already completed. Nothing was changed"
ERROR_ANSWER_EVERY_QUESTION = "Answer every question"
ERROR_CHECKLIST_BEFORE_REVIEW = "The checklist cannot be completed before the review ({date})"


def _review_of_its_chair(actor, review_id: int) -> CareReview:
    """The review, locked, if the actor chaired it (the checklist and the concerns are the chair's)."""
    review = (
        CareReview.objects.select_for_update(of=("self",))
        .select_related("period__child", "period__referral__child")
        .get(pk=review_id)
    )
    if actor.pk != review.chair_id:
        raise ValidationError(ERROR_ONLY_THE_REVIEW_CHAIR)
    return review


def review_checklist_complete(
    *, actor, review_id: int, completed_on: datetime.date, answers: dict[str, bool], comments: str = ""
) -> ReviewChecklist:
    """The chairing IRO's quality checklist for a looked-after review, against the current questions."""
    with transaction.atomic():
        review = _review_of_its_chair(actor, review_id)
        if ReviewChecklist.objects.filter(review=review).exists():
            raise ValidationError(ERROR_REVIEW_CHECKLIST_DONE)
        keys = [key for key, _ in review_questions(CURRENT_REVIEW_CHECKLIST)]
        if set(answers) != set(keys) or not all(isinstance(answers[k], bool) for k in keys):
            raise ValidationError(ERROR_ANSWER_EVERY_QUESTION)
        errors = _date_errors("completed_on", completed_on)
        if not errors and completed_on < review.held_on:
            errors["completed_on"] = ERROR_CHECKLIST_BEFORE_REVIEW.format(date=_long(review.held_on))
        if errors:
            raise ValidationError(errors)
        checklist = ReviewChecklist.objects.create(
            review=review,
            completed_on=completed_on,
            questions_version=CURRENT_REVIEW_CHECKLIST,
            answers={key: answers[key] for key in keys},
            comments=comments.strip(),
            completed_by=actor,
        )
        audit_record(actor=actor, action="care_review_checklist.complete", obj=checklist, child=review.period.child)
    return checklist


def review_concern_raise(
    *, actor, review_id: int, raised_on: datetime.date, concern: str, with_whom: str
) -> ReviewConcern:
    """The chairing IRO raises a concern from a looked-after review through the dispute resolution
    (escalation) procedure: protection's escalation, opened at the informal stage, the same mechanism
    as a conference chair's; its stages are then resolved or escalated on protection's pages."""
    with transaction.atomic():
        review = _review_of_its_chair(actor, review_id)
        escalation = escalation_open(
            actor=actor,
            raised_at=RaisedAt.LOOKED_AFTER_REVIEW,
            referral=review.period.referral,
            meeting_on=review.held_on,
            raised_on=raised_on,
            concern=concern,
            with_whom=with_whom,
        )
        return ReviewConcern.objects.create(review=review, escalation=escalation)


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
        errors |= _refused_or_done_by_errors(refused, done_by)
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


# Outcomes for children looked after 12 months (903 OC2) -------------------------------------------

ERROR_SDQ_SCORE_OR_REASON = "Enter the SDQ score, or choose the reason there is none"
ERROR_SDQ_SCORE_RANGE = "The SDQ score must be a whole number from 0 to 40 (903 rule 180)"
ERROR_SDQ_REASON_WITH_SCORE = "Give a reason only when there is no SDQ score (903 rule 197a)"
ERROR_SDQ_REASON = "Choose the reason there is no SDQ score (SDQ2 to SDQ5)"
ERROR_SDQ1_DERIVED = (
    "SDQ1 (outside the age range) is not recorded: the return works it out from the child's date of birth"
)
ERROR_SDQ_AGE = "An SDQ is for a child aged 4 to 16: the child was {age} on that day (903 rules 188 and 189)"
ERROR_SDQ_SAME_DAY = "An SDQ on {date} is already recorded for this period of care"
ERROR_STATUS_KIND = "Choose what is up to date"
ERROR_UP_TO_DATE_REQUIRED = "Say whether they were up to date"
ERROR_SOURCE_REQUIRED = "Enter who said so (for example the looked-after children's nurse)"
ERROR_DEVELOPMENT_UNDER_5 = (
    "Health promotion (development) checks are recorded for a child under 5: the child was {age} on that day "
    "(903 rule 546)"
)
ERROR_STATUS_SAME_DAY = "This is already recorded as at {date} for this period of care"
ERROR_CONVICTION_UNDER_10 = (
    "A child under 10 cannot be convicted (the age of criminal responsibility): the child was {age} on that day "
    "(903 rule 542)"
)
ERROR_OFFENCE_REQUIRED = "Enter the offence"
ERROR_CONVICTION_SAME_DAY = "A conviction on {date} is already recorded for this period of care"
ERROR_INTERVENTION = "Choose whether an intervention was received, offered and refused, or not offered"
ERROR_MISUSE_SAME_DAY = "Substance misuse identified on {date} is already recorded for this period of care"


ERROR_OC2_CHANGED_MEANWHILE = (
    "Someone else changed this while you had the page open. Nothing was changed: read the record again and "
    "then make your correction"
)


def _age(period: PeriodOfCare, day: datetime.date) -> int | None:
    return age_on(period.child.date_of_birth, day)


def _oc2_fact(*, actor, period_id: int, field: str, day: datetime.date, checks, create, action: str, detail):
    """The pattern every OC2 writer shares: lock the period, the date inside it, the fact's own checks,
    nothing written on an error; the fact and its audit row in one transaction."""
    _check_writer(actor)
    with transaction.atomic():
        period = PeriodOfCare.objects.select_for_update().select_related("child").get(pk=period_id)
        errors = _in_period_errors(field, day, period)
        errors |= checks(period, errors)
        if errors:
            raise ValidationError(errors)
        fact = create(period)
        audit_record(actor=actor, action=action, obj=fact, child=period.child, detail=detail)
    return fact


def _oc2_correct(*, actor, model, fact_id: int, version: int, field: str, day: datetime.date, checks, values, action):
    """A correction of an OC2 fact recorded wrongly: the same checks as recording it (the fact itself
    left out of the one-a-day rule), refused if the fact changed since the page was opened (its
    version), nothing written on an error; the change and its audit row (the fields changed) in one
    transaction."""
    _check_writer(actor)
    with transaction.atomic():
        period_id = model.objects.values_list("period_id", flat=True).get(pk=fact_id)
        period = PeriodOfCare.objects.select_for_update().select_related("child").get(pk=period_id)
        fact = model.objects.select_for_update().get(pk=fact_id)
        if fact.version != version:
            raise ValidationError(ERROR_OC2_CHANGED_MEANWHILE)
        errors = _in_period_errors(field, day, period)
        errors |= checks(period, errors, fact.pk)
        if errors:
            raise ValidationError(errors)
        changed = sorted(name for name, value in values.items() if getattr(fact, name) != value)
        for name, value in values.items():
            setattr(fact, name, value)
        fact.version += 1
        fact.save(update_fields=[*values, "version"])
        audit_record(actor=actor, action=action, obj=fact, child=period.child, detail={"changed": changed})
    return fact


def _sdq_checks(completed_on: datetime.date, score: int | None, reason: str):
    def checks(period, errors, exclude: int | None = None) -> dict[str, str]:
        found = {}
        if score is None and not reason:
            found["score"] = ERROR_SDQ_SCORE_OR_REASON
        if score is not None and (not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 40):
            found["score"] = ERROR_SDQ_SCORE_RANGE
        if reason:
            if score is not None:
                found["reason"] = ERROR_SDQ_REASON_WITH_SCORE
            elif reason == SdqReason.SDQ1:
                found["reason"] = ERROR_SDQ1_DERIVED
            elif reason not in SdqReason.values:
                found["reason"] = ERROR_SDQ_REASON
        age = _age(period, completed_on)
        if "completed_on" not in errors and age is not None and not 4 <= age <= 16:
            found["completed_on"] = ERROR_SDQ_AGE.format(age=age)
        elif (
            "completed_on" not in errors and period.sdqs.filter(completed_on=completed_on).exclude(pk=exclude).exists()
        ):
            found["completed_on"] = ERROR_SDQ_SAME_DAY.format(date=_long(completed_on))
        return found

    return checks


def sdq_record(*, actor, period_id: int, completed_on: datetime.date, score: int | None, reason: str = ""):
    """An SDQ was completed for a looked-after child aged 4 to 16 (its total score), or was not, and why."""
    return _oc2_fact(
        actor=actor,
        period_id=period_id,
        field="completed_on",
        day=completed_on,
        checks=_sdq_checks(completed_on, score, reason),
        create=lambda period: Sdq.objects.create(
            period=period, completed_on=completed_on, score=score, reason=reason, recorded_by=actor
        ),
        action="duties.sdq",
        detail={"score": score, "reason": reason},
    )


def sdq_correct(
    *, actor, sdq_id: int, version: int, completed_on: datetime.date, score: int | None, reason: str = ""
) -> Sdq:
    """An SDQ recorded wrongly (its date, score or reason) is corrected."""
    return _oc2_correct(
        actor=actor,
        model=Sdq,
        fact_id=sdq_id,
        version=version,
        field="completed_on",
        day=completed_on,
        checks=_sdq_checks(completed_on, score, reason),
        values={"completed_on": completed_on, "score": score, "reason": reason},
        action="duties.sdq_correct",
    )


def _health_status_checks(kind: str, as_at: datetime.date, up_to_date: bool | None, source: str):
    def checks(period, errors, exclude: int | None = None) -> dict[str, str]:
        found = {}
        if kind not in HealthStatusKind.values:
            found["kind"] = ERROR_STATUS_KIND
        elif "as_at" not in errors:
            age = _age(period, as_at)
            if kind == HealthStatusKind.DEVELOPMENT and age is not None and age >= 5:
                found["kind"] = ERROR_DEVELOPMENT_UNDER_5.format(age=age)
            elif period.health_statuses.filter(kind=kind, as_at=as_at).exclude(pk=exclude).exists():
                found["as_at"] = ERROR_STATUS_SAME_DAY.format(date=_long(as_at))
        if up_to_date is None:
            found["up_to_date"] = ERROR_UP_TO_DATE_REQUIRED
        if not source.strip():
            found["source"] = ERROR_SOURCE_REQUIRED
        return found

    return checks


def health_status_record(
    *, actor, period_id: int, kind: str, as_at: datetime.date, up_to_date: bool | None, source: str
):
    """As at a date, the child's immunisations (or, under 5, health promotion checks) were up to date or not."""
    return _oc2_fact(
        actor=actor,
        period_id=period_id,
        field="as_at",
        day=as_at,
        checks=_health_status_checks(kind, as_at, up_to_date, source),
        create=lambda period: HealthStatus.objects.create(
            period=period, kind=kind, as_at=as_at, up_to_date=up_to_date, source=source.strip(), recorded_by=actor
        ),
        action="duties.health_status",
        detail={"kind": kind, "up_to_date": up_to_date},
    )


def health_status_correct(
    *,
    actor,
    health_status_id: int,
    version: int,
    kind: str,
    as_at: datetime.date,
    up_to_date: bool | None,
    source: str,
) -> HealthStatus:
    """A health record status recorded wrongly (what, as at when, up to date or not, who said so) is corrected."""
    return _oc2_correct(
        actor=actor,
        model=HealthStatus,
        fact_id=health_status_id,
        version=version,
        field="as_at",
        day=as_at,
        checks=_health_status_checks(kind, as_at, up_to_date, source),
        values={"kind": kind, "as_at": as_at, "up_to_date": up_to_date, "source": source.strip()},
        action="duties.health_status_correct",
    )


def _conviction_checks(convicted_on: datetime.date, offence: str):
    def checks(period, errors, exclude: int | None = None) -> dict[str, str]:
        found = {}
        age = _age(period, convicted_on)
        if "convicted_on" not in errors and age is not None and age < 10:
            found["convicted_on"] = ERROR_CONVICTION_UNDER_10.format(age=age)
        elif (
            "convicted_on" not in errors
            and period.convictions.filter(convicted_on=convicted_on).exclude(pk=exclude).exists()
        ):
            found["convicted_on"] = ERROR_CONVICTION_SAME_DAY.format(date=_long(convicted_on))
        if not offence.strip():
            found["offence"] = ERROR_OFFENCE_REQUIRED
        return found

    return checks


def conviction_record(*, actor, period_id: int, convicted_on: datetime.date, offence: str):
    """The child, 10 or over, was convicted (or given a final warning or reprimand) while looked after."""
    return _oc2_fact(
        actor=actor,
        period_id=period_id,
        field="convicted_on",
        day=convicted_on,
        checks=_conviction_checks(convicted_on, offence),
        create=lambda period: Conviction.objects.create(
            period=period, convicted_on=convicted_on, offence=offence.strip(), recorded_by=actor
        ),
        action="duties.conviction",
        detail={},
    )


def conviction_correct(
    *, actor, conviction_id: int, version: int, convicted_on: datetime.date, offence: str
) -> Conviction:
    """A conviction recorded wrongly (its date or offence) is corrected."""
    return _oc2_correct(
        actor=actor,
        model=Conviction,
        fact_id=conviction_id,
        version=version,
        field="convicted_on",
        day=convicted_on,
        checks=_conviction_checks(convicted_on, offence),
        values={"convicted_on": convicted_on, "offence": offence.strip()},
        action="duties.conviction_correct",
    )


def _substance_misuse_checks(identified_on: datetime.date, intervention: str):
    def checks(period, errors, exclude: int | None = None) -> dict[str, str]:
        found = {}
        if intervention not in SubstanceIntervention.values:
            found["intervention"] = ERROR_INTERVENTION
        if (
            "identified_on" not in errors
            and period.substance_misuse.filter(identified_on=identified_on).exclude(pk=exclude).exists()
        ):
            found["identified_on"] = ERROR_MISUSE_SAME_DAY.format(date=_long(identified_on))
        return found

    return checks


def substance_misuse_record(*, actor, period_id: int, identified_on: datetime.date, intervention: str, note: str = ""):
    """A substance misuse problem was identified, and an intervention received, offered and refused, or
    not offered (one answer, so "received" and "offered" cannot both be given: 903 rules 158, 159)."""
    return _oc2_fact(
        actor=actor,
        period_id=period_id,
        field="identified_on",
        day=identified_on,
        checks=_substance_misuse_checks(identified_on, intervention),
        create=lambda period: SubstanceMisuse.objects.create(
            period=period, identified_on=identified_on, intervention=intervention, note=note.strip(), recorded_by=actor
        ),
        action="duties.substance_misuse",
        detail={"intervention": intervention},
    )


def substance_misuse_correct(
    *,
    actor,
    substance_misuse_id: int,
    version: int,
    identified_on: datetime.date,
    intervention: str,
    note: str = "",
) -> SubstanceMisuse:
    """Substance misuse recorded wrongly (when identified, the intervention, the note) is corrected."""
    return _oc2_correct(
        actor=actor,
        model=SubstanceMisuse,
        fact_id=substance_misuse_id,
        version=version,
        field="identified_on",
        day=identified_on,
        checks=_substance_misuse_checks(identified_on, intervention),
        values={"identified_on": identified_on, "intervention": intervention, "note": note.strip()},
        action="duties.substance_misuse_correct",
    )


# Personal education plans -------------------------------------------------------------------------

ERROR_PEP_SCHOOL_AGE = (
    "A personal education plan is recorded for a child of school age (reception to year 11): on {date} the child "
    "was not"
)
ERROR_SCHOOL_REQUIRED = "Enter the school"
ERROR_DESIGNATED_TEACHER_REQUIRED = "Enter the name of the school's designated teacher"
ERROR_VIRTUAL_SCHOOL = "Choose how the virtual school took part"
ERROR_TARGETS_REQUIRED = "Enter the plan's targets and the support to meet them"
ERROR_PEP_SAME_DAY = "A personal education plan agreed on {date} is already recorded for this period of care"


def _pep_checks(held_on: datetime.date, school: str, designated_teacher: str, virtual_school: str, targets: str):
    def checks(period, errors, exclude: int | None = None) -> dict[str, str]:
        found = {}
        if "held_on" not in errors:
            born = period.child.date_of_birth
            if born is not None and not is_school_age(born, held_on):
                found["held_on"] = ERROR_PEP_SCHOOL_AGE.format(date=_long(held_on))
            elif period.peps.filter(held_on=held_on).exclude(pk=exclude).exists():
                found["held_on"] = ERROR_PEP_SAME_DAY.format(date=_long(held_on))
        if not school.strip():
            found["school"] = ERROR_SCHOOL_REQUIRED
        if not designated_teacher.strip():
            found["designated_teacher"] = ERROR_DESIGNATED_TEACHER_REQUIRED
        if virtual_school not in VirtualSchoolInvolvement.values:
            found["virtual_school"] = ERROR_VIRTUAL_SCHOOL
        if not targets.strip():
            found["targets"] = ERROR_TARGETS_REQUIRED
        return found

    return checks


def pep_record(
    *,
    actor,
    period_id: int,
    held_on: datetime.date,
    school: str,
    designated_teacher: str,
    virtual_school: str,
    targets: str,
) -> PersonalEducationPlan:
    """A personal education plan was agreed at its meeting for a looked-after child of school age (with
    the school's designated teacher, and the virtual school attending, contributing or not involved)."""
    return _oc2_fact(
        actor=actor,
        period_id=period_id,
        field="held_on",
        day=held_on,
        checks=_pep_checks(held_on, school, designated_teacher, virtual_school, targets),
        create=lambda period: PersonalEducationPlan.objects.create(
            period=period,
            held_on=held_on,
            school=school.strip(),
            designated_teacher=designated_teacher.strip(),
            virtual_school=virtual_school,
            targets=targets.strip(),
            recorded_by=actor,
        ),
        action="duties.pep",
        detail={"virtual_school": virtual_school},
    )


def pep_correct(
    *,
    actor,
    pep_id: int,
    version: int,
    held_on: datetime.date,
    school: str,
    designated_teacher: str,
    virtual_school: str,
    targets: str,
) -> PersonalEducationPlan:
    """A personal education plan recorded wrongly (its date, school, designated teacher, the virtual
    school's part, its targets) is corrected."""
    return _oc2_correct(
        actor=actor,
        model=PersonalEducationPlan,
        fact_id=pep_id,
        version=version,
        field="held_on",
        day=held_on,
        checks=_pep_checks(held_on, school, designated_teacher, virtual_school, targets),
        values={
            "held_on": held_on,
            "school": school.strip(),
            "designated_teacher": designated_teacher.strip(),
            "virtual_school": virtual_school,
            "targets": targets.strip(),
        },
        action="duties.pep_correct",
    )


# Health plans -------------------------------------------------------------------------------------

ERROR_PLAN_NOT_FROM_ASSESSMENT = "A health plan comes from a health assessment, not from a dental check"
ERROR_PLAN_FROM_REFUSAL = "The child refused this health assessment: there is no health plan from it"
ERROR_PLAN_EXISTS = "A health plan from this assessment is already recorded: correct it instead"
ERROR_PLAN_BEFORE_ASSESSMENT = "The health plan cannot be agreed before the assessment it comes from ({date})"
ERROR_ACTIONS_REQUIRED = "Enter what the health plan says is to be done"
ERROR_LEAD_REQUIRED = "Enter who leads the health plan"


def _health_plan_errors(period, assessment, agreed_on, actions: str, lead: str) -> dict[str, str]:
    errors = _in_period_errors("agreed_on", agreed_on, period)
    if "agreed_on" not in errors and agreed_on < assessment.done_on:
        errors["agreed_on"] = ERROR_PLAN_BEFORE_ASSESSMENT.format(date=_long(assessment.done_on))
    if not actions.strip():
        errors["actions"] = ERROR_ACTIONS_REQUIRED
    if not lead.strip():
        errors["lead"] = ERROR_LEAD_REQUIRED
    return errors


def health_plan_record(*, actor, assessment_id: int, agreed_on: datetime.date, actions: str, lead: str) -> HealthPlan:
    """The health plan from a health assessment (initial or review, done, not refused) was agreed."""
    _check_writer(actor)
    with transaction.atomic():
        period_id = HealthCheck.objects.values_list("period_id", flat=True).get(pk=assessment_id)
        period = PeriodOfCare.objects.select_for_update().select_related("child").get(pk=period_id)
        assessment = HealthCheck.objects.get(pk=assessment_id)
        if assessment.kind == HealthCheckKind.DENTAL:
            raise ValidationError(ERROR_PLAN_NOT_FROM_ASSESSMENT)
        if assessment.refused:
            raise ValidationError(ERROR_PLAN_FROM_REFUSAL)
        if HealthPlan.objects.filter(assessment=assessment).exists():
            raise ValidationError(ERROR_PLAN_EXISTS)
        errors = _health_plan_errors(period, assessment, agreed_on, actions, lead)
        if errors:
            raise ValidationError(errors)
        plan = HealthPlan.objects.create(
            assessment=assessment, agreed_on=agreed_on, actions=actions.strip(), lead=lead.strip(), recorded_by=actor
        )
        audit_record(
            actor=actor, action="duties.health_plan", obj=plan, child=period.child, detail={"kind": assessment.kind}
        )
    return plan


def health_plan_correct(
    *, actor, health_plan_id: int, version: int, agreed_on: datetime.date, actions: str, lead: str
) -> HealthPlan:
    """A health plan recorded wrongly (when agreed, what it says, who leads it) is corrected; refused if
    it changed since the page was opened (its version)."""
    _check_writer(actor)
    with transaction.atomic():
        period_id = HealthPlan.objects.values_list("assessment__period_id", flat=True).get(pk=health_plan_id)
        period = PeriodOfCare.objects.select_for_update().select_related("child").get(pk=period_id)
        plan = HealthPlan.objects.select_for_update().select_related("assessment").get(pk=health_plan_id)
        if plan.version != version:
            raise ValidationError(ERROR_OC2_CHANGED_MEANWHILE)
        errors = _health_plan_errors(period, plan.assessment, agreed_on, actions, lead)
        if errors:
            raise ValidationError(errors)
        values = {"agreed_on": agreed_on, "actions": actions.strip(), "lead": lead.strip()}
        changed = sorted(name for name, value in values.items() if getattr(plan, name) != value)
        for name, value in values.items():
            setattr(plan, name, value)
        plan.version += 1
        plan.save(update_fields=[*values, "version"])
        audit_record(
            actor=actor, action="duties.health_plan_correct", obj=plan, child=period.child, detail={"changed": changed}
        )
    return plan
