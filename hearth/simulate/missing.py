"""The synthetic council's missing episodes: some looked-after children go missing, or are away from
their placement without authorisation, and come back; most are offered a return home interview
within 72 hours, a few later, a very few never (they stay on the worker's list). Written through the
missing services, after the rest of the care record exists (children who came as unaccompanied
asylum seekers included).

Rates, after the DfE's children looked after statistics (England, recent years): about one in ten
looked-after children goes missing in a year, nearly all of them aged 11 and over, with several
episodes each (about six on average); most episodes end within a day. About one episode in four is
"away" rather than missing.

Episodes cover the last two complete collection years and this one. None runs across 31 March: the
903 would show it open at the year's end, and csc-validator-be-903 0.1.17 then fails it under rules
575 and 577 whatever the record says (its rule 365 fills every blank DEC with the year's end in the
data the later rules read; docs/returns-903.md). A real one is recorded as it happened; the demo
keeps its returns clean. None spans a change of placement or legal status either. One child in care
today is missing now, so the child's page and worklists show an open episode.

Its own random stream, seeded from the council's seed, leaves every other draw as it was.
"""

import datetime
import random

from django.utils import timezone

from hearth.calendar.workingdays import age_on
from hearth.care.models import PeriodOfCare
from hearth.core.services import london_datetime
from hearth.missing.services import (
    missing_episode_record,
    missing_interview_record,
)
from hearth.performance.indicator import year_start

RUNNER_SHARE_11_PLUS = 0.22  # of looked-after children aged 11+, those who go missing in a year
RUNNER_SHARE_UNDER_11 = 0.01
EPISODES_PER_YEAR = (2, 12)  # a runner's rate, drawn once per child
AWAY_SHARE = 0.25
# How the interview goes: offered within 72 hours, offered late, never offered.
OFFER_WEIGHTS = {"in_time": 86, "late": 11, "never": 3}
RESPONSE_WEIGHTS = {"accepted": 55, "declined": 35, "": 10}


def simulate_missing(sim) -> dict:
    return MissingSimulation(sim).run()


class MissingSimulation:
    def __init__(self, sim):
        self.sim = sim
        self.random = random.Random(f"{sim.seed}-missing")
        self.now = min(timezone.now(), london_datetime(sim.today, datetime.time(18, 0)))
        self.window_start = datetime.date(year_start(sim.today).year - 2, 4, 1)

    def run(self) -> dict:
        counts = {"missing episodes": 0, "children who went missing": 0, "return home interviews offered": 0}
        periods = (
            PeriodOfCare.objects.filter(started_on__lte=self.sim.today)
            .exclude(ended_on__lt=self.window_start)
            .select_related("child", "referral")
            .prefetch_related("placements", "legal_statuses", "referral__allocations__worker__user")
            .order_by("pk")
        )
        missing_now = False
        for period in periods:
            born = period.child.date_of_birth
            if born is None:
                continue
            first = max(period.started_on, self.window_start)
            share = RUNNER_SHARE_11_PLUS if age_on(born, first) >= 11 else RUNNER_SHARE_UNDER_11
            if self.random.random() >= share:
                continue
            actor = self._actor(period)
            written = self._episodes(period, first, actor, counts)
            counts["children who went missing"] += 1 if written else 0
            if not missing_now and period.ended_on is None and age_on(born, self.sim.today) >= 12:
                missing_now = self._missing_now(period, actor, counts)
        return counts

    def _actor(self, period):
        current = [a for a in period.referral.allocations.all() if a.ended_on is None]
        if current:
            return current[0].worker.user
        workers = self.sim.users["workers"][period.referral.team_id]
        return workers[0].user

    def _changes(self, period) -> set[datetime.date]:
        """Days the period's placement or legal status changed (an episode of the 903 began)."""
        return {p.started_on for p in period.placements.all()} | {s.started_on for s in period.legal_statuses.all()}

    def _episodes(self, period, first: datetime.date, actor, counts) -> int:
        last = min(period.ended_on or self.sim.today, self.sim.today) - datetime.timedelta(days=1)
        if last <= first:
            return 0
        rate = self.random.uniform(*EPISODES_PER_YEAR) / 365
        changes = self._changes(period)
        written = 0
        day = first + datetime.timedelta(days=int(self.random.expovariate(rate)))
        previous_end = None
        while day < last:
            started_at = london_datetime(
                day, datetime.time(self.random.randint(14, 23), self.random.choice([0, 15, 30, 45]))
            )
            returned_at = started_at + self._length()
            back_day = timezone.localdate(returned_at)
            crosses_year = year_start(day) != year_start(back_day)
            crosses_change = any(day < change <= back_day for change in changes)
            if (
                returned_at < self.now
                and back_day <= last
                and not crosses_year
                and not crosses_change
                and (previous_end is None or started_at > previous_end)
            ):
                kind = "A" if self.random.random() < AWAY_SHARE else "M"
                episode = missing_episode_record(
                    actor=actor, period_id=period.pk, kind=kind, started_at=started_at, returned_at=returned_at
                )
                counts["missing episodes"] += 1
                written += 1
                previous_end = returned_at
                self._interview(episode, actor, counts)
            day = back_day + datetime.timedelta(days=1 + int(self.random.expovariate(rate)))
        return written

    def _length(self) -> datetime.timedelta:
        """Most episodes end the same night or next day; some last days."""
        band = self.random.choices(["hours", "day", "days"], weights=[60, 30, 10])[0]
        hours = {"hours": (2, 12), "day": (12, 48), "days": (48, 168)}[band]
        return datetime.timedelta(minutes=self.random.randint(hours[0] * 60, hours[1] * 60))

    def _interview(self, episode, actor, counts) -> None:
        how = self.random.choices(list(OFFER_WEIGHTS), weights=list(OFFER_WEIGHTS.values()))[0]
        if how == "never":
            return
        hours = self.random.uniform(4, 70) if how == "in_time" else self.random.uniform(74, 200)
        offered_at = episode.returned_at + datetime.timedelta(hours=hours)
        if offered_at > self.now:
            return  # not yet: it is on the worker's list
        response = self.random.choices(list(RESPONSE_WEIGHTS), weights=list(RESPONSE_WEIGHTS.values()))[0]
        missing_interview_record(
            actor=actor, episode_id=episode.pk, version=episode.version, offered_at=offered_at, response=response
        )
        counts["return home interviews offered"] += 1

    def _missing_now(self, period, actor, counts) -> bool:
        """The child went missing last night and is not back yet."""
        started_at = self.now - datetime.timedelta(hours=self.random.randint(14, 30))
        if period.missing_episodes.filter(returned_at__gte=started_at).exists():
            return False
        if timezone.localdate(started_at) < max(self._changes(period)):
            return False
        missing_episode_record(actor=actor, period_id=period.pk, kind="M", started_at=started_at)
        counts["missing episodes"] += 1
        return True
