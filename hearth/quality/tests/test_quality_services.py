"""Recording a case audit with its actions and completing an action: what is written, who may, and
bad input refused with nothing written. The database's own constraints too."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hearth.audit.models import AuditEvent
from hearth.core.roles import Role
from hearth.quality import services
from hearth.quality.models import AuditAction, CaseAudit, Grade
from hearth.quality.services import ActionDraft, audit_action_complete, case_audit_record
from hearth.testing.journeys import allocated_case, at, new_child
from hearth.workforce.services import case_allocate, user_create, worker_create

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def case(staff):
    """A child's open case in the north team, held by Nina (the social worker) since 1 May 2025."""
    return allocated_case(staff, new_child(staff, "Hazel", "Marsh"), at(D(2025, 5, 1), 9))


def audit(staff, case, *, actor=None, grade=Grade.REQUIRES_IMPROVEMENT, actions=None, **overrides):
    arguments = {
        "actor": actor or staff.performance_officer,
        "referral_id": case.pk,
        "audited_on": D(2025, 6, 10),
        "grade": grade,
        "strengths": "Visits on time; good relationship with mother",
        "findings": "The plan has not been updated since the strategy discussion",
        "child_voice_evident": False,
        "theme": "Children in need",
        "actions": [ActionDraft("Update the plan with the family", staff.social_worker.pk, D(2025, 7, 10))]
        if actions is None
        else actions,
    }
    return case_audit_record(**(arguments | overrides))


def nothing_written():
    return (
        not CaseAudit.objects.exists()
        and not AuditAction.objects.exists()
        and not AuditEvent.objects.filter(action="case_audit.record").exists()
    )


def test_an_audit_is_recorded_with_its_actions_and_its_audit_row(staff, case):
    recorded = audit(staff, case)
    assert recorded.child == case.child and recorded.auditor == staff.performance_officer
    assert recorded.grade == Grade.REQUIRES_IMPROVEMENT and recorded.theme == "Children in need"
    action = recorded.actions.get()
    assert action.worker == staff.social_worker and action.due_on == D(2025, 7, 10) and action.is_open
    event = AuditEvent.objects.get(action="case_audit.record")
    assert event.child == case.child and event.object_id == str(recorded.pk)
    assert event.detail == {"grade": "REQUIRES_IMPROVEMENT", "actions": 1}


def test_bad_input_is_refused_field_by_field_and_nothing_is_written(staff, case):
    with pytest.raises(ValidationError) as refused:
        audit(
            staff,
            case,
            audited_on=D(2025, 4, 30),
            findings="  ",
            actions=[
                ActionDraft("", None, None),  # empty: ignored
                ActionDraft("Record the child's wishes", None, D(2025, 4, 1)),
            ],
        )
    errors = refused.value.message_dict
    assert errors["audited_on"] == [services.ERROR_AUDIT_BEFORE_REFERRAL.format(date="1 May 2025")]
    assert errors["findings"] == [services.ERROR_FINDINGS_REQUIRED]
    assert errors["action_2_worker"] == [services.ERROR_ACTION_WORKER_REQUIRED]
    assert "action_1_text" not in errors
    assert nothing_written()


def test_a_grade_below_good_needs_an_action_and_good_does_not(staff, case):
    with pytest.raises(ValidationError) as refused:
        audit(staff, case, grade=Grade.INADEQUATE, actions=[])
    assert refused.value.message_dict["action_1_text"] == [services.ERROR_ACTION_NEEDED.format(grade="inadequate")]
    assert nothing_written()
    assert audit(staff, case, grade=Grade.GOOD, actions=[]).actions.count() == 0


def test_an_action_is_for_a_worker_in_the_team_holding_the_case_and_not_due_before_the_audit(staff, case):
    with pytest.raises(ValidationError) as refused:
        audit(
            staff,
            case,
            actions=[
                ActionDraft("Update the plan", staff.other_social_worker.pk, D(2025, 7, 1)),
                ActionDraft("Supervise the case", staff.team_manager.pk, D(2025, 6, 9)),
            ],
        )
    errors = refused.value.message_dict
    assert errors["action_1_worker"] == [services.ERROR_ACTION_WORKER_NOT_IN_TEAM.format(team="North")]
    assert errors["action_2_due_on"] == [services.ERROR_ACTION_DUE_BEFORE_AUDIT.format(date="10 June 2025")]
    assert nothing_written()


def test_an_audit_in_the_future_or_twice_on_a_day_by_the_same_auditor_is_refused(staff, case):
    with pytest.raises(ValidationError) as refused:
        audit(staff, case, audited_on=datetime.date.today() + datetime.timedelta(days=2))
    assert refused.value.message_dict["audited_on"] == [services.ERROR_DATE_IN_FUTURE]
    audit(staff, case)
    with pytest.raises(ValidationError) as refused:
        audit(staff, case)
    assert refused.value.message_dict["audited_on"] == [services.ERROR_ALREADY_AUDITED.format(date="10 June 2025")]
    assert CaseAudit.objects.count() == 1


