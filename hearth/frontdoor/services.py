"""The front door's writers: recording a contact and the MASH screening decision on it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.core.services import format_when
from hearth.frontdoor.models import DECISIONS_OPENING_A_CASE, Contact, Referral, ReferralSource, ScreeningDecision
from hearth.people.models import Child, format_hearth_id
from hearth.workforce.models import Team

ERROR_UNKNOWN_CHILD = "No child has Hearth ID {hearth_id}. Find the child, or add them first"
ERROR_RECEIVED_IN_FUTURE = "The time the contact was received must be now or in the past"
ERROR_UNKNOWN_SOURCE = "Choose a source from the list"
ERROR_ACCOUNT_REQUIRED = "Enter what the person making the contact told us"
ERROR_PERSON_REQUIRED = "Enter who made the contact"
ERROR_DECISION_BEFORE_RECEIPT = "The decision cannot be before the contact was received ({received})"
ERROR_DECISION_IN_FUTURE = "The decision time must be now or in the past"
ERROR_DECISION_REQUIRED = "Choose a decision"
ERROR_REASON_REQUIRED = "Enter the reason for the decision"
ERROR_ALREADY_DECIDED = "{who} already recorded a decision on this contact on {when}. Nothing was changed"
ERROR_TEAM_REQUIRED = "Choose the team that will take the referral"
ERROR_OPEN_CASE = (
    "{child} already has an open case (referral of {date}). Record this contact's information on "
    "that case instead of opening another"
)


def contact_record(
    *, actor, child_id: int, received_at: datetime.datetime, source_code: str, contact_person: str, account: str
) -> Contact:
    errors = {}
    child = Child.objects.filter(pk=child_id).first()
    if child is None:
        errors["child"] = ERROR_UNKNOWN_CHILD.format(hearth_id=format_hearth_id(child_id))
    if received_at > timezone.now():
        errors["received_at"] = ERROR_RECEIVED_IN_FUTURE
    source = ReferralSource.objects.filter(code=source_code, active=True).first()
    if source is None:
        errors["source"] = ERROR_UNKNOWN_SOURCE
    if not contact_person.strip():
        errors["contact_person"] = ERROR_PERSON_REQUIRED
    if not account.strip():
        errors["account"] = ERROR_ACCOUNT_REQUIRED
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        contact = Contact.objects.create(
            child=child,
            received_at=received_at,
            source=source,
            contact_person=contact_person.strip(),
            account=account.strip(),
            recorded_by=actor,
        )
        audit_record(actor=actor, action="contact.record", obj=contact, child=child)
    return contact


def contact_screen(
    *, actor, contact_id: int, decision: str, decided_at: datetime.datetime, reason: str, team_id: int | None = None
) -> Contact:
    """Record the MASH decision; a referral or strategy discussion opens the child's case."""
    with transaction.atomic():
        # Locked so that two screeners deciding at once cannot both succeed.
        contact = Contact.objects.select_for_update().select_related("child").get(pk=contact_id)
        _check_decision(contact, decision=decision, decided_at=decided_at, reason=reason, team_id=team_id)
        contact.decision = decision
        contact.decided_at = decided_at
        contact.decided_by = actor
        contact.decision_reason = reason.strip()
        contact.save(update_fields=["decision", "decided_at", "decided_by", "decision_reason"])
        audit_record(
            actor=actor, action="contact.screen", obj=contact, child=contact.child, detail={"decision": decision}
        )
        if decision in DECISIONS_OPENING_A_CASE:
            referral = Referral.objects.create(
                child=contact.child,
                contact=contact,
                source=contact.source,
                team_id=team_id,
                referral_date=timezone.localtime(contact.received_at).date(),
            )
            audit_record(actor=actor, action="referral.open", obj=referral, child=contact.child)
    return contact


def _check_decision(contact: Contact, *, decision: str, decided_at, reason: str, team_id) -> None:
    if contact.decision:
        raise ValidationError(
            ERROR_ALREADY_DECIDED.format(
                who=contact.decided_by.get_full_name() or contact.decided_by.username,
                when=format_when(contact.decided_at),
            )
        )
    errors = {}
    if decision not in ScreeningDecision.values:
        errors["decision"] = ERROR_DECISION_REQUIRED
    if decided_at < contact.received_at:
        errors["decided_at"] = ERROR_DECISION_BEFORE_RECEIPT.format(received=format_when(contact.received_at))
    elif decided_at > timezone.now():
        errors["decided_at"] = ERROR_DECISION_IN_FUTURE
    if not reason.strip():
        errors["reason"] = ERROR_REASON_REQUIRED
    if decision in DECISIONS_OPENING_A_CASE:
        if team_id is None or not Team.objects.filter(pk=team_id, takes_referrals=True).exists():
            errors["team"] = ERROR_TEAM_REQUIRED
        open_case = Referral.objects.filter(child=contact.child, closed_on__isnull=True).first()
        if open_case is not None:
            errors["decision"] = ERROR_OPEN_CASE.format(
                child=contact.child, date=f"{open_case.referral_date:%-d %B %Y}"
            )
    if errors:
        raise ValidationError(errors)
