"""A three-month synthetic council (seed 7, 40 contacts a month to 31 March 2026), built once for
this module and rolled back after it, and what it must hold:
- missing episodes written through the services for looked-after children aged 11 and over (nearly
  all), most interviews offered within 72 hours and some not, one child missing now, and none
  across 31 March (so the 903 never shows one open at a year's end);
- case audits with a spread of grades, actions for the case holders, some done and some overdue,
  and some for the demo social worker."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from hearth.missing.models import MissingEpisode
from hearth.missing.return903 import missing_rows
from hearth.missing.selectors import interview_offered_in_time
from hearth.performance.indicator import year_start
from hearth.quality.models import AuditAction, CaseAudit, Grade
from hearth.simulate.council import Simulation
from hearth.testing.built_council import council_for_the_module

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 31)


@pytest.fixture(scope="module")
def council(django_db_setup, django_db_blocker) -> dict:
    """The council's counts, the council itself in the database until the module's tests are done."""
    build = Simulation(seed=7, today=TODAY, months=3, contacts_per_month=40).run
    with council_for_the_module(django_db_blocker, build, today=TODAY) as counts:
        yield counts


@pytest.fixture(autouse=True)
def on_the_councils_today():
    with time_machine.travel(datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)):
        yield


def test_missing_episodes_are_recorded_at_realistic_rates_through_the_services(council):
    counts = council
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


def test_case_audits_are_recorded_each_month_with_actions_done_and_overdue(council):
    counts = council
    audits = CaseAudit.objects.all()
    assert audits.count() == counts["case audits"] >= 10
    assert len({a.audited_on.month for a in audits}) >= 3
    assert {a.grade for a in audits} >= {Grade.GOOD, Grade.REQUIRES_IMPROVEMENT}
    actions = AuditAction.objects.all()
    assert actions.count() == counts["audit actions"] and counts["audit actions done"] > 0
    assert actions.filter(completed_on__isnull=False).count() == counts["audit actions done"]
    assert actions.filter(completed_on__isnull=True, due_on__lt=TODAY).exists()  # some left overdue
    assert actions.filter(worker__user__username="sw", completed_on__isnull=True).exists()
    for audit in audits.prefetch_related("actions"):
        if audit.grade in (Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE):
            assert audit.actions.exists()
