"""The social worker's narrative on an assessment and the manager's reasons: saved as a draft
(version-checked, a stale page keeps what was typed), required at submission and authorisation,
optional on historical records, shown on the page and in the chronology."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.assessment import services
from hearth.assessment.models import Assessment
from hearth.audit.models import AuditEvent
from hearth.records.chronology import chronology_for
from hearth.testing.journeys import (
    ASSESSMENT_NARRATIVE,
    AUTHORISATION_REASONS,
    authorised_assessment,
    new_child,
    submitted_assessment,
)

D = datetime.date


@pytest.fixture
def open_assessment(staff):
    return authorised_assessment(staff, new_child(staff, "Alex", "Example"), D(2025, 5, 1), None)


def _record(staff, assessment, narrative, **changes):
    return services.assessment_record(
        actor=staff.social_worker.user,
        assessment_id=assessment.pk,
        factor_codes=["16A"],
        wishes_and_feelings="Wants to stay with mum.",
        child_seen_on=D(2025, 5, 2),
        child_seen_alone=True,
        narrative=narrative,
        **changes,
    )


def _form(version, **narrative):
    return {
        "factors": ["16A"],
        "wishes_and_feelings": "Wants to stay with mum.",
        "child_seen_on_day": "2",
        "child_seen_on_month": "5",
        "child_seen_on_year": "2025",
        "version": str(version),
        **narrative,
    }


def test_a_draft_keeps_what_is_written_and_a_section_left_out_stays_empty(staff, open_assessment):
    saved = _record(staff, open_assessment, {"analysis": "  Neglect of routines when mum is unwell.  "})
    assert saved.analysis == "Neglect of routines when mum is unwell."
    assert (saved.developmental_needs, saved.recommendation) == ("", "")
    assert saved.version == open_assessment.version + 1


def test_a_record_without_a_narrative_leaves_the_written_one_alone(staff, open_assessment):
    """The census import records factors only: it must not wipe a narrative written in Hearth."""
    _record(staff, open_assessment, ASSESSMENT_NARRATIVE)
    _record(staff, open_assessment, None)
    assert Assessment.objects.get(pk=open_assessment.pk).analysis == ASSESSMENT_NARRATIVE["analysis"]


def test_a_section_over_the_limit_is_refused_and_nothing_is_written(staff, open_assessment):
    rows = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        _record(staff, open_assessment, {"analysis": "x" * (services.NARRATIVE_MAX_LENGTH + 1)})
    assert refused.value.message_dict == {
        "analysis": [services.ERROR_NARRATIVE_TOO_LONG.format(label="Analysis", limit=services.NARRATIVE_MAX_LENGTH)]
    }
    assert Assessment.objects.get(pk=open_assessment.pk).version == open_assessment.version
    assert AuditEvent.objects.count() == rows


def test_submission_asks_for_each_missing_section_by_name(staff, open_assessment):
    _record(staff, open_assessment, {"developmental_needs": "Healthy; doing well at nursery.", "analysis": "Safe."})
    with pytest.raises(ValidationError) as refused:
        services.assessment_submit(
            actor=staff.social_worker.user, assessment_id=open_assessment.pk, submitted_on=D(2025, 6, 2)
        )
    assert refused.value.message_dict == {
        "parenting_capacity": [services.ERROR_NARRATIVE_REQUIRED["parenting_capacity"]],
        "family_environment": [services.ERROR_NARRATIVE_REQUIRED["family_environment"]],
        "recommendation": [services.ERROR_NARRATIVE_REQUIRED["recommendation"]],
    }
    assert Assessment.objects.get(pk=open_assessment.pk).submitted_on is None


def test_a_historical_record_is_submitted_and_authorised_without_narrative_or_reasons(staff, open_assessment):
    """The CIN census import's path: the return carries neither, and the page says so."""
    _record(staff, open_assessment, None)
    services.assessment_submit(
        actor=staff.social_worker.user, assessment_id=open_assessment.pk, submitted_on=D(2025, 6, 2), historical=True
    )
    done = services.assessment_authorise(
        actor=staff.team_manager.user,
        assessment_id=open_assessment.pk,
        authorised_on=D(2025, 6, 3),
        outcome="NFA",
        historical=True,
    )
    assert (done.authorised_on, done.analysis, done.authorisation_reasons) == (D(2025, 6, 3), "", "")


