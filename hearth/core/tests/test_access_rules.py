"""Every URL in the project, for every role, against its declared rule (hearth/core/access_rules.py)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from hearth.assessment.services import assessment_start
from hearth.core.access_rules import ACCESS_RULES, ADMIN_NAMESPACE_RULE, PERSONAS, Access
from hearth.documents.samples import minimal_pdf
from hearth.documents.services import document_upload
from hearth.frontdoor.dip_samples import dip_sample_draw
from hearth.iro.services import iro_appoint
from hearth.people.services import relationship_add
from hearth.performance.services import snapshot_publish
from hearth.permanence.services import adoption_decision_record, previous_permanence_record
from hearth.protection.services import escalation_raise
from hearth.quality.models import Grade
from hearth.quality.services import ActionDraft, case_audit_record
from hearth.quality.services_clinics import ClinicActionDraft, clinic_hold
from hearth.records.services import alert_raise, note_draft_save, note_finalise
from hearth.testing.care_duty_journeys import check, health_plan, pep, review
from hearth.testing.care_leaver_journeys import care_leaver
from hearth.testing.cin_journeys import child_on_cin_plan
from hearth.testing.fostering_journeys import approved_household
from hearth.testing.journeys import allocated_case, at, looked_after_child, new_child, new_contact, screen
from hearth.testing.missing_journeys import went_missing
from hearth.testing.oc2_journeys import conviction, health_status, sdq, substance_misuse
from hearth.testing.protection_journeys import icpc, strategy_to_s47

D = datetime.date


def project_url_names() -> dict[str, str]:
    """Every named URL pattern (namespace:name) with its route."""

    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), prefix + str(pattern.pattern)

    return dict(walk(get_resolver().url_patterns))


def rule_for(name: str) -> dict[str, Access]:
    if name.startswith("admin:"):
        return ADMIN_NAMESPACE_RULE
    return ACCESS_RULES[name]


def test_every_url_has_a_declared_rule_for_every_role():
    undeclared = [name for name in project_url_names() if not name.startswith("admin:") and name not in ACCESS_RULES]
    assert undeclared == [], f"declare who may open these in hearth/core/access_rules.py: {undeclared}"
    stale = [name for name in ACCESS_RULES if name not in project_url_names()]
    assert stale == [], f"rules for URLs that no longer exist: {stale}"
    for name, by_persona in ACCESS_RULES.items():
        assert set(by_persona) == set(PERSONAS), name


@pytest.fixture
def example(staff):
    """A child in the north team's open case: referred, allocated, assessment awaiting authorisation."""
    child = new_child(staff, "Perpetua", "Quillfeather")
    referral = allocated_case(staff, child, at(D(2025, 5, 1), 9))
    assessment = assessment_start(actor=staff.social_worker.user, referral_id=referral.pk, started_on=D(2025, 5, 2))
    nfa_contact = new_contact(staff, child, at(D(2025, 4, 1), 9))
    screen(staff, nfa_contact, at(D(2025, 4, 1), 10))
    sample = dip_sample_draw(
        actor=staff.performance_officer, month=D(2025, 4, 1), size=5, reviewer=staff.performance_officer
    )
    protection = _child_on_a_plan(staff)
    worker = staff.social_worker.user
    note = note_draft_save(
        actor=worker, child_ids=[child.pk], note_type_code="HOME_VISIT", event_date=D(2025, 5, 3), text="Seen at home."
    )
    note = note_finalise(actor=worker, note_id=note.pk, version=note.version)
    draft = note_draft_save(actor=worker, child_ids=[child.pk], text="Phone call with school, half written")
    alert = alert_raise(
        actor=worker,
        child_id=child.pk,
        alert_type_code="STAFF_RISK",
        reason="Father threatened a worker",
        raised_on=D(2025, 5, 3),
        review_on=D(2025, 8, 3),
    )
    example = {
        **protection,
        "return_run": _finished_return_run(staff),
        "reconciliation_run": _reconciliation_run(staff),
        "import_run": _import_run(staff),
        "child": child,
        "note": note,
        "draft": draft,
        "alert": alert,
        "referral": referral,
        "contact": referral.contact,
        "assessment": assessment,
        "sample": sample,
        "item": sample.items.get(),
        "snapshot": snapshot_publish(actor=staff.performance_officer, month=D(2025, 4, 1)),
        # A case audit of the example child's case, with an action for the worker who holds it.
        "case_audit": case_audit_record(
            actor=staff.service_manager,
            referral_id=referral.pk,
            audited_on=D(2025, 6, 1),
            grade=Grade.REQUIRES_IMPROVEMENT,
            strengths="Quillfeather family engaged",
            findings="Plan not updated",
            child_voice_evident=False,
            actions=[ActionDraft(action="Update the plan", worker_id=staff.social_worker.pk, due_on=D(2025, 7, 1))],
        ),
        # A performance clinic on A01 with an action for the social worker.
        "clinic": clinic_hold(
            actor=staff.performance_officer,
            indicator_id="A01",
            held_on=D(2025, 6, 2),
            attendees="Pat Tester, performance officer",
            reason_not_red="No target set yet: a look at the backlog",
            actions=[
                ClinicActionDraft(action="Clear the backlog", owner_id=staff.social_worker.pk, due_on=D(2025, 7, 1))
            ],
        ),
        # A former relevant care leaver in the same team (same surname, so a leak would show).
        "care_leaver": care_leaver(staff, "Wren", "Quillfeather", D(2007, 1, 15), D(2022, 1, 10), D(2025, 1, 15)),
        # A sibling in the same team on a child in need plan (same surname, so a leak would show).
        "cin_plan": child_on_cin_plan(staff, new_child(staff, "Barnaby", "Quillfeather"), D(2025, 6, 2)),
        # A looked-after sibling in the same team (same surname, so a leak would show).
        "period_of_care": (
            oriel := looked_after_child(staff, new_child(staff, "Oriel", "Quillfeather"), D(2025, 6, 2))
        ),
        # Oriel went missing and came back (no IRO appointed to Oriel: the IRO persona cannot see it).
        "missing_episode": went_missing(staff, oriel, at(D(2025, 7, 1), 22), at(D(2025, 7, 2), 9)),
        # A sibling in the same team, looked after (reviews and health checks); the IRO persona is
        # their appointed IRO, so records their review but makes none of the social worker's changes.
        "care_duties_period": _with_iro(
            staff, looked_after_child(staff, new_child(staff, "Tamsin", "Quillfeather"), D(2025, 6, 2))
        ),
        "relationship": relationship_add(
            actor=staff.social_worker.user,
            child_id=child.pk,
            relationship_code="MOTHER",
            person={"first_name": "Prudence", "last_name": "Quillfeather"},
            has_parental_responsibility=True,
        ),
        "document": document_upload(
            actor=staff.social_worker.user,
            child_id=child.pk,
            document_type_code="LETTER",
            title="Letter about Perpetua Quillfeather",
            dated_on=D(2025, 5, 3),
            upload=SimpleUploadedFile("letter.pdf", minimal_pdf("Letter")),
        ),
    }
    # The looked-after sibling's decision that they should be placed for adoption (permanence).
    example["adoption_decision"] = adoption_decision_record(
        actor=staff.social_worker.user, child_id=example["period_of_care"].child_id, decided_on=D(2025, 6, 20)
    )
    # What the sibling's period and the looked-after sibling's period hold, for their correction pages.
    tamsin = example["care_duties_period"]
    example["sdq"] = sdq(staff, tamsin, D(2025, 7, 1), score=12)
    example["health_status"] = health_status(staff, tamsin, "IMM", D(2025, 7, 1))
    example["conviction"] = conviction(staff, tamsin, D(2025, 7, 1))
    example["substance_misuse"] = substance_misuse(staff, tamsin, D(2025, 7, 1), "RECEIVED")
    example["pep"] = pep(staff, tamsin, D(2025, 7, 1))
    example["care_review"] = review(staff, tamsin, D(2025, 6, 25))  # chaired by the IRO persona
    example["health_assessment"] = check(staff, tamsin, "IHA", D(2025, 6, 20))
    example["health_plan"] = health_plan(staff, example["health_assessment"])
    example["previous_permanence"] = previous_permanence_record(
        actor=staff.social_worker.user, period_id=example["period_of_care"].pk, option="Z1"
    )
    # A household of foster carers approved, with no child placed (fostering).
    example["approval"] = approved_household(staff, "Ms Juniper", D(2025, 1, 6))
    return example


