"""The front door's writers: recording a contact and the MASH screening decision on it."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from hearth.audit.services import audit_record
from hearth.core.roles import Role, has_role
from hearth.core.services import format_when
from hearth.frontdoor.models import (
    DECISIONS_OPENING_A_CASE,
    Agency,
    Consent,
    Contact,
    PartnerCheck,
    PrimaryNeed,
    Referral,
    ReferralSource,
    ScreeningDecision,
    Urgency,
)
from hearth.people.models import Child, format_hearth_id
from hearth.workforce.models import Team

ERROR_UNKNOWN_CHILD = "No child has Hearth ID {hearth_id}. Find the child, or add them first"
ERROR_NO_CHILD = "Enter the Hearth ID of at least one child the contact is about"
ERROR_CHILD_TWICE = "Each child should be entered once"
ERROR_RECEIVED_IN_FUTURE = "The time the contact was received must be now or in the past"
ERROR_UNKNOWN_SOURCE = "Choose a source from the list"
ERROR_ACCOUNT_REQUIRED = "Enter what the person making the contact told us"
ERROR_CONSENT_UNKNOWN = "Choose whether the family gave consent to share information"
ERROR_PERSON_REQUIRED = "Enter who made the contact"
ERROR_DECISION_BEFORE_RECEIPT = "The decision cannot be before the contact was received ({received})"
ERROR_DECISION_IN_FUTURE = "The decision time must be now or in the past"
ERROR_DECISION_REQUIRED = "Choose a decision"
ERROR_REASON_REQUIRED = "Enter the reason for the decision"
ERROR_ALREADY_DECIDED = "{who} already recorded a decision on this contact on {when}. Nothing was changed"
ERROR_TEAM_REQUIRED = "Choose the team that will take the referral"
ERROR_PRIMARY_NEED_REQUIRED = "Choose the child's primary need"
ERROR_CSE_TEAM_WITHOUT_CONCERN = "A referral to the CSE team needs a CSE concern to be identified"
ERROR_UNKNOWN_URGENCY = "Choose red, amber or green"
ERROR_ALREADY_DECIDED_SHORT = "This contact already has a decision. Nothing was changed"
ERROR_UNKNOWN_AGENCY = "Choose the agency asked"
ERROR_ASKED_BEFORE_RECEIPT = "The check cannot be asked before the contact was received ({received})"
ERROR_TIME_IN_FUTURE = "The time must be now or in the past"
ERROR_ANSWERED_BEFORE_ASKED = "The answer cannot come before the check was asked ({asked})"
ERROR_ANSWER_REQUIRED = "Enter what the agency told us"
ERROR_ALREADY_ANSWERED = "This check was already answered on {when}. Nothing was changed"
ERROR_OPEN_CASE = (
    "{child} already has an open case (referral of {date}). Record this contact's information on "
    "that case instead of opening another"
)
ERROR_BEFORE_LAST_CASE_CLOSED = (
    "{child}'s previous case (referral of {referred}) was open until {closed}, after this contact was "
    "received on {received}. Record this contact's information on that case instead of opening another: "
    "one child's cases cannot overlap"
)


def contact_record(
    *,
    actor,
    child_ids: list[int],
    received_at: datetime.datetime,
    source_code: str,
    contact_person: str,
    account: str,
    consent: str = Consent.NOT_YET,
) -> list[Contact]:
    """One contact per child the report is about (siblings together), each to be screened."""
    errors = {}
    children = {child.pk: child for child in Child.objects.filter(pk__in=child_ids)}
    unknown = [format_hearth_id(pk) for pk in child_ids if pk not in children]
    if not child_ids:
        errors["child"] = ERROR_NO_CHILD
    elif unknown:
        errors["child"] = ERROR_UNKNOWN_CHILD.format(hearth_id=", ".join(unknown))
    elif len(set(child_ids)) != len(child_ids):
        errors["child"] = ERROR_CHILD_TWICE
    if received_at > timezone.now():
        errors["received_at"] = ERROR_RECEIVED_IN_FUTURE
    source = ReferralSource.objects.filter(code=source_code, active=True).first()
    if source is None:
        errors["source"] = ERROR_UNKNOWN_SOURCE
    if not contact_person.strip():
        errors["contact_person"] = ERROR_PERSON_REQUIRED
    if not account.strip():
        errors["account"] = ERROR_ACCOUNT_REQUIRED
    if consent not in Consent.values:
        errors["consent"] = ERROR_CONSENT_UNKNOWN
    if errors:
        raise ValidationError(errors)
    report = uuid.uuid4() if len(child_ids) > 1 else None
    contacts = []
    with transaction.atomic():
        for pk in child_ids:
            contact = Contact.objects.create(
                child=children[pk],
                received_at=received_at,
                source=source,
                contact_person=contact_person.strip(),
                account=account.strip(),
                consent=consent,
                recorded_by=actor,
                report=report,
            )
            audit_record(actor=actor, action="contact.record", obj=contact, child=children[pk])
            contacts.append(contact)
    return contacts


def contact_screen(
    *,
    actor,
    contact_id: int,
    decision: str,
    decided_at: datetime.datetime,
    reason: str,
    team_id: int | None = None,
    primary_need: str = "",
    cse_concern: bool = False,
    cse_team_referral: bool = False,
) -> Contact:
    """Record the MASH decision; a referral or strategy discussion opens the child's case."""
    with transaction.atomic():
        # Locked so that two screeners deciding at once cannot both succeed.
        contact = Contact.objects.select_for_update().select_related("child").get(pk=contact_id)
        _check_not_decided(contact)
        _check_decision(
            contact,
            decision=decision,
            decided_at=decided_at,
            reason=reason,
            team_id=team_id,
            primary_need=primary_need,
            cse_concern=cse_concern,
            cse_team_referral=cse_team_referral,
        )
        contact.decision = decision
        contact.decided_at = decided_at
        contact.decided_by = actor
        contact.decision_reason = reason.strip()
        contact.cse_concern = cse_concern
        contact.cse_team_referral = cse_team_referral
        contact.save(
            update_fields=[
                "decision",
                "decided_at",
                "decided_by",
                "decision_reason",
                "cse_concern",
                "cse_team_referral",
            ]
        )
        audit_record(
            actor=actor,
            action="contact.screen",
            obj=contact,
            child=contact.child,
            detail={"decision": decision, "cse_concern": cse_concern},
        )
        if decision in DECISIONS_OPENING_A_CASE:
            referral = Referral.objects.create(
                child=contact.child,
                contact=contact,
                source=contact.source,
                team_id=team_id,
                primary_need=primary_need,
                referral_date=timezone.localtime(contact.received_at).date(),
            )
            audit_record(actor=actor, action="referral.open", obj=referral, child=contact.child)
    return contact


