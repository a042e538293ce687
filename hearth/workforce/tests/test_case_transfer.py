"""Moving a case to another team as a dated fact: refused with a message and nothing written when it
cannot be; otherwise the case's team is the new one from that day, its history and its worker kept
until a manager reallocates it (the worker still sees the child), the team worklists follow it, the
L indicators' rows name the team that held the case on their date, and the child's page shows it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.frontdoor.models import Referral
from hearth.people.selectors import child_can_be_seen_by
from hearth.performance.selectors import result_by_id
from hearth.testing.journeys import allocated_case, at, looked_after_child, new_child
from hearth.workforce import services
from hearth.workforce.models import Allocation, CaseTransfer, SocialWorkerChangeReason
from hearth.workforce.selectors import team_on
from hearth.worklists.selectors import worklist_for_team

D = datetime.date
pytestmark = pytest.mark.django_db
FIRST_OF_JULY = D(2025, 7, 1)


def _move(
    staff, referral, day=FIRST_OF_JULY, team=None, reason="Became looked after: the LAC team takes the case", actor=None
):
    return services.case_transfer(
        actor=actor or staff.team_manager.user,
        referral_id=referral.pk,
        to_team_id=(team or staff.south).pk,
        transferred_on=day,
        reason=reason,
    )


def test_a_move_that_cannot_be_is_refused_and_nothing_is_written(staff):
    case = allocated_case(staff, new_child(staff, "Ada", "Fenwick"), at(D(2025, 6, 2), 9))
    with pytest.raises(ValidationError, match=services.ERROR_NOT_THE_CASES_MANAGER):
        _move(staff, case, actor=staff.social_worker.user)
    with pytest.raises(ValidationError) as refused:
        _move(staff, case, day=D(2025, 6, 1), team=staff.north, reason=" ")
    assert refused.value.message_dict == {
        "to_team": [services.ERROR_TRANSFER_SAME_TEAM.format(team="North")],
        "transferred_on": [services.ERROR_TRANSFER_BEFORE_REFERRAL.format(date="2 June 2025")],
        "reason": [services.ERROR_TRANSFER_REASON],
    }
    with pytest.raises(ValidationError, match="today or in the past"):
        _move(staff, case, day=D(2099, 1, 1))
    assert not CaseTransfer.objects.exists() and Referral.objects.get(pk=case.pk).team == staff.north
    _move(staff, case)
    # Now South's case: North's team manager no longer manages it; a later move must be after 1 July.
    with pytest.raises(ValidationError, match=services.ERROR_NOT_THE_CASES_MANAGER):
        _move(staff, case, day=D(2025, 7, 2), team=staff.north)
    with pytest.raises(ValidationError) as refused:
        _move(staff, case, day=D(2025, 7, 1), team=staff.north, actor=staff.service_manager)
    assert refused.value.message_dict == {
        "transferred_on": [services.ERROR_TRANSFER_NOT_AFTER_LAST.format(date="1 July 2025")]
    }


def test_the_case_moves_from_its_day_keeping_its_worker_until_reallocated(staff, client):
    child = new_child(staff, "Bea", "Fenwick")
    case = allocated_case(staff, child, at(D(2025, 6, 2), 9))
    _move(staff, case)
    case.refresh_from_db()
    assert case.team == staff.south
    assert (team_on(case, D(2025, 6, 30)), team_on(case, D(2025, 7, 1))) == (staff.north, staff.south)
    # The worker keeps the case (and sees the child) until a manager of the new team reallocates it.
    (allocation,) = Allocation.objects.filter(referral=case)
    assert allocation.worker == staff.social_worker and allocation.ended_on is None
    assert child_can_be_seen_by(staff.social_worker.user, child)
    assert [i.child_name for i in worklist_for_team(staff.south, user=staff.service_manager)] == ["Bea Fenwick"]
    assert not worklist_for_team(staff.north, user=staff.service_manager)
    client.force_login(staff.social_worker.user)
    page = client.get(reverse("people:child_detail", args=[child.pk])).content.decode()
    assert "South (moved from North on 1 July 2025)" in page
    chronology = client.get(reverse("records:chronology", args=[child.pk])).content.decode()
    assert "Case moved from North to South" in chronology
    services.case_allocate(
        actor=staff.service_manager,
        referral_id=case.pk,
        worker_id=staff.other_social_worker.pk,
        started_on=D(2025, 7, 3),
        change_reason=SocialWorkerChangeReason.TSPROC,
    )
    assert not child_can_be_seen_by(staff.social_worker.user, child)


def test_the_looked_after_figures_name_the_team_that_held_the_case_on_their_date(staff):
    period = looked_after_child(staff, new_child(staff, "Cy", "Fenwick"), D(2025, 6, 2))
    _move(staff, period.referral)
    assert [row.team for row in result_by_id("L01", D(2025, 6, 30)).rows] == ["North"]
    assert [row.team for row in result_by_id("L01", D(2025, 7, 1)).rows] == ["South"]


def test_the_move_page_refuses_bad_input_and_moves_the_case(staff, client):
    case = allocated_case(staff, new_child(staff, "Dot", "Fenwick"), at(D(2025, 6, 2), 9))
    client.force_login(staff.team_manager.user)
    url = reverse("workforce:transfer", args=[case.pk])
    page = client.post(url, {"to_team": str(staff.south.pk)}).content.decode()
    assert "Enter the date the case moves" in page and not CaseTransfer.objects.exists()
    response = client.post(
        url,
        {
            "to_team": str(staff.south.pk),
            "transferred_on_day": "1",
            "transferred_on_month": "7",
            "transferred_on_year": "2025",
            "reason": "Long-term team takes the case",
        },
    )
    assert response.status_code == 302
    assert CaseTransfer.objects.get().to_team == staff.south


def test_the_protection_assessment_quality_and_cin_figures_name_the_team_that_held_the_case_on_their_date(staff):
    """Hand-worked: one child's case in North from 2 June 2025, with an assessment started that day
    (still open, so past its 45 working days by August: A03), a child protection plan from the initial
    conference of 17 June (P01), a concern the chair raised at it on 18 June (P08I, Q02O), a case
    audit on 20 August (Q01) and the case open (N03). On 1 September the case moves to South. On 31
    August every row names North; on 1 September, the same rows name South (the team that held the
    case that day), while the worker stays the one who holds the case."""
    from hearth.assessment.services import assessment_start
    from hearth.protection.services import escalation_raise
    from hearth.quality.models import Grade
    from hearth.quality.services import case_audit_record
    from hearth.testing.protection_journeys import child_on_plan

    plan = child_on_plan(staff, new_child(staff, "Eli", "Fenwick"), D(2025, 6, 2), D(2025, 6, 17))
    case = plan.referral
    assessment_start(actor=staff.social_worker.user, referral_id=case.pk, started_on=D(2025, 6, 2))
    escalation_raise(
        actor=staff.iro,
        conference_id=plan.initial_conference_id,
        raised_on=D(2025, 6, 18),
        concern="No written agreement with the family",
        with_whom="Tomas Tester, team manager",
    )
    case_audit_record(
        actor=staff.performance_officer,
        referral_id=case.pk,
        audited_on=D(2025, 8, 20),
        grade=Grade.GOOD,
        strengths="s",
        findings="f",
        child_voice_evident=True,
    )
    _move(staff, case, day=D(2025, 9, 1), reason="The family moved to the south of the borough")
    for indicator in ("A03", "P01", "P08I", "Q01", "Q02O", "N03"):
        before = result_by_id(indicator, D(2025, 8, 31)).rows
        after = result_by_id(indicator, D(2025, 9, 1)).rows
        assert [(row.child_name, row.team) for row in before] == [("Eli Fenwick", "North")], indicator
        assert [(row.child_name, row.team) for row in after] == [("Eli Fenwick", "South")], indicator
        assert {row.worker for row in before + after} <= {str(staff.social_worker), staff.iro.get_full_name()}
