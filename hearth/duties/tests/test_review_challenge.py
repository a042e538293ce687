"""The independent reviewing officer's challenge on a looked-after review: the quality checklist, a
concern raised from the review through the dispute resolution stages (protection's escalations, the
same mechanism as a conference chair's), the concern on the worker's and team's worklists until it is
resolved (T50), and the figures (L30, L31, Q02) worked by hand."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hearth.duties import services
from hearth.duties.checklist import questions
from hearth.duties.models import ReviewChecklist, ReviewConcern
from hearth.iro.services import iro_appoint
from hearth.performance.selectors import result_by_id
from hearth.protection.models import Escalation, EscalationStep, RaisedAt, StepOutcome
from hearth.protection.services import ERROR_ONLY_WHO_RAISED, escalation_raise, escalation_step_close
from hearth.quality.indicators import escalations_by_stage_and_outcome
from hearth.testing.care_duty_journeys import review
from hearth.testing.journeys import allocated_case, at, looked_after_child, new_child
from hearth.testing.protection_journeys import icpc, strategy_to_s47
from hearth.worklists.selectors import worklist_for_team, worklist_for_worker

D = datetime.date
pytestmark = pytest.mark.django_db
YES = {key: True for key, _ in questions()}


@pytest.fixture
def held(staff):
    """A looked-after child whose review on Wed 25 June 2025 the IRO persona chaired."""
    period = looked_after_child(staff, new_child(staff, "Tamsin", "Reedbank"), D(2025, 6, 2))
    iro_appoint(
        actor=staff.team_manager.user, period_id=period.pk, iro_id=staff.iro.pk, started_on=D(2025, 6, 4), current_id=0
    )
    return review(staff, period, D(2025, 6, 25))


def _messages(error: ValidationError) -> list[str]:
    return (
        [m for messages in error.message_dict.values() for m in messages]
        if hasattr(error, "error_dict")
        else error.messages
    )


def test_only_the_chair_completes_the_checklist_once_answering_every_question(staff, held):
    with pytest.raises(ValidationError, match=services.ERROR_ONLY_THE_REVIEW_CHAIR):
        services.review_checklist_complete(
            actor=staff.social_worker.user, review_id=held.pk, completed_on=D(2025, 6, 26), answers=YES
        )
    with pytest.raises(ValidationError, match=services.ERROR_ANSWER_EVERY_QUESTION):
        services.review_checklist_complete(
            actor=staff.iro, review_id=held.pk, completed_on=D(2025, 6, 26), answers={"child_consulted": True}
        )
    assert not ReviewChecklist.objects.exists()
    with pytest.raises(ValidationError, match="cannot be completed before the review"):
        services.review_checklist_complete(actor=staff.iro, review_id=held.pk, completed_on=D(2025, 6, 24), answers=YES)
    checklist = services.review_checklist_complete(
        actor=staff.iro,
        review_id=held.pk,
        completed_on=D(2025, 6, 26),
        answers={**YES, "report_shared": False},
        comments="Report came late",
    )
    assert checklist.answers["report_shared"] is False and checklist.questions_version == "lac-2026-1"
    with pytest.raises(ValidationError, match="already completed"):
        services.review_checklist_complete(actor=staff.iro, review_id=held.pk, completed_on=D(2025, 6, 26), answers=YES)


def test_a_concern_from_a_review_is_refused_with_a_message_and_nothing_written(staff, held):
    with pytest.raises(ValidationError, match=services.ERROR_ONLY_THE_REVIEW_CHAIR):
        services.review_concern_raise(
            actor=staff.team_manager.user, review_id=held.pk, raised_on=D(2025, 6, 26), concern="c", with_whom="w"
        )
    with pytest.raises(ValidationError) as refused:
        services.review_concern_raise(
            actor=staff.iro, review_id=held.pk, raised_on=D(2025, 6, 24), concern=" ", with_whom=""
        )
    assert set(refused.value.message_dict) == {"raised_on", "concern", "with_whom"}
    assert "A concern cannot be raised before the looked-after review (25 June 2025)" in _messages(refused.value)
    with pytest.raises(ValidationError, match="today or in the past"):
        services.review_concern_raise(
            actor=staff.iro, review_id=held.pk, raised_on=D(2099, 1, 1), concern="c", with_whom="w"
        )
    assert not Escalation.objects.exists() and not ReviewConcern.objects.exists()


def test_a_concern_from_a_review_goes_through_the_stages_on_the_worklists_until_resolved(staff, held):
    concern = services.review_concern_raise(
        actor=staff.iro,
        review_id=held.pk,
        raised_on=D(2025, 6, 26),
        concern="Care plan has no plan for permanence at the second review",
        with_whom="Tess Manager, team manager",
    )
    escalation = concern.escalation
    assert (escalation.raised_at, escalation.conference, escalation.referral) == (
        RaisedAt.LOOKED_AFTER_REVIEW,
        None,
        held.period.referral,
    )
    informal = escalation.steps.get()
    # On the worker's worklist and the team's: opened Thu 26 June 2025, T50's 5 working days: Thu 3 July.
    for items in (
        worklist_for_worker(staff.social_worker, user=staff.social_worker.user),
        worklist_for_team(staff.north, user=staff.team_manager.user),
    ):
        (item,) = [i for i in items if i.duty.startswith("Reviewing officer's concern")]
        assert item.due == D(2025, 7, 3) and "informal with Tess Manager" in item.duty
        assert item.rule.startswith("5 working days from the concern raised")
    # Only the IRO who raised it moves it on (not the worker, not the team manager).
    with pytest.raises(ValidationError, match=ERROR_ONLY_WHO_RAISED):
        escalation_step_close(
            actor=staff.team_manager.user,
            step_id=informal.pk,
            closed_on=D(2025, 7, 4),
            outcome="RESOLVED",
            outcome_detail="x",
        )
    stage_1 = escalation_step_close(
        actor=staff.iro,
        step_id=informal.pk,
        closed_on=D(2025, 7, 4),
        outcome=StepOutcome.ESCALATED,
        outcome_detail="No reply in 5 working days",
        next_with_whom="Sam Service, service manager",
        expected_version=informal.version,
    )
    (item,) = [
        i for i in worklist_for_worker(staff.social_worker, user=staff.social_worker.user) if "concern" in i.duty
    ]
    assert "stage 1 with Sam Service" in item.duty and item.due == D(2025, 7, 11)  # Fri 4 July + 5 working days
    escalation_step_close(
        actor=staff.iro,
        step_id=stage_1.pk,
        closed_on=D(2025, 7, 8),
        outcome=StepOutcome.RESOLVED,
        outcome_detail="Permanence planning meeting booked",
        expected_version=stage_1.version,
    )
    assert not [
        i for i in worklist_for_worker(staff.social_worker, user=staff.social_worker.user) if "concern" in i.duty
    ]


def test_l30_l31_and_q02_count_the_reviews_and_their_concerns_by_hand(staff, held):
    """Year to 30 September 2025. Reviews held since 1 April: Tamsin's 25 June (checklist completed),
    and a second child's 10 July (no checklist): L30 = 1 / 2. Concerns from reviews: A reached the
    informal stage and stage 1 (escalated, then open), B informal only (resolved): L31I = 2, L31S1 = 1,
    L31S2 = 0. A conference chair's concern (informal, open) counts in P08I and Q02, not in L31."""
    as_of = D(2025, 9, 30)
    other = looked_after_child(staff, new_child(staff, "Oriel", "Reedbank"), D(2025, 6, 2))
    second = review(staff, other, D(2025, 7, 10))
    services.review_checklist_complete(actor=staff.iro, review_id=held.pk, completed_on=D(2025, 6, 26), answers=YES)
    # The second review's checklist is completed after the date: not counted on it.
    services.review_checklist_complete(actor=staff.iro, review_id=second.pk, completed_on=D(2025, 10, 1), answers=YES)

    a = services.review_concern_raise(
        actor=staff.iro, review_id=held.pk, raised_on=D(2025, 6, 26), concern="A", with_whom="TM"
    )
    step = a.escalation.steps.get()
    escalation_step_close(
        actor=staff.iro,
        step_id=step.pk,
        closed_on=D(2025, 7, 4),
        outcome="ESCALATED",
        outcome_detail="x",
        next_with_whom="SM",
    )
    b = services.review_concern_raise(
        actor=staff.iro, review_id=second.pk, raised_on=D(2025, 7, 10), concern="B", with_whom="TM"
    )
    step = b.escalation.steps.get()
    escalation_step_close(
        actor=staff.iro, step_id=step.pk, closed_on=D(2025, 7, 15), outcome="RESOLVED", outcome_detail="y"
    )
    case = allocated_case(staff, new_child(staff, "Corin", "Ash"), at(D(2025, 5, 1), 9))
    conference = icpc(staff, strategy_to_s47(staff, case, D(2025, 5, 1)), D(2025, 5, 20))
    escalation_raise(
        actor=staff.iro, conference_id=conference.pk, raised_on=D(2025, 5, 21), concern="C", with_whom="TM"
    )

    def counted(indicator_id):
        result = result_by_id(indicator_id, as_of)
        return result.numerator, result.denominator

    assert counted("L30") == (1, 2)
    assert counted("L31I") == (2, 2) and counted("L31S1") == (1, 1) and counted("L31S2") == (0, 0)
    assert counted("P08I") == (1, 1)  # the conference's concern only
    # Q02 over all four stages opened this year: resolved B; escalated A's informal; open A's stage 1, C.
    assert counted("Q02R") == (1, 4) and counted("Q02E") == (1, 4) and counted("Q02O") == (2, 4)
    table = escalations_by_stage_and_outcome(as_of)
    reviews = next(part for part in table["by_meeting"] if part["meeting"] == "Looked-after review")
    # Columns: resolved, escalated, open.
    assert [line["counts"] for line in reviews["lines"]][:2] == [[1, 1, 0], [0, 0, 1]] and reviews["total"] == 3
    assert table["total"] == EscalationStep.objects.count() == 4