def test_who_may_audit(staff, case):
    # Service managers, quality officers and the team's own manager may; a social worker may not;
    # nor may a manager who cannot see the child (another team's case), nor a director.
    audit(staff, case, actor=staff.service_manager)
    audit(staff, case, actor=staff.team_manager.user, audited_on=D(2025, 6, 11))
    south_manager = worker_create(
        actor=None,
        user=user_create(
            actor=None,
            username="sam",
            first_name="Sam",
            last_name="Tester",
            email="sam@example.org",
            password="x-long-password-1",
            role=Role.TEAM_MANAGER,
        ),
        team=staff.south,
        job_title="Team manager",
    ).user
    for refused_actor in (staff.social_worker.user, south_manager, staff.director, staff.councillor, staff.iro):
        with pytest.raises(ValidationError) as refused:
            audit(staff, case, actor=refused_actor, audited_on=D(2025, 6, 12))
        assert refused.value.messages == [services.ERROR_MAY_NOT_AUDIT]
    assert CaseAudit.objects.count() == 2


def test_nobody_audits_a_case_they_hold(staff, case):
    """A team manager who also holds cases may audit the team's other cases, never their own."""
    holding_manager = worker_create(
        actor=None,
        user=user_create(
            actor=None,
            username="hal",
            first_name="Hal",
            last_name="Tester",
            email="hal@example.org",
            password="x-long-password-1",
            role=Role.TEAM_MANAGER,
        ),
        team=staff.north,
        job_title="Team manager",
    )
    own = allocated_case(staff, new_child(staff, "Ivy", "Marsh"), at(D(2025, 5, 2), 9), worker=holding_manager)
    with pytest.raises(ValidationError):
        audit(staff, own, actor=holding_manager.user, actions=[])
    audit(staff, case, actor=holding_manager.user)  # a colleague's case
    # Once the case moves to someone else, its former holder may audit it.
    case_allocate(
        actor=staff.team_manager.user,
        referral_id=own.pk,
        worker_id=staff.social_worker.pk,
        started_on=D(2025, 6, 1),
        change_reason="MANAGE",
    )
    assert audit(staff, own, actor=holding_manager.user).referral == own


@pytest.fixture
def action(staff, case):
    return audit(staff, case).actions.get()


def test_the_worker_completes_their_action_with_their_response(staff, action):
    done = audit_action_complete(
        actor=staff.social_worker.user,
        action_id=action.pk,
        version=1,
        completed_on=D(2025, 7, 1),
        response="Plan updated with mother and school on 1 July",
    )
    assert done.completed_on == D(2025, 7, 1) and done.completed_by == staff.social_worker.user
    assert done.version == 2 and not done.is_open
    assert AuditEvent.objects.filter(action="audit_action.complete", object_id=str(action.pk)).count() == 1


def test_their_team_manager_may_complete_it_and_no_one_else(staff, action):
    for refused_actor in (staff.other_social_worker.user, staff.service_manager, staff.performance_officer):
        with pytest.raises(ValidationError) as refused:
            audit_action_complete(
                actor=refused_actor, action_id=action.pk, version=1, completed_on=D(2025, 7, 1), response="Done"
            )
        assert refused.value.messages == [services.ERROR_MAY_NOT_COMPLETE]
    audit_action_complete(
        actor=staff.team_manager.user, action_id=action.pk, version=1, completed_on=D(2025, 7, 1), response="Done"
    )


def test_two_people_cannot_both_complete_it(staff, action):
    audit_action_complete(
        actor=staff.team_manager.user, action_id=action.pk, version=1, completed_on=D(2025, 7, 1), response="Done"
    )
    with pytest.raises(ValidationError) as refused:
        audit_action_complete(
            actor=staff.social_worker.user,
            action_id=action.pk,
            version=1,
            completed_on=D(2025, 7, 2),
            response="Also done",
        )
    assert refused.value.messages == [services.ERROR_ALREADY_COMPLETED.format(date="1 July 2025")]
    action.refresh_from_db()
    assert action.response == "Done" and action.completed_by == staff.team_manager.user


def test_a_stale_version_is_refused_and_bad_completion_writes_nothing(staff, action):
    with pytest.raises(ValidationError) as refused:
        audit_action_complete(
            actor=staff.social_worker.user, action_id=action.pk, version=0, completed_on=D(2025, 7, 1), response="x"
        )
    assert refused.value.messages == [services.ERROR_CHANGED_MEANWHILE]
    with pytest.raises(ValidationError) as refused:
        audit_action_complete(
            actor=staff.social_worker.user, action_id=action.pk, version=1, completed_on=D(2025, 6, 9), response=" "
        )
    assert refused.value.message_dict == {
        "completed_on": [services.ERROR_COMPLETED_BEFORE_AUDIT.format(date="10 June 2025")],
        "response": [services.ERROR_RESPONSE_REQUIRED],
    }
    action.refresh_from_db()
    assert action.is_open and action.version == 1
    assert not AuditEvent.objects.filter(action="audit_action.complete").exists()


def test_the_database_refuses_an_audit_without_findings_and_a_half_completed_action(staff, action):
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseAudit.objects.filter(pk=action.audit_id).update(findings="")
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseAudit.objects.filter(pk=action.audit_id).update(grade="SATISFACTORY")
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditAction.objects.filter(pk=action.pk).update(completed_on=D(2025, 7, 1))


def test_the_childs_subject_access_export_holds_the_audits_and_their_actions(staff, case):
    from hearth.people.exports import subject_access_record

    audit(staff, case)
    [exported] = subject_access_record(case.child)["case_audits"]
    assert exported["grade"] == "Requires improvement" and exported["audited on"] == "2025-06-10"
    assert exported["auditor"] == "Pat Tester"
    assert [a["action"] for a in exported["actions"]] == ["Update the plan with the family"]
