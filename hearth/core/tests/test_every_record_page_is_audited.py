"""Every page that shows a child's record writes a view row to the audit trail (issue 21): the test
walks every URL in the project that takes a child or a record of a child, opens it as a person
allowed to, and fails if no `child.view` row for that child was written. A new page of a child's
record without its audit fails here, because every URL taking an argument must be named in
`url_arguments` (hearth/core/tests/test_access_rules.py) and then either below in PAGE_CHILD or
in EXEMPT with the reason it shows no child's record.

The view row is written in one place: `require_perm` notes the record a page was allowed for, and
`hearth.audit.middleware.ChildViewAuditMiddleware` writes the row when a GET is answered with the
page (docs/security.md "Audit")."""

import pytest
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.core.access_rules import ACCESS_RULES, PERSONAS, Access
from hearth.core.tests.test_access_rules import example, persona_user, project_url_names, url_arguments

__all__ = ["example"]  # the fixture, shared with the access rules' test

# The child whose record each page shows, from the example built by the access rules' test.
PAGE_CHILD = {
    "people:child_detail": lambda ex: ex["child"],
    "people:child_access_log": lambda ex: ex["child"],
    "people:child_restriction": lambda ex: ex["child"],
    "people:child_subject_access_export": lambda ex: ex["child"],
    "people:child_subject_access_pdf": lambda ex: ex["child"],
    "people:child_identity_edit": lambda ex: ex["child"],
    "people:former_name_add": lambda ex: ex["child"],
    "people:relationship_add": lambda ex: ex["child"],
    "people:relationship_end": lambda ex: ex["child"],
    "people:ethnicity_record": lambda ex: ex["child"],
    "people:upn_unknown_record": lambda ex: ex["child"],
    "people:disabilities_record": lambda ex: ex["child"],
    "people:uasc_record": lambda ex: ex["child"],
    "frontdoor:contact_detail": lambda ex: ex["child"],
    "frontdoor:dip_sample_item": lambda ex: ex["item"].contact.child,
    "workforce:allocate": lambda ex: ex["child"],
    "workforce:allocation_reason": lambda ex: ex["child"],
    "people:former_upn_record": lambda ex: ex["child"],
    "people:expected_birth_record": lambda ex: ex["child"],
    "people:death_record": lambda ex: ex["child"],
    "assessment:internal_review": lambda ex: ex["child"],
    "workforce:close": lambda ex: ex["child"],
    "workforce:transfer": lambda ex: ex["child"],
    "assessment:start": lambda ex: ex["child"],
    "assessment:authorise": lambda ex: ex["child"],
    "assessment:detail": lambda ex: ex["child"],
    "assessment:record": lambda ex: ex["child"],
    "assessment:submit": lambda ex: ex["child"],
    "assessment:return": lambda ex: ex["child"],
    "protection:strategy_discussion": lambda ex: ex["cp_referral"].child,
    "protection:section47_outcome": lambda ex: ex["cp_referral"].child,
    "protection:conference_book": lambda ex: ex["cp_referral"].child,
    "protection:conference_detail": lambda ex: ex["cp_referral"].child,
    "protection:conference_hold": lambda ex: ex["cp_referral"].child,
    "protection:checklist": lambda ex: ex["cp_referral"].child,
    "protection:escalation_raise": lambda ex: ex["cp_referral"].child,
    "protection:escalation_step": lambda ex: ex["cp_referral"].child,
    "protection:review_conference": lambda ex: ex["cp_referral"].child,
    "protection:review_book": lambda ex: ex["cp_referral"].child,
    "protection:core_group": lambda ex: ex["cp_referral"].child,
    "protection:plan_end": lambda ex: ex["cp_referral"].child,
    "cin:start": lambda ex: ex["child"],
    "cin:review": lambda ex: ex["cin_plan"].child,
    "cin:end": lambda ex: ex["cin_plan"].child,
    "visits:record": lambda ex: ex["child"],
    "records:note_list": lambda ex: ex["child"],
    "records:note_new": lambda ex: ex["child"],
    "records:note_detail": lambda ex: ex["child"],
    "records:note_edit": lambda ex: ex["child"],
    "records:note_amend": lambda ex: ex["child"],
    "records:chronology": lambda ex: ex["child"],
    "records:chronology_pdf": lambda ex: ex["child"],
    "records:alert_new": lambda ex: ex["child"],
    "records:alert_update": lambda ex: ex["child"],
    "documents:upload": lambda ex: ex["child"],
    "documents:download": lambda ex: ex["child"],
    "care:care_start": lambda ex: ex["child"],
    "care:period": lambda ex: ex["period_of_care"].child,
    "care:legal_status_change": lambda ex: ex["period_of_care"].child,
    "care:placement_change": lambda ex: ex["period_of_care"].child,
    "care:care_end": lambda ex: ex["period_of_care"].child,
    "care:decision_approve": lambda ex: ex["period_of_care"].child,
    "care:care_plan_record": lambda ex: ex["period_of_care"].child,
    "care:deprivation_of_liberty": lambda ex: ex["period_of_care"].child,
    "iro:iro_appoint": lambda ex: ex["period_of_care"].child,
    "duties:review_record": lambda ex: ex["care_duties_period"].child,
    "duties:review_detail": lambda ex: ex["care_duties_period"].child,
    "duties:review_checklist": lambda ex: ex["care_duties_period"].child,
    "duties:review_concern_raise": lambda ex: ex["care_duties_period"].child,
    "duties:health_check_record": lambda ex: ex["care_duties_period"].child,
    "duties:pep_record": lambda ex: ex["care_duties_period"].child,
    "duties:pep_correct": lambda ex: ex["care_duties_period"].child,
    "duties:health_plan_record": lambda ex: ex["care_duties_period"].child,
    "duties:health_plan_correct": lambda ex: ex["care_duties_period"].child,
    "duties:sdq_record": lambda ex: ex["care_duties_period"].child,
    "duties:health_status_record": lambda ex: ex["care_duties_period"].child,
    "duties:conviction_record": lambda ex: ex["care_duties_period"].child,
    "duties:substance_misuse_record": lambda ex: ex["care_duties_period"].child,
    "duties:sdq_correct": lambda ex: ex["care_duties_period"].child,
    "duties:health_status_correct": lambda ex: ex["care_duties_period"].child,
    "duties:conviction_correct": lambda ex: ex["care_duties_period"].child,
    "duties:substance_misuse_correct": lambda ex: ex["care_duties_period"].child,
    "missing:episode_record": lambda ex: ex["period_of_care"].child,
    "missing:episode": lambda ex: ex["period_of_care"].child,
    "missing:return_record": lambda ex: ex["period_of_care"].child,
    "missing:interview_record": lambda ex: ex["period_of_care"].child,
    "missing:episode_correct": lambda ex: ex["period_of_care"].child,
    "leavers:leaver": lambda ex: ex["care_leaver"],
    "leavers:leaver_contact": lambda ex: ex["care_leaver"],
    "leavers:pathway_plan_review": lambda ex: ex["care_leaver"],
    "leavers:support_to_25_request": lambda ex: ex["care_leaver"],
    "leavers:support_to_25_withdrawal": lambda ex: ex["care_leaver"],
    "permanence:previous_permanence": lambda ex: ex["period_of_care"].child,
    "permanence:previous_permanence_correct": lambda ex: ex["period_of_care"].child,
    "permanence:adoption_decision": lambda ex: ex["period_of_care"].child,
    "permanence:adoption_decision_reverse": lambda ex: ex["period_of_care"].child,
    "permanence:adoption_match": lambda ex: ex["period_of_care"].child,
    "permanence:permanence_plan": lambda ex: ex["period_of_care"].child,
    "quality:audit_record": lambda ex: ex["child"],
    "quality:case_supervision_record": lambda ex: ex["child"],
    "quality:audit_detail": lambda ex: ex["child"],
    "quality:action_complete": lambda ex: ex["child"],
}

