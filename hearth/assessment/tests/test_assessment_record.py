"""Recording, submitting, returning and authorising an assessment: each bad input refused with its
message and nothing written."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hearth.assessment import services
from hearth.assessment.models import Assessment, AssessmentFactor, AssessmentReturn
from hearth.audit.models import AuditEvent
from hearth.testing.journeys import (
    AUTHORISATION_REASONS,
    authorised_assessment,
    new_child,
    recorded_assessment,
    submitted_assessment,
)

D = datetime.date


@pytest.fixture
def open_assessment(staff):
    """Started 1 May 2025 by Nina (North), nothing recorded yet."""
    return authorised_assessment(staff, new_child(staff), D(2025, 5, 1), None)


def record(staff, assessment, codes, **changes):
    arguments = {
        "actor": staff.social_worker.user,
        "assessment_id": assessment.pk,
        "factor_codes": codes,
        "wishes_and_feelings": "Wants to stay with mum.",
        "child_seen_on": D(2025, 5, 2),
        "child_seen_alone": True,
    }
    return services.assessment_record(**(arguments | changes))


def unchanged(assessment, audit_rows):
    fresh = Assessment.objects.get(pk=assessment.pk)
    return (
        fresh.version == assessment.version and not fresh.factors.exists() and AuditEvent.objects.count() == audit_rows
    )


def test_the_census_factor_list_is_loaded_as_data_with_21_no_factors(db):
    assert AssessmentFactor.objects.get(code="21").label == "No factors identified"
    assert AssessmentFactor.objects.get(code="16A").label == "Neglect"
    assert AssessmentFactor.objects.get(code="3B").label == "Domestic violence: concerns about the parent or carer"
    codes = list(AssessmentFactor.objects.values_list("code", flat=True))
    assert codes[:4] == ["1A", "1B", "1C", "2A"] and codes.index("9A") < codes.index("10A")


def test_the_worker_records_factors_wishes_and_seen_alone(staff, open_assessment):
    record(staff, open_assessment, ["16A", "3B"])
    fresh = Assessment.objects.get(pk=open_assessment.pk)
    assert sorted(fresh.factors.values_list("code", flat=True)) == ["16A", "3B"]
    assert (fresh.wishes_and_feelings, fresh.child_seen_on, fresh.child_seen_alone) == (
        "Wants to stay with mum.",
        D(2025, 5, 2),
        True,
    )
    assert fresh.version == open_assessment.version + 1
    assert AuditEvent.objects.filter(action="assessment.record", child=fresh.child).count() == 1


def test_factor_21_with_other_factors_is_refused(staff, open_assessment):
    audit_rows = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        record(staff, open_assessment, ["21", "16A"])
    assert refused.value.message_dict["factors"] == [services.ERROR_NO_FACTORS_ALONE]
    assert unchanged(open_assessment, audit_rows)


def test_factor_21_on_its_own_is_accepted(staff, open_assessment):
    record(staff, open_assessment, ["21"])
    assert list(Assessment.objects.get(pk=open_assessment.pk).factors.values_list("code", flat=True)) == ["21"]


def test_an_unknown_factor_code_is_refused(staff, open_assessment):
    audit_rows = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        record(staff, open_assessment, ["16A", "99Z"])
    assert refused.value.message_dict["factors"] == [services.ERROR_UNKNOWN_FACTOR.format(codes="99Z")]
    assert unchanged(open_assessment, audit_rows)


def test_seen_alone_without_being_seen_is_refused(staff, open_assessment):
    with pytest.raises(ValidationError) as refused:
        record(staff, open_assessment, ["16A"], child_seen_on=None, child_seen_alone=True)
    assert refused.value.message_dict["child_seen_alone"] == [services.ERROR_SEEN_ALONE_NOT_SEEN]


def test_seen_before_the_assessment_started_is_refused(staff, open_assessment):
    with pytest.raises(ValidationError) as refused:
        record(staff, open_assessment, ["16A"], child_seen_on=D(2025, 4, 30))
    assert "child_seen_on" in refused.value.message_dict


def test_a_stale_edit_is_refused_and_the_other_change_kept(staff, open_assessment):
    """Nina and her manager open the page at version 1; the manager saves first; Nina's save,
    made from the page at version 1, is refused and the manager's factors stay."""
    opened_at = open_assessment.version
    record(staff, open_assessment, ["4B"], actor=staff.team_manager.user, expected_version=opened_at)
    audit_rows = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        record(staff, open_assessment, ["16A"], expected_version=opened_at)
    assert refused.value.messages == [services.ERROR_STALE_DRAFT.format(who="Tomas Tester")]
    assert list(Assessment.objects.get(pk=open_assessment.pk).factors.values_list("code", flat=True)) == ["4B"]
    assert AuditEvent.objects.count() == audit_rows


