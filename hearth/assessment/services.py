"""Writers for single assessments: start, record what was found, submit, return, authorise.

An assessment moves open -> submitted -> authorised; a manager may return a submitted one to the
worker (back to open) with a reason. Every writer locks the assessment row, checks the version the
person's page was built from where one is given (a stale page is refused, never overwritten), and
raises its version, so two people can never both change it unawares.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.assessment.codes import NO_FACTORS_CODE
from hearth.assessment.models import (
    NARRATIVE_SECTIONS,
    Assessment,
    AssessmentFactor,
    AssessmentOutcome,
    AssessmentReturn,
)
from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.core.roles import Role, has_role
from hearth.frontdoor.models import Referral

ERROR_NOT_ALLOCATED = "Allocate the case to a social worker before starting an assessment"
ERROR_ALREADY_OPEN = "An assessment is already open on this case (started {date})"
ERROR_STARTED_BEFORE_REFERRAL = "The assessment cannot start before the referral ({date})"
ERROR_DATE_IN_FUTURE = "The date must be today or in the past"
ERROR_CASE_CLOSED = "This case is closed"
ERROR_NOT_A_MANAGER = "Only a team manager or service manager can authorise an assessment"
ERROR_NOT_A_MANAGER_RETURN = "Only a team manager or service manager can return an assessment"
ERROR_NOT_CASE_STAFF = "Only a social worker or manager can record or submit an assessment"
ERROR_AUTHORISED_BEFORE_START = "The assessment cannot be authorised before it started ({date})"
ERROR_AUTHORISED_BEFORE_SUBMISSION = "The assessment cannot be authorised before it was submitted ({date})"
ERROR_ALREADY_AUTHORISED = "This assessment was already authorised on {date}. Nothing was changed"
ERROR_OUTCOME_REQUIRED = "Choose the outcome of the assessment"
ERROR_UNKNOWN_FACTOR = "{codes} is not a factor on the census list. Choose factors from the list"
ERROR_NO_FACTORS_ALONE = (
    "'No factors identified' cannot be chosen with other factors. Choose it on its own, or untick it"
)
ERROR_NO_FACTORS = "Record the factors identified at assessment (or 'No factors identified') before it is completed"
ERROR_SEEN_ALONE_NOT_SEEN = "Enter the date the child was seen, or untick 'seen alone'"
ERROR_SEEN_BEFORE_START = "The child's being seen for this assessment cannot be before it started ({date})"
ERROR_STALE = (
    "{who} changed this assessment after you opened it. Nothing was saved: reload the page to see "
    "their changes, then make yours again"
)
# The draft's own wording: its page keeps what was typed and shows theirs (no reloading needed).
ERROR_STALE_DRAFT = (
    "{who} changed this assessment after you opened it. Nothing of yours was saved: what you typed is "
    "still in the boxes. Compare it with theirs, then save again"
)
ERROR_SUBMITTED_READ_ONLY = (
    "This assessment was submitted for authorisation on {date}. It can be changed only if a manager returns it"
)
ERROR_ALREADY_SUBMITTED = "This assessment was already submitted on {date}. Nothing was changed"
ERROR_SUBMITTED_BEFORE_START = "The assessment cannot be submitted before it started ({date})"
ERROR_NOT_SUBMITTED = "This assessment has not been submitted for authorisation"
ERROR_RETURNED_BEFORE_SUBMISSION = "The assessment cannot be returned before it was submitted ({date})"
ERROR_NOT_A_MANAGER_REVIEW = "Only a team manager or service manager can record an internal review"
ERROR_REVIEW_DATE_REQUIRED = "Enter the date of the internal review"
ERROR_REVIEWED_BEFORE_START = "The internal review cannot be before the assessment started ({date})"
ERROR_REVIEWED_AFTER_AUTHORISATION = "The internal review must be on or before the day it was authorised ({date})"
ERROR_REASON_REQUIRED = "Enter why you are returning the assessment, so the worker knows what to do"
# Submission needs every narrative section (docs/assessment.md, "Narrative"); each has its own message.
ERROR_NARRATIVE_REQUIRED = {
    "developmental_needs": "Write about the child's developmental needs before you submit the assessment",
    "parenting_capacity": "Write about parenting capacity before you submit the assessment",
    "family_environment": "Write about family and environmental factors before you submit the assessment",
    "analysis": "Write your analysis before you submit the assessment",
    "recommendation": "Write your recommendation before you submit the assessment",
}
ERROR_AUTHORISATION_REASONS_REQUIRED = "Enter your reasons for authorising the assessment with this outcome"
NARRATIVE_MAX_LENGTH = 20000
ERROR_NARRATIVE_TOO_LONG = "{label} must be {limit:,} characters or fewer"


def _long_date(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


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
            raise ValidationError(ERROR_ALREADY_OPEN.format(date=_long_date(open_assessment.started_on)))
        if started_on < referral.referral_date:
            raise ValidationError(
                {"started_on": ERROR_STARTED_BEFORE_REFERRAL.format(date=_long_date(referral.referral_date))}
            )
        if started_on > timezone.localdate():
            raise ValidationError({"started_on": ERROR_DATE_IN_FUTURE})
        assessment = Assessment.objects.create(
            referral=referral, child=referral.child, worker=allocation.worker, started_on=started_on, started_by=actor
        )
        audit_record(actor=actor, action="assessment.start", obj=assessment, child=referral.child)
    return assessment


def _locked(assessment_id: int) -> Assessment:
    return Assessment.objects.select_for_update().select_related("child").get(pk=assessment_id)


def _check_version(assessment: Assessment, expected_version: int | None, message: str = ERROR_STALE) -> None:
    """Refuse a change made from a page built on an older version of the assessment."""
    if expected_version is not None and expected_version != assessment.version:
        raise ValidationError(message.format(who=_last_changed_by(assessment)), code="stale")


def _last_changed_by(assessment: Assessment) -> str:
    """Who made the latest change, from the audit trail (every change writes a row there)."""
    event = (
        AuditEvent.objects.filter(object_type="assessment.assessment", object_id=str(assessment.pk))
        .select_related("actor")
        .order_by("-id")
        .first()
    )
    if event is None or event.actor is None:
        return "Someone"
    return event.actor.get_full_name() or event.actor.username


def _check_not_done(assessment: Assessment) -> None:
    if assessment.authorised_on is not None:
        raise ValidationError(ERROR_ALREADY_AUTHORISED.format(date=_long_date(assessment.authorised_on)))


def _check_case_staff(actor) -> None:
    if not (actor.is_superuser or has_role(actor, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_NOT_CASE_STAFF)


def _check_manager(actor, message: str) -> None:
    if not (actor.is_superuser or has_role(actor, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)):
        raise ValidationError(message)


def factors_from_codes(codes: list[str]) -> list[AssessmentFactor]:
    """The factors for these census codes; unknown or retired codes and factor 21 with others are
    refused (CIN census rule 8869)."""
    codes = list(dict.fromkeys(code.strip().upper() for code in codes))
    factors = {f.code: f for f in AssessmentFactor.objects.filter(code__in=codes, active=True)}
    unknown = [code for code in codes if code not in factors]
    if unknown:
        raise ValidationError({"factors": ERROR_UNKNOWN_FACTOR.format(codes=", ".join(unknown))})
    if NO_FACTORS_CODE in factors and len(factors) > 1:
        raise ValidationError({"factors": ERROR_NO_FACTORS_ALONE})
    return [factors[code] for code in codes]


def assessment_record(
    *,
    actor,
    assessment_id: int,
    factor_codes: list[str],
    wishes_and_feelings: str,
    child_seen_on: datetime.date | None,
    child_seen_alone: bool,
    narrative: dict[str, str] | None = None,
    expected_version: int | None = None,
) -> Assessment:
    """What the worker found: the factors identified, the child's wishes and feelings, whether and
    when the child was seen and whether alone, and the narrative sections (`narrative`, keyed by
    NARRATIVE_SECTIONS' names; None leaves the narrative as it is, for callers such as the census
    import that carry none). Only while the assessment is open (not submitted): until then every
    save is a draft, and a save from a page built on an older version is refused. A save that
    would change nothing writes nothing (no new version, no audit row), as a case note's draft."""
    _check_case_staff(actor)
    with transaction.atomic():
        assessment = _locked(assessment_id)
        _check_not_done(assessment)
        if assessment.submitted_on is not None:
            raise ValidationError(ERROR_SUBMITTED_READ_ONLY.format(date=_long_date(assessment.submitted_on)))
        _check_version(assessment, expected_version, ERROR_STALE_DRAFT)
        errors = {}
        try:
            factors = factors_from_codes(factor_codes)
        except ValidationError as error:
            errors.update(error.message_dict)
        narrative_values = _narrative_values(narrative, errors)
        if child_seen_on is None and child_seen_alone:
            errors["child_seen_alone"] = ERROR_SEEN_ALONE_NOT_SEEN
        elif child_seen_on is not None and child_seen_on < assessment.started_on:
            errors["child_seen_on"] = ERROR_SEEN_BEFORE_START.format(date=_long_date(assessment.started_on))
        elif child_seen_on is not None and child_seen_on > timezone.localdate():
            errors["child_seen_on"] = ERROR_DATE_IN_FUTURE
        if errors:
            raise ValidationError(errors)
        if _unchanged(assessment, factors, wishes_and_feelings, child_seen_on, child_seen_alone, narrative_values):
            return assessment  # a save of nothing new (an autosave): no new version to collide with
        assessment.wishes_and_feelings = wishes_and_feelings.strip()
        assessment.child_seen_on = child_seen_on
        assessment.child_seen_alone = child_seen_alone
        for name, value in narrative_values.items():
            setattr(assessment, name, value)
        assessment.version += 1
        assessment.save(
            update_fields=["wishes_and_feelings", "child_seen_on", "child_seen_alone", *narrative_values, "version"]
        )
        assessment.factors.set(factors)
        audit_record(
            actor=actor,
            action="assessment.record",
            obj=assessment,
            child=assessment.child,
            detail={
                "factors": [f.code for f in factors],
                "child_seen_on": child_seen_on.isoformat() if child_seen_on else None,
                "child_seen_alone": child_seen_alone,
                "narrative_sections_written": sorted(name for name, value in narrative_values.items() if value),
            },
        )
    return assessment