def test_authorising_needs_the_managers_reasons_and_keeps_them(staff, open_assessment):
    submitted_assessment(staff, open_assessment, D(2025, 6, 2))
    with pytest.raises(ValidationError) as refused:
        services.assessment_authorise(
            actor=staff.team_manager.user,
            assessment_id=open_assessment.pk,
            authorised_on=D(2025, 6, 3),
            outcome="CIN_PLAN",
            reasons="   ",
        )
    assert refused.value.message_dict == {"reasons": [services.ERROR_AUTHORISATION_REASONS_REQUIRED]}
    assert Assessment.objects.get(pk=open_assessment.pk).authorised_on is None
    done = services.assessment_authorise(
        actor=staff.team_manager.user,
        assessment_id=open_assessment.pk,
        authorised_on=D(2025, 6, 3),
        outcome="CIN_PLAN",
        reasons=AUTHORISATION_REASONS,
    )
    assert done.authorisation_reasons == AUTHORISATION_REASONS


def test_the_page_saves_a_draft_and_stays_on_it(staff, client_for, open_assessment):
    client = client_for(staff.social_worker.user)
    url = reverse("assessment:record", args=[open_assessment.pk])
    response = client.post(url, _form(open_assessment.version, analysis="Needs met; risk when mum unwell."))
    assert response.status_code == 302 and response.url == url
    assert Assessment.objects.get(pk=open_assessment.pk).analysis == "Needs met; risk when mum unwell."


def test_a_stale_page_keeps_what_was_typed_and_shows_what_the_other_person_changed(staff, client_for, open_assessment):
    opened_at = open_assessment.version
    _record(staff, open_assessment, {"analysis": "Nina's analysis, saved from another tab."})
    client = client_for(staff.team_manager.user)
    page = client.post(
        reverse("assessment:record", args=[open_assessment.pk]),
        _form(opened_at, analysis="The manager's own words."),
    ).content.decode()
    assert "What the other person changed" in page
    assert "Nina&#x27;s analysis, saved from another tab." in page  # theirs, shown
    assert "The manager&#x27;s own words." in page  # yours, still in the box
    stored = Assessment.objects.get(pk=open_assessment.pk)
    assert stored.analysis == "Nina's analysis, saved from another tab."
    assert f'name="version" value="{stored.version}"' in page  # saving again is now a choice


def test_the_assessment_page_and_chronology_show_the_narrative_and_reasons(staff, client_for, open_assessment):
    submitted_assessment(staff, open_assessment, D(2025, 6, 2))
    services.assessment_authorise(
        actor=staff.team_manager.user,
        assessment_id=open_assessment.pk,
        authorised_on=D(2025, 6, 3),
        outcome="CIN_PLAN",
        reasons=AUTHORISATION_REASONS,
    )
    page = client_for(staff.social_worker.user).get(reverse("assessment:detail", args=[open_assessment.pk]))
    text = page.content.decode()
    for section in ASSESSMENT_NARRATIVE.values():
        assert section.replace("'", "&#x27;") in text
    assert AUTHORISATION_REASONS in text
    authorised = next(e for e in chronology_for(open_assessment.child) if e.title.startswith("Assessment authorised"))
    assert f"Analysis: {ASSESSMENT_NARRATIVE['analysis']}" in authorised.detail
    assert f"Recommendation: {ASSESSMENT_NARRATIVE['recommendation']}" in authorised.detail
    assert f"Manager's reasons: {AUTHORISATION_REASONS}" in authorised.detail


def test_an_assessment_authorised_before_the_narrative_was_kept_still_displays(staff, client_for, open_assessment):
    _record(staff, open_assessment, None)
    services.assessment_submit(
        actor=staff.social_worker.user, assessment_id=open_assessment.pk, submitted_on=D(2025, 6, 2), historical=True
    )
    services.assessment_authorise(
        actor=staff.team_manager.user,
        assessment_id=open_assessment.pk,
        authorised_on=D(2025, 6, 3),
        outcome="NFA",
        historical=True,
    )
    page = client_for(staff.social_worker.user).get(reverse("assessment:detail", args=[open_assessment.pk]))
    assert page.status_code == 200
    assert "Not recorded in Hearth" in page.content.decode()
    authorised = next(e for e in chronology_for(open_assessment.child) if e.title.startswith("Assessment authorised"))
    assert "Analysis" not in authorised.detail


def _autosave(client, assessment, version, **narrative):
    return client.post(
        reverse("assessment:record", args=[assessment.pk]),
        {**_form(version, **narrative), "child_seen_alone": "on", "action": "autosave"},
    )


