"""The workforce's employment facts and the weekly caseload snapshots (issue 19, docs/workforce.md).

Most case-holding social workers are permanent, about one in five is an agency worker and a few are
on secondment; some work 0.8 or 0.6 of full time; about one in six qualified within the last year
and is in their ASYE year (a protected caseload). Every worker started before the first case they
were given. Then each Monday of the last 12 weeks is frozen, as the weekly job would have done, so
the manager's weekly caseload page has its trend. The draws come from a generator of their own, so
the rest of the council is the same with or without them; nothing here allocates a case, so who is
over the threshold follows from the council's own uneven caseloads.
"""

import datetime
import random

from django.db.models import Min

from hearth.workforce.caseloads import monday_of
from hearth.workforce.models import EmploymentType, Worker
from hearth.workforce.services import caseload_week_freeze, worker_employment_update

SHARE_AGENCY = 0.2
SHARE_SECONDMENT = 0.05
SHARE_ASYE = 0.17
SHARE_PART_TIME = 0.15
WEEKS_FROZEN = 12


def simulate_workforce(sim) -> dict:
    draws = random.Random(f"{sim.seed}-workforce")
    actor = sim.users["sm"]
    workers = Worker.objects.filter(holds_cases=True).annotate(first_case=Min("allocations__started_on")).order_by("pk")
    counts = {"agency workers": 0, "workers in their ASYE year": 0}
    for worker in workers:
        first_case = worker.first_case or sim.today
        roll = draws.random()
        if roll < SHARE_AGENCY:
            employment_type = EmploymentType.AGENCY
        elif roll < SHARE_AGENCY + SHARE_SECONDMENT:
            employment_type = EmploymentType.SECONDMENT
        else:
            employment_type = EmploymentType.PERMANENT
        fte = draws.choice(["0.8", "0.6"]) if draws.random() < SHARE_PART_TIME else "1"
        asye_started_on = None
        if employment_type is EmploymentType.PERMANENT and draws.random() < SHARE_ASYE:
            # Qualified last summer or since; the ASYE year started within the last 11 months.
            asye_started_on = sim.today - datetime.timedelta(days=draws.randint(30, 330))
            qualified_on = asye_started_on - datetime.timedelta(days=draws.randint(20, 90))
            started_on = min(first_case, asye_started_on)
            counts["workers in their ASYE year"] += 1
        else:
            started_on = first_case - datetime.timedelta(days=draws.randint(14, 2500))
            qualified_on = started_on - datetime.timedelta(days=draws.randint(0, 3650))
        worker_employment_update(
            actor=actor,
            worker_id=worker.pk,
            employment_type=employment_type,
            fte=fte,
            qualified_on=min(qualified_on, started_on),
            asye_started_on=asye_started_on,
            started_on=started_on,
            left_on=None,
        )
        counts["agency workers"] += employment_type is EmploymentType.AGENCY
    this_monday = monday_of(sim.today)
    mondays = [this_monday - datetime.timedelta(weeks=n) for n in range(WEEKS_FROZEN - 1, -1, -1)]
    counts["weeks of caseloads frozen"] = sum(
        caseload_week_freeze(week_starting=monday)[1] for monday in mondays if monday >= sim.first_day
    )
    return counts
