"""A council's size (hearth/simulate/sizes.py): the demo is the small size, and a size's cohorts,
teams, IROs and foster households are what the generator writes."""

import datetime
from dataclasses import replace
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command

from hearth.audit.models import AuditEvent
from hearth.care.models import PeriodOfCare, Provider, ProviderKind
from hearth.core.roles import Role
from hearth.frontdoor.models import Contact
from hearth.simulate import care, characteristics, council, providers
from hearth.simulate.care import CareSimulation
from hearth.simulate.sizes import LARGE, MEDIUM, SIZES, SMALL
from hearth.simulate.tests.test_simulate_care import council_staff
from hearth.workforce.models import Team

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def on_the_councils_today():
    with time_machine.travel(datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)):
        yield


def test_the_small_size_is_the_demo_council():
    assert SIZES["small"] is SMALL and council.Simulation(seed=1, today=TODAY).size is SMALL
    assert (SMALL.months, SMALL.contacts_per_month, SMALL.case_teams) == (15, 145, len(council.CASE_TEAMS))
    assert (SMALL.looked_after, SMALL.left_care, SMALL.care_leavers) == (
        care.LOOKED_AFTER_TODAY,
        care.LEFT_CARE_RECENTLY,
        care.CARE_LEAVERS,
    )
    assert SMALL.unaccompanied == characteristics.UASC_ARRIVALS
    assert SMALL.council_households == providers.COUNCIL_HOUSEHOLDS
    assert SMALL.with_looked_after(45) == replace(SMALL, name="small, 45 looked after")


def test_larger_sizes_keep_the_demos_proportions_in_care():
    assert (MEDIUM.looked_after, LARGE.looked_after, LARGE.months) == (750, 2500, 60)
    # 1,000 looked after: 15/45, 20/45 and 5/45 of it, an IRO for every 70, 30 households per 45.
    thousand = SMALL.with_looked_after(1000)
    assert (thousand.left_care, thousand.care_leavers, thousand.unaccompanied) == (333, 444, 111)
    assert (thousand.adopted, thousand.awaiting_match, thousand.iros) == (44, 44, 15)
    assert (thousand.council_households, thousand.households_per_agency) == (667, 133)
    assert (thousand.months, thousand.contacts_per_month) == (SMALL.months, SMALL.contacts_per_month)


def test_a_sizes_cohorts_staff_and_register_are_written():
    sim = council_staff(size=replace(SMALL.with_looked_after(9), case_teams=4, iros=3, council_households=31))
    counts = CareSimulation(sim).run()
    periods = PeriodOfCare.objects.all()
    assert periods.filter(ended_on__isnull=True).count() == 9
    assert counts["periods of care ended"] == periods.filter(ended_on__isnull=False).count() == 3 + 4
    teams = Team.objects.filter(takes_referrals=True).order_by("pk")
    assert [team.name for team in teams] == [*council.CASE_TEAMS, "Assessment and Intervention 4"]
    assert all(team.workers.filter(holds_cases=True).count() == council.SOCIAL_WORKERS_PER_TEAM for team in teams)
    iros = get_user_model().objects.filter(groups__name=Role.IRO.value)
    assert sorted(iros.values_list("username", flat=True)) == ["care-iro2", "care-iro3", "iro"]
    assert Provider.objects.filter(kind=ProviderKind.COUNCIL_FOSTER_CARERS).count() == 31
    assert Provider.objects.filter(kind=ProviderKind.AGENCY_FOSTER_CARERS).count() == 3 * 6


def test_the_command_builds_a_council_of_the_size_asked_for():
    out = StringIO()
    call_command("simulate", size="small", months=1, contacts_per_month=4, looked_after=3, stdout=out)
    assert "small, 3 looked after: 1 months, 4 contacts a month, 3 looked after today)" in out.getvalue()
    # 3 looked after, 1 left care, 1 care leaver, 1 young person who arrived alone (now a care
    # leaver), 1 adopted last year and 1 awaiting a match (still looked after).
    periods = PeriodOfCare.objects.all()
    assert periods.count() == 3 + 1 + 1 + 1 + 1 + 1
    assert periods.filter(ended_on__isnull=True).count() == 3 + 1


def test_the_larger_sizes_write_the_mash_work_in_bulk_and_the_demo_through_the_services():
    out = StringIO()
    call_command("simulate", size="medium", months=1, contacts_per_month=4, looked_after=3, stdout=out)
    assert "3 looked after today, in bulk)" in out.getvalue()
    # The 4 contacts, and those care records for its looked-after children, each with its audit row.
    assert Contact.objects.count() == AuditEvent.objects.filter(action="contact.record").count() > 4
    assert Contact.objects.exclude(decision="").count() == AuditEvent.objects.filter(action="contact.screen").count()


def test_the_bench_builds_on_the_same_path_as_the_command_for_each_size():
    # One function decides for both: medium and large in bulk, small (the demo) through the
    # services, unless --bulk or --no-bulk says otherwise.
    import importlib.util
    from pathlib import Path

    from hearth.simulate.sizes import writes_in_bulk

    assert [writes_in_bulk(name) for name in ("small", "medium", "large")] == [False, True, True]
    assert writes_in_bulk("medium", False) is False and writes_in_bulk("small", True) is True
    path = Path(__file__).resolve().parents[3] / "bench" / "generator.py"
    spec = importlib.util.spec_from_file_location("bench_generator", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert [bench.simulation_from(["--size", name]).bulk for name in ("small", "medium", "large")] == [
        False,
        True,
        True,
    ]
    assert bench.simulation_from(["--size", "medium", "--no-bulk", "--looked-after", "75"]).bulk is False
    assert bench.simulation_from(["--size", "small", "--bulk"]).bulk is True
