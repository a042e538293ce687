"""How the generator writes the front door's MASH work: through the services one call at a time
(the demo, and whenever the bulk path is not asked for), or in bulk.

Both writers take the same calls in the same order from `Simulation._contact`, which makes every
random draw itself, so one seed gives one council whichever writer wrote it. `BulkFrontDoor`
writes the rows `contact_record`, `contact_rate_urgency`, `partner_check_request`,
`partner_check_answer` and `contact_screen` would write (the contact with its final fields, its
partner checks, the referral a decision opens, and each service's audit row with the same
action, object and detail), with `bulk_create` in one transaction per batch. A batch is written
when a contact opens a case, because the casework that follows (casework_writes.py, and the
services it still calls) reads the referral and contact from the database or points at them; so
contacts, checks and audit rows keep the order the services give them (the NFA dip sample draws
from contacts in id order).

What the bulk path does not repeat is the services' checking of their input, which the generator
draws valid by construction, and each audit row's sealed-record lookup: during the front door no
child's record is sealed (adoption orders come later, with care), so the lookup adds nothing.
`hearth/simulate/tests/test_bulk_front_door.py` builds a council both ways and compares every
table this module writes."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.audit.services import recorded_at
from hearth.core.request_memo import forget
from hearth.frontdoor.models import DECISIONS_OPENING_A_CASE, Contact, PartnerCheck, Referral
from hearth.frontdoor.services import (
    contact_rate_urgency,
    contact_record,
    contact_screen,
    partner_check_answer,
    partner_check_request,
)
from hearth.people.identifiers import postcode_normalise
from hearth.people.matching import possible_matches
from hearth.people.models import Child, NameKey
from hearth.people.services import child_create, name_keys_of

BATCH_SIZE = 500  # rows an INSERT carries at most (SQLite's limit on variables stays far away)


class ServiceFrontDoor:
    """The MASH's work as a screener does it, one service call at a time."""

    def new_child(self, *, actor, first_name, last_name, date_of_birth, sex, postcode) -> Child | None:
        """A new record for the child, or None where a record may already be this child."""
        try:
            return child_create(
                actor=actor,
                first_name=first_name,
                last_name=last_name,
                date_of_birth=date_of_birth,
                sex=sex,
                postcode=postcode,
            )
        except ValidationError as refused:
            if refused.code != "possible_duplicate":
                raise
            return None

    def record(self, *, actor, child, received_at, source_code, contact_person, account, consent):
        return contact_record(
            actor=actor,
            child_ids=[child.pk],
            received_at=received_at,
            source_code=source_code,
            contact_person=contact_person,
            account=account,
            consent=consent,
        )[0]

    def rate(self, *, actor, contact, urgency) -> None:
        contact_rate_urgency(actor=actor, contact_id=contact.pk, urgency=urgency)

    def request_check(self, *, actor, contact, agency, asked_at):
        return partner_check_request(actor=actor, contact_id=contact.pk, agency=agency, asked_at=asked_at)

    def answer_check(self, *, actor, check, answered_at, answer) -> None:
        partner_check_answer(actor=actor, check_id=check.pk, answered_at=answered_at, answer=answer)

    def screen(self, *, actor, contact, **decision) -> Referral | None:
        contact_screen(actor=actor, contact_id=contact.pk, **decision)
        return Referral.objects.get(contact_id=contact.pk) if decision["decision"] in DECISIONS_OPENING_A_CASE else None

    def flush(self) -> None:
        pass  # every call has written already


@dataclass
class PendingAudit:
    """An audit row waiting for its object's id (given when the object is inserted): the row
    audit_record would append. The child is a Child or its id; a detail naming another row's id
    is given as a function, called once that row is inserted too."""

    actor: object
    action: str
    obj: object
    child: object
    detail: dict | Callable[[], dict] = field(default_factory=dict)

    def __post_init__(self):
        # Stamped as audit_record stamps it, when the service would have written it.
        self.at = recorded_at(self.action, self.obj, self.child)

    def row(self) -> AuditEvent:
        # As audit_record: the system itself (no signed-in actor) is recorded as nobody.
        actor = self.actor if self.actor is not None and self.actor.is_authenticated else None
        child = {"child_id": self.child} if isinstance(self.child, int) else {"child": self.child}
        return AuditEvent(
            at=self.at,
            actor=actor,
            action=self.action,
            object_type=self.obj._meta.label_lower,
            object_id=str(self.obj.pk),
            detail=dict(self.detail() if callable(self.detail) else self.detail),
            **child,
        )


