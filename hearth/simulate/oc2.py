"""The synthetic council's OC2 facts for its looked-after children, recorded through the services
after the care histories are built: for each year (1 April to 31 March) of each period of care, an
SDQ for most children aged 4 to 16 (a score, now and then the reason there is none), a statement from
the health record about immunisations (and, under 5, development checks), and for a few older
children a conviction or a substance misuse problem with the intervention that followed. The rates
are rough, in the spirit of the DfE's published figures (most SDQs returned with a score, averaging
about 14; about 9 in 10 immunisations up to date; a few per cent convicted or misusing substances).

Its own random stream (seeded from the council's seed) leaves every other draw of the simulation as
it was.
"""

import datetime
import random

from django.core.exceptions import ValidationError

from hearth.calendar.workingdays import add_months
from hearth.care.models import PeriodOfCare
from hearth.core import collection_years
from hearth.duties.codes import HealthStatusKind, SubstanceIntervention
from hearth.duties.services import conviction_record, health_status_record, sdq_record, substance_misuse_record
from hearth.workforce.models import Allocation

# Of the children aged 4-16 in a year: most have a score, the rest the reason there is none (so the
# demo's return owes no SDQ; a real council's missing ones show as 903 rule 186 until recorded).
SDQ_SCORED = 0.86
SDQ_REASONS = {"SDQ2": 2, "SDQ3": 2, "SDQ4": 3, "SDQ5": 3}
IMMUNISATIONS_UP_TO_DATE = 0.88
DEVELOPMENT_UP_TO_DATE = 0.85
CONVICTED = 0.04  # a year, aged 10 or over
SUBSTANCE_MISUSE = 0.05  # a year, aged 12 or over
INTERVENTIONS = {
    SubstanceIntervention.RECEIVED: 6,
    SubstanceIntervention.REFUSED: 3,
    SubstanceIntervention.NOT_OFFERED: 1,
}
OFFENCES = ("Criminal damage", "Theft", "Common assault", "Possession of cannabis", "Shoplifting")
SOURCES = ("Looked-after children's nurse", "Health visitor", "GP practice", "School nurse")


class Oc2Simulation:
    def __init__(self, sim):
        self.sim = sim
        self.today = sim.today
        self.random = random.Random(sim.seed * 71 + 29)
        self.counts = {"SDQs": 0, "health record statuses": 0, "convictions": 0, "substance misuse": 0}

    def run(self) -> dict:
        workers = dict(Allocation.objects.order_by("started_on", "pk").values_list("referral_id", "worker__user"))
        periods = PeriodOfCare.objects.select_related("child").order_by("started_on", "pk")
        users = {user.pk: user for user in _users(workers.values())}
        for period in periods:
            actor = users.get(workers.get(period.referral_id)) or self.sim.users["sm"]
            if period.child.date_of_birth is None:
                continue
            for start, end in self._years(period):
                self._year(actor, period, start, end)
        return self.counts

    def _years(self, period):
        """The parts of each 1 April-31 March year the period covered, up to today."""
        last = min(period.ended_on or self.today, self.today)
        year = collection_years.collection_year_of(period.started_on)
        while collection_years.year_start(year) <= last:
            start, end = collection_years.year_bounds(year)
            yield max(start, period.started_on), min(end, last)
            year += 1

    def _day(self, first: datetime.date, last: datetime.date) -> datetime.date | None:
        if first > last:
            return None
        return first + datetime.timedelta(days=self.random.randint(0, (last - first).days))

    def _year(self, actor, period, start, end) -> None:
        born = period.child.date_of_birth
        # SDQ: aged 4 to 16 on the day.
        day = self._day(max(start, add_months(born, 48)), min(end, add_months(born, 12 * 17) - datetime.timedelta(1)))
        if day is not None:
            draw = self.random.random()
            if draw < SDQ_SCORED:
                score = max(0, min(40, round(self.random.gauss(14, 6))))
                self._record("SDQs", sdq_record, actor=actor, period_id=period.pk, completed_on=day, score=score)
            else:
                reason = self.random.choices(list(SDQ_REASONS), weights=list(SDQ_REASONS.values()))[0]
                self._record(
                    "SDQs", sdq_record, actor=actor, period_id=period.pk, completed_on=day, score=None, reason=reason
                )
        # What the health record says, once a year: immunisations; development checks under 5.
        day = self._day(start, end)
        if day is not None:
            self._status(actor, period, HealthStatusKind.IMMUNISATIONS, day, IMMUNISATIONS_UP_TO_DATE)
        day = self._day(start, min(end, add_months(born, 60) - datetime.timedelta(1)))
        if day is not None:
            self._status(actor, period, HealthStatusKind.DEVELOPMENT, day, DEVELOPMENT_UP_TO_DATE)
        # A few convictions (10 and over) and substance misuse problems (12 and over).
        day = self._day(max(start, add_months(born, 120)), end)
        if day is not None and self.random.random() < CONVICTED:
            offence = self.random.choice(OFFENCES)
            self._record(
                "convictions", conviction_record, actor=actor, period_id=period.pk, convicted_on=day, offence=offence
            )
        day = self._day(max(start, add_months(born, 144)), end)
        if day is not None and self.random.random() < SUBSTANCE_MISUSE:
            intervention = self.random.choices(list(INTERVENTIONS), weights=list(INTERVENTIONS.values()))[0]
            self._record(
                "substance misuse",
                substance_misuse_record,
                actor=actor,
                period_id=period.pk,
                identified_on=day,
                intervention=intervention,
            )

    def _status(self, actor, period, kind, day, rate) -> None:
        self._record(
            "health record statuses",
            health_status_record,
            actor=actor,
            period_id=period.pk,
            kind=kind,
            as_at=day,
            up_to_date=self.random.random() < rate,
            source=self.random.choice(SOURCES),
        )

    def _record(self, count: str, service, **arguments) -> None:
        try:
            service(**arguments)
        except ValidationError:
            return  # e.g. two facts drawn for the same day: the second is refused, as a worker's would be
        self.counts[count] += 1


def _users(ids):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk__in=set(ids))


def simulate_oc2(sim) -> dict:
    """Records the OC2 facts for every period of care; returns the counts."""
    return Oc2Simulation(sim).run()
