"""The child protection services: what they write, and what they refuse (nothing written)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hearth.audit.models import AuditEvent
from hearth.protection import services
from hearth.protection.models import (
    Conference,
    ConferenceDecision,
    EscalationStage,
    ProtectionPlan,
    Section47Enquiry,
    Section47Outcome,
    StepOutcome,
    StrategyDecision,
)
from hearth.protection.selectors import chairs_work, plan_duties
from hearth.testing.iro_journeys import second_iro
from hearth.testing.journeys import allocated_case, at, new_child
from hearth.testing.protection_journeys import CONFERENCE_REASONS, child_on_plan, icpc, strategy_to_s47

D = datetime.date


def messages(error: ValidationError) -> list[str]:
    return [m for ms in error.message_dict.values() for m in ms] if hasattr(error, "error_dict") else error.messages


@pytest.fixture
def case(staff):
    return allocated_case(staff, new_child(staff, "Ada", "Thornbury"), at(D(2025, 4, 28), 9))


def strategy(staff, referral, **changes):
    arguments = {
        "actor": staff.social_worker.user,
        "referral_id": referral.pk,
        "held_on": D(2025, 5, 1),
        "police": True,
        "health": False,
        "social_care": True,
        "education": False,
        "other_agencies": "",
        "participants": "Nina (social worker), DC Rees (police)",
        "decision": StrategyDecision.SECTION_47,
        "reasons": "Disclosure at school",
    }
    return services.strategy_discussion_record(**{**arguments, **changes})


def test_a_strategy_discussion_deciding_on_s47_starts_the_enquiry_on_its_date(staff, case):
    discussion = strategy(staff, case)
    assert discussion.section47.started_on == D(2025, 5, 1)
    assert discussion.agencies == ["Children's social care", "Police"]
    assert AuditEvent.objects.filter(action="section47.start").count() == 1


def test_a_strategy_discussion_deciding_no_s47_starts_no_enquiry(staff, case):
    strategy(staff, case, decision=StrategyDecision.NO_SECTION_47)
    assert not Section47Enquiry.objects.exists()


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"social_care": False}, services.ERROR_SOCIAL_CARE),
        ({"police": False}, services.ERROR_SECOND_AGENCY),
        ({"participants": "  "}, services.ERROR_PARTICIPANTS),
        ({"decision": "MAYBE"}, services.ERROR_STRATEGY_DECISION),
        ({"held_on": D(2025, 4, 27)}, services.ERROR_BEFORE_REFERRAL.format(date="28 April 2025")),
        ({"held_on": D(2099, 1, 1)}, services.ERROR_DATE_IN_FUTURE),
    ],
)
def test_a_strategy_discussion_with_bad_input_is_refused_and_nothing_written(staff, case, changes, error):
    with pytest.raises(ValidationError) as refused:
        strategy(staff, case, **changes)
    assert error in messages(refused.value)
    assert not AuditEvent.objects.filter(action="strategy_discussion.record").exists()


def test_a_second_enquiry_waits_for_the_first_to_conclude(staff, case):
    strategy(staff, case)
    with pytest.raises(ValidationError) as refused:
        strategy(staff, case, held_on=D(2025, 5, 2))
    assert services.ERROR_S47_OPEN.format(date="1 May 2025") in messages(refused.value)


def test_an_icpc_with_no_s47_is_refused(staff):
    with pytest.raises(ValidationError) as refused:
        services.conference_book_initial(
            actor=staff.social_worker.user, enquiry_id=None, booked_for=D(2025, 5, 9), chair=staff.iro
        )
    assert services.ERROR_NO_S47 in messages(refused.value)
    assert not Conference.objects.exists()


def test_the_database_refuses_an_initial_conference_without_an_enquiry(staff, case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Conference.objects.create(
            kind="ICPC", referral=case, child=case.child, booked_for=D(2025, 5, 9), booked_by=staff.iro, chair=staff.iro
        )


def test_no_conference_for_an_enquiry_that_found_it_unnecessary(staff, case):
    enquiry = strategy(staff, case).section47
    services.section47_conclude(
        actor=staff.social_worker.user,
        enquiry_id=enquiry.pk,
        outcome=Section47Outcome.NOT_SUBSTANTIATED,
        outcome_on=D(2025, 5, 8),
    )
    with pytest.raises(ValidationError) as refused:
        services.conference_book_initial(
            actor=staff.social_worker.user, enquiry_id=enquiry.pk, booked_for=D(2025, 5, 9), chair=staff.iro
        )
    assert services.ERROR_S47_NO_ICPC in messages(refused.value)


def test_the_chair_must_be_an_independent_reviewing_officer(staff, case):
    enquiry = strategy(staff, case).section47
    with pytest.raises(ValidationError) as refused:
        services.conference_book_initial(
            actor=staff.social_worker.user, enquiry_id=enquiry.pk, booked_for=D(2025, 5, 9), chair=staff.director
        )
    assert services.ERROR_NOT_IRO in messages(refused.value)


def test_the_plan_starts_on_the_icpc_date_with_its_category_and_no_previous_plans(staff):
    plan = child_on_plan(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 20), category="EMO")
    assert (plan.started_on, plan.initial_category, plan.latest_category) == (D(2025, 5, 20), "EMO", "EMO")
    assert plan.previous_plans == 0 and not plan.is_second_or_subsequent
    assert plan.initial_conference.held_on == plan.started_on  # CIN rule 2885


def hold(staff, conference, **changes):
    arguments = {
        "actor": staff.iro,
        "conference_id": conference.pk,
        "held_on": D(2025, 5, 20),
        "attendance": "Parents, school",
        "child_views": "Wants to stay at home",
        "decision": ConferenceDecision.PLAN,
        "category": "NEG",
        "decision_reasons": CONFERENCE_REASONS,
    }
    return services.conference_hold_initial(**{**arguments, **changes})


@pytest.fixture
def booked(staff, case):
    enquiry = strategy(staff, case).section47
    return services.conference_book_initial(
        actor=staff.social_worker.user, enquiry_id=enquiry.pk, booked_for=D(2025, 5, 20), chair=staff.iro
    )


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"category": "XYZ"}, services.ERROR_CATEGORY),
        ({"category": ""}, services.ERROR_CATEGORY),
        ({"decision": ConferenceDecision.NO_PLAN, "category": "NEG"}, services.ERROR_CATEGORY_WITHOUT_PLAN),
        ({"decision": ConferenceDecision.CONTINUE}, services.ERROR_DECISION),
        ({"held_on": D(2025, 4, 30)}, services.ERROR_HELD_BEFORE_S47.format(date="1 May 2025")),
        ({"child_views": ""}, services.ERROR_CHILD_VIEWS),
    ],
)
def test_an_icpc_record_with_bad_input_is_refused_and_no_plan_starts(staff, booked, changes, error):
    with pytest.raises(ValidationError) as refused:
        hold(staff, booked, **changes)
    assert error in messages(refused.value)
    booked.refresh_from_db()
    assert booked.held_on is None and not ProtectionPlan.objects.exists()


def test_only_the_chair_or_a_manager_records_the_conference(staff, booked):
    with pytest.raises(ValidationError, match=services.ERROR_NOT_CHAIR_OR_MANAGER):
        hold(staff, booked, actor=staff.social_worker.user)
    hold(staff, booked, actor=staff.team_manager.user)
    assert ProtectionPlan.objects.get().started_on == D(2025, 5, 20)


def test_a_stale_conference_record_is_refused(staff, booked):
    hold(staff, booked, expected_version=1)
    with pytest.raises(ValidationError, match="Someone else changed this record"):
        hold(staff, booked, expected_version=1)


def test_a_child_cannot_hold_two_open_plans_and_the_database_says_so_too(staff):
    child = new_child(staff)
    plan = child_on_plan(staff, child, D(2025, 5, 1), D(2025, 5, 20))
    enquiry = strategy_to_s47(staff, plan.referral, D(2025, 6, 2))
    with pytest.raises(ValidationError) as refused:
        icpc(staff, enquiry, D(2025, 6, 10))
    assert services.ERROR_PLAN_OPEN.format(child=child, date="20 May 2025") in messages(refused.value)
    assert ProtectionPlan.objects.filter(child=child).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        ProtectionPlan.objects.create(
            child=child,
            referral=plan.referral,
            initial_conference=Conference.objects.create(
                kind="ICPC",
                referral=plan.referral,
                child=child,
                section47=enquiry,
                booked_for=D(2025, 6, 10),
                booked_by=staff.iro,
                chair=staff.iro,
            ),
            started_on=D(2025, 6, 10),
            initial_category="NEG",
            latest_category="NEG",
            previous_plans=1,
        )


def test_a_second_plan_counts_the_previous_one(staff):
    child = new_child(staff)
    first = child_on_plan(staff, child, D(2025, 1, 6), D(2025, 1, 20))
    services.protection_plan_end(
        actor=staff.team_manager.user, plan_id=first.pk, ended_on=D(2025, 5, 1), reason="NO_RISK"
    )
    enquiry = strategy_to_s47(staff, first.referral, D(2025, 6, 2))
    second = icpc(staff, enquiry, D(2025, 6, 10), category="PHY").plan_started
    assert second.previous_plans == 1 and second.is_second_or_subsequent


@pytest.mark.parametrize(
    ("ended_on", "error"),
    [
        (D(2025, 5, 19), services.ERROR_END_BEFORE_START.format(date="20 May 2025")),
        (D(2025, 5, 20), services.ERROR_END_ON_START.format(date="20 May 2025")),  # rule 8840
    ],
)
def test_a_plan_cannot_end_before_or_on_the_day_it_started(staff, ended_on, error):
    plan = child_on_plan(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 20))
    with pytest.raises(ValidationError) as refused:
        services.protection_plan_end(
            actor=staff.team_manager.user, plan_id=plan.pk, ended_on=ended_on, reason="NO_RISK"
        )
    assert error in messages(refused.value)
    plan.refresh_from_db()
    assert plan.is_open
    with pytest.raises(IntegrityError), transaction.atomic():
        ProtectionPlan.objects.filter(pk=plan.pk).update(ended_on=ended_on, end_reason="NO_RISK", ended_by=staff.iro)


def review(staff, plan, **changes):
    arguments = {
        "actor": staff.iro,
        "plan_id": plan.pk,
        "held_on": D(2025, 8, 18),
        "chair": staff.iro,
        "attendance": "Parents, school, health visitor",
        "child_views": "Things are calmer at home",
        "decision": ConferenceDecision.CONTINUE,
        "category": "EMO",
        "decision_reasons": CONFERENCE_REASONS,
    }
    return services.review_conference_record(**{**arguments, **changes})


def test_a_review_may_change_the_latest_category_and_keeps_the_initial(staff):
    plan = child_on_plan(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 20), category="NEG")
    review(staff, plan)
    plan.refresh_from_db()
    assert (plan.initial_category, plan.latest_category) == ("NEG", "EMO")


def test_a_review_on_or_before_the_plan_start_is_refused(staff):
    # CIN rule 8841: a review on the start date is refused as well as one before it.
    plan = child_on_plan(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 20))
    for day in (D(2025, 5, 20), D(2025, 5, 19)):
        with pytest.raises(ValidationError) as refused:
            review(staff, plan, held_on=day)
        assert services.ERROR_REVIEW_ON_OR_BEFORE_START.format(date="20 May 2025") in messages(refused.value)
    assert not plan.reviews.exists()


def test_a_review_deciding_to_end_the_plan_ends_it_on_the_review_date(staff):
    plan = child_on_plan(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 20))
    review(staff, plan, decision=ConferenceDecision.END, category="")
    plan.refresh_from_db()
    assert (plan.ended_on, plan.end_reason) == (D(2025, 8, 18), "NO_RISK")


def test_core_groups_belong_inside_the_plan(staff):
    plan = child_on_plan(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 20))
    with pytest.raises(ValidationError) as refused:
        services.core_group_record(
            actor=staff.social_worker.user, plan_id=plan.pk, held_on=D(2025, 5, 19), attendance="x", summary="y"
        )
    assert services.ERROR_CORE_GROUP_BEFORE_PLAN.format(date="20 May 2025") in messages(refused.value)
    services.core_group_record(
        actor=staff.social_worker.user,
        plan_id=plan.pk,
        held_on=D(2025, 6, 2),
        attendance="Mother, school",
        summary="Plan on track",
    )
    with pytest.raises(ValidationError, match="already recorded"):
        services.core_group_record(
            actor=staff.social_worker.user, plan_id=plan.pk, held_on=D(2025, 6, 2), attendance="x", summary="y"
        )


def test_the_chair_completes_the_checklist_once_answering_every_question(staff):
    conference = child_on_plan(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 20)).initial_conference
    from hearth.protection.checklist import questions

    answers = {key: True for key, _ in questions()}
    with pytest.raises(ValidationError, match=services.ERROR_ONLY_THE_CHAIR):
        services.checklist_complete(actor=staff.team_manager.user, conference_id=conference.pk, answers=answers)
    with pytest.raises(ValidationError, match=services.ERROR_ANSWER_EVERY_QUESTION):
        services.checklist_complete(actor=staff.iro, conference_id=conference.pk, answers={"plan_smart": True})
    checklist = services.checklist_complete(
        actor=staff.iro, conference_id=conference.pk, answers={**answers, "reports_shared_24h": False}
    )
    assert checklist.answers["reports_shared_24h"] is False and checklist.questions_version == "2026-1"
    with pytest.raises(ValidationError, match="already completed"):
        services.checklist_complete(actor=staff.iro, conference_id=conference.pk, answers=answers)


def test_an_escalation_moves_through_the_stages_each_dated_until_resolved(staff):
    conference = child_on_plan(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 20)).initial_conference
    escalation = services.escalation_raise(
        actor=staff.iro,
        conference_id=conference.pk,
        raised_on=D(2025, 5, 21),
        concern="Health report not shared before conference",
        with_whom="Tomas Tester, team manager",
    )
    informal = escalation.steps.get()
    stage_1 = services.escalation_step_close(
        actor=staff.iro,
        step_id=informal.pk,
        closed_on=D(2025, 5, 28),
        outcome=StepOutcome.ESCALATED,
        outcome_detail="No reply in 5 days",
        next_with_whom="Serena Tester, service manager",
    )
    assert stage_1.stage == EscalationStage.STAGE_1 and stage_1.opened_on == D(2025, 5, 28)
    resolved = services.escalation_step_close(
        actor=staff.iro,
        step_id=stage_1.pk,
        closed_on=D(2025, 6, 4),
        outcome=StepOutcome.RESOLVED,
        outcome_detail="Reports now shared 3 days ahead",
    )
    assert resolved.pk == stage_1.pk
    assert [(s.stage, s.outcome) for s in escalation.steps.all()] == [
        ("INFORMAL", "ESCALATED"),
        ("STAGE_1", "RESOLVED"),
    ]
    with pytest.raises(ValidationError, match="already closed"):
        services.escalation_step_close(
            actor=staff.iro,
            step_id=stage_1.pk,
            closed_on=D(2025, 6, 5),
            outcome=StepOutcome.RESOLVED,
            outcome_detail="x",
        )


def test_an_escalation_cannot_go_beyond_stage_3_or_close_before_it_opened(staff):
    conference = child_on_plan(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 20)).initial_conference
    step = services.escalation_raise(
        actor=staff.iro, conference_id=conference.pk, raised_on=D(2025, 5, 21), concern="c", with_whom="w"
    ).steps.get()
    with pytest.raises(ValidationError) as refused:
        services.escalation_step_close(
            actor=staff.iro, step_id=step.pk, closed_on=D(2025, 5, 20), outcome=StepOutcome.RESOLVED, outcome_detail="x"
        )
    assert services.ERROR_CLOSED_BEFORE_OPENED.format(date="21 May 2025") in messages(refused.value)
    for day in (22, 23, 24):
        step = services.escalation_step_close(
            actor=staff.iro,
            step_id=step.pk,
            closed_on=D(2025, 5, day),
            outcome=StepOutcome.ESCALATED,
            outcome_detail="Not resolved",
            next_with_whom="Next manager",
        )
    assert step.stage == EscalationStage.STAGE_3
    with pytest.raises(ValidationError) as refused:
        services.escalation_step_close(
            actor=staff.iro,
            step_id=step.pk,
            closed_on=D(2025, 5, 25),
            outcome=StepOutcome.ESCALATED,
            outcome_detail="x",
            next_with_whom="Director",
        )
    assert services.ERROR_LAST_STAGE in messages(refused.value)


def test_a_social_worker_cannot_end_a_plan(staff):
    plan = child_on_plan(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 20))
    with pytest.raises(ValidationError, match=services.ERROR_NOT_CHAIR_OR_MANAGER_TO_END):
        services.protection_plan_end(
            actor=staff.social_worker.user, plan_id=plan.pk, ended_on=D(2025, 9, 1), reason="NO_RISK"
        )
    services.protection_plan_end(actor=staff.iro, plan_id=plan.pk, ended_on=D(2025, 9, 1), reason="LAC")
    plan.refresh_from_db()
    assert (plan.ended_on, plan.end_reason, plan.ended_by) == (D(2025, 9, 1), "LAC", staff.iro)


def test_two_conferences_recorded_at_once_cannot_both_start_a_plan(staff, monkeypatch):
    # Two chairs saving at the same moment both pass the service's check; the database's
    # one-open-plan constraint refuses the second, shown as a message, nothing written.
    child = new_child(staff)
    plan = child_on_plan(staff, child, D(2025, 5, 1), D(2025, 5, 20))
    enquiry = strategy_to_s47(staff, plan.referral, D(2025, 6, 2))
    monkeypatch.setattr(services, "_check_no_plan_clash", lambda *args: None)
    with pytest.raises(ValidationError) as refused:
        icpc(staff, enquiry, D(2025, 6, 10))
    assert services.ERROR_PLAN_OPEN_MEANWHILE.format(child=child) in messages(refused.value)
    assert ProtectionPlan.objects.filter(child=child).count() == 1
    assert not Conference.objects.filter(section47=enquiry, held_on__isnull=False).exists()


def test_a_conference_decision_needs_its_reasons_and_keeps_them(staff, booked):
    with pytest.raises(ValidationError) as refused:
        hold(staff, booked, decision_reasons="  ")
    assert refused.value.message_dict == {"decision_reasons": [services.ERROR_DECISION_REASONS]}
    assert not Conference.objects.get(pk=booked.pk).is_held
    held = hold(staff, booked, decision_reasons="  Neglect persists despite help.  ")
    assert held.decision_reasons == "Neglect persists despite help."


def test_a_review_conference_decision_needs_its_reasons(staff):
    plan = child_on_plan(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 20))
    with pytest.raises(ValidationError) as refused:
        review(staff, plan, decision_reasons="")
    assert refused.value.message_dict == {"decision_reasons": [services.ERROR_DECISION_REASONS]}
    assert plan.reviews.count() == 0
    assert review(staff, plan).decision_reasons == CONFERENCE_REASONS


def test_the_chronology_gives_the_reasons_and_an_older_conference_without_them_still_shows(staff):
    from hearth.records.chronology import chronology_for

    plan = child_on_plan(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 20))
    entry = next(e for e in chronology_for(plan.child) if e.kind == "conference")
    assert f"Reasons for the decision: {CONFERENCE_REASONS}" in entry.detail
    Conference.objects.filter(pk=plan.initial_conference_id).update(decision_reasons="")  # as before they were kept
    entry = next(e for e in chronology_for(plan.child) if e.kind == "conference")
    assert "Reasons for the decision" not in entry.detail


# A review conference booked ahead --------------------------------------------------------------
# The plan from the ICPC of 20 May 2025; the first review is due by 20 August (T07). On 1 August the
# team manager books it for 18 August with the IRO to chair; the IRO records it on the day.
BOOKED_ON = datetime.datetime(2025, 8, 1, 12, 0, tzinfo=datetime.UTC)


def book_review(staff, plan, **changes):
    arguments = {"actor": staff.team_manager.user, "plan_id": plan.pk, "booked_for": D(2025, 8, 18), "chair": staff.iro}
    return services.review_conference_book(**{**arguments, **changes})


def test_a_review_booked_ahead_waits_on_the_chairs_list_and_is_the_one_recorded(staff):
    plan = child_on_plan(staff, new_child(staff, "Wren", "Booked"), D(2025, 5, 1), D(2025, 5, 20))
    with time_machine.travel(BOOKED_ON):
        booked = book_review(staff, plan)
    assert (booked.kind, booked.plan, booked.booked_for, booked.held_on) == ("RCPC", plan, D(2025, 8, 18), None)
    assert booked.booked_by == staff.team_manager.user and booked.chair == staff.iro
    assert AuditEvent.objects.filter(action="conference.book_review", object_id=str(booked.pk)).count() == 1
    assert booked in chairs_work(staff.iro)["booked"]
    # Not held: not a review yet for the plan's timescales, its category or its next review due (T07).
    assert [d.due for d in plan_duties(plan) if "review" in d.duty.lower()] == [D(2025, 8, 20)]

    with time_machine.travel(datetime.datetime(2025, 8, 18, 15, 0, tzinfo=datetime.UTC)):
        recorded = review(staff, plan, held_on=D(2025, 8, 18))
    assert recorded.pk == booked.pk and plan.reviews.count() == 1  # the booking recorded, not a second row
    recorded.refresh_from_db()
    assert (recorded.booked_for, recorded.held_on, recorded.decision, recorded.category) == (
        D(2025, 8, 18),
        D(2025, 8, 18),
        ConferenceDecision.CONTINUE,
        "EMO",
    )
    assert recorded.booked_by == staff.team_manager.user and recorded.recorded_by == staff.iro
    assert recorded not in chairs_work(staff.iro)["booked"]
    # Held: the next review now runs from it (T08, six months).
    assert [d.due for d in plan_duties(plan) if "review" in d.duty.lower()] == [D(2026, 2, 18)]


def test_the_chair_books_their_own_review_and_a_social_worker_or_another_chair_cannot(staff):
    plan = child_on_plan(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 20))
    with time_machine.travel(BOOKED_ON):
        for actor, chair in ((staff.social_worker.user, staff.iro), (second_iro(), staff.iro)):
            with pytest.raises(ValidationError) as refused:
                book_review(staff, plan, actor=actor, chair=chair)
            assert services.ERROR_NOT_CHAIR_OR_MANAGER_TO_BOOK in messages(refused.value)
        assert book_review(staff, plan, actor=staff.iro).booked_by == staff.iro


def test_a_booking_in_the_past_or_a_second_booking_is_refused(staff):
    plan = child_on_plan(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 20))
    review(staff, plan, held_on=D(2025, 7, 31))
    with time_machine.travel(BOOKED_ON):
        cases = [
            (D(2025, 7, 30), services.ERROR_REVIEW_BOOKED_IN_PAST),
            (D(2025, 7, 31), services.ERROR_REVIEW_BOOKED_IN_PAST),
        ]
        for booked_for, error in cases:
            with pytest.raises(ValidationError) as refused:
                book_review(staff, plan, booked_for=booked_for)
            assert error in messages(refused.value)
        book_review(staff, plan, booked_for=D(2025, 8, 1))  # today will do
        with pytest.raises(ValidationError) as refused:
            book_review(staff, plan, booked_for=D(2025, 9, 1))
        assert services.ERROR_REVIEW_BOOKED.format(date="1 August 2025") in messages(refused.value)
    assert plan.reviews.filter(held_on__isnull=True).count() == 1


def test_a_booking_on_the_plans_first_day_or_of_a_review_held_today_is_refused(staff):
    with time_machine.travel(datetime.datetime(2025, 5, 20, 15, 0, tzinfo=datetime.UTC)):
        plan = child_on_plan(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 20))
        with pytest.raises(ValidationError) as refused:
            book_review(staff, plan, booked_for=D(2025, 5, 20))
        assert services.ERROR_REVIEW_ON_OR_BEFORE_START.format(date="20 May 2025") in messages(refused.value)
    with time_machine.travel(BOOKED_ON):
        review(staff, plan, held_on=D(2025, 8, 1))
        with pytest.raises(ValidationError) as refused:
            book_review(staff, plan, booked_for=D(2025, 8, 1))
        assert services.ERROR_REVIEW_BOOKED_BEFORE_LAST.format(date="1 August 2025") in messages(refused.value)
        with pytest.raises(ValidationError) as refused:
            book_review(staff, plan, chair=staff.team_manager.user)
        assert services.ERROR_NOT_IRO in messages(refused.value)
    assert not plan.reviews.filter(held_on__isnull=True).exists()


def test_an_ended_plan_takes_no_booking_and_a_booking_does_not_hide_its_last_review(staff):
    plan = child_on_plan(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 20))
    review(staff, plan, held_on=D(2025, 7, 21))
    with time_machine.travel(BOOKED_ON):
        booked = book_review(staff, plan)
    # The plan cannot end before its last review held: the booking (no date held) does not hide it.
    with pytest.raises(ValidationError) as refused:
        services.protection_plan_end(
            actor=staff.team_manager.user, plan_id=plan.pk, ended_on=D(2025, 7, 1), reason="NO_RISK"
        )
    assert services.ERROR_END_BEFORE_LAST_EVENT.format(date="21 July 2025") in messages(refused.value)
    services.protection_plan_end(
        actor=staff.team_manager.user, plan_id=plan.pk, ended_on=D(2025, 8, 4), reason="NO_RISK"
    )
    assert booked not in chairs_work(staff.iro)["booked"]  # it will not sit now
    with time_machine.travel(BOOKED_ON), pytest.raises(ValidationError) as refused:
        book_review(staff, plan, booked_for=D(2025, 8, 20))
    assert services.ERROR_PLAN_ENDED.format(date="4 August 2025") in messages(refused.value)