def _unchanged(assessment, factors, wishes_and_feelings, child_seen_on, child_seen_alone, narrative_values) -> bool:
    """Whether a record would store exactly what is stored already."""
    return (
        {f.code for f in factors} == {f.code for f in assessment.factors.all()}
        and assessment.wishes_and_feelings == wishes_and_feelings.strip()
        and assessment.child_seen_on == child_seen_on
        and assessment.child_seen_alone == child_seen_alone
        and all(getattr(assessment, name) == value for name, value in narrative_values.items())
    )


def _narrative_values(narrative: dict[str, str] | None, errors: dict) -> dict[str, str]:
    """The narrative sections to store, stripped; a section over the length limit is an error."""
    if narrative is None:
        return {}
    values = {}
    for name, label in NARRATIVE_SECTIONS:
        value = (narrative.get(name) or "").strip()
        if len(value) > NARRATIVE_MAX_LENGTH:
            errors[name] = ERROR_NARRATIVE_TOO_LONG.format(label=label, limit=NARRATIVE_MAX_LENGTH)
        values[name] = value
    return values


def assessment_submit(
    *,
    actor,
    assessment_id: int,
    submitted_on: datetime.date,
    expected_version: int | None = None,
    historical: bool = False,
) -> Assessment:
    """The worker submits the assessment for a manager's authorisation; it is read-only to them
    from now until a manager returns or authorises it. Every narrative section must be written;
    `historical` is for a record moved from another system (the CIN census import), which carries
    none, and is shown as recorded before Hearth."""
    _check_case_staff(actor)
    with transaction.atomic():
        assessment = _locked(assessment_id)
        _check_not_done(assessment)
        if assessment.submitted_on is not None:
            raise ValidationError(ERROR_ALREADY_SUBMITTED.format(date=_long_date(assessment.submitted_on)))
        _check_version(assessment, expected_version)
        if submitted_on < assessment.started_on:
            raise ValidationError(
                {"submitted_on": ERROR_SUBMITTED_BEFORE_START.format(date=_long_date(assessment.started_on))}
            )
        if submitted_on > timezone.localdate():
            raise ValidationError({"submitted_on": ERROR_DATE_IN_FUTURE})
        if not assessment.factors.exists():
            raise ValidationError(ERROR_NO_FACTORS)
        if not historical:
            missing = {
                name: ERROR_NARRATIVE_REQUIRED[name] for name, _ in NARRATIVE_SECTIONS if not getattr(assessment, name)
            }
            if missing:
                raise ValidationError(missing)
        assessment.submitted_on = submitted_on
        assessment.submitted_by = actor
        assessment.version += 1
        assessment.save(update_fields=["submitted_on", "submitted_by", "version"])
        audit_record(
            actor=actor,
            action="assessment.submit",
            obj=assessment,
            child=assessment.child,
            detail={"submitted_on": submitted_on.isoformat()},
        )
    return assessment