# Pages that take an argument but show no one child's record, and why.
EXEMPT = {
    # Figures for the whole council: an indicator, a target, a published month, the Corporate
    # Parenting Panel report (aggregate, never a child's record).
    "performance:drilldown": "a list of the children an indicator counts, not a child's record",
    "quality:clinic_new": "an indicator's figure and the clinic form, not a child's record",
    "quality:clinic_detail": "a clinic on an indicator: the children it counted listed, not a child's record",
    "quality:clinic_action_complete": "a clinic's action, owned by a worker, not a child's record",
    "performance:target_edit": "a target: a figure for the council",
    "performance:commentary_edit": "the commentary on an indicator's month",
    "performance:published_month": "a published month's figures",
    "performance:published_workbook": "a published month's figures",
    "performance:published_month_pdf": "a published month's figures",
    "performance:report_pdf": "a published month's kept report PDF and the progress of making it",
    "performance:published_changes": "a published month's figures beside the record's today",
    "performance:corporate_parenting": "the panel's figures",
    "performance:corporate_parenting_pdf": "the panel's figures",
    "performance:corporate_parenting_workbook": "the panel's figures",
    "frontdoor:dip_sample_detail": "a sample's list of contacts (each contact's page is audited)",
    "care:provider_edit": "a placement provider on the council's register",
    "fostering:household": "a household of carers (children placed named only to those who may see them)",
    "fostering:household_status": "a household of foster carers or adopters",
    "fostering:placement_exemption": "a household of foster carers or adopters",
    "fostering:staying_put": "a household of foster carers or adopters",
    "fostering:household_terms": "a household of foster carers or adopters",
    "fostering:staying_put_end": "a household of foster carers (the young people named only to those who may see them)",
    "workforce:worker_employment": "a member of staff's employment facts, not a child's record",
    "workforce:worker_supervision": "a member of staff's supervision, not a child's record",
    "workforce:team_establishment": "a team's funded posts, not a child's record",
    "returns:run_progress": "a 903 run's progress and its failures, for the performance team",
    "returns:run_files": "the 903 return's files for the whole council (the download is audited as return.download)",
    "returns:reconciliation_progress": "how far the Reconciliation page's run has got: a stage and a percentage",
    "migration:run": "an import's report: the past returns' own child ids and file lines, for the administrator",
    "migration:run_progress": "an import's progress",
    # The reason form for a sealed adoption record: the example child is not sealed, so every role
    # is refused here; its own test opens it for a sealed record (hearth/people/tests/test_sealed_records.py).
    "people:sealed_record_open": "refused to every role for the example child (not sealed)",
}


