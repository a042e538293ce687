"""The synthetic council's identifiers, families and documents, written through the services (or,
on the larger sizes, the same rows in bulk: hearth/simulate/people_writes.py; documents always
through the services).

Everything is invented. NHS numbers are drawn from the 999 range that the NHS keeps for testing
(real numbers start 4 to 7), so none can belong to a real person; UPNs carry a year no real UPN
can carry (hearth/simulate/upns.py); phone numbers are from Ofcom's drama range (07700 900000 to 900999).
"""

import datetime
import random
from collections import defaultdict

from django.core.files.uploadedfile import SimpleUploadedFile
from faker import Faker

from hearth.documents.samples import minimal_docx, minimal_pdf, minimal_png
from hearth.documents.services import document_upload
from hearth.frontdoor.models import Contact, Referral
from hearth.people.identifiers import nhs_check_digit
from hearth.people.models import Child, Relationship, Sex
from hearth.records.models import CaseNoteChild
from hearth.simulate.people_writes import people_writer
from hearth.simulate.upns import synthetic_upn
from hearth.workforce.models import Allocation

SCHOOLS = {"2001": "Kestrel Vale Primary School", "2014": "Heron Lane Primary", "4002": "Vale Academy"}


class PeopleSimulation:
    """Called once from the council's slot with the children it made; keeps its own random stream
    (seeded from the council's seed) so the rest of the simulation is unchanged by it."""

    def __init__(self, seed: int, today: datetime.date, users: dict, bulk: bool = False, recording=None):
        # The council's recording times (hearth/simulate/recorded_at.py): a new brother or sister is
        # recorded when the child's first contact was.
        self.recording = recording
        self.random = random.Random(seed * 31 + 4)
        self.faker = Faker("en_GB")
        self.faker.seed_instance(seed * 31 + 4)
        self.today = today
        self.users = users
        self.nhs_numbers = self._nhs_numbers()
        self.upn_serial = 0
        self.counts = {"NHS numbers": 0, "UPNs": 0, "former names": 0, "relationships": 0, "siblings": 0}
        self.counts["documents"] = 0
        # Through the services, or in bulk on the larger sizes (hearth/simulate/people_writes.py).
        self.write = people_writer(bulk)

    def run(self, children: list) -> dict:
        screener, manager = self.users["mash"], self.users["sm"]
        # The front door records the parents; a child who became a case has their wider family,
        # professionals and siblings recorded too, as the assessment finds them.
        with_a_case = set(Referral.objects.values_list("child_id", flat=True))
        for child in self.write.current(children):
            child = self._identifiers(child, screener)
            if child.pk not in with_a_case:
                if self.random.random() < 0.6:
                    self._parents(child, screener, wider_family=False)
                continue
            mother = self._parents(child, screener)
            self._professionals(child, screener)
            if self.random.random() < 0.25:
                if self.recording is not None:
                    self.recording.scene = _first_contact_at(child)
                self._new_sibling(child, mother, manager)
                if self.recording is not None:
                    self.recording.scene = None
        self._siblings_in_notes(manager)  # no draws: the rest of the council is as it was
        self.write.flush()  # the documents read the cases from the database
        self._documents(children)
        return self.counts

    # Identifiers -------------------------------------------------------------------------------
    def _nhs_numbers(self):
        """Valid synthetic NHS numbers from the test range (999 ...), never the same one twice."""
        issued = set()
        while True:
            nine = f"999{self.random.randrange(10**6):06d}"
            check = nhs_check_digit(nine)
            if check is not None and nine not in issued:
                issued.add(nine)
                yield nine + str(check)

    def _upn(self, child) -> str:
        self.upn_serial += 1
        school = self.random.choice(list(SCHOOLS))
        entered = min(child.date_of_birth.year + 5, self.today.year) % 100  # the year they started school
        return synthetic_upn(school, entered, self.upn_serial)

    def _identifiers(self, child, actor):
        nhs_number = next(self.nhs_numbers) if self.random.random() < 0.93 else ""
        age = (self.today - child.date_of_birth).days // 365 if child.date_of_birth else 0
        upn = self._upn(child) if 4 <= age <= 16 and self.random.random() < 0.85 else ""
        for _ in range(5):  # a repeated synthetic number is drawn again, as a clerk would re-check
            updated = self.write.identity(actor=actor, child=child, nhs_number=nhs_number, upn=upn)
            if updated is not None:
                child = updated
                break
            nhs_number = next(self.nhs_numbers) if nhs_number else ""
            upn = self._upn(child) if upn else ""
        self.counts["NHS numbers"] += bool(child.nhs_number)
        self.counts["UPNs"] += bool(child.upn)
        if age >= 3 and self.random.random() < 0.04:
            self.write.former_name(
                actor=actor,
                child=child,
                first_name=child.first_name,
                last_name=self.faker.last_name(),
                used_until=child.date_of_birth + datetime.timedelta(days=self.random.randint(365, age * 365)),
            )
            self.counts["former names"] += 1
        return child

    # Family ------------------------------------------------------------------------------------
    def _phone(self) -> str:
        return f"07700 900{self.random.randrange(1000):03d}"

    def _person(self, child, first_name, last_name, address, years_older=(17, 42)):
        """An adult this many years older than the child."""
        child_born = child.date_of_birth or self.today - datetime.timedelta(days=3650)
        years = self.random.randint(*years_older)
        born = child_born - datetime.timedelta(days=365 * years + self.random.randrange(365))
        return {
            "first_name": first_name,
            "last_name": last_name,
            "date_of_birth": born if self.random.random() < 0.8 else None,
            "address": address,
            "phone": self._phone() if self.random.random() < 0.8 else "",
        }

    def _add(self, **arguments):
        relationship = self.write.relationship(**arguments)
        self.counts["relationships"] += 1
        return relationship

    def _parents(self, child, actor, wider_family=True):
        """A mother (with parental responsibility), usually a father, sometimes a step-parent."""
        address = self.faker.address()
        mother_surname = child.last_name if self.random.random() < 0.75 else self.faker.last_name()
        mother = self._add(
            actor=actor,
            child=child,
            relationship_code="MOTHER",
            person=self._person(child, self.faker.first_name_female(), mother_surname, address, (24, 42)),
            has_parental_responsibility=True,
            lives_in_household=self.random.random() < 0.88,
        )
        if self.random.random() < 0.65:
            at_home = self.random.random() < 0.45
            self._add(
                actor=actor,
                child=child,
                relationship_code="FATHER",
                person=self._person(
                    child, self.faker.first_name_male(), child.last_name, address if at_home else self.faker.address()
                ),
                has_parental_responsibility=self.random.random() < 0.8,
                lives_in_household=at_home,
            )
        if not wider_family:
            return mother
        if self.random.random() < 0.15:
            self._add(
                actor=actor,
                child=child,
                relationship_code="STEP_PARENT",
                person=self._person(child, self.faker.first_name_male(), self.faker.last_name(), address),
                # With the mother; no parental responsibility without an agreement or court order.
                lives_in_household=mother.lives_in_household,
            )
        if self.random.random() < 0.08:
            self._add(
                actor=actor,
                child=child,
                relationship_code="GRANDPARENT",
                person=self._person(
                    child, self.faker.first_name_female(), mother_surname, self.faker.address(), (38, 65)
                ),
            )
        return mother

    def _professionals(self, child, actor):
        if self.random.random() < 0.4:
            self._add(
                actor=actor,
                child=child,
                relationship_code="GP",
                person={
                    "last_name": f"Dr {self.faker.last_name()}",
                    "address": "Vale Medical Centre",
                },
            )
        age = (self.today - child.date_of_birth).days // 365 if child.date_of_birth else 0
        if age <= 4 and self.random.random() < 0.4:
            self._add(
                actor=actor,
                child=child,
                relationship_code="HEALTH_VISITOR",
                person={"first_name": self.faker.first_name_female(), "last_name": self.faker.last_name()},
            )
        elif 5 <= age <= 16 and self.random.random() < 0.3:
            self._add(
                actor=actor,
                child=child,
                relationship_code="TEACHER",
                person={
                    "first_name": self.faker.first_name(),
                    "last_name": self.faker.last_name(),
                    "address": self.random.choice(list(SCHOOLS.values())),
                },
            )

    def _siblings_in_notes(self, actor) -> None:
        """Children a case note is written about together are brothers or sisters (the case record
        takes children of one surname in one team's open cases as such: hearth/simulate/records.py),
        so the family records them so, linked both ways: half-siblings, each with the mother the
        front door recorded for them."""
        together = defaultdict(list)
        for note_id, child_id in CaseNoteChild.objects.order_by("note_id", "child_id").values_list(
            "note_id", "child_id"
        ):
            together[note_id].append(child_id)
        pairs = sorted({tuple(ids) for ids in together.values() if len(ids) == 2})
        linked = set(Relationship.objects.filter(other_child__isnull=False).values_list("child_id", "other_child_id"))
        children = Child.objects.in_bulk({pk for pair in pairs for pk in pair})
        for first, second in pairs:
            if (first, second) in linked or (second, first) in linked:
                continue
            self._add(
                actor=actor,
                child=children[first],
                relationship_code="HALF_SIBLING",
                other_child=children[second],
                lives_in_household=False,
            )
            self.counts["siblings"] += 1

    def _new_sibling(self, child, mother_link, actor):
        """A brother or sister named in the same contact, given a record of their own and linked
        both ways, with the same mother."""
        if child.date_of_birth is None:
            return
        gap = datetime.timedelta(days=self.random.randint(400, 2500))
        born = child.date_of_birth + gap if self.random.random() < 0.5 else child.date_of_birth - gap
        if born > self.today:
            born = child.date_of_birth - gap
        sex = self.random.choice([Sex.FEMALE, Sex.MALE])
        first = self.faker.first_name_female() if sex == Sex.FEMALE else self.faker.first_name_male()
        sibling = self.write.sibling(
            actor=actor,
            first_name=first,
            last_name=child.last_name,
            date_of_birth=born,
            sex=sex,
            nhs_number=next(self.nhs_numbers),
        )
        self.counts["NHS numbers"] += 1
        together = mother_link.lives_in_household and self.random.random() < 0.8
        self._add(
            actor=actor,
            child=sibling,
            relationship_code="MOTHER",
            known_person=mother_link.person,
            has_parental_responsibility=True,
            lives_in_household=together,
        )
        self._add(
            actor=actor,
            child=child,
            relationship_code="SIBLING" if self.random.random() < 0.7 else "HALF_SIBLING",
            other_child=sibling,
            lives_in_household=together,
        )
        self.counts["siblings"] += 1

    # Documents ---------------------------------------------------------------------------------
    def _documents(self, children, how_many: int = 40):
        """A few letters, reports and drawings on children whose case is open and allocated."""
        allocations = list(
            Allocation.objects.filter(
                referral__child__in=[child.pk for child in children],
                referral__closed_on__isnull=True,
                ended_on__isnull=True,
            )
            .select_related("referral__child", "worker__user")
            .order_by("pk")
        )
        for allocation in self.random.sample(allocations, k=min(how_many, len(allocations))):
            referral, child, worker = allocation.referral, allocation.referral.child, allocation.worker.user
            dated_on = referral.referral_date + datetime.timedelta(days=self.random.randint(0, 20))
            dated_on = min(dated_on, self.today)
            kind = self.random.choice(["letter", "report", "drawing"])
            if kind == "letter":
                title, code = f"Letter from {self.random.choice(list(SCHOOLS.values()))}", "EDUCATION"
                upload = SimpleUploadedFile("school-letter.pdf", minimal_pdf(f"{title} about {child.first_name}"))
            elif kind == "report":
                title, code = "Health visitor's report", "HEALTH"
                upload = SimpleUploadedFile("report.docx", minimal_docx(f"{title}: {child.first_name}"))
            else:
                title, code = f"{child.first_name}'s drawing of home", "CHILD_WORK"
                upload = SimpleUploadedFile("drawing.png", minimal_png(rgb=(self.random.randrange(256), 120, 60)))
            document_upload(
                actor=worker, child_id=child.pk, document_type_code=code, title=title, dated_on=dated_on, upload=upload
            )
            self.counts["documents"] += 1


def _first_contact_at(child):
    return Contact.objects.filter(child=child).order_by("received_at").values_list("received_at", flat=True).first()