def assessment_return(
    *, actor, assessment_id: int, returned_on: datetime.date, reason: str, expected_version: int | None = None
) -> AssessmentReturn:
    """A manager sends a submitted assessment back to the worker, saying why."""
    _check_manager(actor, ERROR_NOT_A_MANAGER_RETURN)
    with transaction.atomic():
        assessment = _locked(assessment_id)
        _check_not_done(assessment)
        if assessment.submitted_on is None:
            raise ValidationError(ERROR_NOT_SUBMITTED)
        _check_version(assessment, expected_version)
        errors = {}
        if returned_on < assessment.submitted_on:
            errors["returned_on"] = ERROR_RETURNED_BEFORE_SUBMISSION.format(date=_long_date(assessment.submitted_on))
        elif returned_on > timezone.localdate():
            errors["returned_on"] = ERROR_DATE_IN_FUTURE
        if not reason.strip():
            errors["reason"] = ERROR_REASON_REQUIRED
        if errors:
            raise ValidationError(errors)
        returned = AssessmentReturn.objects.create(
            assessment=assessment,
            submitted_on=assessment.submitted_on,
            submitted_by=assessment.submitted_by,
            returned_on=returned_on,
            returned_by=actor,
            reason=reason.strip(),
        )
        assessment.submitted_on = None
        assessment.submitted_by = None
        assessment.version += 1
        assessment.save(update_fields=["submitted_on", "submitted_by", "version"])
        audit_record(
            actor=actor,
            action="assessment.return",
            obj=assessment,
            child=assessment.child,
            detail={"returned_on": returned_on.isoformat()},
        )
    return returned


