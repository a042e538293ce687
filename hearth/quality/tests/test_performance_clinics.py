"""Issue 19: a performance clinic on an indicator rated red, with its attendees, the workers or
children behind the figure frozen, actions with owners and due dates on the owners' worklists, and
the indicator's value at the next clinic; W07 counts the actions overdue (docs/workforce.md)."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.performance.selectors import figure_from_rows
from hearth.performance.services import target_set
from hearth.quality import services_clinics as clinics
from hearth.quality.models import ClinicAction, PerformanceClinic
from hearth.workforce import services as workforce

D = datetime.date
W05 = "W05"
CLINIC_DAY = D(2025, 3, 20)


def _started(staff, worker, day):
    workforce.worker_employment_update(
        actor=staff.service_manager,
        worker_id=worker.pk,
        employment_type="PERMANENT",
        fte=Decimal("1"),
        qualified_on=None,
        asye_started_on=None,
        started_on=day,
        left_on=None,
    )


@pytest.fixture
def red_w05(staff):
    """Nina and Sol started on 6 January 2025 and nobody has supervised them: on 20 March W05 is 0 of
    2 against a target of 90% (tolerance 5): red."""
    _started(staff, staff.social_worker, D(2025, 1, 6))
    _started(staff, staff.other_social_worker, D(2025, 1, 6))
    for year in (2024, 2025):
        target_set(
            actor=staff.performance_officer, indicator_id=W05, year=year, target=Decimal(90), tolerance=Decimal(5)
        )
    return staff


def _hold(staff, day=CLINIC_DAY, indicator_id=W05, reason="", actions=None):
    return clinics.clinic_hold(
        actor=staff.performance_officer,
        indicator_id=indicator_id,
        held_on=day,
        attendees="Pat Tester, performance officer\nTomas Tester, team manager (North)",
        reason_not_red=reason,
        actions=actions
        or [
            clinics.ClinicActionDraft(
                action="Supervise every North worker this month", owner_id=staff.team_manager.pk, due_on=D(2025, 4, 1)
            )
        ],
    )


def test_a_clinic_on_a_red_indicator_freezes_its_figure_and_the_workers_behind_it(red_w05):
    clinic = _hold(red_w05)
    assert (clinic.rag, clinic.value, clinic.numerator, clinic.denominator) == ("red", Decimal("0.0"), 0, 2)
    rows = list(clinic.rows.order_by("worker"))
    assert [(r.worker, r.team, r.child_id, r.counted) for r in rows] == [
        ("Nina Tester", "North", None, False),
        ("Sol Tester", "South", None, False),
    ]
    # Frozen: supervising Nina later changes the figure, not the clinic's rows.
    workforce.supervision_record(
        actor=red_w05.team_manager.user, worker_id=red_w05.social_worker.pk, held_on=D(2025, 3, 25), decisions="Ok"
    )
    assert not clinic.rows.filter(counted=True).exists()


def test_a_clinic_on_an_indicator_not_rated_red_needs_a_reason(staff):
    with pytest.raises(ValidationError) as refused:
        _hold(staff, indicator_id="A01")
    assert (
        "A01 is rated not rated (no target) on 20 March 2025, not red"
        in refused.value.message_dict["reason_not_red"][0]
    )
    assert not PerformanceClinic.objects.exists()
    clinic = _hold(staff, indicator_id="A01", reason="The director asked for a look at the backlog")
    assert clinic.rag == "" and clinic.reason_not_red.startswith("The director")


@pytest.mark.parametrize(
    "day, actions, field, message",
    [
        (D(2099, 1, 1), None, "held_on", clinics.ERROR_CLINIC_IN_FUTURE),
        (D(2025, 3, 20), [clinics.ClinicActionDraft("", None, None)], "action_1_text", clinics.ERROR_ACTION_NEEDED),
        (
            D(2025, 3, 20),
            [clinics.ClinicActionDraft("Chase", None, D(2025, 3, 1))],
            "action_1_due_on",
            "The action cannot be due before the clinic (20 March 2025)",
        ),
    ],
)
def test_a_bad_clinic_is_refused_and_nothing_written(red_w05, day, actions, field, message):
    with pytest.raises(ValidationError) as refused:
        _hold(red_w05, day=day, actions=actions)
    assert message in refused.value.message_dict[field]
    assert not PerformanceClinic.objects.exists() and not ClinicAction.objects.exists()


def test_the_next_clinic_shows_the_indicators_value_then(red_w05, client_for):
    first = _hold(red_w05)
    workforce.supervision_record(
        actor=red_w05.team_manager.user, worker_id=red_w05.social_worker.pk, held_on=D(2025, 4, 1), decisions="Ok"
    )
    follow_up = [clinics.ClinicActionDraft("Supervise Sol", red_w05.team_manager.pk, D(2025, 5, 1))]
    _hold(red_w05, day=D(2025, 4, 20), actions=follow_up)  # Nina supervised, Sol not: 1 of 2, 50%, still red
    page = client_for(red_w05.service_manager).get(reverse("quality:clinic_detail", args=[first.pk])).content.decode()
    assert "At the next clinic" in page and "20 April 2025" in page and "50.0%" in page
    assert "Sol Tester: no supervision recorded" in page


@time_machine.travel(datetime.datetime(2025, 4, 2, 12, tzinfo=datetime.UTC), tick=False)
def test_the_action_is_on_its_owners_worklist_and_w07_counts_it_overdue(red_w05, client_for):
    clinic = _hold(red_w05)
    action = clinic.actions.get()
    client = client_for(red_w05.team_manager.user)
    page = client.get(reverse("worklists:mine")).content.decode()
    assert "Actions I own" in page and "Supervise every North worker this month" in page and "Overdue" in page
    w07 = CATALOGUE_BY_ID["W07"]
    assert w07.figure(D(2025, 4, 2)) == figure_from_rows(w07, D(2025, 4, 2)) == (1, 1)
    assert w07.figure(D(2025, 3, 25)) == (0, 1)  # open, not yet due
    response = client.post(
        reverse("quality:clinic_action_complete", args=[action.pk]),
        {
            "version": "1",
            "completed_on_day": "2",
            "completed_on_month": "4",
            "completed_on_year": "2025",
            "response": "All four supervised",
        },
    )
    assert response.status_code == 302
    assert w07.figure(D(2025, 4, 2)) == figure_from_rows(w07, D(2025, 4, 2)) == (0, 0)
    assert w07.figure(D(2025, 4, 1)) == (0, 1)  # still open at the end of 1 April
    assert "Supervise every North worker" not in client.get(reverse("worklists:mine")).content.decode()


def test_only_the_performance_team_holds_a_clinic(red_w05):
    with pytest.raises(ValidationError, match="Only a service manager, a performance and quality officer"):
        clinics.clinic_hold(
            actor=red_w05.team_manager.user, indicator_id=W05, held_on=D(2025, 3, 20), attendees="Tomas", actions=[]
        )
