"""The assessment pages as people use them: the form, a stale page, a step not allowed now."""

import datetime

from django.urls import reverse

from hearth.assessment.models import Assessment
from hearth.assessment.services import ERROR_STALE_DRAFT
from hearth.core.forms import ERROR_MISSING_VERSION
from hearth.testing.journeys import authorised_assessment, new_child, recorded_assessment, submitted_assessment

D = datetime.date


def record_form(version, codes=("16A",)):
    return {
        "factors": list(codes),
        "wishes_and_feelings": "Likes school.",
        "child_seen_on_day": "2",
        "child_seen_on_month": "5",
        "child_seen_on_year": "2025",
        "child_seen_alone": "on",
        "version": str(version),
    }


def test_the_worker_saves_details_from_the_page(staff, client_for):
    assessment = authorised_assessment(staff, new_child(staff), D(2025, 5, 1), None)
    client = client_for(staff.social_worker.user)
    response = client.post(reverse("assessment:record", args=[assessment.pk]), record_form(assessment.version))
    assert response.status_code == 302
    saved = Assessment.objects.get(pk=assessment.pk)
    assert list(saved.factors.values_list("code", flat=True)) == ["16A"] and saved.child_seen_alone


def test_a_page_opened_before_someone_else_saved_is_refused_with_who_saved(staff, client_for):
    assessment = authorised_assessment(staff, new_child(staff), D(2025, 5, 1), None)
    opened_at = assessment.version
    recorded_assessment(staff, assessment, factor_codes=("4B",))  # Nina saves first, from another tab
    client = client_for(staff.team_manager.user)
    page = client.post(reverse("assessment:record", args=[assessment.pk]), record_form(opened_at, ("16A",)))
    assert page.status_code == 200
    assert ERROR_STALE_DRAFT.format(who="Nina Tester").replace("'", "&#x27;") in page.content.decode()
    assert list(Assessment.objects.get(pk=assessment.pk).factors.values_list("code", flat=True)) == ["4B"]


def test_a_post_without_the_version_is_refused_and_changes_nothing(staff, client_for):
    """Without the version the page was opened on, a save could silently overwrite someone else's."""
    assessment = authorised_assessment(staff, new_child(staff), D(2025, 5, 1), None)
    recorded_assessment(staff, assessment, factor_codes=("4B",))
    posted = {k: v for k, v in record_form(0, ("16A",)).items() if k != "version"}
    page = client_for(staff.team_manager.user).post(reverse("assessment:record", args=[assessment.pk]), posted)
    assert page.status_code == 200
    assert ERROR_MISSING_VERSION in page.content.decode()
    assert list(Assessment.objects.get(pk=assessment.pk).factors.values_list("code", flat=True)) == ["4B"]


def test_a_submitted_assessment_offers_the_worker_no_form(staff, client_for):
    assessment = authorised_assessment(staff, new_child(staff), D(2025, 5, 1), None)
    submitted_assessment(staff, assessment, D(2025, 6, 2))
    client = client_for(staff.social_worker.user)
    page = client.get(reverse("assessment:record", args=[assessment.pk])).content.decode()
    assert "This assessment cannot be changed now" in page and "<form" not in page.split("</header>")[-1]
    child_page = client.get(reverse("people:child_detail", args=[assessment.child_id])).content.decode()
    assert "Awaiting authorisation" in child_page and "Record assessment details" not in child_page


def test_a_social_worker_cannot_open_the_authorisation_page(staff, client_for):
    assessment = authorised_assessment(staff, new_child(staff), D(2025, 5, 1), None)
    submitted_assessment(staff, assessment, D(2025, 6, 2))
    client = client_for(staff.social_worker.user)
    response = client.post(
        reverse("assessment:authorise", args=[assessment.pk]),
        {"authorised_on_day": "3", "authorised_on_month": "6", "authorised_on_year": "2025", "outcome": "NFA"},
    )
    assert response.status_code == 403
    assert Assessment.objects.get(pk=assessment.pk).authorised_on is None


def test_the_manager_sees_the_authorise_button_only_once_submitted(staff, client_for):
    assessment = authorised_assessment(staff, new_child(staff), D(2025, 5, 1), None)
    client = client_for(staff.team_manager.user)
    url = reverse("people:child_detail", args=[assessment.child_id])
    assert "Authorise assessment" not in client.get(url).content.decode()
    submitted_assessment(staff, assessment, D(2025, 6, 2))
    assert "Authorise assessment" in client.get(url).content.decode()
