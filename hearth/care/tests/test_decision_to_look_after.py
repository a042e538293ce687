"""The decision to look after a child, recorded with the start of care: approved beforehand by a
service manager or the director (the council's threshold, HEARTH_CARE_DECISION_BY), or an emergency
approved afterwards (T51, on the worklists until then); a period with no decision (history) owes
none. Each refusal writes nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from hearth.care import services
from hearth.care.models import CareDecision, PeriodOfCare
from hearth.care.services import DECISION_NOT_HELD, StartDecision
from hearth.testing.journeys import allocated_case, approved, at, foster_placement, looked_after_child, new_child
from hearth.worklists.selectors import worklist_for_team, worklist_for_worker

D = datetime.date
pytestmark = pytest.mark.django_db
START = D(2025, 7, 4)  # a Friday


def _start(staff, decision, child_name="Ada"):
    referral = allocated_case(staff, new_child(staff, child_name, "Larkspur"), at(D(2025, 7, 1), 10))
    return services.care_start(
        actor=staff.social_worker.user,
        referral_id=referral.pk,
        started_on=START,
        category_of_need="N1",
        legal_status="V2",
        placement=foster_placement(),
        decision=decision,
    )


def _refused(staff, decision) -> dict:
    with pytest.raises(ValidationError) as refused:
        _start(staff, decision)
    assert not PeriodOfCare.objects.exists() and not CareDecision.objects.exists()
    return refused.value.message_dict


def test_care_cannot_start_without_the_decision_unless_an_emergency(staff):
    assert _refused(staff, None) == {"approved_by": [services.ERROR_DECISION_REQUIRED]}
    assert _refused(staff, StartDecision(approved_by_id=staff.social_worker.user.pk, approved_on=START)) == {
        "approved_by": [
            "The decision to look after a child is approved by a service manager or the director (the "
            "council's threshold)"
        ]
    }
    assert _refused(staff, StartDecision(approved_by_id=staff.service_manager.pk, approved_on=None)) == {
        "approved_on": [services.ERROR_DECISION_DATE_REQUIRED]
    }
    after = _refused(staff, StartDecision(approved_by_id=staff.service_manager.pk, approved_on=D(2025, 7, 5)))
    assert after["approved_on"] == [services.ERROR_DECISION_AFTER_START.format(date="4 July 2025")]
    both = _refused(staff, StartDecision(emergency=True, approved_by_id=staff.service_manager.pk, approved_on=START))
    assert both == {"approved_by": [services.ERROR_DECISION_EMERGENCY_APPROVED]}

    period = _start(staff, StartDecision(approved_by_id=staff.director.pk, approved_on=D(2025, 7, 3)))
    assert (period.decision.approved_by, period.decision.approved_on, period.decision.emergency) == (
        staff.director,
        D(2025, 7, 3),
        False,
    )
    assert not [
        i for i in worklist_for_worker(staff.social_worker, user=staff.social_worker.user) if "decision" in i.duty
    ]


@override_settings(HEARTH_CARE_DECISION_BY="director")
def test_a_council_whose_threshold_is_the_director(staff):
    refused = _refused(staff, approved(staff, START))  # the service manager
    assert refused == {
        "approved_by": ["The decision to look after a child is approved by the director (the council's threshold)"]
    }
    period = _start(staff, StartDecision(emergency=True))
    with pytest.raises(ValidationError, match="approved by the director"):
        services.care_decision_approve(actor=staff.service_manager, period_id=period.pk, approved_on=START, version=1)
    services.care_decision_approve(actor=staff.director, period_id=period.pk, approved_on=START, version=1)


def test_an_emergency_is_on_the_worklists_until_approved_the_next_working_day(staff):
    period = _start(staff, StartDecision(emergency=True))
    # T51: the next working day after Friday 4 July 2025 is Monday 7 July.
    for items in (
        worklist_for_worker(staff.social_worker, user=staff.social_worker.user),
        worklist_for_team(staff.north, user=staff.service_manager),
    ):
        (item,) = [i for i in items if i.duty.startswith("Emergency decision to look after")]
        assert item.due == D(2025, 7, 7) and item.rule.startswith("1 working days from the child becoming looked after")
        assert item.url == reverse("care:decision_approve", args=[period.pk])
    with pytest.raises(ValidationError, match="approved by a service manager or the director"):
        services.care_decision_approve(
            actor=staff.team_manager.user, period_id=period.pk, approved_on=D(2025, 7, 7), version=1
        )
    with pytest.raises(ValidationError) as refused:
        services.care_decision_approve(
            actor=staff.service_manager, period_id=period.pk, approved_on=D(2025, 7, 3), version=1
        )
    assert refused.value.message_dict == {
        "approved_on": [services.ERROR_DECISION_BEFORE_START.format(date="4 July 2025")]
    }
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.care_decision_approve(
            actor=staff.service_manager, period_id=period.pk, approved_on=D(2025, 7, 8), version=0
        )
    assert CareDecision.objects.get().awaiting_approval
    services.care_decision_approve(
        actor=staff.service_manager, period_id=period.pk, approved_on=D(2025, 7, 8), version=1
    )
    decision = CareDecision.objects.get()
    assert (decision.approved_by, decision.approved_on, decision.emergency) == (
        staff.service_manager,
        D(2025, 7, 8),
        True,
    )
    assert not [
        i for i in worklist_for_worker(staff.social_worker, user=staff.social_worker.user) if "decision" in i.duty
    ]
    with pytest.raises(ValidationError, match="already approved on 8 July 2025"):
        services.care_decision_approve(
            actor=staff.service_manager, period_id=period.pk, approved_on=D(2025, 7, 8), version=2
        )


def test_a_period_from_before_decisions_were_recorded_owes_none_and_says_so(staff, client):
    period = _start(staff, DECISION_NOT_HELD)
    assert not CareDecision.objects.exists()
    assert not [i for i in worklist_for_team(staff.north, user=staff.service_manager) if "decision" in i.duty]
    client.force_login(staff.service_manager)
    page = client.get(reverse("care:period", args=[period.pk])).content.decode()
    assert "Not recorded: care began before Hearth recorded the decision to look after a child" in page
    assert reverse("care:decision_approve", args=[period.pk]) not in page


def test_the_period_page_shows_the_decision_and_the_approval_link(staff, client):
    planned = looked_after_child(staff, new_child(staff, "Bo", "Larkspur"), START)
    emergency = _start(staff, StartDecision(emergency=True), child_name="Cy")
    client.force_login(staff.service_manager)
    page = client.get(reverse("care:period", args=[planned.pk])).content.decode()
    assert "Approved by Serena Tester on 4 July 2025" in page
    page = client.get(reverse("care:period", args=[emergency.pk])).content.decode()
    assert "Emergency: awaiting approval, due 7 July 2025" in page
    assert reverse("care:decision_approve", args=[emergency.pk]) in page
    response = client.post(
        reverse("care:decision_approve", args=[emergency.pk]),
        {"version": "1", "approved_on_day": "7", "approved_on_month": "7", "approved_on_year": "2025"},
    )
    assert response.status_code == 302
    page = client.get(reverse("care:period", args=[emergency.pk])).content.decode()
    assert "Emergency, approved afterwards by Serena Tester on 7 July 2025" in page
    chronology = client.get(reverse("records:chronology", args=[emergency.child_id])).content.decode()
    assert "Decision to look after: an emergency, approved afterwards by Serena Tester on 7 July 2025." in chronology
