"""The synthetic council's OC2 facts: recorded through the services at realistic rates, so that the
demo's OC2 file owes nothing (every child of 4 to 16 in the cohort has a score or a reason)."""

import datetime

import pytest
import time_machine

from hearth.duties.models import Sdq
from hearth.duties.return903 import birthday, oc2_years
from hearth.simulate.council import Simulation

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 31)
START = datetime.date(2025, 4, 1)


@pytest.fixture(autouse=True)
def on_the_councils_today():
    with time_machine.travel(datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)):
        yield


def test_the_demo_records_oc2_facts_and_its_oc2_file_owes_no_sdq():
    counts = Simulation(seed=11, today=TODAY, months=2, contacts_per_month=30).run()
    assert counts["SDQs"] > 0 and counts["health record statuses"] > 0
    years = oc2_years(START, TODAY)
    assert years, "the demo has children looked after for the whole year"
    owed = [y for y in years if birthday(y.born, 4) <= START and birthday(y.born, 17) > TODAY]
    sdqs = [y.sdq() for y in owed]
    assert all(score or reason for score, reason in sdqs)
    assert sum(1 for score, _ in sdqs if score) > len(sdqs) / 2  # most with a score
    assert all(0 <= s.score <= 40 for s in Sdq.objects.exclude(score=None))
