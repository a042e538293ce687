"""The pages: recording an audit from the child's page, the audit with its actions, completing an
action, the case audits list with its counts; and audit actions on the worker's worklist."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.quality.models import AuditAction, CaseAudit, Grade
from hearth.quality.services import ActionDraft, audit_action_complete, case_audit_record
from hearth.testing.journeys import allocated_case, at, new_child
from hearth.worklists.selectors import worklist_for_team, worklist_for_worker

D = datetime.date
pytestmark = pytest.mark.django_db


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


@pytest.fixture
def case(staff):
    return allocated_case(staff, new_child(staff, "Hazel", "Marsh"), at(D(2025, 5, 1), 9))


def recorded(staff, case, *, grade=Grade.REQUIRES_IMPROVEMENT, audited_on=None, due_on=None):
    return case_audit_record(
        actor=staff.performance_officer,
        referral_id=case.pk,
        audited_on=audited_on or D(2025, 6, 10),
        grade=grade,
        strengths="Visits on time",
        findings="Plan out of date",
        child_voice_evident=True,
        actions=[ActionDraft("Update the plan with the family", staff.social_worker.pk, due_on or D(2025, 7, 10))],
    )


def test_a_quality_officer_records_an_audit_from_the_childs_page(staff, case, client_for):
    client = client_for(staff.performance_officer)
    child_page = client.get(reverse("people:child_detail", args=[case.child_id])).content.decode()
    url = reverse("quality:audit_record", args=[case.pk])
    assert "Record a case audit" in child_page and url in child_page
    form = client.get(url).content.decode()
    assert "Nina Tester (Social worker)" in form  # the case holder offered for actions, first
    answers = date_fields("audited_on", D(2025, 6, 10)) | {
        "grade": "INADEQUATE",
        "strengths": "Mother engaged",
        "findings": "No recent visit; the child's wishes are not recorded",
        "child_voice_evident": "no",
    }
    page = client.post(url, answers)
    assert page.status_code == 200 and "A case graded inadequate needs at least one action" in page.content.decode()
    assert not CaseAudit.objects.exists()
    answers |= {"action_1_text": "Visit and see the child alone", "action_1_worker": staff.social_worker.pk}
    answers |= date_fields("action_1_due_on", D(2025, 6, 24))
    response = client.post(url, answers)
    audit = CaseAudit.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("quality:audit_detail", args=[audit.pk])
    assert audit.grade == Grade.INADEQUATE and not audit.child_voice_evident
    assert audit.actions.get().worker == staff.social_worker


def test_the_worker_reads_the_audit_from_the_childs_page_and_completes_the_action(staff, case, client_for):
    audit = recorded(staff, case)
    client = client_for(staff.social_worker.user)
    child_page = client.get(reverse("people:child_detail", args=[case.child_id])).content.decode()
    assert "Case audits" in child_page and reverse("quality:audit_detail", args=[audit.pk]) in child_page
    assert "Record a case audit" not in child_page  # the worker holds the case: they do not audit it
    detail = client.get(reverse("quality:audit_detail", args=[audit.pk])).content.decode()
    action = audit.actions.get()
    assert "Requires improvement" in detail and "Overdue" in detail  # due 10 July 2025, long past
    assert reverse("quality:action_complete", args=[action.pk]) in detail
    assert AuditEvent.objects.filter(
        action="child.view", child=case.child, detail__page="quality:audit_detail"
    ).exists()
    url = reverse("quality:action_complete", args=[action.pk])
    page = client.post(url, {"version": 1, "response": "Plan updated"} | date_fields("completed_on", D(2025, 6, 1)))
    assert "The action cannot be completed before the audit (10 June 2025)" in page.content.decode()
    response = client.post(url, {"version": 1, "response": "Plan updated"} | date_fields("completed_on", D(2025, 7, 1)))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.completed_on == D(2025, 7, 1)
    # The form opened before that completion is refused with the message, not silently saved.
    stale = client_for(staff.team_manager.user).post(
        url, {"version": 1, "response": "Done"} | date_fields("completed_on", D(2025, 7, 2))
    )
    assert "This action was completed on 1 July 2025" in stale.content.decode()


def test_the_audit_list_counts_by_grade_and_filters(staff, case, client_for):
    other = allocated_case(staff, new_child(staff, "Ivo", "Pike"), at(D(2025, 5, 1), 9))
    recorded(staff, case, grade=Grade.GOOD, audited_on=D(2025, 6, 10))
    recorded(staff, other, grade=Grade.INADEQUATE, audited_on=D(2025, 6, 11))
    recorded(staff, other, grade=Grade.OUTSTANDING, audited_on=D(2025, 7, 2))
    client = client_for(staff.service_manager)
    url = reverse("quality:audit_list")
    everything = client.get(url).content.decode()
    assert "3 audits by grade: 66.7% good or outstanding" in everything
    june = client.get(url, {"month": "2025-06-01"}).content.decode()
    assert "2 audits by grade: 50.0% good or outstanding" in june
    june_inadequate = client.get(url, {"month": "2025-06-01", "grade": "INADEQUATE"}).content.decode()
    assert "1 audit graded inadequate" in june_inadequate and "Ivo Pike" in june_inadequate
    assert "Hazel Marsh" not in june_inadequate
    south = client.get(url, {"team": staff.south.pk}).content.decode()
    assert "0 audits by grade" in south


def test_a_team_manager_lists_only_the_audits_of_children_they_may_see(staff, case, client_for):
    elsewhere = allocated_case(staff, new_child(staff, "Sage", "Lowe"), at(D(2025, 5, 1), 9), staff.other_social_worker)
    recorded(staff, case)
    case_audit_record(
        actor=staff.service_manager,
        referral_id=elsewhere.pk,
        audited_on=D(2025, 6, 10),
        grade=Grade.GOOD,
        strengths="Good",
        findings="Little",
        child_voice_evident=True,
    )
    page = client_for(staff.team_manager.user).get(reverse("quality:audit_list")).content.decode()
    assert "Hazel Marsh" in page and "Sage Lowe" not in page


def test_the_list_shows_the_iro_escalations_table_without_children(staff, case, client_for):
    """The table's figures are worked by hand in test_quality_indicators; here: it is on the page."""
    page = client_for(staff.performance_officer).get(reverse("quality:audit_list")).content.decode()
    assert "IRO escalations since 1 April by stage and outcome (0 stages)" in page


