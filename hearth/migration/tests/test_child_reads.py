"""The import's reads made once per child (hearth/migration/child_reads.py) answer as the selectors
they stand in for: the characteristics and the census's other identifiers of a child on each day,
read once and kept current as recordings are made."""

import datetime

import pytest
import time_machine

from hearth.migration.child_reads import HeldCharacteristics
from hearth.people import characteristics_services as services
from hearth.people.characteristics_selectors import census_identifiers_of, characteristics_of
from hearth.people.models import Child
from hearth.testing.journeys import new_child

D = datetime.date
pytestmark = pytest.mark.django_db
DAYS = [D(2019, 3, 31), D(2020, 3, 31), D(2023, 3, 31), D(2024, 3, 31), D(2025, 3, 31), D(2025, 9, 30)]


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2025, 10, 15, 11, 0, tzinfo=datetime.UTC)):
        yield


def test_the_held_characteristics_answer_as_the_selectors_on_every_day(staff):
    worker = staff.social_worker.user
    child = new_child(staff, "Owen", "Marsh", born=D(2012, 7, 14))
    held = HeldCharacteristics()
    assert held.on(child, DAYS[0]) == characteristics_of([child], DAYS[0])[child.pk]  # read now: nothing yet

    def version():
        return Child.objects.get(pk=child.pk).version

    recordings = [
        services.ethnicity_record(actor=worker, child_id=child.pk, ethnicity="WBRI", applies_from=D(2012, 7, 14)),
        services.upn_unknown_record(actor=worker, child_id=child.pk, reason="UN2", applies_from=D(2019, 4, 1)),
        services.disabilities_record(
            actor=worker, child_id=child.pk, disabilities=["LD", "MOB"], applies_from=D(2022, 4, 1)
        ),
        services.ethnicity_record(actor=worker, child_id=child.pk, ethnicity="MWBC", applies_from=D(2023, 4, 1)),
        services.disabilities_record(
            actor=worker, child_id=child.pk, disabilities=["NONE"], applies_from=D(2024, 4, 1)
        ),
        services.former_upn_record(
            actor=worker,
            child_id=child.pk,
            expected_version=version(),
            former_upn="E801200110002",
            applies_from=D(2023, 4, 1),
        ),
        services.death_record(actor=worker, child_id=child.pk, expected_version=version(), died_on=D(2025, 6, 1)),
    ]
    for recording in recordings:
        held.recorded(recording)
    child.refresh_from_db()
    for day in DAYS:
        assert held.on(child, day) == characteristics_of([child], day)[child.pk], day
        assert held.identifiers_on(child, day) == census_identifiers_of([child], day)[child.pk], day
    assert held.on(child, D(2025, 3, 31)).disabilities == ("NONE",)
    assert held.identifiers_on(child, D(2025, 9, 30)).died_on == D(2025, 6, 1)
