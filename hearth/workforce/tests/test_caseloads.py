"""Issue 19: the one caseload rule, the thresholds, the weekly snapshot and the manager's page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.frontdoor.services import case_close
from hearth.testing.journeys import allocated_case, at, new_child, referred_case
from hearth.workforce import services
from hearth.workforce.caseloads import caseloads_on, monday_of, weekly_trend
from hearth.workforce.models import CaseloadWeek, WeeklyCaseload

D = datetime.date
MONDAY = D(2025, 6, 2)  # a Monday


def _allocate(staff, referral, on, worker=None, reason=""):
    return services.case_allocate(
        actor=staff.team_manager.user,
        referral_id=referral.pk,
        worker_id=(worker or staff.social_worker).pk,
        started_on=on,
        change_reason=reason,
    )


def _case(staff, name, on):
    return referred_case(staff, new_child(staff, first_name=name), at(on, 9))


def test_the_caseload_rule_worked_by_hand(staff):
    """Nina on Monday 2 June 2025. Held: Ada (allocated 6 May, open); Bea (two cases, both hers:
    counts once); Cal's case closed on 2 June (not held that day); Dan's case passed to a colleague
    on 2 June (the colleague's from that day); Eve's allocation starts on 3 June (not yet). Nina: 2."""
    from hearth.core.roles import Role

    second = services.worker_create(
        actor=None,
        user=services.user_create(
            actor=None,
            username="noor",
            first_name="Noor",
            last_name="Tester",
            email="noor@example.org",
            password="x-long-password",
            role=Role.SOCIAL_WORKER,
        ),
        team=staff.north,
        job_title="Social worker",
    )
    ada = _case(staff, "Ada", D(2025, 5, 6))
    _allocate(staff, ada, D(2025, 5, 6))
    bea_child = new_child(staff, first_name="Bea")
    bea_one = referred_case(staff, bea_child, at(D(2025, 5, 7), 9))
    _allocate(staff, bea_one, D(2025, 5, 7))
    case_close(actor=staff.team_manager.user, referral_id=bea_one.pk, closed_on=D(2025, 5, 20), reason="RC7")
    bea_two = referred_case(staff, bea_child, at(D(2025, 5, 21), 9))
    _allocate(staff, bea_two, D(2025, 5, 21))
    cal = _case(staff, "Cal", D(2025, 5, 8))
    _allocate(staff, cal, D(2025, 5, 8))
    case_close(actor=staff.team_manager.user, referral_id=cal.pk, closed_on=MONDAY, reason="RC7")
    dan = _case(staff, "Dan", D(2025, 5, 9))
    _allocate(staff, dan, D(2025, 5, 9))
    _allocate(staff, dan, MONDAY, worker=second, reason="MANAGE")
    eve = _case(staff, "Eve", D(2025, 5, 12))
    _allocate(staff, eve, D(2025, 6, 3))

    loads = {load.worker.pk: load for load in caseloads_on(MONDAY, team=staff.north)}
    assert loads[staff.social_worker.pk].children == 2
    assert set(loads[staff.social_worker.pk].child_ids) == {ada.child_id, bea_child.pk}
    assert loads[second.pk].children == 1  # Dan, from the day of the reallocation
    assert staff.team_manager.pk not in loads  # holds no cases
    # The day before: Cal and Dan were still Nina's (Bea's first case had closed by then, the second open).
    assert {load.worker.pk: load.children for load in caseloads_on(MONDAY - datetime.timedelta(days=1))}[
        staff.social_worker.pk
    ] == 4


@override_settings(HEARTH_CASELOAD_THRESHOLD=2, HEARTH_ASYE_CASELOAD_THRESHOLD=1)
def test_over_the_threshold_means_more_than_it_and_the_asye_year_has_its_own(staff):
    for name in ("Ada", "Bea"):
        _allocate(staff, _case(staff, name, D(2025, 5, 6)), D(2025, 5, 6))
    [load] = caseloads_on(MONDAY, team=staff.north)
    assert (load.children, load.threshold, load.over_threshold) == (2, 2, False)  # at 2 is not over 2

    services.worker_employment_update(
        actor=staff.service_manager,
        worker_id=staff.social_worker.pk,
        employment_type="PERMANENT",
        fte=1,
        qualified_on=D(2024, 7, 1),
        asye_started_on=D(2024, 9, 2),
        started_on=D(2024, 9, 2),
        left_on=None,
    )
    [load] = caseloads_on(MONDAY, team=staff.north)
    assert (load.in_asye, load.threshold, load.over_threshold) == (True, 1, True)
    # The ASYE year ends the day before its anniversary: on 2 September 2025 the usual threshold applies.
    [load] = caseloads_on(D(2025, 9, 1), team=staff.north)
    assert load.in_asye
    [load] = caseloads_on(D(2025, 9, 2), team=staff.north)
    assert (load.in_asye, load.over_threshold) == (False, False)


def test_a_worker_who_has_left_has_no_caseload_and_one_not_started_neither(staff):
    _allocate(staff, _case(staff, "Ada", D(2025, 5, 6)), D(2025, 5, 6))
    services.worker_employment_update(
        actor=staff.service_manager,
        worker_id=staff.social_worker.pk,
        employment_type="AGENCY",
        fte=1,
        qualified_on=None,
        asye_started_on=None,
        started_on=D(2025, 1, 6),
        left_on=D(2025, 5, 30),
    )
    assert [load.worker for load in caseloads_on(D(2025, 5, 30), team=staff.north)] == [staff.social_worker]
    assert caseloads_on(MONDAY, team=staff.north) == []
    assert caseloads_on(D(2025, 1, 5), team=staff.north) == []


def test_the_weekly_snapshot_freezes_once_per_week(staff):
    for name in ("Ada", "Bea", "Cal"):
        _allocate(staff, _case(staff, name, D(2025, 5, 6)), D(2025, 5, 6))
    with override_settings(HEARTH_CASELOAD_THRESHOLD=2):
        week, created = services.caseload_week_freeze(week_starting=MONDAY)
    assert created and week.threshold == 2
    frozen = WeeklyCaseload.objects.get(week=week, worker=staff.social_worker)
    assert (frozen.children, frozen.over_threshold, frozen.in_asye) == (3, True, False)
    assert WeeklyCaseload.objects.get(week=week, worker=staff.other_social_worker).children == 0

    # A new case after the Monday, and the same week frozen again: nothing changes.
    _allocate(staff, _case(staff, "Dan", D(2025, 6, 3)), D(2025, 6, 3))
    again, created = services.caseload_week_freeze(week_starting=MONDAY)
    assert (again.pk, created) == (week.pk, False)
    assert WeeklyCaseload.objects.get(week=week, worker=staff.social_worker).children == 3
    assert WeeklyCaseload.objects.filter(week=week).count() == 2
    assert AuditEvent.objects.filter(action="caseloads.freeze_week").count() == 1


def test_a_week_is_frozen_on_its_monday_and_not_before_it_starts(staff):
    with pytest.raises(ValidationError) as refused:
        services.caseload_week_freeze(week_starting=D(2025, 6, 3))
    assert refused.value.messages == [services.ERROR_WEEK_NOT_MONDAY]
    next_monday = monday_of(timezone.localdate()) + datetime.timedelta(weeks=1)
    with pytest.raises(ValidationError) as refused:
        services.caseload_week_freeze(week_starting=next_monday)
    assert refused.value.messages == [services.ERROR_WEEK_IN_FUTURE]
    assert not CaseloadWeek.objects.exists()


def test_the_command_asks_the_task_to_freeze_the_week_of_the_date_given(staff, capsys):
    _allocate(staff, _case(staff, "Ada", D(2025, 5, 6)), D(2025, 5, 6))
    call_command("freeze_weekly_caseloads", "--week", "2025-06-04")  # a Wednesday: its Monday is frozen
    call_command("freeze_weekly_caseloads", "--week", "2025-06-02")  # again: idempotent
    assert "week of 2 June 2025" in capsys.readouterr().out
    week = CaseloadWeek.objects.get()
    assert week.week_starting == MONDAY
    assert week.caseloads.get(worker=staff.social_worker).children == 1


@override_settings(HEARTH_CASELOAD_THRESHOLD=1)
def test_the_trend_reads_twelve_mondays_with_gaps_where_the_job_did_not_run(staff):
    _allocate(staff, _case(staff, "Ada", D(2025, 5, 6)), D(2025, 5, 6))
    _allocate(staff, _case(staff, "Bea", D(2025, 5, 20)), D(2025, 5, 20))
    services.caseload_week_freeze(week_starting=D(2025, 5, 12))  # Nina 1: not over 1
    services.caseload_week_freeze(week_starting=MONDAY)  # Nina 2: over
    trend = weekly_trend(D(2025, 6, 4))
    assert len(trend) == 12 and trend[0].week_starting == D(2025, 3, 17) and trend[-1].week_starting == MONDAY
    by_week = {w.week_starting: w for w in trend}
    assert (by_week[MONDAY].over_threshold, by_week[MONDAY].workers, by_week[MONDAY].average) == (1, 2, 1.0)
    assert (by_week[D(2025, 5, 12)].over_threshold, by_week[D(2025, 5, 12)].average) == (0, 0.5)
    assert not by_week[D(2025, 5, 26)].frozen


@override_settings(HEARTH_CASELOAD_THRESHOLD=1)
def test_the_managers_page_lists_who_is_over_with_their_children_and_the_trend(staff, client_for):
    today = timezone.localdate()
    monday = monday_of(today)
    ada = allocated_case(staff, new_child(staff, first_name="Ada"), at(monday - datetime.timedelta(days=10), 9))
    bea = allocated_case(staff, new_child(staff, first_name="Bea"), at(monday - datetime.timedelta(days=9), 9))
    services.caseload_week_freeze(week_starting=monday)

    page = client_for(staff.service_manager).get("/cases/caseloads/weekly/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Nina Tester, North: 2 children" in text
    assert str(ada.child) in text and str(bea.child) in text
    assert "<svg" in text and "Caseloads each Monday" in text
    assert text.count("Not counted (the weekly job did not run)") == 11

    # A manager of another team sees the count but not the names of children they may not see.
    from hearth.core.roles import Role

    south_manager = services.worker_create(
        actor=None,
        user=services.user_create(
            actor=None,
            username="sam",
            first_name="Sam",
            last_name="Tester",
            email="sam@example.org",
            password="x-long-password",
            role=Role.TEAM_MANAGER,
        ),
        team=staff.south,
        job_title="Team manager",
        holds_cases=False,
    )
    text = client_for(south_manager.user).get("/cases/caseloads/weekly/").content.decode()
    assert "Nina Tester, North: 2 children" in text and str(ada.child) not in text
    assert "And 2 children you cannot see" in text

    assert client_for(staff.social_worker.user).get("/cases/caseloads/weekly/").status_code == 403
