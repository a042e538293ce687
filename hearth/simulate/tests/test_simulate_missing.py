"""The synthetic council's missing episodes: written through the services for looked-after children
aged 11 and over (nearly all), most interviews offered within 72 hours and some not, one child
missing now, and none across 31 March (so the 903 never shows one open at a year's end)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from hearth.missing.models import MissingEpisode
from hearth.missing.return903 import missing_rows
from hearth.missing.selectors import interview_offered_in_time
from hearth.performance.indicator import year_start
from hearth.simulate.council import Simulation

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def on_the_councils_today():
    with time_machine.travel(datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)):
        yield


def test_missing_episodes_are_recorded_at_realistic_rates_through_the_services():
    counts = Simulation(seed=7, today=TODAY, months=3, contacts_per_month=40).run()
    episodes = list(MissingEpisode.objects.select_related("child", "period"))
    assert len(episodes) == counts["missing episodes"] >= 10
    assert len({e.child_id for e in episodes if e.returned_at}) == counts["children who went missing"]
    open_now = [e for e in episodes if e.returned_at is None]
    assert len(open_now) == 1 and open_now[0].period.ended_on is None
    returned = [e for e in episodes if e.returned_at is not None]
    in_time = [e for e in returned if interview_offered_in_time(e)]
    assert 0.6 < len(in_time) / len(returned) < 1  # most, not all
    assert {e.kind for e in episodes} == {"M", "A"}
    for e in returned:
        assert year_start(timezone.localdate(e.started_at)) == year_start(timezone.localdate(e.returned_at))
    last_year = missing_rows(datetime.date(2024, 4, 1), datetime.date(2025, 3, 31))
    assert all(row["MIS_END"] for row in last_year)
