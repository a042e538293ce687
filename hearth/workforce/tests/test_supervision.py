"""Issue 19: a worker's supervision, recorded by their team's manager with the decisions made, due
monthly by rule T40 (docs/workforce.md "Supervision"), on the team's worklist."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.workforce import services
from hearth.workforce.models import Supervision, Worker
from hearth.workforce.selectors import supervision_for_team
from hearth.workforce.supervision import supervision_due, supervision_in_timescale

D = datetime.date


def _started(staff, worker, day):
    services.worker_employment_update(
        actor=staff.service_manager,
        worker_id=worker.pk,
        employment_type="PERMANENT",
        fte=Decimal("1"),
        qualified_on=None,
        asye_started_on=None,
        started_on=day,
        left_on=None,
    )
    return Worker.objects.get(pk=worker.pk)


def _supervise(staff, day, worker=None, actor=None, decisions="Review Ada's plan by Friday"):
    return services.supervision_record(
        actor=actor or staff.team_manager.user,
        worker_id=(worker or staff.social_worker).pk,
        held_on=day,
        decisions=decisions,
    )


def test_t40_worked_by_hand_monthly_from_the_last_supervision_or_the_start(staff):
    # Nina started on 6 January 2025, was supervised on 3 February and again, late, on 10 March.
    nina = _started(staff, staff.social_worker, D(2025, 1, 6))
    held = [D(2025, 2, 3), D(2025, 3, 10)]
    # Before her first supervision the clock runs from her start: due 6 February.
    assert supervision_due(nina, held, D(2025, 1, 31)) == D(2025, 2, 6)
    assert supervision_in_timescale(nina, held, D(2025, 1, 31))
    # From 3 February it runs from that supervision: due 3 March, overdue the day after.
    assert supervision_due(nina, held, D(2025, 3, 3)) == D(2025, 3, 3)
    assert supervision_in_timescale(nina, held, D(2025, 3, 3))
    assert not supervision_in_timescale(nina, held, D(2025, 3, 4))
    # The late supervision restarts the clock from the day it was held, not the day it was due.
    assert supervision_due(nina, held, D(2025, 3, 10)) == D(2025, 4, 10)
    assert supervision_in_timescale(nina, held, D(2025, 3, 10))


def test_a_worker_with_no_start_and_no_supervision_is_not_in_timescale(staff):
    assert not supervision_in_timescale(staff.social_worker, [], D(2025, 3, 1))
    assert supervision_due(staff.social_worker, [], D(2025, 3, 1)) == D(2025, 3, 1)


def test_the_team_manager_records_a_supervision_with_its_decisions_and_an_audit_row(staff):
    supervision = _supervise(staff, D(2025, 2, 3))
    assert (supervision.worker, supervision.supervisor, supervision.held_on) == (
        staff.social_worker,
        staff.team_manager.user,
        D(2025, 2, 3),
    )
    assert supervision.decisions == "Review Ada's plan by Friday"
    assert AuditEvent.objects.filter(action="worker.supervision", object_id=str(supervision.pk)).exists()


@pytest.mark.parametrize(
    "day, decisions, message",
    [
        (D(2024, 12, 31), "Agreed", "Nina Tester started on 6 January 2025: the supervision cannot be before then"),
        (D(2099, 1, 1), "Agreed", services.ERROR_SUPERVISION_IN_FUTURE),
        (D(2025, 2, 3), "   ", services.ERROR_SUPERVISION_NO_DECISIONS),
    ],
)
def test_a_supervision_before_the_start_in_the_future_or_without_decisions_is_refused(staff, day, decisions, message):
    _started(staff, staff.social_worker, D(2025, 1, 6))
    with pytest.raises(ValidationError) as refused:
        _supervise(staff, day, decisions=decisions)
    assert message in refused.value.messages
    assert not Supervision.objects.exists()


def test_a_second_supervision_the_same_day_and_one_after_leaving_are_refused(staff):
    _supervise(staff, D(2025, 2, 3))
    with pytest.raises(ValidationError, match="already recorded"):
        _supervise(staff, D(2025, 2, 3))
    services.worker_employment_update(
        actor=staff.service_manager,
        worker_id=staff.social_worker.pk,
        employment_type="PERMANENT",
        fte=Decimal("1"),
        qualified_on=None,
        asye_started_on=None,
        started_on=None,
        left_on=D(2025, 3, 31),
    )
    with pytest.raises(ValidationError, match="left on 31 March 2025"):
        _supervise(staff, D(2025, 4, 1))
    assert Supervision.objects.count() == 1


def test_only_the_workers_own_manager_or_a_service_manager_records_it(staff):
    with pytest.raises(ValidationError, match="Only the manager of Nina Tester's team"):
        _supervise(staff, D(2025, 2, 3), actor=staff.other_social_worker.user)
    with pytest.raises(ValidationError, match="Only the manager of Sol Tester's team"):
        _supervise(staff, D(2025, 2, 3), worker=staff.other_social_worker)  # Tomas manages North, not South
    _supervise(staff, D(2025, 2, 3), worker=staff.other_social_worker, actor=staff.service_manager)
    assert Supervision.objects.count() == 1


def test_the_teams_supervision_due_most_overdue_first(staff):
    _started(staff, staff.social_worker, D(2025, 1, 6))
    _supervise(staff, D(2025, 2, 3))
    [nina] = supervision_for_team(staff.north, D(2025, 3, 20))  # Tomas holds no cases: not listed
    assert (nina.last, nina.due, nina.overdue) == (D(2025, 2, 3), D(2025, 3, 3), True)
    assert "local standard" in nina.rule


@time_machine.travel(datetime.datetime(2025, 3, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_the_team_page_lists_supervision_due_and_the_manager_records_one(staff, client_for):
    _started(staff, staff.social_worker, D(2025, 1, 6))
    client = client_for(staff.team_manager.user)
    page = client.get(reverse("worklists:team")).content.decode()
    assert "Supervision, most overdue first" in page and "None recorded" in page and "Overdue" in page
    url = reverse("workforce:worker_supervision", args=[staff.social_worker.pk])
    assert url in page
    response = client.post(
        url,
        {"held_on_day": "20", "held_on_month": "3", "held_on_year": "2025", "decisions": "Close Bea's case"},
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Close Bea&#x27;s case" in page and "20 April 2025" in page
    refused = client.post(
        url, {"held_on_day": "1", "held_on_month": "1", "held_on_year": "2025", "decisions": "Too early"}
    )
    assert "the supervision cannot be before then" in refused.content.decode()
    assert Supervision.objects.count() == 1