def _finished_return_run(staff):
    """A finished 903 run (its files hold the example's Hearth IDs, as a real return would)."""
    from hearth.returns import services as returns
    from hearth.returns.tests.doubles import Result

    run = returns.return_run_request(actor=staff.performance_officer, collection_year=2025)
    returns.return_run_start(run.pk)
    return returns.return_run_results_store(
        run.pk, files={"Header.csv": b"CHILD,DOB\n"}, result=Result(failures=[], could_not_check=[], rules_run=0)
    )


def _reconciliation_run(staff):
    """A reconciliation run waiting for the worker (its progress is what the page asks for)."""
    from hearth.returns import services as returns

    return returns.reconciliation_run_request(actor=staff.performance_officer, collection_year=2025)


def _import_run(staff):
    """An import asked for by a system administrator (a dry run of a zip, not yet run)."""
    from django.contrib.auth import get_user_model

    from hearth.migration.import_runs import import_run_request

    administrator = get_user_model().objects.create_superuser("sysadmin", password="sysadmin-password-1")
    return import_run_request(
        actor=administrator,
        upload=b"PK\x05\x06" + bytes(18),
        upload_name="returns.zip",
        dry_run=True,
        leave_out_bad_children=False,
        team_id=staff.north.pk,
        worker_id=staff.social_worker.pk,
        chair_id=staff.iro.pk,
    )


