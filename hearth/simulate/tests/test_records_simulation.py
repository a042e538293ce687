"""The synthetic council's case notes and alerts: written through the services, deterministic."""

import datetime

import pytest
import time_machine
from django.db import transaction

from hearth.records.models import CaseNote
from hearth.simulate.council import Simulation

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def on_the_councils_today():
    with time_machine.travel(datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)):
        yield


class RollBack(Exception):
    pass


def notes_written(seed):
    try:
        with transaction.atomic():
            counts = Simulation(seed=seed, today=TODAY, months=2, contacts_per_month=30).run()
            written = list(
                CaseNote.objects.order_by("pk").values_list("event_date", "note_type", "status", "text", "version")
            )
            raise RollBack
    except RollBack:
        return counts, written


def test_the_notes_are_the_same_for_a_seed():
    counts, first = notes_written(5)
    assert counts["case notes"] > 0 and len(first) >= counts["case notes"]
    assert notes_written(5)[1] == first