def _check_not_decided(contact: Contact) -> None:
    if contact.decision:
        raise ValidationError(
            ERROR_ALREADY_DECIDED.format(
                who=contact.decided_by.get_full_name() or contact.decided_by.username,
                when=format_when(contact.decided_at),
            )
        )


def _check_decision(
    contact: Contact,
    *,
    decision: str,
    decided_at,
    reason: str,
    team_id,
    primary_need: str,
    cse_concern: bool,
    cse_team_referral: bool,
) -> None:
    errors = {}
    if decision not in ScreeningDecision.values:
        errors["decision"] = ERROR_DECISION_REQUIRED
    if decided_at < contact.received_at:
        errors["decided_at"] = ERROR_DECISION_BEFORE_RECEIPT.format(received=format_when(contact.received_at))
    elif decided_at > timezone.now():
        errors["decided_at"] = ERROR_DECISION_IN_FUTURE
    if not reason.strip():
        errors["reason"] = ERROR_REASON_REQUIRED
    if cse_team_referral and not cse_concern:
        errors["cse_team_referral"] = ERROR_CSE_TEAM_WITHOUT_CONCERN
    if decision in DECISIONS_OPENING_A_CASE:
        if team_id is None or not Team.objects.filter(pk=team_id, takes_referrals=True).exists():
            errors["team"] = ERROR_TEAM_REQUIRED
        if primary_need not in PrimaryNeed.values:
            errors["primary_need"] = ERROR_PRIMARY_NEED_REQUIRED
        error = _overlapping_case_error(contact)
        if error:
            errors["decision"] = error
    if errors:
        raise ValidationError(errors)


