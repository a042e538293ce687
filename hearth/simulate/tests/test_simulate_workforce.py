"""The synthetic council's workforce (issue 19): employment facts for every case-holding worker, from
a generator of their own, and the weekly caseload snapshots of the simulated weeks."""

import datetime

import pytest
import time_machine
from django.db.models import Min

from hearth.simulate.council import Simulation
from hearth.workforce.models import CaseloadWeek, EmploymentType, WeeklyCaseload, Worker

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 31)


def test_the_council_has_agency_and_asye_workers_and_its_weeks_frozen():
    with time_machine.travel(datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)):
        sim = Simulation(seed=7, today=TODAY, months=2, contacts_per_month=30)
        counts = sim.run()
    workers = Worker.objects.filter(holds_cases=True).annotate(first_case=Min("allocations__started_on"))
    assert counts["agency workers"] == workers.filter(employment_type=EmploymentType.AGENCY).count() > 0
    assert counts["workers in their ASYE year"] == sum(w.in_asye_on(TODAY) for w in workers) > 0
    assert workers.filter(employment_type=EmploymentType.PERMANENT).count() > workers.count() / 2
    for worker in workers:  # every worker started before the first case they were given
        assert worker.started_on is not None
        assert worker.first_case is None or worker.started_on <= worker.first_case
    # The Mondays of the last 12 weeks that fall in the simulated months (from 1 February): 9.
    mondays = list(CaseloadWeek.objects.order_by("week_starting").values_list("week_starting", flat=True))
    assert mondays == [datetime.date(2026, 2, 2) + datetime.timedelta(weeks=n) for n in range(9)]
    assert counts["weeks of caseloads frozen"] == 9
    assert WeeklyCaseload.objects.filter(week__week_starting=mondays[-1]).count() == workers.count()