def test_open_actions_are_on_the_workers_worklist_overdue_and_leave_it_when_done(staff, case):
    today = timezone.localdate()
    overdue = recorded(
        staff, case, audited_on=today - datetime.timedelta(days=30), due_on=today - datetime.timedelta(days=1)
    )
    later = recorded(
        staff, case, audited_on=today - datetime.timedelta(days=29), due_on=today + datetime.timedelta(days=9)
    )
    items = [
        i for i in worklist_for_worker(staff.social_worker, user=staff.social_worker.user) if "Case audit" in i.duty
    ]
    assert [i.due for i in items] == [today - datetime.timedelta(days=1), today + datetime.timedelta(days=9)]
    now = timezone.now()
    assert [i.status(now) for i in items] == ["overdue", "due"]
    assert items[0].url == reverse("quality:audit_detail", args=[overdue.pk])
    assert "for Nina Tester: Update the plan with the family" in items[0].duty
    assert any("Case audit" in i.duty for i in worklist_for_team(staff.north, user=staff.team_manager.user))
    assert not any(
        "Case audit" in i.duty
        for i in worklist_for_worker(staff.other_social_worker, user=staff.other_social_worker.user)
    )
    action = AuditAction.objects.get(audit=overdue)
    audit_action_complete(
        actor=staff.social_worker.user, action_id=action.pk, version=1, completed_on=today, response="Done"
    )
    items = [
        i for i in worklist_for_worker(staff.social_worker, user=staff.social_worker.user) if "Case audit" in i.duty
    ]
    assert [i.url for i in items] == [reverse("quality:audit_detail", args=[later.pk])]