class BulkFrontDoor:
    """The same rows as ServiceFrontDoor, held in memory and inserted a batch at a time."""

    def __init__(self):
        self.contacts, self.checks, self.referrals, self.audits, self.name_keys = [], [], [], [], []

    def new_child(self, *, actor, first_name, last_name, date_of_birth, sex, postcode) -> Child | None:
        """As child_create with no national number: the same possible-match search first (it is
        what makes a returning child one record), then the record. The record is inserted at once,
        so that the next child's search sees it; its name keys and audit row wait for the batch."""
        first_name, last_name, postcode = first_name.strip(), last_name.strip(), postcode_normalise(postcode)
        if possible_matches(first_name=first_name, last_name=last_name, date_of_birth=date_of_birth, postcode=postcode):
            return None
        child = Child(
            first_name=first_name,
            last_name=last_name,
            date_of_birth=date_of_birth,
            sex=sex,
            postcode=postcode,
            created_by=actor,
        )
        Child.objects.bulk_create([child])
        forget()
        self.name_keys += name_keys_of(child)
        self._audit(actor, "child.create", child, child)
        return child

    def record(self, *, actor, child, received_at, source_code, contact_person, account, consent):
        # As contact_record: one child, so no report id; text stripped as the service strips it.
        contact = Contact(
            child=child,
            received_at=received_at,
            source_id=source_code,
            contact_person=contact_person.strip(),
            account=account.strip(),
            consent=consent,
            recorded_by=actor,
            report=None,
        )
        self.contacts.append(contact)
        self._audit(actor, "contact.record", contact, child)
        return contact

    def rate(self, *, actor, contact, urgency) -> None:
        previous, contact.urgency = contact.urgency, urgency
        self._audit(actor, "contact.rate", contact, contact.child, {"urgency": urgency, "previous": previous})

    def request_check(self, *, actor, contact, agency, asked_at):
        check = PartnerCheck(contact=contact, agency=agency, asked_at=asked_at, asked_by=actor)
        self.checks.append(check)
        self._audit(actor, "partner_check.request", check, contact.child, {"agency": agency})
        return check

    def answer_check(self, *, actor, check, answered_at, answer) -> None:
        check.answered_at, check.answer = answered_at, answer.strip()
        self._audit(actor, "partner_check.answer", check, check.contact.child)

    def screen(
        self, *, actor, contact, decision, decided_at, reason, team_id, primary_need, cse_concern, cse_team_referral
    ) -> Referral | None:
        contact.decision, contact.decided_at, contact.decided_by = decision, decided_at, actor
        contact.decision_reason = reason.strip()
        contact.cse_concern, contact.cse_team_referral = cse_concern, cse_team_referral
        detail = {"decision": decision, "cse_concern": cse_concern}
        self._audit(actor, "contact.screen", contact, contact.child, detail)
        if decision not in DECISIONS_OPENING_A_CASE:
            return None
        referral = Referral(
            child=contact.child,
            contact=contact,
            source_id=contact.source_id,
            team_id=team_id,
            primary_need=primary_need,
            referral_date=timezone.localtime(contact.received_at).date(),
        )
        self.referrals.append(referral)
        self._audit(actor, "referral.open", referral, contact.child)
        # The casework that follows reads the case and the contact from the database.
        self.flush()
        return referral

    def flush(self) -> None:
        """Insert what is held, parents first (each bulk_create gives its rows their ids, which
        the rows after them point to), audit rows last, all or nothing."""
        if not (self.contacts or self.audits):
            return
        with transaction.atomic():
            NameKey.objects.bulk_create(self.name_keys, batch_size=BATCH_SIZE)
            Contact.objects.bulk_create(self.contacts, batch_size=BATCH_SIZE)
            PartnerCheck.objects.bulk_create(self.checks, batch_size=BATCH_SIZE)
            Referral.objects.bulk_create(self.referrals, batch_size=BATCH_SIZE)
            AuditEvent.objects.bulk_create([audit.row() for audit in self.audits], batch_size=BATCH_SIZE)
        forget()  # bulk_create sends no post_save: what a request remembered may be stale
        self.contacts, self.checks, self.referrals, self.audits, self.name_keys = [], [], [], [], []

    def _audit(self, actor, action, obj, child, detail=None) -> None:
        self.audits.append(PendingAudit(actor, action, obj, child, dict(detail or {})))


def writer(bulk: bool):
    return BulkFrontDoor() if bulk else ServiceFrontDoor()
