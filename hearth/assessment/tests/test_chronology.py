import datetime
import json

from django.urls import reverse

from hearth.assessment.services import assessment_authorise, assessment_return, assessment_submit
from hearth.frontdoor.services import case_close
from hearth.records.chronology import chronology_for
from hearth.testing.journeys import AUTHORISATION_REASONS, authorised_assessment, new_child, submitted_assessment

D = datetime.date


def test_the_chronology_tells_the_assessment_and_front_door_story(staff):
    """Contact received 1 May 2025 10:00 and screened as a referral at 12:00; allocated to Nina the
    same day; assessment started 1 May, submitted 2 Jun, returned 3 Jun, resubmitted 4 Jun and
    authorised 5 Jun with a CIN plan (factor 16A)."""
    assessment = authorised_assessment(staff, new_child(staff, "Chrono"), D(2025, 5, 1), None)
    submitted_assessment(staff, assessment, D(2025, 6, 2))
    assessment_return(
        actor=staff.team_manager.user, assessment_id=assessment.pk, returned_on=D(2025, 6, 3), reason="Add the voice"
    )
    assessment_submit(actor=staff.social_worker.user, assessment_id=assessment.pk, submitted_on=D(2025, 6, 4))
    assessment_authorise(
        actor=staff.team_manager.user,
        assessment_id=assessment.pk,
        authorised_on=D(2025, 6, 5),
        outcome="CIN_PLAN",
        reasons=AUTHORISATION_REASONS,
    )
    entries = chronology_for(assessment.child)
    titles = [(entry.day, entry.title) for entry in entries]
    assert titles == [
        (D(2025, 6, 5), "Assessment authorised: child in need plan"),
        (D(2025, 6, 4), "Assessment submitted for authorisation"),
        (D(2025, 6, 3), "Assessment returned to the worker"),
        (D(2025, 6, 2), "Assessment submitted for authorisation"),
        (D(2025, 5, 1), "Assessment started"),
        (D(2025, 5, 1), "Case allocated to Nina Tester (North)"),
        (D(2025, 5, 1), "Referral to children's social care: case opened with North"),
        (D(2025, 5, 1), "Screening decision: Referral to children's social care (assessment)"),
        (D(2025, 5, 1), "Contact received from Schools"),
    ]
    authorised = entries[0]
    assert "16A Neglect" in authorised.detail and "seen 1 May 2025 (alone)" in authorised.detail
    assert authorised.by == "Tomas Tester"
    assert entries[2].detail == "Add the voice"


def test_a_case_closure_and_the_end_of_its_allocation_are_in_the_chronology(staff):
    """Authorised 2 Jun 2025 as no further action; the case closed 5 Jun (RC8), ending Nina's allocation."""
    assessment = authorised_assessment(staff, new_child(staff, "Closed"), D(2025, 5, 1), None)
    submitted_assessment(staff, assessment, D(2025, 6, 2), factor_codes=("21",))
    assessment_authorise(
        actor=staff.team_manager.user,
        assessment_id=assessment.pk,
        authorised_on=D(2025, 6, 2),
        outcome="NFA",
        reasons=AUTHORISATION_REASONS,
    )
    case_close(actor=staff.team_manager.user, referral_id=assessment.referral_id, closed_on=D(2025, 6, 5), reason="RC8")
    newest = [(entry.day, entry.kind, entry.title) for entry in chronology_for(assessment.child)][:3]
    assert newest == [
        (D(2025, 6, 5), "allocation", "Allocation to Nina Tester ended"),
        (D(2025, 6, 5), "referral", "Case closed: Case closed after assessment, no further action"),
        (D(2025, 6, 2), "assessment", "Assessment authorised: no further action"),
    ]


def test_the_subject_access_export_carries_what_the_assessment_recorded(staff, client_for):
    assessment = authorised_assessment(staff, new_child(staff, "Voice"), D(2025, 5, 1), None)
    submitted_assessment(staff, assessment, D(2025, 6, 2))
    response = client_for(staff.service_manager).get(
        reverse("people:child_subject_access_export", args=[assessment.child_id])
    )
    [exported] = json.loads(response.content)["cases"][0]["assessments"]
    assert exported["factors"] == ["16A Neglect"]
    assert exported["wishes_and_feelings"].startswith("Wants to stay at the same school")
    assert (exported["child_seen_on"], exported["child_seen_alone"], exported["submitted_on"]) == (
        "2025-05-01",
        True,
        "2025-06-02",
    )