def test_submission_needs_factors(staff, open_assessment):
    with pytest.raises(ValidationError) as refused:
        services.assessment_submit(
            actor=staff.social_worker.user, assessment_id=open_assessment.pk, submitted_on=D(2025, 6, 2)
        )
    assert refused.value.messages == [services.ERROR_NO_FACTORS]
    assert Assessment.objects.get(pk=open_assessment.pk).submitted_on is None


def test_submitting_twice_is_refused(staff, open_assessment):
    submitted_assessment(staff, open_assessment, D(2025, 6, 2))
    audit_rows = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.assessment_submit(
            actor=staff.social_worker.user, assessment_id=open_assessment.pk, submitted_on=D(2025, 6, 3)
        )
    assert refused.value.messages == [services.ERROR_ALREADY_SUBMITTED.format(date="2 June 2025")]
    assert Assessment.objects.get(pk=open_assessment.pk).submitted_on == D(2025, 6, 2)
    assert AuditEvent.objects.count() == audit_rows


def test_a_submitted_assessment_is_read_only_to_the_worker(staff, open_assessment):
    submitted_assessment(staff, open_assessment, D(2025, 6, 2))
    with pytest.raises(ValidationError) as refused:
        record(staff, open_assessment, ["21"])
    assert refused.value.messages == [services.ERROR_SUBMITTED_READ_ONLY.format(date="2 June 2025")]
    assert list(Assessment.objects.get(pk=open_assessment.pk).factors.values_list("code", flat=True)) == ["16A"]


def test_a_returned_assessment_can_be_changed_and_submitted_again(staff, open_assessment):
    submitted_assessment(staff, open_assessment, D(2025, 6, 2))
    services.assessment_return(
        actor=staff.team_manager.user,
        assessment_id=open_assessment.pk,
        returned_on=D(2025, 6, 3),
        reason="Add the child's own words",
    )
    returned = AssessmentReturn.objects.get(assessment=open_assessment)
    assert (returned.submitted_on, returned.returned_on, returned.reason) == (
        D(2025, 6, 2),
        D(2025, 6, 3),
        "Add the child's own words",
    )
    assert Assessment.objects.get(pk=open_assessment.pk).submitted_on is None
    record(staff, open_assessment, ["16A", "17A"])
    services.assessment_submit(
        actor=staff.social_worker.user, assessment_id=open_assessment.pk, submitted_on=D(2025, 6, 4)
    )
    assert Assessment.objects.get(pk=open_assessment.pk).submitted_on == D(2025, 6, 4)


def test_a_return_needs_a_reason_and_a_manager(staff, open_assessment):
    submitted_assessment(staff, open_assessment, D(2025, 6, 2))
    with pytest.raises(ValidationError) as refused:
        services.assessment_return(
            actor=staff.team_manager.user, assessment_id=open_assessment.pk, returned_on=D(2025, 6, 3), reason=" "
        )
    assert refused.value.message_dict["reason"] == [services.ERROR_REASON_REQUIRED]
    with pytest.raises(ValidationError, match=services.ERROR_NOT_A_MANAGER_RETURN):
        services.assessment_return(
            actor=staff.social_worker.user, assessment_id=open_assessment.pk, returned_on=D(2025, 6, 3), reason="x"
        )
    assert not AssessmentReturn.objects.exists()