def assessment_authorise(
    *,
    actor,
    assessment_id: int,
    authorised_on: datetime.date,
    outcome: str,
    reasons: str = "",
    expected_version: int | None = None,
    historical: bool = False,
) -> Assessment:
    """A manager authorises a submitted assessment with its outcome and their reasons: this stops
    the clocks. The reasons are required except on a `historical` record (the census import), which
    has none to give."""
    _check_manager(actor, ERROR_NOT_A_MANAGER)
    with transaction.atomic():
        assessment = _locked(assessment_id)
        _check_not_done(assessment)
        if assessment.submitted_on is None:
            raise ValidationError(ERROR_NOT_SUBMITTED)
        _check_version(assessment, expected_version)
        errors = {}
        if authorised_on < assessment.started_on:
            errors["authorised_on"] = ERROR_AUTHORISED_BEFORE_START.format(date=_long_date(assessment.started_on))
        elif authorised_on < assessment.submitted_on:
            errors["authorised_on"] = ERROR_AUTHORISED_BEFORE_SUBMISSION.format(
                date=_long_date(assessment.submitted_on)
            )
        elif authorised_on > timezone.localdate():
            errors["authorised_on"] = ERROR_DATE_IN_FUTURE
        if outcome not in AssessmentOutcome.values:
            errors["outcome"] = ERROR_OUTCOME_REQUIRED
        reasons = reasons.strip()
        if not reasons and not historical:
            errors["reasons"] = ERROR_AUTHORISATION_REASONS_REQUIRED
        elif len(reasons) > NARRATIVE_MAX_LENGTH:
            errors["reasons"] = ERROR_NARRATIVE_TOO_LONG.format(label="Your reasons", limit=NARRATIVE_MAX_LENGTH)
        if errors:
            raise ValidationError(errors)
        # DfE rule 8897Q: a completed assessment must say what was found (or "no factors").
        factors = list(assessment.factors.values_list("code", flat=True))
        if not factors:
            raise ValidationError(ERROR_NO_FACTORS)
        assessment.authorised_on = authorised_on
        assessment.authorised_by = actor
        assessment.outcome = outcome
        assessment.authorisation_reasons = reasons
        assessment.version += 1
        assessment.save(update_fields=["authorised_on", "authorised_by", "outcome", "authorisation_reasons", "version"])
        audit_record(
            actor=actor,
            action="assessment.authorise",
            obj=assessment,
            child=assessment.child,
            detail={"outcome": outcome, "factors": sorted(factors)},
        )
    return assessment


def assessment_internal_review_record(
    *, actor, assessment_id: int, internal_review_on: datetime.date, expected_version: int | None = None
) -> Assessment:
    """The day a manager reviewed the assessment internally (CIN census AssessmentInternalReviewDate):
    on or after its start, today or before, and not after its authorisation. Recording it again
    corrects the date (the audit trail keeps the one before)."""
    _check_manager(actor, ERROR_NOT_A_MANAGER_REVIEW)
    with transaction.atomic():
        assessment = _locked(assessment_id)
        _check_version(assessment, expected_version)
        if internal_review_on is None:
            raise ValidationError({"internal_review_on": ERROR_REVIEW_DATE_REQUIRED})
        if internal_review_on > timezone.localdate():
            raise ValidationError({"internal_review_on": ERROR_DATE_IN_FUTURE})
        if internal_review_on < assessment.started_on:
            raise ValidationError(
                {"internal_review_on": ERROR_REVIEWED_BEFORE_START.format(date=_long_date(assessment.started_on))}
            )
        if assessment.authorised_on is not None and internal_review_on > assessment.authorised_on:
            raise ValidationError(
                {
                    "internal_review_on": ERROR_REVIEWED_AFTER_AUTHORISATION.format(
                        date=_long_date(assessment.authorised_on)
                    )
                }
            )
        before = assessment.internal_review_on
        assessment.internal_review_on = internal_review_on
        assessment.internal_review_by = actor
        assessment.version += 1
        assessment.save(update_fields=["internal_review_on", "internal_review_by", "version"])
        audit_record(
            actor=actor,
            action="assessment.internal_review_record",
            obj=assessment,
            child=assessment.child,
            detail={
                "internal_review_on": internal_review_on.isoformat(),
                "before": before.isoformat() if before else None,
            },
        )
    return assessment
