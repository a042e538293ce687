import datetime

import pytest
from django.core.exceptions import ValidationError

from hearth.assessment import services
from hearth.assessment.models import Assessment
from hearth.audit.models import AuditEvent
from hearth.testing.journeys import (
    AUTHORISATION_REASONS,
    allocated_case,
    at,
    authorised_assessment,
    new_child,
    referred_case,
    submitted_assessment,
)

D = datetime.date


def test_an_assessment_authorised_before_it_started_is_refused_and_nothing_changes(staff):
    assessment = authorised_assessment(staff, new_child(staff), D(2025, 5, 1), None)
    submitted_assessment(staff, assessment, D(2025, 5, 1))
    audit_rows = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.assessment_authorise(
            actor=staff.team_manager.user,
            assessment_id=assessment.pk,
            authorised_on=D(2025, 4, 30),
            outcome="NFA",
            reasons=AUTHORISATION_REASONS,
        )
    assert refused.value.message_dict["authorised_on"] == [
        services.ERROR_AUTHORISED_BEFORE_START.format(date="1 May 2025")
    ]
    assessment.refresh_from_db()
    assert assessment.authorised_on is None and assessment.outcome == ""
    assert AuditEvent.objects.count() == audit_rows


def test_only_a_manager_can_authorise(staff):
    assessment = authorised_assessment(staff, new_child(staff), D(2025, 5, 1), None)
    submitted_assessment(staff, assessment, D(2025, 5, 30))
    with pytest.raises(ValidationError, match="Only a team manager or service manager"):
        services.assessment_authorise(
            actor=staff.social_worker.user,
            assessment_id=assessment.pk,
            authorised_on=D(2025, 6, 1),
            outcome="NFA",
            reasons=AUTHORISATION_REASONS,
        )
    assert Assessment.objects.get(pk=assessment.pk).authorised_on is None


def test_an_assessment_needs_an_allocated_worker(staff):
    referral = referred_case(staff, new_child(staff), at(D(2025, 5, 1), 9))
    with pytest.raises(ValidationError, match="Allocate the case"):
        services.assessment_start(actor=staff.social_worker.user, referral_id=referral.pk, started_on=D(2025, 5, 2))
    assert not Assessment.objects.exists()


def test_an_assessment_cannot_start_before_the_referral(staff):
    referral = allocated_case(staff, new_child(staff), at(D(2025, 5, 1), 9))
    with pytest.raises(ValidationError) as refused:
        services.assessment_start(actor=staff.social_worker.user, referral_id=referral.pk, started_on=D(2025, 4, 30))
    assert "started_on" in refused.value.message_dict
    assert not Assessment.objects.exists()


def test_authorisation_is_recorded_with_who_and_when(staff):
    assessment = authorised_assessment(staff, new_child(staff), D(2025, 5, 1), None)
    submitted_assessment(staff, assessment, D(2025, 5, 30))
    services.assessment_authorise(
        actor=staff.team_manager.user,
        assessment_id=assessment.pk,
        authorised_on=D(2025, 6, 2),
        outcome="CIN_PLAN",
        reasons=AUTHORISATION_REASONS,
    )
    assessment.refresh_from_db()
    assert (assessment.authorised_on, assessment.authorised_by, assessment.outcome) == (
        D(2025, 6, 2),
        staff.team_manager.user,
        "CIN_PLAN",
    )
    assert AuditEvent.objects.filter(action="assessment.authorise", child=assessment.child).count() == 1