def _with_iro(staff, period):
    iro_appoint(
        actor=staff.team_manager.user, period_id=period.pk, iro_id=staff.iro.pk, started_on=D(2025, 6, 4), current_id=0
    )
    return period


def _child_on_a_plan(staff) -> dict:
    """A second child in the north team on a child protection plan; the IRO persona chairs the
    initial conference and has raised a concern through the escalation procedure."""
    cp_referral = allocated_case(staff, new_child(staff, "Corin", "Ashgrove"), at(D(2025, 5, 1), 9))
    enquiry = strategy_to_s47(staff, cp_referral, D(2025, 5, 1))
    conference = icpc(staff, enquiry, D(2025, 5, 20))
    concern = escalation_raise(
        actor=staff.iro, conference_id=conference.pk, raised_on=D(2025, 5, 21), concern="Late reports", with_whom="TM"
    )
    return {
        "cp_referral": cp_referral,
        "enquiry": enquiry,
        "conference": conference,
        "plan": conference.plan_started,
        "escalation_step": concern.steps.get(),
    }


def url_arguments(name: str, example) -> dict:
    return {
        "people:child_detail": {"pk": example["child"].pk},
        "people:child_access_log": {"pk": example["child"].pk},
        "people:sealed_record_open": {"pk": example["child"].pk},
        "people:child_restriction": {"pk": example["child"].pk},
        "people:child_subject_access_export": {"pk": example["child"].pk},
        "people:child_subject_access_pdf": {"pk": example["child"].pk},
        "frontdoor:contact_detail": {"pk": example["contact"].pk},
        "workforce:allocate": {"referral_id": example["referral"].pk},
        "workforce:allocation_reason": {
            "referral_id": example["referral"].pk,
            "allocation_id": example["referral"].allocations.get().pk,
        },
        "workforce:close": {"referral_id": example["referral"].pk},
        "workforce:transfer": {"referral_id": example["referral"].pk},
        "workforce:worker_employment": {"worker_id": example["referral"].allocations.get().worker_id},
        "workforce:worker_supervision": {"worker_id": example["referral"].allocations.get().worker_id},
        "workforce:team_establishment": {"team_id": example["referral"].team_id},
        "assessment:start": {"referral_id": example["referral"].pk},
        "assessment:authorise": {"pk": example["assessment"].pk},
        "assessment:detail": {"pk": example["assessment"].pk},
        "assessment:record": {"pk": example["assessment"].pk},
        "assessment:submit": {"pk": example["assessment"].pk},
        "assessment:return": {"pk": example["assessment"].pk},
        "assessment:internal_review": {"pk": example["assessment"].pk},
        "performance:drilldown": {"indicator_id": "A01"},
        "performance:target_edit": {"indicator_id": "A01", "year": 2025},
        "performance:published_month": {"pk": example["snapshot"].pk},
        "performance:published_workbook": {"pk": example["snapshot"].pk},
        "performance:published_month_pdf": {"pk": example["snapshot"].pk},
        "performance:published_changes": {"pk": example["snapshot"].pk},
        "performance:report_pdf": {"pk": example["snapshot"].pk, "report": "month"},
        "performance:corporate_parenting": {"pk": example["snapshot"].pk},
        "performance:corporate_parenting_pdf": {"pk": example["snapshot"].pk},
        "performance:corporate_parenting_workbook": {"pk": example["snapshot"].pk},
        "performance:commentary_edit": {"indicator_id": "A01", "month": "2025-05"},
        "frontdoor:dip_sample_detail": {"pk": example["sample"].pk},
        "frontdoor:dip_sample_item": {"pk": example["item"].pk},
        "cin:start": {"referral_id": example["referral"].pk},
        "cin:review": {"pk": example["cin_plan"].pk},
        "cin:end": {"pk": example["cin_plan"].pk},
        "visits:record": {"referral_id": example["referral"].pk},
        "protection:strategy_discussion": {"referral_id": example["cp_referral"].pk},
        "protection:section47_outcome": {"pk": example["enquiry"].pk},
        "protection:conference_book": {"pk": example["enquiry"].pk},
        "protection:conference_detail": {"pk": example["conference"].pk},
        "protection:conference_hold": {"pk": example["conference"].pk},
        "protection:checklist": {"pk": example["conference"].pk},
        "protection:escalation_raise": {"pk": example["conference"].pk},
        "protection:escalation_step": {"pk": example["escalation_step"].pk},
        "protection:review_conference": {"pk": example["plan"].pk},
        "protection:review_book": {"pk": example["plan"].pk},
        "protection:core_group": {"pk": example["plan"].pk},
        "protection:plan_end": {"pk": example["plan"].pk},
        "people:child_identity_edit": {"pk": example["child"].pk},
        "people:former_name_add": {"pk": example["child"].pk},
        "people:relationship_add": {"pk": example["child"].pk},
        "people:relationship_end": {"relationship_id": example["relationship"].pk},
        "people:ethnicity_record": {"pk": example["child"].pk},
        "people:upn_unknown_record": {"pk": example["child"].pk},
        "people:disabilities_record": {"pk": example["child"].pk},
        "people:uasc_record": {"pk": example["child"].pk},
        "people:former_upn_record": {"pk": example["child"].pk},
        "people:expected_birth_record": {"pk": example["child"].pk},
        "people:death_record": {"pk": example["child"].pk},
        "documents:upload": {"child_id": example["child"].pk},
        "documents:download": {"public_id": example["document"].public_id},
        "records:note_list": {"child_id": example["child"].pk},
        "records:note_new": {"child_id": example["child"].pk},
        "records:chronology": {"child_id": example["child"].pk},
        "records:chronology_pdf": {"child_id": example["child"].pk},
        "records:alert_new": {"child_id": example["child"].pk},
        "records:note_detail": {"pk": example["note"].pk},
        "records:note_edit": {"pk": example["draft"].pk},
        "records:note_amend": {"pk": example["note"].pk},
        "records:alert_update": {"pk": example["alert"].pk},
        # The care record: start care on the example's open case; a looked-after sibling's period.
        "care:care_start": {"referral_id": example["referral"].pk},
        "care:period": {"pk": example["period_of_care"].pk},
        "care:legal_status_change": {"pk": example["period_of_care"].pk},
        "care:placement_change": {"pk": example["period_of_care"].pk},
        "care:care_end": {"pk": example["period_of_care"].pk},
        "care:decision_approve": {"pk": example["period_of_care"].pk},
        "care:care_plan_record": {"pk": example["period_of_care"].pk},
        "care:deprivation_of_liberty": {"pk": example["period_of_care"].pk},
        "care:provider_edit": {"pk": example["period_of_care"].placements.get().provider_id},
        "duties:review_record": {"period_id": example["care_duties_period"].pk},
        "duties:review_detail": {"pk": example["care_review"].pk},
        "duties:review_checklist": {"pk": example["care_review"].pk},
        "duties:review_concern_raise": {"pk": example["care_review"].pk},
        "duties:health_check_record": {"period_id": example["care_duties_period"].pk},
        "duties:sdq_record": {"period_id": example["care_duties_period"].pk},
        "duties:health_status_record": {"period_id": example["care_duties_period"].pk},
        "duties:conviction_record": {"period_id": example["care_duties_period"].pk},
        "duties:substance_misuse_record": {"period_id": example["care_duties_period"].pk},
        "duties:sdq_correct": {"pk": example["sdq"].pk},
        "duties:pep_record": {"period_id": example["care_duties_period"].pk},
        "duties:pep_correct": {"pk": example["pep"].pk},
        "duties:health_plan_record": {"assessment_id": example["health_assessment"].pk},
        "duties:health_plan_correct": {"pk": example["health_plan"].pk},
        "duties:health_status_correct": {"pk": example["health_status"].pk},
        "duties:conviction_correct": {"pk": example["conviction"].pk},
        "duties:substance_misuse_correct": {"pk": example["substance_misuse"].pk},
        "iro:iro_appoint": {"pk": example["period_of_care"].pk},
        "missing:episode_record": {"period_id": example["period_of_care"].pk},
        "missing:episode": {"pk": example["missing_episode"].pk},
        "missing:return_record": {"pk": example["missing_episode"].pk},
        "missing:interview_record": {"pk": example["missing_episode"].pk},
        "missing:episode_correct": {"pk": example["missing_episode"].pk},
        "leavers:leaver": {"child_id": example["care_leaver"].pk},
        "leavers:leaver_contact": {"child_id": example["care_leaver"].pk},
        "leavers:pathway_plan_review": {"child_id": example["care_leaver"].pk},
        "leavers:support_to_25_request": {"child_id": example["care_leaver"].pk},
        "leavers:support_to_25_withdrawal": {"child_id": example["care_leaver"].pk},
        "permanence:previous_permanence": {"period_id": example["period_of_care"].pk},
        "permanence:previous_permanence_correct": {"pk": example["previous_permanence"].pk},
        "permanence:adoption_decision": {"child_id": example["period_of_care"].child_id},
        "permanence:adoption_decision_reverse": {"decision_id": example["adoption_decision"].pk},
        "permanence:adoption_match": {"decision_id": example["adoption_decision"].pk},
        "permanence:permanence_plan": {"child_id": example["period_of_care"].child_id},
        "fostering:household": {"pk": example["approval"].pk},
        "fostering:household_status": {"pk": example["approval"].pk},
        "fostering:placement_exemption": {"pk": example["approval"].pk},
        "fostering:household_terms": {"pk": example["approval"].pk},
        "fostering:staying_put": {"pk": example["approval"].pk},
        "fostering:staying_put_end": {"pk": example["approval"].pk},
        "quality:audit_record": {"referral_id": example["referral"].pk},
        "quality:case_supervision_record": {"referral_id": example["referral"].pk},
        "quality:clinic_new": {"indicator_id": "A01"},
        "quality:clinic_detail": {"pk": example["clinic"].pk},
        "quality:clinic_action_complete": {"pk": example["clinic"].actions.get().pk},
        "quality:audit_detail": {"pk": example["case_audit"].pk},
        "quality:action_complete": {"pk": example["case_audit"].actions.get().pk},
        "returns:run_progress": {"pk": example["return_run"].pk},
        "returns:run_files": {"pk": example["return_run"].pk},
        "returns:reconciliation_progress": {"pk": example["reconciliation_run"].pk},
        "migration:run": {"pk": example["import_run"].pk},
        "migration:run_progress": {"pk": example["import_run"].pk},
    }.get(name, {})


