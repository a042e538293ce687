"""The synthetic council's looked-after children, written through the services."""

import datetime
import random

import pytest
import time_machine
from faker import Faker

from hearth.audit.models import AuditEvent
from hearth.calendar.selectors import current_calendar
from hearth.care.models import PeriodOfCare, Placement
from hearth.core.roles import Role
from hearth.simulate.care import CARE_LEAVERS, LEFT_CARE_RECENTLY, LOOKED_AFTER_TODAY, CareSimulation
from hearth.simulate.council import Simulation
from hearth.simulate.sizes import SMALL

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def on_the_councils_today():
    with time_machine.travel(datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)):
        yield


def council_staff(size=SMALL) -> Simulation:
    sim = Simulation(seed=5, today=TODAY, months=6, contacts_per_month=10, size=size)
    sim.random, sim.faker, sim.calendar = random.Random(5), Faker("en_GB"), current_calendar()
    sim.users = sim._staff()
    return sim


def test_children_come_into_care_move_and_leave_through_the_services():
    counts = CareSimulation(council_staff()).run()
    periods = PeriodOfCare.objects.all()
    assert periods.count() == LOOKED_AFTER_TODAY + LEFT_CARE_RECENTLY + CARE_LEAVERS == counts["children looked after"]
    assert periods.filter(ended_on__isnull=True).count() == LOOKED_AFTER_TODAY
    assert counts["periods of care ended"] == LEFT_CARE_RECENTLY + CARE_LEAVERS
    # Every period has its placements in order, none overlapping, and no placement after its end.
    for period in periods.prefetch_related("placements"):
        placements = sorted(period.placements.all(), key=lambda p: p.started_on)
        assert placements[0].started_on == period.started_on
        for before, after in zip(placements, placements[1:], strict=False):
            assert before.ended_on == after.started_on and before.change_reason
        assert placements[-1].ended_on == period.ended_on
    assert Placement.objects.count() == periods.count() + counts["placement moves"]
    # Some children moved three or more times in a year; some were adopted from an adoptive placement.
    assert counts["placement moves"] > 20
    for adopted in periods.filter(end_reason__in=["E11", "E12"]):
        assert adopted.placements.get(ended_on=adopted.ended_on).placement_type in {"A3", "A4", "A5", "A6"}
    # Care leavers left at 18.
    leavers = periods.filter(end_reason__in=["E17", "E5", "E6"])
    assert leavers.exists()
    assert all((p.ended_on - p.child.date_of_birth).days // 365 == 18 for p in leavers.select_related("child"))
    assert AuditEvent.objects.filter(action="care.start").count() == periods.count()
    assert not periods.filter(started_on__gt=TODAY).exists()


def test_placements_are_real_places_so_distances_from_home_can_be_worked_out():
    from hearth.care.indicators import distance_from_home_rows
    from hearth.people.geography import grid_references

    CareSimulation(council_staff()).run()
    placements = list(Placement.objects.select_related("period__child"))
    located = grid_references({p.postcode for p in placements} | {p.home_postcode for p in placements})
    assert all(located[p.postcode] and located[p.home_postcode] for p in placements)
    # Each child left one home, which is their address too.
    for period in PeriodOfCare.objects.prefetch_related("placements").select_related("child"):
        assert {p.home_postcode for p in period.placements.all()} == {period.child.postcode}
    rows = distance_from_home_rows(TODAY)
    assert len(rows) == LOOKED_AFTER_TODAY  # every distance known
    assert 0 < sum(row.counted for row in rows) < len(rows)  # some placed over 20 miles away, most not


def test_looked_after_children_get_reviews_health_checks_care_plans_and_visits_in_the_simulated_months():
    from hearth.care.models import CarePlan
    from hearth.duties.models import CareReview, HealthCheck
    from hearth.visits.models import Visit

    sim = council_staff()
    counts = CareSimulation(sim).run()
    assert CareReview.objects.count() == counts["looked-after reviews"] > 30
    assert HealthCheck.objects.count() == counts["health and dental checks"] > 30
    assert HealthCheck.objects.filter(kind="DENTAL").exists() and HealthCheck.objects.filter(refused=True).exists()
    assert CarePlan.objects.exists()
    assert Visit.objects.count() == counts["looked-after visits"] > 100
    # Before the simulated months, only each child's latest review is on file; nothing is in the
    # future or outside its period of care.
    for period in PeriodOfCare.objects.all():
        assert period.reviews.filter(held_on__lt=sim.first_day).count() <= 1
    for review in CareReview.objects.select_related("period"):
        assert review.held_on <= TODAY
        assert review.held_on >= review.period.started_on
        assert review.period.ended_on is None or review.held_on <= review.period.ended_on
    assert not Visit.objects.filter(visited_on__lt=sim.first_day).exists()
    assert AuditEvent.objects.filter(action="care.review").count() == CareReview.objects.count()


def test_care_leavers_get_pathway_plan_reviews_and_personal_adviser_contacts():
    from hearth.leavers.models import CareLeaverContact, PathwayPlanReview

    sim = council_staff()
    counts = CareSimulation(sim).run()
    assert CareLeaverContact.objects.count() == counts["care leaver contacts"] > 20
    assert PathwayPlanReview.objects.count() == counts["pathway plan reviews"] > 10
    assert CareLeaverContact.objects.filter(in_touch="YES", activity__startswith="G").exists()
    assert not CareLeaverContact.objects.filter(contacted_on__gt=TODAY).exists()
    # A contact with a young person not in touch records no information about them.
    assert not CareLeaverContact.objects.exclude(in_touch="YES").exclude(activity="0").exists()


def test_every_looked_after_child_has_an_iro_who_chairs_their_reviews():
    from hearth.duties.models import CareReview
    from hearth.iro.models import IROAppointment

    sim = council_staff()
    CareSimulation(sim).run()
    open_periods = PeriodOfCare.objects.filter(ended_on__isnull=True)
    current = IROAppointment.objects.filter(ended_on__isnull=True, period__in=open_periods)
    assert current.count() == open_periods.count() == LOOKED_AFTER_TODAY
    # The demo's `iro` sign-in has a good share of them to look at.
    assert current.filter(iro=sim.users["iro"]).count() >= LOOKED_AFTER_TODAY // 4
    # Care ending ended the appointment the same day.
    for appointment in IROAppointment.objects.filter(period__ended_on__isnull=False).select_related("period"):
        assert appointment.ended_on is not None and appointment.ended_on <= appointment.period.ended_on
    # Each review was chaired by the IRO appointed on its day.
    reviews = CareReview.objects.select_related("period")
    assert reviews.exists()
    for review in reviews:
        on_the_day = IROAppointment.objects.filter(period=review.period, started_on__lte=review.held_on).order_by(
            "-started_on"
        )
        assert review.chair_id == on_the_day.first().iro_id


def test_a_move_to_other_carers_of_the_same_kind_in_the_same_street_is_drawn_again():
    """The 903 sees a placement as its type, postcode, URN and provider code (rule 435): a move
    that would read as no move is not one the generator makes."""
    from types import SimpleNamespace

    from hearth.care.services import PlacementDetails
    from hearth.simulate.care import _looks_the_same_in_the_return

    current = SimpleNamespace(provider_id=1, placement_type="U1", postcode="KV1 1AA")
    same_street = PlacementDetails(placement_type="U1", provider_id=2, postcode="KV1 1AA")
    same_carers_new_kind = PlacementDetails(placement_type="U4", provider_id=1, postcode="KV1 1AA")
    elsewhere = PlacementDetails(placement_type="U1", provider_id=3, postcode="KV2 2BB")
    assert _looks_the_same_in_the_return(same_street, current)
    assert _looks_the_same_in_the_return(PlacementDetails("U1", 1, "KV1 1AA"), current)
    assert not _looks_the_same_in_the_return(same_carers_new_kind, current)
    assert not _looks_the_same_in_the_return(elsewhere, current)


def test_a_teenager_in_a_childrens_home_is_given_a_deprivation_of_liberty_order_through_the_service():
    """Of two children looked after, a 15-year-old in a children's home (K2) and a 15-year-old in
    foster care, only the first can be given an order (rule 709 expects K2, Z12 or Z13), and the
    demo gives at least one where it can: made while they live there, through the care service."""
    from types import SimpleNamespace

    from hearth.care.models import DeprivationOfLiberty
    from hearth.simulate.deprivation_of_liberty import simulate_deprivation_of_liberty_orders
    from hearth.testing.journeys import foster_placement, looked_after_child, make_staff, new_child

    staff = make_staff()
    home = foster_placement(carer="Larch House", placement_type="K2", provider="PR4", urn="SC111111")
    in_a_home = looked_after_child(
        staff, new_child(staff, "Ivy", "Larch", datetime.date(2010, 5, 1)), START, "C2", home
    )
    fostered = looked_after_child(staff, new_child(staff, "Ike", "Larch", datetime.date(2010, 5, 1)), START, "C2")
    sim = SimpleNamespace(seed=3, today=TODAY, first_day=datetime.date(2025, 1, 1))
    assert simulate_deprivation_of_liberty_orders(sim) == {"deprivation of liberty orders": 1}
    order = DeprivationOfLiberty.objects.get()
    assert order.period_id == in_a_home.pk != fostered.pk
    assert START + datetime.timedelta(days=14) <= order.started_on <= TODAY - datetime.timedelta(days=7)
    assert AuditEvent.objects.filter(action="care.deprivation_of_liberty_record").count() == 1


START = datetime.date(2025, 6, 2)


def test_the_demo_iro_is_first_appointed_to_no_more_than_a_caseload(monkeypatch):
    """On a large council half of every child would be one IRO's: past the cap, the others take them."""
    from hearth.iro.models import IROAppointment
    from hearth.simulate import care

    monkeypatch.setattr(care, "DEMO_IRO_MOST_FIRST_APPOINTMENTS", 5)
    sim = council_staff()
    for n in (2, 3):  # a larger council's other IROs (the small one has the demo's alone)
        sim._user(Role.IRO, f"care-iro{n}")
    CareSimulation(sim).run()
    first_iros = {}
    for appointment in IROAppointment.objects.order_by("period_id", "started_on", "pk"):
        first_iros.setdefault(appointment.period_id, appointment.iro_id)
    demo_iro_firsts = sum(iro == sim.users["iro"].pk for iro in first_iros.values())
    # The cap, and any the random choice among all the IROs gives them on top (about one in three here).
    assert 5 <= demo_iro_firsts < len(first_iros) // 2
    assert sim.demo_iro_first_appointments == 5
