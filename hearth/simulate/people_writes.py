"""How the generator writes children's identifiers, former names and families: through the
services one call at a time (the demo), or in bulk (`Simulation(bulk=True)`, the larger sizes).

Both writers take the same calls in the same order from hearth/simulate/people.py, which makes
every random draw itself. `BulkPeople` writes the rows `child_identity_update` (a child's NHS
number and UPN), `former_name_add`, `relationship_add` (a new person, a person already recorded,
or a brother or sister linked both ways) and `child_create` (a sibling named in the contact, with
its NHS number, not searched for matches) would: the same rows, with each service's audit row
(same action, actor, child, object and detail), written with `bulk_create` and `bulk_update` in one
transaction at the end. Children, people, relationships and former names take their ids in the
services' order (a mirrored sibling link's audit row names the link it mirrors).

What the bulk path does not repeat is the services' checking of their input, which the generator
draws valid, except the one check whose answer the generator acts on: a national number another
record already holds is refused, as the service refuses it, and the generator draws another. The
numbers held are read once and kept up to date as the writer gives them out. Each audit row's
sealed-record lookup is left out too: it adds only an opening of a sealed record, and the generator
opens none. hearth/simulate/tests/test_bulk_front_door.py builds a council both ways and compares
every table."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from hearth.audit.models import AuditEvent
from hearth.core.request_memo import forget
from hearth.people.models import Child, FormerName, NameKey, Person, Relationship, RelationshipType
from hearth.people.services import (
    IDENTITY_FIELDS,
    child_create,
    child_identity_update,
    former_name_add,
    name_keys_of,
    relationship_add,
)
from hearth.simulate.frontdoor_writes import BATCH_SIZE, PendingAudit


class ServicePeople:
    """Identifiers, former names and families as a clerk and the workers record them."""

    def current(self, children: list) -> list:
        return children  # each service reads the child afresh

    def identity(self, *, actor, child, nhs_number, upn):
        """The child with these numbers, or None where another record holds one of them."""
        try:
            return child_identity_update(
                actor=actor,
                child_id=child.pk,
                expected_version=child.version,
                first_name=child.first_name,
                last_name=child.last_name,
                date_of_birth=child.date_of_birth,
                sex=child.sex,
                nhs_number=nhs_number,
                upn=upn,
                postcode=child.postcode,  # the identity form's other fields, kept as they are
            )
        except ValidationError as refused:
            if not all(message.startswith("Another child's record") for message in refused.messages):
                raise
            return None

    def former_name(self, *, actor, child, first_name, last_name, used_until) -> None:
        former_name_add(
            actor=actor, child_id=child.pk, first_name=first_name, last_name=last_name, used_until=used_until
        )

    def relationship(self, *, actor, child, relationship_code, person=None, known_person=None, other_child=None, **how):
        return relationship_add(
            actor=actor,
            child_id=child.pk,
            relationship_code=relationship_code,
            person=person,
            person_id=known_person.pk if known_person is not None else None,
            other_child_id=other_child.pk if other_child is not None else None,
            **how,
        )

    def sibling(self, *, actor, first_name, last_name, date_of_birth, sex, nhs_number):
        return child_create(
            actor=actor,
            first_name=first_name,
            last_name=last_name,
            date_of_birth=date_of_birth,
            sex=sex,
            nhs_number=nhs_number,
            not_a_duplicate=True,
        )

    def flush(self) -> None:
        pass  # every call has written already


class BulkPeople:
    """The same rows as ServicePeople, held in memory and inserted together."""

    def __init__(self):
        self.relationship_types = {kind.code: kind for kind in RelationshipType.objects.filter(active=True)}
        held = Child.objects.filter(~Q(nhs_number="") | ~Q(upn="")).values_list("pk", "nhs_number", "upn")
        # Each number held, and by which record (its id, or the record itself before it is inserted).
        self.nhs_numbers = {nhs_number: pk for pk, nhs_number, _ in held if nhs_number}
        self.upns = {upn: pk for pk, _, upn in held if upn}
        self._empty()

    def _empty(self) -> None:
        self.new_children, self.updated, self.formers, self.people, self.relationships = [], [], [], [], []
        self.renamed, self.audits = [], []

    def current(self, children: list) -> list:
        """The children as they stand in the database now (the steps before may have changed them)."""
        fresh = Child.objects.in_bulk([child.pk for child in children])
        return [fresh[child.pk] for child in children]

    def identity(self, *, actor, child, nhs_number, upn):
        if self._taken(nhs_number, upn, child):
            return None
        before = {field: str(getattr(child, field) or "") for field in IDENTITY_FIELDS}
        self._hold_numbers(child, nhs_number, upn)
        child.version += 1
        after = {field: str(getattr(child, field) or "") for field in IDENTITY_FIELDS}
        changed = {field: [before[field], after[field]] for field in IDENTITY_FIELDS if before[field] != after[field]}
        self.updated.append(child)
        self.audits.append(PendingAudit(actor, "child.identity_update", child, child, {"changed": changed}))
        return child

    def former_name(self, *, actor, child, first_name, last_name, used_until) -> None:
        former = FormerName(
            child=child,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            used_until=used_until,
            recorded_by=actor,
        )
        self.formers.append(former)
        self.renamed.append(child)  # its name keys are written again, the former name's too
        self.audits.append(PendingAudit(actor, "child.former_name_add", former, child))

    def relationship(self, *, actor, child, relationship_code, person=None, known_person=None, other_child=None, **how):
        kind = self.relationship_types[relationship_code]
        if person is not None:  # as _person_create
            known_person = Person(
                first_name=person.get("first_name", "").strip(),
                last_name=person["last_name"].strip(),
                date_of_birth=person.get("date_of_birth"),
                address=person.get("address", "").strip(),
                phone=person.get("phone", "").strip(),
                created_by=actor,
            )
            self.people.append(known_person)
        pr, household = how.get("has_parental_responsibility", False), how.get("lives_in_household", False)
        link = Relationship(
            child=child,
            relationship_type=kind,
            person=known_person,
            other_child=other_child,
            has_parental_responsibility=pr,
            lives_in_household=household,
            started_on=how.get("started_on"),
            recorded_by=actor,
        )
        self.relationships.append(link)
        detail = {"type": kind.code, "pr": pr, "household": household}
        self.audits.append(PendingAudit(actor, "relationship.add", link, child, detail))
        if other_child is not None:  # as _mirror_sibling_link: the other child's record shows this one
            mirror = Relationship(
                child=other_child,
                relationship_type=kind,
                other_child=child,
                lives_in_household=household,
                started_on=link.started_on,
                recorded_by=actor,
            )
            self.relationships.append(mirror)
            mirrored = lambda: {"type": kind.code, "mirrors": link.pk}  # noqa: E731 (its id once inserted)
            self.audits.append(PendingAudit(actor, "relationship.add", mirror, other_child, mirrored))
        return link

    def sibling(self, *, actor, first_name, last_name, date_of_birth, sex, nhs_number):
        sibling = Child(
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            date_of_birth=date_of_birth,
            sex=sex,
            created_by=actor,
        )
        if self._taken(nhs_number, "", sibling):
            raise ValidationError("Another child's record has this NHS number", code="nhs_number_taken")
        self._hold_numbers(sibling, nhs_number, "")
        self.new_children.append(sibling)
        self.audits.append(PendingAudit(actor, "child.create", sibling, sibling))
        return sibling

    def _taken(self, nhs_number, upn, child) -> bool:
        """As _refuse_identifiers_in_use: a number another record holds."""
        return any(
            number and held.get(number, _key(child)) != _key(child)
            for number, held in ((nhs_number, self.nhs_numbers), (upn, self.upns))
        )

    def _hold_numbers(self, child, nhs_number, upn) -> None:
        """Give the child these numbers (the ones it held, if any, are free again)."""
        for field, number, held in (("nhs_number", nhs_number, self.nhs_numbers), ("upn", upn, self.upns)):
            old = getattr(child, field)
            if old and held.get(old) == _key(child):
                del held[old]
            if number:
                held[number] = _key(child)
            setattr(child, field, number)

    def flush(self) -> None:
        """Insert what is held, parents first, audit rows last, all or nothing."""
        if not self.audits:
            return
        with transaction.atomic():
            Child.objects.bulk_create(self.new_children, batch_size=BATCH_SIZE)
            Child.objects.bulk_update(self.updated, ["nhs_number", "upn", "version"], batch_size=BATCH_SIZE)
            FormerName.objects.bulk_create(self.formers, batch_size=BATCH_SIZE)
            self._name_keys()
            Person.objects.bulk_create(self.people, batch_size=BATCH_SIZE)
            Relationship.objects.bulk_create(self.relationships, batch_size=BATCH_SIZE)
            AuditEvent.objects.bulk_create([audit.row() for audit in self.audits], batch_size=BATCH_SIZE)
        forget()  # bulk writes send no post_save: what a request remembered may be stale
        for child in self.new_children:  # the numbers they hold, now by their ids
            if child.nhs_number:
                self.nhs_numbers[child.nhs_number] = child.pk
        self._empty()

    def _name_keys(self) -> None:
        """A new sibling's keys, and a renamed child's written again with its former names."""
        keys = [key for child in self.new_children for key in name_keys_of(child)]
        renamed = list({child.pk: child for child in self.renamed}.values())
        NameKey.objects.filter(child__in=renamed).delete()
        formers = {}
        for former in FormerName.objects.filter(child__in=renamed).order_by("pk"):
            formers.setdefault(former.child_id, []).append(former)
        keys += [key for child in renamed for key in name_keys_of(child, formers.get(child.pk, []))]
        NameKey.objects.bulk_create(keys, batch_size=BATCH_SIZE)


def _key(child):
    return child.pk if child.pk is not None else id(child)


def people_writer(bulk: bool):
    return BulkPeople() if bulk else ServicePeople()
