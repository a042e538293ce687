"""Property-based: whatever is typed into any of Hearth's forms, the answer is a page (the form
again with its errors, or the next page), never a server error."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.assessment.services import assessment_start
from hearth.people.services import relationship_add
from hearth.people.tests.test_sealed_records import adopt, granted, placed_for_adoption
from hearth.permanence.services import adoption_decision_record, previous_permanence_record
from hearth.records.services import alert_raise, note_draft_save, note_finalise
from hearth.testing.care_leaver_journeys import care_leaver
from hearth.testing.cin_journeys import child_on_cin_plan
from hearth.testing.fostering_journeys import approved_household
from hearth.testing.journeys import allocated_case, at, looked_after_child, new_child, submitted_assessment
from hearth.testing.missing_journeys import went_missing
from hearth.testing.oc2_journeys import conviction, health_status, sdq, substance_misuse
from hearth.testing.protection_journeys import child_on_plan, strategy_to_s47

typed = st.text(max_size=30)
anything = st.one_of(typed, st.integers(-10, 5000).map(str), st.just(""))
HYPOTHESIS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Each form: its URL name, the arguments of the URL, the fields it posts, the method.
FORMS = [
    (
        "people:child_create",
        None,
        ["first_name", "last_name", "date_of_birth_day", "date_of_birth_month", "date_of_birth_year", "sex"]
        + ["nhs_number", "upn", "postcode"],
        "post",
    ),
    ("people:child_restriction", "child", ["reason", "allowed_users"], "post"),
    ("people:sealed_record_open", "sealed_child", ["reason", "explanation"], "post"),
    (
        "frontdoor:contact_record",
        None,
        ["child", "received_on_day", "received_on_month", "received_on_year", "received_time", "source"]
        + ["contact_person", "account", "consent"],
        "post",
    ),
    ("workforce:allocate", "referral", ["worker", "started_on_day", "started_on_month", "started_on_year"], "post"),
    (
        "workforce:transfer",
        "referral",
        ["to_team", "transferred_on_day", "transferred_on_month", "transferred_on_year", "reason"],
        "post",
    ),
    ("assessment:start", "referral", ["started_on_day", "started_on_month", "started_on_year"], "post"),
    (
        "assessment:authorise",
        "submitted_assessment",
        ["authorised_on_day", "authorised_on_month", "authorised_on_year", "outcome", "reasons", "version"],
        "post",
    ),
    (
        "assessment:record",
        "assessment",
        [
            "factors",
            "wishes_and_feelings",
            "child_seen_on_day",
            "child_seen_on_month",
            "child_seen_on_year",
            "child_seen_alone",
            "developmental_needs",
            "parenting_capacity",
            "family_environment",
            "analysis",
            "recommendation",
            "version",
        ],
        "post",
    ),
    (
        "assessment:submit",
        "assessment",
        ["submitted_on_day", "submitted_on_month", "submitted_on_year", "version"],
        "post",
    ),
    (
        "assessment:return",
        "submitted_assessment",
        ["returned_on_day", "returned_on_month", "returned_on_year", "reason", "version"],
        "post",
    ),
    ("performance:index", None, ["as_of_day", "as_of_month", "as_of_year"], "get"),
    ("performance:population", None, ["year", "children", "source", "version"], "post"),
    ("performance:drilldown", "indicator", ["as_of_day", "as_of_month", "as_of_year"], "get"),
    ("people:child_search", None, ["q"], "get"),
    ("cin:start", "referral", ["started_on_day", "started_on_month", "started_on_year", "aims", "agreed_with"], "post"),
    (
        "cin:review",
        "cin_plan",
        [
            "version",
            "reviewed_on_day",
            "reviewed_on_month",
            "reviewed_on_year",
            "attendees",
            "decision",
            "changes",
            "decision_reasons",
            "end_reason",
            "end_note",
        ],
        "post",
    ),
    ("cin:end", "cin_plan", ["version", "ended_on_day", "ended_on_month", "ended_on_year", "reason", "note"], "post"),
    ("cin:up_to_date_plans", None, ["as_of_day", "as_of_month", "as_of_year"], "get"),
    (
        "visits:record",
        "cin_referral",
        [
            "visited_on_day",
            "visited_on_month",
            "visited_on_year",
            "visitor",
            "happened",
            "seen",
            "seen_alone",
            "child_voice",
            "place",
            "bedroom_seen",
            "others_seen",
            "observations",
            "next_steps",
            "not_possible_reason",
            "not_possible_detail",
        ],
        "post",
    ),
    (
        "protection:strategy_discussion",
        "referral",
        [
            "held_on_day",
            "held_on_month",
            "held_on_year",
            "agencies",
            "other_agencies",
            "participants",
            "decision",
            "reasons",
        ],
        "post",
    ),
    (
        "protection:section47_outcome",
        "enquiry",
        ["outcome", "outcome_on_day", "outcome_on_month", "outcome_on_year", "version"],
        "post",
    ),
    (
        "protection:conference_book",
        "enquiry",
        ["booked_for_day", "booked_for_month", "booked_for_year", "chair"],
        "post",
    ),
    (
        "protection:conference_hold",
        "conference",
        [
            "held_on_day",
            "held_on_month",
            "held_on_year",
            "attendance",
            "child_views",
            "decision",
            "category",
            "decision_reasons",
            "version",
        ],
        "post",
    ),
    (
        "protection:review_book",
        "plan",
        ["booked_for_day", "booked_for_month", "booked_for_year", "chair"],
        "post",
    ),
    (
        "protection:review_conference",
        "plan",
        [
            "held_on_day",
            "held_on_month",
            "held_on_year",
            "chair",
            "attendance",
            "child_views",
            "decision",
            "category",
            "decision_reasons",
            "version",
        ],
        "post",
    ),
    (
        "protection:core_group",
        "plan",
        ["held_on_day", "held_on_month", "held_on_year", "attendance", "summary"],
        "post",
    ),
    ("protection:plan_end", "plan", ["ended_on_day", "ended_on_month", "ended_on_year", "reason", "version"], "post"),
    # (the chair's own forms, checklist and escalation, are fuzzed as the chair in
    # hearth/protection/tests/test_chair_forms_answer_any_input.py)
    (
        "people:child_identity_edit",
        "child",
        ["first_name", "last_name", "date_of_birth_day", "date_of_birth_month", "date_of_birth_year", "sex"]
        + ["nhs_number", "upn", "postcode", "version"],
        "post",
    ),
    (
        "people:former_name_add",
        "child",
        ["first_name", "last_name", "used_until_day", "used_until_month", "used_until_year"],
        "post",
    ),
    (
        "people:relationship_add",
        "child",
        ["relationship", "sibling_hearth_id", "first_name", "last_name", "date_of_birth_day", "date_of_birth_month"]
        + ["date_of_birth_year", "address", "phone", "has_parental_responsibility", "lives_in_household"]
        + ["started_on_day", "started_on_month", "started_on_year"],
        "post",
    ),
    (
        "people:relationship_end",
        "relationship",
        ["ended_on_day", "ended_on_month", "ended_on_year", "reason", "in_error"],
        "post",
    ),
    (
        "people:ethnicity_record",
        "child",
        ["ethnicity", "applies_from_day", "applies_from_month", "applies_from_year"],
        "post",
    ),
    (
        "people:upn_unknown_record",
        "child",
        ["reason", "applies_from_day", "applies_from_month", "applies_from_year"],
        "post",
    ),
    (
        "people:disabilities_record",
        "child",
        ["disabilities", "applies_from_day", "applies_from_month", "applies_from_year"],
        "post",
    ),
    (
        "people:uasc_record",
        "child",
        ["uasc_from_day", "uasc_from_month", "uasc_from_year", "cease_reason"]
        + ["ceased_on_day", "ceased_on_month", "ceased_on_year"],
        "post",
    ),
    ("documents:upload", "child_documents", ["document_type", "title", "dated_on_day", "dated_on_month"], "post"),
    (
        "records:note_new",
        "child_id",
        ["children", "other_children", "note_type", "event_date_day", "event_date_month", "event_date_year"]
        + ["present", "childs_voice", "text", "version", "action"],
        "post",
    ),
    (
        "records:note_edit",
        "draft",
        ["children", "other_children", "note_type", "event_date_day", "event_date_month", "event_date_year"]
        + ["present", "childs_voice", "text", "version", "action"],
        "post",
    ),
    ("records:note_amend", "note", ["text", "reason"], "post"),
    ("records:note_detail", "note", ["action"], "post"),
    (
        "records:alert_new",
        "child_id",
        ["alert_type", "reason", "raised_on_day", "raised_on_month", "raised_on_year"]
        + ["review_on_day", "review_on_month", "review_on_year"],
        "post",
    ),
    (
        "records:alert_update",
        "alert",
        ["action", "review-review_on_day", "review-review_on_month", "review-review_on_year"]
        + ["end-ended_on_day", "end-ended_on_month", "end-ended_on_year", "end-end_reason"],
        "post",
    ),
    ("records:chronology", "child_id", ["kinds"], "get"),
    # The care record: the placement's fields appear on starting care and on a move.
    (
        "care:care_start",
        "care_referral",
        ["started_on_day", "started_on_month", "started_on_year", "category_of_need", "legal_status"]
        + ["placement_type", "provider", "postcode", "home_postcode", "long_term_until_18"]
        + ["approved_by", "approved_on_day", "approved_on_month", "approved_on_year", "emergency"]
        + ["distance_approved_by", "distance_approved_on_day", "distance_approved_on_month"]
        + ["distance_approved_on_year", "distance_risk_assessment"],
        "post",
    ),
    (
        "care:decision_approve",
        "period_of_care",
        ["version", "approved_on_day", "approved_on_month", "approved_on_year"],
        "post",
    ),
    (
        "care:legal_status_change",
        "period_of_care",
        ["version", "changed_on_day", "changed_on_month", "changed_on_year", "legal_status"],
        "post",
    ),
    (
        "care:placement_change",
        "period_of_care",
        ["version", "changed_on_day", "changed_on_month", "changed_on_year", "reason"]
        + ["placement_type", "provider", "postcode", "home_postcode", "long_term_until_18"]
        + ["distance_approved_by", "distance_approved_on_day", "distance_approved_on_month"]
        + ["distance_approved_on_year", "distance_risk_assessment"],
        "post",
    ),
    (
        "care:care_end",
        "period_of_care",
        ["version", "ended_on_day", "ended_on_month", "ended_on_year", "reason", "note"],
        "post",
    ),
    (
        "care:care_plan_record",
        "period_of_care",
        ["agreed_on_day", "agreed_on_month", "agreed_on_year", "permanence_plan", "summary", "child_voice"],
        "post",
    ),
    (
        "care:deprivation_of_liberty",
        "period_of_care",
        ["started_on_day", "started_on_month", "started_on_year"],
        "post",
    ),
    (
        "duties:review_record",
        "care_duties_period",
        ["held_on_day", "held_on_month", "held_on_year", "chair", "participation", "recommendations", "child_voice"],
        "post",
    ),
    (
        "duties:health_check_record",
        "care_duties_period",
        ["kind", "done_on_day", "done_on_month", "done_on_year", "refused", "done_by"],
        "post",
    ),
    (
        "leavers:leaver_contact",
        "care_leaver",
        ["contacted_on_day", "contacted_on_month", "contacted_on_year", "method", "in_touch", "activity"]
        + ["accommodation", "accommodation_suitable", "note"],
        "post",
    ),
    (
        "leavers:pathway_plan_review",
        "care_leaver",
        ["reviewed_on_day", "reviewed_on_month", "reviewed_on_year", "personal_adviser", "summary", "child_voice"],
        "post",
    ),
    (
        "leavers:support_to_25_request",
        "care_leaver",
        ["requested_on_day", "requested_on_month", "requested_on_year", "note"],
        "post",
    ),
    (
        "leavers:support_to_25_withdrawal",
        "care_leaver",
        ["withdrawn_on_day", "withdrawn_on_month", "withdrawn_on_year", "reason"],
        "post",
    ),
    (
        "quality:audit_record",
        "referral",
        ["audited_on_day", "audited_on_month", "audited_on_year", "theme", "grade", "strengths", "findings"]
        + ["child_voice_evident", "action_1_text", "action_1_worker", "action_1_due_on_day", "action_1_due_on_month"]
        + ["action_1_due_on_year", "action_2_text", "action_2_worker"],
        "post",
    ),
    ("quality:audit_list", None, ["month", "team", "grade"], "get"),
    # Supervision (issue 19): a worker's, and case supervision on a child's file.
    (
        "quality:case_supervision_record",
        "referral",
        ["held_on_day", "held_on_month", "held_on_year", "decisions"],
        "post",
    ),
    (
        "quality:clinic_new",
        "indicator",
        ["held_on_day", "held_on_month", "held_on_year", "attendees", "reason_not_red", "action_1_text"]
        + ["action_1_owner", "action_1_due_on_day", "action_1_due_on_month", "action_1_due_on_year"],
        "post",
    ),
    ("quality:clinic_list", None, ["indicator"], "get"),
    ("workforce:team_establishment", "team", ["funded_fte"], "post"),
    ("workforce:weekly_exceptions", None, ["team", "item_key", "agreed"], "post"),
    ("workforce:worker_supervision", "worker", ["held_on_day", "held_on_month", "held_on_year", "decisions"], "post"),
    (
        "permanence:previous_permanence",
        "permanence_period",
        ["option", "la_code", "order_year", "order_month", "order_day"],
        "post",
    ),
    (
        "permanence:adoption_decision",
        "permanence_child",
        ["decided_on_day", "decided_on_month", "decided_on_year"],
        "post",
    ),
    (
        "permanence:adoption_decision_reverse",
        "adoption_decision",
        ["version", "reversed_on_day", "reversed_on_month", "reversed_on_year", "reason"],
        "post",
    ),
    (
        "permanence:permanence_plan",
        "permanence_child",
        ["version", "plan", "agreed_on_day", "agreed_on_month", "agreed_on_year", "reason"],
        "post",
    ),
    ("permanence:tracker", None, ["plan", "team"], "get"),
    (
        "permanence:adoption_match",
        "adoption_decision",
        ["matched_on_day", "matched_on_month", "matched_on_year", "adopters_number", "adopters_sex"]
        + ["adopters_legal_status", "adopters"],
        "post",
    ),
    # Corrections of facts recorded wrongly, each with its version.
    (
        "duties:sdq_correct",
        "sdq",
        ["version", "completed_on_day", "completed_on_month", "completed_on_year", "score", "reason"],
        "post",
    ),
    (
        "duties:health_status_correct",
        "health_status",
        ["version", "kind", "as_at_day", "as_at_month", "as_at_year", "up_to_date", "source"],
        "post",
    ),
    (
        "duties:conviction_correct",
        "conviction",
        ["version", "convicted_on_day", "convicted_on_month", "convicted_on_year", "offence"],
        "post",
    ),
    (
        "duties:substance_misuse_correct",
        "substance_misuse",
        ["version", "identified_on_day", "identified_on_month", "identified_on_year", "intervention", "note"],
        "post",
    ),
    (
        "missing:episode_correct",
        "missing_episode",
        ["version", "kind", "started_on_day", "started_on_month", "started_on_year", "started_time"]
        + ["returned_on_day", "returned_on_month", "returned_on_year", "returned_time"],
        "post",
    ),
    (
        "permanence:previous_permanence_correct",
        "previous_permanence",
        ["version", "option", "la_code", "order_year", "order_month", "order_day"],
        "post",
    ),
    # Foster carer and adopter households (fostering).
    (
        "fostering:household_approve",
        None,
        ["provider", "approved_on_day", "approved_on_month", "approved_on_year", "places", "youngest_age"]
        + ["oldest_age", "bedrooms", "terms"],
        "post",
    ),
    (
        "fostering:household_status",
        "approval",
        ["version", "status", "changed_on_day", "changed_on_month", "changed_on_year", "reason"],
        "post",
    ),
    (
        "fostering:placement_exemption",
        "approval",
        ["child_hearth_id", "granted_on_day", "granted_on_month", "granted_on_year", "reason"],
        "post",
    ),
    (
        "fostering:household_terms",
        "approval",
        ["version", "changed_on_day", "changed_on_month", "changed_on_year", "places", "youngest_age", "oldest_age"]
        + ["bedrooms", "terms", "reason"],
        "post",
    ),
    ("fostering:staying_put", "approval", ["young_person_hearth_id", "started_on_day", "started_on_month"], "post"),
    (
        "fostering:staying_put_end",
        "approval",
        ["arrangement", "ended_on_day", "ended_on_month", "ended_on_year", "reason"],
        "post",
    ),
    ("fostering:sufficiency", None, ["as_of_day", "as_of_month", "as_of_year"], "get"),
    # The register of placement providers.
    ("care:provider_add", None, ["kind", "name", "provider_code", "urn", "postcode", "agency"], "post"),
    (
        "care:provider_edit",
        "provider",
        ["version", "kind", "name", "provider_code", "urn", "postcode", "agency"],
        "post",
    ),
]


@pytest.fixture
def objects(staff):
    child = new_child(staff, "Form", "Fuzzcase")
    referral = allocated_case(staff, child, at(datetime.date(2025, 5, 1), 9))
    assessment = assessment_start(
        actor=staff.social_worker.user, referral_id=referral.pk, started_on=datetime.date(2025, 5, 2)
    )
    submitted = assessment_start(
        actor=staff.social_worker.user,
        referral_id=allocated_case(staff, new_child(staff, "Sub", "Fuzzcase"), at(datetime.date(2025, 5, 1), 9)).pk,
        started_on=datetime.date(2025, 5, 2),
    )
    submitted_assessment(staff, submitted, datetime.date(2025, 6, 2))
    cin_plan = child_on_cin_plan(staff, new_child(staff, "Plan", "Fuzzcase"), datetime.date(2025, 6, 2))
    cp_plan = child_on_plan(
        staff, new_child(staff, "Fuzz", "Planholder"), datetime.date(2025, 5, 1), datetime.date(2025, 5, 20)
    )
    booked = strategy_to_s47(staff, referral, datetime.date(2025, 5, 6))
    relationship = relationship_add(
        actor=staff.social_worker.user,
        child_id=child.pk,
        relationship_code="FATHER",
        person={"first_name": "Fergus", "last_name": "Fuzzcase"},
    )
    manager = staff.service_manager
    draft = note_draft_save(actor=manager, child_ids=[child.pk], text="A draft")
    note = note_draft_save(
        actor=manager, child_ids=[child.pk], note_type_code="MEETING", event_date=datetime.date(2025, 5, 3), text="Met"
    )
    note = note_finalise(actor=manager, note_id=note.pk, version=note.version)
    alert = alert_raise(
        actor=manager,
        child_id=child.pk,
        alert_type_code="OTHER",
        reason="Dog at the address",
        raised_on=datetime.date(2025, 5, 3),
        review_on=datetime.date(2025, 6, 3),
    )
    period_of_care = looked_after_child(staff, new_child(staff, "Cared", "Fuzzcase"), datetime.date(2025, 6, 2))
    care_referral = allocated_case(staff, new_child(staff, "Tobe", "Fuzzcase"), at(datetime.date(2025, 5, 1), 9))
    # A sealed adoption record, and the service manager allowed to open sealed records.
    adopted = new_child(staff, "Sealed", "Fuzzcase")
    adopt(staff, placed_for_adoption(staff, looked_after_child(staff, adopted, datetime.date(2024, 1, 8))))
    granted(staff.service_manager)
    decision = adoption_decision_record(
        actor=staff.social_worker.user, child_id=period_of_care.child_id, decided_on=datetime.date(2025, 6, 20)
    )
    # Facts to correct: OC2 facts and previous permanence on a period of their own (the looked-after
    # child's period keeps none, for the form that records it), a missing episode on the looked-after
    # child's.
    oc2_period = looked_after_child(staff, new_child(staff, "Outcome", "Fuzzcase"), datetime.date(2025, 6, 2))
    episode = went_missing(staff, period_of_care, at(datetime.date(2025, 7, 1), 22), at(datetime.date(2025, 7, 2), 9))
    previous = previous_permanence_record(actor=staff.social_worker.user, period_id=oc2_period.pk, option="Z1")
    return {
        "sdq": {"pk": sdq(staff, oc2_period, datetime.date(2025, 7, 1), score=12).pk},
        "health_status": {"pk": health_status(staff, oc2_period, "IMM", datetime.date(2025, 7, 1)).pk},
        "conviction": {"pk": conviction(staff, oc2_period, datetime.date(2025, 7, 1)).pk},
        "substance_misuse": {"pk": substance_misuse(staff, oc2_period, datetime.date(2025, 7, 1), "RECEIVED").pk},
        "missing_episode": {"pk": episode.pk},
        "previous_permanence": {"pk": previous.pk},
        "period_of_care": {"pk": period_of_care.pk},
        "permanence_period": {"period_id": period_of_care.pk},
        "permanence_child": {"child_id": period_of_care.child_id},
        "adoption_decision": {"decision_id": decision.pk},
        "care_referral": {"referral_id": care_referral.pk},
        "provider": {"pk": period_of_care.placements.get().provider_id},
        "approval": {"pk": approved_household(staff, "Ms Fuzzhouse", datetime.date(2025, 1, 6)).pk},
        "submitted_assessment": {"pk": submitted.pk},
        "cin_plan": {"pk": cin_plan.pk},
        "cin_referral": {"referral_id": cin_plan.referral_id},
        "enquiry": {"pk": booked.pk},
        "conference": {"pk": cp_plan.initial_conference_id},
        "plan": {"pk": cp_plan.pk},
        "child": {"pk": child.pk},
        "sealed_child": {"pk": adopted.pk},
        "child_documents": {"child_id": child.pk},
        "relationship": {"relationship_id": relationship.pk},
        "child_id": {"child_id": child.pk},
        "draft": {"pk": draft.pk},
        "note": {"pk": note.pk},
        "alert": {"pk": alert.pk},
        "referral": {"referral_id": referral.pk},
        "worker": {"worker_id": staff.social_worker.pk},
        "team": {"team_id": staff.north.pk},
        "assessment": {"pk": assessment.pk},
        "indicator": {"indicator_id": "A01"},
        "care_duties_period": {
            "period_id": looked_after_child(staff, new_child(staff, "Care", "Fuzzcase"), datetime.date(2025, 6, 2)).pk
        },
        "care_leaver": {
            "child_id": care_leaver(
                staff,
                "Leaf",
                "Fuzzcase",
                datetime.date(2007, 1, 15),
                datetime.date(2022, 1, 10),
                datetime.date(2025, 1, 15),
            ).pk
        },
        None: {},
    }


@pytest.mark.parametrize(("url_name", "target", "fields", "method"), FORMS, ids=[f[0] for f in FORMS])
@HYPOTHESIS
@given(data=st.data())
def test_the_form_answers_any_input_with_a_page(staff, objects, client, url_name, target, fields, method, data):
    client.force_login(staff.service_manager)
    values = {field: data.draw(anything, label=field) for field in fields}
    response = getattr(client, method)(reverse(url_name, kwargs=objects[target]), values)
    assert response.status_code in (200, 302), (url_name, values, response.status_code)
