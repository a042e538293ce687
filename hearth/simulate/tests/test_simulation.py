import datetime

import pytest
import time_machine
from django.db import transaction

from hearth.frontdoor.models import Contact, Referral
from hearth.people.models import Child
from hearth.simulate.council import Simulation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_the_councils_today():
    # The simulation's "today" and the clock its services check against must agree.
    with time_machine.travel(datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)):
        yield


def snapshot():
    return (
        list(Child.objects.order_by("pk").values_list("first_name", "last_name", "date_of_birth")),
        list(Contact.objects.order_by("pk").values_list("received_at", "decision", "decided_at", "source_id")),
        list(Referral.objects.order_by("pk").values_list("referral_date", "team__name")),
    )


def small_council(seed):
    return Simulation(seed=seed, today=datetime.date(2026, 3, 31), months=2, contacts_per_month=30).run()


class RollBack(Exception):
    pass


def simulate_and_roll_back(seed):
    """Run a small council inside a transaction, note what it wrote, then undo it."""
    try:
        with transaction.atomic():
            counts = small_council(seed)
            written = snapshot()
            raise RollBack
    except RollBack:
        return counts, written


def test_the_synthetic_council_is_deterministic_for_a_seed():
    counts, first = simulate_and_roll_back(7)
    assert counts["contacts"] == 60 and counts["referrals"] > 0
    assert not Contact.objects.exists()
    assert simulate_and_roll_back(7)[1] == first
    assert simulate_and_roll_back(8)[1] != first
