"""The backlog and indicator A03, worked by hand with the 2024 bank holidays.

Working days count from the start (day 0), skipping weekends and the bank holidays of Monday
6 May and Monday 27 May 2024:

- Pia, started Fri 3 May 2024: WD 1 = Tue 7 May (6 May a holiday) ... WD 18 = Fri 31 May (27 May a
  holiday), WD 23 = Fri 7 Jun, WD 28 = Fri 14 Jun, WD 33 = Fri 21 Jun, WD 35 = Tue 25 Jun, WD 43 =
  Fri 5 Jul, WD 45 = Tue 9 Jul 2024. On Wed 10 Jul she is at WD 46: past 35 and past 45.
- Cal, started Mon 13 May 2024: WD 4 = Fri 17 May, WD 9 = Fri 24 May, WD 13 = Fri 31 May (27 May a
  holiday), WD 33 = Fri 28 Jun, WD 35 = Tue 2 Jul, WD 45 = Tue 16 Jul. On 10 Jul: WD 41, past 35 only.
- Bea, started Wed 22 May 2024: WD 6 = Fri 31 May, WD 26 = Fri 28 Jun, WD 31 = Fri 5 Jul, WD 34 =
  Wed 10 Jul. On 10 Jul: within 35, not in the backlog.
- Dot, started Wed 1 May 2024, authorised Mon 1 Jul: closed before 10 Jul, never in the backlog.
- Sol's assessment (South), started Fri 3 May like Pia's: past 45, but not in North's team.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hearth.assessment.selectors import backlog
from hearth.performance.selectors import result_by_id
from hearth.testing.journeys import authorised_assessment, new_child

D = datetime.date


@pytest.fixture
def cases(staff):
    return {
        "pia": authorised_assessment(staff, new_child(staff, "Pia"), D(2024, 5, 3), None),
        "cal": authorised_assessment(staff, new_child(staff, "Cal"), D(2024, 5, 13), None),
        "bea": authorised_assessment(staff, new_child(staff, "Bea"), D(2024, 5, 22), None),
        "dot": authorised_assessment(staff, new_child(staff, "Dot"), D(2024, 5, 1), D(2024, 7, 1)),
        "sol": authorised_assessment(
            staff, new_child(staff, "Sol"), D(2024, 5, 3), None, worker=staff.other_social_worker
        ),
    }


def test_the_team_manager_sees_their_team_past_35_and_past_45_oldest_first(staff, cases):
    result = backlog(user=staff.team_manager.user, as_of=D(2024, 7, 10))
    assert (result.past_local, result.past_national) == (2, 1)
    [north] = result.teams
    assert north.team == staff.north
    [nina] = north.workers
    assert [(r.child.first_name, r.working_days, r.local_due, r.due, r.past_national) for r in nina.rows] == [
        ("Pia", 46, D(2024, 6, 25), D(2024, 7, 9), True),
        ("Cal", 41, D(2024, 7, 2), D(2024, 7, 16), False),
    ]


def test_the_service_manager_sees_every_team(staff, cases):
    result = backlog(user=staff.service_manager, as_of=D(2024, 7, 10))
    assert [group.team.name for group in result.teams] == ["North", "South"]
    assert (result.past_local, result.past_national) == (3, 2)


def test_on_the_45th_working_day_itself_the_assessment_is_not_yet_past_45(staff, cases):
    result = backlog(user=staff.team_manager.user, as_of=D(2024, 7, 9))
    assert result.past_national == 0 and result.past_local == 2


def test_a03_counts_open_assessments_past_45_working_days(staff, cases):
    """As at 10 Jul 2024: Pia (North) and Sol (South), both started 3 May: 2. As at 9 Jul: 0."""
    result = result_by_id("A03", D(2024, 7, 10))
    assert result.value == 2
    assert sorted(row.child_name for row in result.rows) == ["Pia Example", "Sol Example"]
    assert {row.due for row in result.rows} == {D(2024, 7, 9)}
    assert result_by_id("A03", D(2024, 7, 9)).value == 0


def test_a03_counts_an_assessment_open_on_the_date_even_if_authorised_since(staff):
    """Authorised Fri 12 Jul 2024: still open at the end of 10 Jul, so counted as at 10 Jul, not
    as at 12 Jul."""
    authorised_assessment(staff, new_child(staff, "Late"), D(2024, 5, 3), D(2024, 7, 12))
    assert result_by_id("A03", D(2024, 7, 10)).value == 1
    assert result_by_id("A03", D(2024, 7, 12)).value == 0


def test_the_a03_drill_down_lists_the_backlog_by_worker(staff, cases, client_for):
    page = client_for(staff.service_manager).get("/performance/A03/?as_of_day=10&as_of_month=7&as_of_year=2024")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Pia Example" in text and "Sol Example" in text and "Cal Example" not in text


def test_the_backlog_page_links_each_child_of_the_managers_team(staff, client_for):
    """Started 100 calendar days ago (at least 64 working days), still open today."""
    long_ago = timezone.localdate() - datetime.timedelta(days=100)
    mine = authorised_assessment(staff, new_child(staff, "Old"), long_ago, None)
    authorised_assessment(staff, new_child(staff, "Southern"), long_ago, None, worker=staff.other_social_worker)
    page = client_for(staff.team_manager.user).get(reverse("assessment:backlog"))
    text = page.content.decode()
    assert reverse("people:child_detail", args=[mine.child_id]) in text and "Old Example" in text
    assert "Southern Example" not in text
