import datetime

from hearth.assessment.services import assessment_authorise, assessment_return, assessment_submit
from hearth.records.chronology import chronology_for
from hearth.testing.journeys import authorised_assessment, new_child, submitted_assessment

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
        actor=staff.team_manager.user, assessment_id=assessment.pk, authorised_on=D(2025, 6, 5), outcome="CIN_PLAN"
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
