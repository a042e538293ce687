"""A three-month synthetic council (seed 7, 40 contacts a month to 31 March 2026), built once for
this module and rolled back after it, and what it must hold:
- missing episodes written through the services for looked-after children aged 11 and over (nearly
  all), most interviews offered within 72 hours and some not, one child missing now, and none
  across 31 March (so the 903 never shows one open at a year's end);
- case audits with a spread of grades, actions for the case holders, some done and some overdue,
  and some for the demo social worker, every audit on a working day."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from hearth.calendar.selectors import current_calendar
from hearth.calendar.workingdays import WorkingCalendar
from hearth.missing.models import MissingEpisode
from hearth.missing.return903 import missing_rows
from hearth.missing.selectors import interview_offered_in_time
from hearth.performance.indicator import year_start
from hearth.quality.models import AuditAction, CaseAudit, Grade
from hearth.simulate.council import Simulation
from hearth.simulate.quality import working_day_near
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


def test_case_audits_fall_on_working_days(council):
    calendar = current_calendar()
    days = set(CaseAudit.objects.values_list("audited_on", flat=True))
    assert days
    off = sorted(day for day in days if day.weekday() >= 5 or day in calendar.holidays)
    assert off == [], f"case audits on a weekend or a bank holiday: {off}"


def test_an_audit_day_drawn_on_a_weekend_or_bank_holiday_moves_to_a_working_day_in_its_month():
    # May 2026: Mon 4 May and Mon 25 May are bank holidays; the 2nd, 3rd, 30th and 31st a weekend.
    calendar = WorkingCalendar([datetime.date(2026, 5, 4), datetime.date(2026, 5, 25)])
    first, last = datetime.date(2026, 5, 1), datetime.date(2026, 5, 31)

    def moved(day: int, last=last) -> datetime.date | None:
        return working_day_near(calendar, datetime.date(2026, 5, day), first, last)

    assert moved(5) == datetime.date(2026, 5, 5)  # a Tuesday stays
    assert moved(2) == moved(3) == moved(4) == datetime.date(2026, 5, 5)  # the weekend and the holiday after it
    assert moved(23) == moved(25) == datetime.date(2026, 5, 26)
    assert moved(30) == moved(31) == datetime.date(2026, 5, 29)  # no working day after: the Friday before
    assert moved(2, last=datetime.date(2026, 5, 4)) == datetime.date(2026, 5, 1)
    # A window of a weekend and a bank holiday has no working day: no audit, not one moved outside it.
    assert (
        working_day_near(calendar, datetime.date(2026, 5, 3), datetime.date(2026, 5, 2), datetime.date(2026, 5, 4))
        is None
    )
    every = {moved(day) for day in range(1, 32)}
    assert all(calendar.is_working_day(day) and first <= day <= last for day in every)