def pages_with_arguments(example) -> list[str]:
    return sorted(name for name in ACCESS_RULES if url_arguments(name, example))


def allowed_persona(name: str) -> str | None:
    return next((persona for persona in PERSONAS if ACCESS_RULES[name][persona] == Access.ALLOW), None)


def test_every_page_taking_an_argument_is_declared_here(example):
    names = pages_with_arguments(example)
    undeclared = [name for name in names if name not in PAGE_CHILD and name not in EXEMPT]
    assert undeclared == [], f"say which child each shows (PAGE_CHILD), or why none (EXEMPT): {undeclared}"
    assert sorted(set(PAGE_CHILD) & set(EXEMPT)) == []
    stale = sorted(name for name in [*PAGE_CHILD, *EXEMPT] if name not in names)
    assert stale == [], f"no such page with an argument: {stale}"
    assert set(project_url_names()) >= set(names)


def test_every_page_of_a_childs_record_writes_a_view_row_when_seen(staff, example, client):
    failures = []
    for name in sorted(PAGE_CHILD):
        persona = allowed_persona(name)
        assert persona is not None, f"{name}: no role may open it, so nothing proves it is audited"
        user = persona_user(staff, persona)
        child = PAGE_CHILD[name](example)
        client.force_login(user)
        before = AuditEvent.objects.count()
        response = client.get(reverse(name, kwargs=url_arguments(name, example)))
        if response.status_code != 200:
            failures.append(f"{name}: answered {response.status_code} to {persona}")
            continue
        written = AuditEvent.objects.order_by("id")[before:]
        views = [e for e in written if e.action == "child.view" and e.child_id == child.pk and e.actor_id == user.pk]
        if len(views) != 1:
            failures.append(f"{name}: {len(views)} view rows for the child seen by {persona}")
        elif views[0].detail.get("page") != name:
            failures.append(f"{name}: the view row names the page {views[0].detail.get('page')!r}")
    assert failures == []


def test_a_refused_page_writes_no_view_row_only_the_refusal(staff, example, client):
    """Refused: the refusal is recorded against the child, never a view."""
    user = staff.other_social_worker.user
    client.force_login(user)
    for name in sorted(PAGE_CHILD):
        assert ACCESS_RULES[name]["other_team_social_worker"] == Access.DENY, name
        child = PAGE_CHILD[name](example)
        before = AuditEvent.objects.count()
        response = client.get(reverse(name, kwargs=url_arguments(name, example)))
        assert response.status_code in (403, 404), name
        written = list(AuditEvent.objects.order_by("id")[before:])
        assert [e.action for e in written if e.action == "child.view"] == [], name
        if response.status_code == 403:
            assert any(e.action == "access.refused" and e.child_id == child.pk for e in written), name


pytestmark = pytest.mark.django_db
