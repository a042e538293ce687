import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import transaction

from hearth.frontdoor.models import Contact, Referral
from hearth.people.models import Child
from hearth.simulate.council import DEMO_LOGINS, Simulation

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


def test_every_demo_login_is_created_with_its_role():
    small_council(3)
    users = get_user_model().objects.filter(username__in=[d[0] for d in DEMO_LOGINS])
    assert {(u.username, u.groups.get().name) for u in users} == {(d[0], d[3].value) for d in DEMO_LOGINS}


def test_the_simulated_data_obeys_the_rules_the_forms_enforce():
    small_council(11)
    for contact in Contact.objects.exclude(decision=""):
        assert contact.decided_at >= contact.received_at
    for referral in Referral.objects.prefetch_related("assessments", "allocations"):
        for assessment in referral.assessments.all():
            assert assessment.started_on >= referral.referral_date
            assert assessment.authorised_on is None or assessment.authorised_on >= assessment.started_on