def test_authorising_an_assessment_not_submitted_is_refused(staff, open_assessment):
    recorded_assessment(staff, open_assessment)
    with pytest.raises(ValidationError) as refused:
        services.assessment_authorise(
            actor=staff.team_manager.user,
            assessment_id=open_assessment.pk,
            authorised_on=D(2025, 6, 2),
            outcome="NFA",
            reasons=AUTHORISATION_REASONS,
        )
    assert refused.value.messages == [services.ERROR_NOT_SUBMITTED]


def test_authorising_without_factors_is_refused_rule_8897q(staff, open_assessment):
    """Submission already needs factors; a record that reached submission without them (one
    submitted before factors were kept, brought in by the migration) is still refused."""
    submitted_assessment(staff, open_assessment, D(2025, 6, 2))
    open_assessment.factors.clear()  # as a record migrated from before factors were kept
    audit_rows = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.assessment_authorise(
            actor=staff.team_manager.user,
            assessment_id=open_assessment.pk,
            authorised_on=D(2025, 6, 3),
            outcome="NFA",
            reasons=AUTHORISATION_REASONS,
        )
    assert refused.value.messages == [services.ERROR_NO_FACTORS]
    assert Assessment.objects.get(pk=open_assessment.pk).authorised_on is None
    assert AuditEvent.objects.count() == audit_rows


def test_a_social_worker_cannot_authorise(staff, open_assessment):
    submitted_assessment(staff, open_assessment, D(2025, 6, 2))
    with pytest.raises(ValidationError) as refused:
        services.assessment_authorise(
            actor=staff.social_worker.user,
            assessment_id=open_assessment.pk,
            authorised_on=D(2025, 6, 3),
            outcome="NFA",
            reasons=AUTHORISATION_REASONS,
        )
    assert refused.value.messages == [services.ERROR_NOT_A_MANAGER]
    assert Assessment.objects.get(pk=open_assessment.pk).authorised_on is None


def test_authorised_before_submission_is_refused(staff, open_assessment):
    submitted_assessment(staff, open_assessment, D(2025, 6, 2))
    with pytest.raises(ValidationError) as refused:
        services.assessment_authorise(
            actor=staff.team_manager.user,
            assessment_id=open_assessment.pk,
            authorised_on=D(2025, 5, 30),
            outcome="NFA",
            reasons=AUTHORISATION_REASONS,
        )
    assert refused.value.message_dict["authorised_on"] == [
        services.ERROR_AUTHORISED_BEFORE_SUBMISSION.format(date="2 June 2025")
    ]


def test_authorisation_records_outcome_and_factors_in_the_audit(staff, open_assessment):
    submitted_assessment(staff, open_assessment, D(2025, 6, 2), factor_codes=("3B", "16A"))
    services.assessment_authorise(
        actor=staff.team_manager.user,
        assessment_id=open_assessment.pk,
        authorised_on=D(2025, 6, 3),
        outcome="STRATEGY",
        reasons=AUTHORISATION_REASONS,
        expected_version=Assessment.objects.get(pk=open_assessment.pk).version,
    )
    event = AuditEvent.objects.get(action="assessment.authorise")
    assert event.detail == {"outcome": "STRATEGY", "factors": ["16A", "3B"]}


def test_the_database_refuses_seen_alone_without_a_seen_date(staff, open_assessment):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=open_assessment.pk).update(child_seen_alone=True)


def test_the_database_refuses_authorisation_without_submission(staff, open_assessment):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=open_assessment.pk).update(
            authorised_on=D(2025, 6, 2), authorised_by=staff.team_manager.user, outcome="NFA"
        )
