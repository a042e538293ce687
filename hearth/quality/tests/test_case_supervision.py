"""Issue 19: case supervision on a child's file, quarterly for a looked-after child (T41) and monthly
for a child on a child protection plan (T42), local standards; on the team's worklist (docs/workforce.md)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.quality import services
from hearth.quality.case_supervision import case_supervision_figure, needing_case_supervision
from hearth.quality.models import CaseSupervision
from hearth.testing.journeys import allocated_case, at, looked_after_child, new_child
from hearth.testing.protection_journeys import child_on_plan
from hearth.timescales.models import LocalStandard
from hearth.worklists.selectors import worklist_for_team

D = datetime.date


def _supervise(staff, referral, day, actor=None, decisions="Contact with mother to be reviewed by the IRO"):
    return services.case_supervision_record(
        actor=actor or staff.team_manager.user, referral_id=referral.pk, held_on=day, decisions=decisions
    )


@pytest.fixture
def ada(staff):
    """Ada, looked after from 2 June 2025."""
    return looked_after_child(staff, new_child(staff, "Ada", "Lovelace"), D(2025, 6, 2))


@pytest.fixture
def bea(staff):
    """Bea, on a child protection plan from her conference on 20 May 2025."""
    return child_on_plan(staff, new_child(staff, "Bea", "Hallam"), D(2025, 5, 1), D(2025, 5, 20))


def _due(as_of, child):
    return next(due for due in needing_case_supervision(as_of) if due.child_id == child.pk)


def test_t41_worked_by_hand_quarterly_for_a_looked_after_child(staff, ada):
    # Looked after from 2 June with no case supervision: due 2 September, overdue the day after.
    assert _due(D(2025, 9, 2), ada.child).due == D(2025, 9, 2)
    assert _due(D(2025, 9, 2), ada.child).in_timescale(D(2025, 9, 2))
    assert not _due(D(2025, 9, 3), ada.child).in_timescale(D(2025, 9, 3))
    # Supervised on 20 August: the next is due three months after, on 20 November.
    _supervise(staff, ada.referral, D(2025, 8, 20))
    assert _due(D(2025, 9, 3), ada.child).due == D(2025, 11, 20)
    assert _due(D(2025, 8, 19), ada.child).due == D(2025, 9, 2)  # as it stood before the supervision
    assert _due(D(2025, 9, 3), ada.child).reason == "looked after"


def test_t42_worked_by_hand_monthly_for_a_child_on_a_protection_plan(staff, bea):
    # On a plan from 20 May: due 20 June; supervised 18 June, the next is due 18 July.
    assert _due(D(2025, 6, 1), bea.child).due == D(2025, 6, 20)
    _supervise(staff, bea.referral, D(2025, 6, 18))
    due = _due(D(2025, 7, 1), bea.child)
    assert (due.due, due.last, due.rule_id, due.reason) == (
        D(2025, 7, 18),
        D(2025, 6, 18),
        "T42",
        "on a child protection plan",
    )


def test_the_councils_local_standard_replaces_the_quarter(staff, ada):
    LocalStandard.objects.create(rule_id="T41", limit=2, source="Local: every two months (test)")
    assert _due(D(2025, 7, 1), ada.child).due == D(2025, 8, 2)


def test_a_child_neither_looked_after_nor_on_a_plan_needs_none(staff):
    child = new_child(staff, "Cal", "Quiet")
    allocated_case(staff, child, at(D(2025, 5, 1), 9))
    assert all(due.child_id != child.pk for due in needing_case_supervision(D(2025, 9, 1)))


def test_w06s_sql_figure_equals_its_rows(staff, ada, bea):
    _supervise(staff, bea.referral, D(2025, 6, 18))
    for as_of in (D(2025, 6, 1), D(2025, 7, 18), D(2025, 7, 19), D(2025, 9, 3)):
        rows = needing_case_supervision(as_of)
        assert case_supervision_figure(as_of) == (sum(due.in_timescale(as_of) for due in rows), len(rows))
    # By hand on 19 July: Bea overdue (due 18 July), Ada in timescale (due 2 September).
    assert case_supervision_figure(D(2025, 7, 19)) == (1, 2)


@pytest.mark.parametrize(
    "day, decisions, message",
    [
        (D(2099, 1, 1), "Agreed", services.ERROR_DATE_IN_FUTURE),
        (D(2025, 1, 1), "Agreed", "The supervision cannot be before the case was opened (30 May 2025)"),
        (D(2025, 7, 1), "  ", services.ERROR_CASE_SUPERVISION_NO_DECISIONS),
    ],
)
def test_bad_case_supervision_is_refused_and_nothing_written(staff, ada, day, decisions, message):
    with pytest.raises(ValidationError) as refused:
        _supervise(staff, ada.referral, day, decisions=decisions)
    assert message in refused.value.messages
    assert not CaseSupervision.objects.exists()


def test_the_holder_is_kept_and_a_worker_may_not_record_it(staff, ada):
    with pytest.raises(ValidationError, match="Only a manager of the team holding the case"):
        _supervise(staff, ada.referral, D(2025, 7, 1), actor=staff.social_worker.user)
    supervision = _supervise(staff, ada.referral, D(2025, 7, 1))
    assert supervision.worker == staff.social_worker and supervision.child == ada.child
    assert AuditEvent.objects.filter(action="case.supervision", child=ada.child).exists()
    with pytest.raises(ValidationError, match="already recorded"):
        _supervise(staff, ada.referral, D(2025, 7, 1))


@time_machine.travel(datetime.datetime(2025, 9, 10, 12, tzinfo=datetime.UTC), tick=False)
def test_case_supervision_due_is_on_the_teams_worklist_and_recorded_from_the_childs_page(staff, ada, client_for):
    [item] = [i for i in worklist_for_team(staff.north, user=staff.team_manager.user) if "Case supervision" in i.duty]
    assert (item.child_id, item.due, item.duty) == (
        ada.child_id,
        D(2025, 9, 2),
        "Case supervision (looked after; none yet)",
    )
    client = client_for(staff.team_manager.user)
    page = client.get(reverse("people:child_detail", args=[ada.child_id])).content.decode()
    url = reverse("quality:case_supervision_record", args=[ada.referral_id])
    assert url in page
    response = client.post(
        url, {"held_on_day": "9", "held_on_month": "9", "held_on_year": "2025", "decisions": "Plan for permanence"}
    )
    assert response.status_code == 302
    page = client.get(reverse("people:child_detail", args=[ada.child_id])).content.decode()
    assert "Case supervision" in page and "Plan for permanence" in page
    [item] = [i for i in worklist_for_team(staff.north, user=staff.team_manager.user) if "Case supervision" in i.duty]
    assert item.due == D(2025, 12, 9)
