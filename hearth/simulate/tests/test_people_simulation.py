import datetime

import pytest
import time_machine

from hearth.documents.models import Document
from hearth.people.identifiers import nhs_number_is_valid, upn_is_valid
from hearth.people.models import Child, Relationship
from hearth.simulate.council import Simulation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_the_councils_today():
    with time_machine.travel(datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)):
        yield


def test_the_synthetic_councils_identifiers_families_and_documents_are_valid_and_synthetic():
    counts = Simulation(seed=11, today=datetime.date(2026, 3, 31), months=2, contacts_per_month=30).run()
    children = Child.objects.all()
    numbers = [c.nhs_number for c in children if c.nhs_number]
    assert counts["NHS numbers"] == len(numbers) > 0
    # The NHS's test range only, so no number can be a real person's.
    assert all(number.startswith("999") and nhs_number_is_valid(number) for number in numbers)
    upns = [c.upn for c in children if c.upn]
    assert upns and all(upn[1:4] == "999" and upn_is_valid(upn) for upn in upns)
    mothers = Relationship.objects.filter(relationship_type_id="MOTHER")
    assert mothers.exists() and all(m.has_parental_responsibility for m in mothers)
    assert not Relationship.objects.filter(relationship_type_id="STEP_PARENT", has_parental_responsibility=True)
    for link in Relationship.objects.filter(other_child__isnull=False):
        assert Relationship.objects.filter(child=link.other_child, other_child=link.child).exists()
    for mother in mothers.select_related("person", "child"):
        if mother.person.date_of_birth and mother.child.date_of_birth:
            assert mother.child.date_of_birth - mother.person.date_of_birth > datetime.timedelta(days=365 * 16)
    assert Document.objects.count() == counts["documents"]