def test_autosave_saves_the_narrative_and_answers_with_the_new_version(staff, client_for, open_assessment):
    """The case note's mechanism (hearth/core/drafts.py): JSON to the script, the version raised."""
    client = client_for(staff.social_worker.user)
    answer = _autosave(client, open_assessment, open_assessment.version, analysis="Typed, not yet saved by hand.")
    assert answer.status_code == 200
    body = answer.json()
    stored = Assessment.objects.get(pk=open_assessment.pk)
    assert stored.analysis == "Typed, not yet saved by hand."
    assert (body["saved"], body["version"]) == (True, open_assessment.version + 1) == (True, stored.version)
    assert body["edit_url"] == reverse("assessment:record", args=[open_assessment.pk])
    # The same again (an idle tab, a box typed in and put back): no new version to collide with.
    again = _autosave(client, open_assessment, stored.version, analysis="Typed, not yet saved by hand.").json()
    assert again["version"] == stored.version == Assessment.objects.get(pk=open_assessment.pk).version


def test_autosave_from_an_older_version_is_refused_and_shows_theirs(staff, client_for, open_assessment):
    opened_at = open_assessment.version
    _record(staff, open_assessment, {"analysis": "Nina's analysis, saved from another tab."})
    answer = _autosave(client_for(staff.team_manager.user), open_assessment, opened_at, analysis="Tomas's words.")
    assert answer.status_code == 409
    body = answer.json()
    assert body["stale"] and not body["saved"]
    assert body["changes"] == [
        {"field": "Analysis", "theirs": "Nina's analysis, saved from another tab.", "yours": "Tomas's words."}
    ]
    # The page's own conflict markup (one include for the note and the assessment), with who saved
    # and the draft's own words: nothing of yours was saved, and it is still in the boxes.
    assert "What the other person changed" in body["conflict_html"]
    assert "Nina&#x27;s analysis, saved from another tab." in body["conflict_html"]
    assert body["message"] == services.ERROR_STALE_DRAFT.format(who=staff.social_worker.user.get_full_name())
    assert Assessment.objects.get(pk=open_assessment.pk).analysis == "Nina's analysis, saved from another tab."


def test_autosave_of_a_bad_answer_or_a_submitted_assessment_writes_nothing(staff, client_for, open_assessment):
    client = client_for(staff.social_worker.user)
    too_long = _autosave(client, open_assessment, open_assessment.version, analysis="x" * 20001)
    assert too_long.status_code == 400
    assert too_long.json() == {
        "saved": False,
        "message": services.ERROR_NARRATIVE_TOO_LONG.format(label="Analysis", limit=services.NARRATIVE_MAX_LENGTH),
    }
    submitted = submitted_assessment(staff, open_assessment, D(2025, 6, 2))
    closed = _autosave(client, open_assessment, submitted.version, analysis="After submission")
    assert closed.status_code == 400 and "cannot be changed" in closed.json()["message"]
    assert Assessment.objects.get(pk=open_assessment.pk).analysis == ASSESSMENT_NARRATIVE["analysis"]


def test_the_record_page_says_who_last_saved_the_draft(staff, client_for, open_assessment):
    _record(staff, open_assessment, {"analysis": "Started."})
    page = client_for(staff.team_manager.user).get(reverse("assessment:record", args=[open_assessment.pk]))
    text = page.content.decode()
    assert "data-draft-autosave" in text and "hearth/draft-autosave" in text
    version = Assessment.objects.get(pk=open_assessment.pk).version
    assert f"Draft saved by {staff.social_worker.user.get_full_name()} at" in text
    assert f"(version {version})." in text


def test_a_conflict_names_every_answer_the_other_person_changed(staff, client_for, open_assessment):
    """Not only the written sections: the factors and the child seen, so nothing of theirs is missed."""
    opened_at = open_assessment.version
    services.assessment_record(
        actor=staff.social_worker.user,
        assessment_id=open_assessment.pk,
        factor_codes=["4B", "16A"],
        wishes_and_feelings="Wants to stay with mum.",
        child_seen_on=D(2025, 5, 3),
        child_seen_alone=True,
        narrative=None,
    )
    body = _autosave(client_for(staff.team_manager.user), open_assessment, opened_at).json()
    assert body["changes"] == [
        {"field": "Factors identified at assessment", "theirs": "16A, 4B", "yours": "16A"},
        {"field": "Date the child was seen", "theirs": "3 May 2025", "yours": "2 May 2025"},
    ]