def persona_user(staff, persona: str):
    return {
        "social_worker": staff.social_worker.user,
        "other_team_social_worker": staff.other_social_worker.user,
        "team_manager": staff.team_manager.user,
        "screener": staff.screener,
        "service_manager": staff.service_manager,
        "iro": staff.iro,
        "performance_officer": staff.performance_officer,
        "director": staff.director,
        "councillor": staff.councillor,
    }[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_page_opens_or_refuses_as_declared(staff, example, client, persona):
    client.force_login(persona_user(staff, persona))
    child = example["child"]
    failures = []
    for name in sorted(ACCESS_RULES):
        expected = rule_for(name)[persona]
        response = client.get(reverse(name, kwargs=url_arguments(name, example)))
        body = b"".join(response.streaming_content) if response.streaming else response.content
        page = body.decode(errors="replace")
        outcome = {
            Access.ALLOW: response.status_code == 200,
            Access.DENY: response.status_code in (403, 404) and child.last_name not in page,
            Access.AGGREGATE: response.status_code == 200 and child.last_name not in page,
            Access.REDIRECT: response.status_code == 302,
            Access.POST_ONLY: response.status_code == 405,
        }[expected]
        if not outcome:
            failures.append(f"{name}: expected {expected.name}, got {response.status_code}")
        elif "no-store" not in response.get("Cache-Control", ""):
            # Whatever a signed-in person is shown, no browser or proxy cache may keep it.
            failures.append(f"{name}: answered without Cache-Control: no-store")
    assert failures == []


def test_the_admin_is_closed_to_every_role(staff, client):
    admin_urls = [name for name in project_url_names() if name.startswith("admin:")]
    assert "admin:index" in admin_urls
    for persona in PERSONAS:
        client.force_login(persona_user(staff, persona))
        assert client.get(reverse("admin:index")).status_code == 302, persona


def test_a_manager_sees_who_viewed_the_record_including_refused_attempts(staff, example, client):
    child = example["child"]
    client.force_login(staff.other_social_worker.user)
    assert client.get(reverse("people:child_detail", args=[child.pk])).status_code == 403
    client.force_login(staff.social_worker.user)
    assert client.get(reverse("people:child_detail", args=[child.pk])).status_code == 200
    client.force_login(staff.team_manager.user)
    page = client.get(reverse("people:child_access_log", args=[child.pk])).content.decode()
    assert "Tried to open the record and was refused" in page and "Sol Tester" in page
    assert "Viewed the record" in page and "Nina Tester" in page