def _overlapping_case_error(contact: Contact) -> str:
    """A child's cases never overlap (the CIN census's rules 8815, 8816 and 8820): a contact opens a
    case only if no case is open now and none closed after the day it was received (a case may
    start on the day the last one closed)."""
    open_case = Referral.objects.filter(child=contact.child, closed_on__isnull=True).first()
    if open_case is not None:
        return ERROR_OPEN_CASE.format(child=contact.child, date=f"{open_case.referral_date:%-d %B %Y}")
    received_on = timezone.localtime(contact.received_at).date()
    later = Referral.objects.filter(child=contact.child, closed_on__gt=received_on).order_by("-closed_on").first()
    if later is not None:
        return ERROR_BEFORE_LAST_CASE_CLOSED.format(
            child=contact.child,
            referred=f"{later.referral_date:%-d %B %Y}",
            closed=f"{later.closed_on:%-d %B %Y}",
            received=f"{received_on:%-d %B %Y}",
        )
    return ""


def contact_rate_urgency(*, actor, contact_id: int, urgency: str) -> Contact:
    """The MASH's red/amber/green rating of a contact awaiting its decision."""
    if urgency not in Urgency.values:
        raise ValidationError({"urgency": ERROR_UNKNOWN_URGENCY})
    with transaction.atomic():
        contact = Contact.objects.select_for_update().select_related("child").get(pk=contact_id)
        if contact.decision:
            raise ValidationError(ERROR_ALREADY_DECIDED_SHORT)
        previous = contact.urgency
        contact.urgency = urgency
        contact.save(update_fields=["urgency"])
        audit_record(
            actor=actor,
            action="contact.rate",
            obj=contact,
            child=contact.child,
            detail={"urgency": urgency, "previous": previous},
        )
    return contact


def partner_check_request(*, actor, contact_id: int, agency: str, asked_at: datetime.datetime) -> PartnerCheck:
    """Record that a partner agency was asked what it knows of the child and family."""
    with transaction.atomic():
        contact = Contact.objects.select_for_update().select_related("child").get(pk=contact_id)
        if contact.decision:
            raise ValidationError(ERROR_ALREADY_DECIDED_SHORT)
        errors = {}
        if agency not in Agency.values:
            errors["agency"] = ERROR_UNKNOWN_AGENCY
        if asked_at < contact.received_at:
            errors["asked_at"] = ERROR_ASKED_BEFORE_RECEIPT.format(received=format_when(contact.received_at))
        elif asked_at > timezone.now():
            errors["asked_at"] = ERROR_TIME_IN_FUTURE
        if errors:
            raise ValidationError(errors)
        check = PartnerCheck.objects.create(contact=contact, agency=agency, asked_at=asked_at, asked_by=actor)
        audit_record(
            actor=actor, action="partner_check.request", obj=check, child=contact.child, detail={"agency": agency}
        )
    return check


def partner_check_answer(*, actor, check_id: int, answered_at: datetime.datetime, answer: str) -> PartnerCheck:
    """Record what the partner agency told us, and when."""
    with transaction.atomic():
        check = PartnerCheck.objects.select_for_update().select_related("contact__child").get(pk=check_id)
        if check.answered_at is not None:
            raise ValidationError(ERROR_ALREADY_ANSWERED.format(when=format_when(check.answered_at)))
        errors = {}
        if answered_at < check.asked_at:
            errors["answered_at"] = ERROR_ANSWERED_BEFORE_ASKED.format(asked=format_when(check.asked_at))
        elif answered_at > timezone.now():
            errors["answered_at"] = ERROR_TIME_IN_FUTURE
        if not answer.strip():
            errors["answer"] = ERROR_ANSWER_REQUIRED
        if errors:
            raise ValidationError(errors)
        check.answered_at = answered_at
        check.answer = answer.strip()
        check.save(update_fields=["answered_at", "answer"])
        audit_record(actor=actor, action="partner_check.answer", obj=check, child=check.contact.child)
    return check


