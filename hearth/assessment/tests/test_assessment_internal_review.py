"""The manager's internal review of an assessment (CIN census AssessmentInternalReviewDate): its
page, its refusals, the version check and the audit row."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from hearth.assessment import services
from hearth.assessment.models import Assessment
from hearth.audit.models import AuditEvent
from hearth.testing.journeys import authorised_assessment, new_child

D = datetime.date
pytestmark = pytest.mark.django_db


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


@pytest.fixture
def assessment(staff):
    """Started Mon 2 June 2025, authorised Mon 30 June 2025."""
    return authorised_assessment(staff, new_child(staff), D(2025, 6, 2), D(2025, 6, 30))


def test_the_manager_records_the_internal_review(staff, client_for, assessment):
    client = client_for(staff.team_manager.user)
    url = reverse("assessment:internal_review", args=[assessment.pk])
    assert url in client.get(reverse("assessment:detail", args=[assessment.pk])).content.decode()
    fields = {"version": assessment.version}
    page = client.post(url, date_fields("internal_review_on", D(2025, 5, 30)) | fields).content.decode()
    assert escape(services.ERROR_REVIEWED_BEFORE_START.format(date="2 June 2025")) in page
    page = client.post(url, date_fields("internal_review_on", D(2025, 7, 1)) | fields).content.decode()
    assert escape(services.ERROR_REVIEWED_AFTER_AUTHORISATION.format(date="30 June 2025")) in page
    assert Assessment.objects.get(pk=assessment.pk).internal_review_on is None
    response = client.post(url, date_fields("internal_review_on", D(2025, 6, 13)) | fields)
    assert response.status_code == 302
    saved = Assessment.objects.get(pk=assessment.pk)
    assert saved.internal_review_on == D(2025, 6, 13) and saved.internal_review_by == staff.team_manager.user
    assert "13 June 2025" in client.get(reverse("assessment:detail", args=[assessment.pk])).content.decode()
    assert AuditEvent.objects.get(action="assessment.internal_review_record").detail["internal_review_on"] == (
        "2025-06-13"
    )
    # The same page posted again is out of date: refused, nothing changed.
    page = client.post(url, date_fields("internal_review_on", D(2025, 6, 20)) | fields).content.decode()
    assert "changed this assessment after you opened it" in page
    assert Assessment.objects.get(pk=assessment.pk).internal_review_on == D(2025, 6, 13)


def test_a_social_worker_may_not_record_it(staff, client_for, assessment):
    client = client_for(staff.social_worker.user)
    assert client.get(reverse("assessment:internal_review", args=[assessment.pk])).status_code == 403
    with pytest.raises(Exception, match="Only a team manager"):
        services.assessment_internal_review_record(
            actor=staff.social_worker.user, assessment_id=assessment.pk, internal_review_on=D(2025, 6, 13)
        )