ERROR_CLOSE_NOT_MANAGER = "Only a team manager or service manager can close a case"
ERROR_ALREADY_CLOSED = "This case was already closed on {date}. Nothing was changed"
ERROR_CLOSED_BEFORE_REFERRAL = "A case cannot close before its referral ({date})"
ERROR_CLOSE_WITH_OPEN_ASSESSMENT = "Authorise the open assessment before closing the case"
ERROR_CLOSURE_REASON = "Choose the reason the case closed"
ERROR_CLOSURE_NEEDS_ASSESSMENT = "{code} is for a case closed after an assessment: this case has none authorised"


ERROR_CLOSE_WITH_PROTECTION_PLAN = "End the child protection plan first: it ends at a review conference"
# Checks the areas above the front door run before a case closes, each `(referral) -> None` raising
# a ValidationError (a looked-after child's case stays open: hearth/care/checks.py).
CASE_CLOSURE_CHECKS: tuple[str, ...] = ("hearth.care.checks.refuse_case_closure_while_looked_after",)


def case_close(*, actor, referral_id: int, closed_on: datetime.date, reason: str) -> Referral:
    """Close a child's case (the CIN episode) with a CIN census reason; the allocation ends too, and
    so does the child's open child in need plan, on the closure date. Refused while the child is on
    a child protection plan: that plan ends only at a review conference (or for its listed reasons)."""
    from hearth.cin.services import ENDED_BY_CASE_CLOSURE, cin_plan_end_for
    from hearth.frontdoor.models import ClosureReason
    from hearth.protection.models import ProtectionPlan

    if not (actor.is_superuser or has_role(actor, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_CLOSE_NOT_MANAGER)
    with transaction.atomic():
        referral = Referral.objects.select_for_update().select_related("child").get(pk=referral_id)
        if referral.closed_on is not None:
            raise ValidationError(ERROR_ALREADY_CLOSED.format(date=f"{referral.closed_on:%-d %B %Y}"))
        errors = {}
        if reason not in ClosureReason.values:
            errors["reason"] = ERROR_CLOSURE_REASON
        elif (
            reason in (ClosureReason.RC8, ClosureReason.RC9)
            and not referral.assessments.filter(authorised_on__isnull=False).exists()
        ):
            errors["reason"] = ERROR_CLOSURE_NEEDS_ASSESSMENT.format(code=reason)
        if closed_on < referral.referral_date:
            errors["closed_on"] = ERROR_CLOSED_BEFORE_REFERRAL.format(date=f"{referral.referral_date:%-d %B %Y}")
        elif closed_on > timezone.localdate():
            errors["closed_on"] = ERROR_TIME_IN_FUTURE
        if referral.assessments.filter(authorised_on__isnull=True).exists():
            errors["closed_on"] = ERROR_CLOSE_WITH_OPEN_ASSESSMENT
        if ProtectionPlan.objects.filter(child_id=referral.child_id, ended_on__isnull=True).exists():
            raise ValidationError(ERROR_CLOSE_WITH_PROTECTION_PLAN)
        for path in CASE_CLOSURE_CHECKS:
            import_string(path)(referral)
        if errors:
            raise ValidationError(errors)
        referral.closed_on, referral.closure_reason = closed_on, reason
        referral.save(update_fields=["closed_on", "closure_reason"])
        referral.allocations.filter(ended_on__isnull=True).update(ended_on=closed_on)
        audit_record(actor=actor, action="case.close", obj=referral, child=referral.child, detail={"reason": reason})
        # The child in need plan ends with the case (CIN census: no plan outlives its episode).
        cin_plan_end_for(
            actor=actor,
            child_id=referral.child_id,
            referral_id=referral.pk,
            ended_on=closed_on,
            reason=ENDED_BY_CASE_CLOSURE,
            field="closed_on",
        )
    return referral
