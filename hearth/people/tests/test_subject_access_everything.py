"""The subject access export holds every area's facts (plans, conferences, visits, notes, alerts),
in JSON and as a PDF of the same data."""

import datetime
import json

from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.people.exports import record_as_html, subject_access_record
from hearth.records.services import alert_raise, note_draft_save, note_finalise
from hearth.testing.cin_journeys import VISIT_WRITE_UP
from hearth.testing.journeys import new_child
from hearth.testing.protection_journeys import child_on_plan
from hearth.visits.services import visit_record

D = datetime.date


def a_child_with_a_history(staff):
    """On a child protection plan from 20 May 2025 (neglect), visited and seen on 30 May, a final
    home visit note and an alert."""
    child = new_child(staff, "Sage", "Everything")
    plan = child_on_plan(staff, child, D(2025, 5, 1), D(2025, 5, 20))
    worker = staff.social_worker.user
    visit_record(
        actor=worker,
        referral_id=plan.referral_id,
        visited_on=D(2025, 5, 30),
        visitor_id=staff.social_worker.pk,
        happened=True,
        seen=True,
        seen_alone=True,
        child_voice="Sage said the new bedtime routine is <better>",
        **VISIT_WRITE_UP,
    )
    note = note_draft_save(
        actor=worker, child_ids=[child.pk], note_type_code="HOME_VISIT", event_date=D(2025, 5, 30), text="Home visit."
    )
    note_finalise(actor=worker, note_id=note.pk, version=note.version)
    alert_raise(
        actor=worker,
        child_id=child.pk,
        alert_type_code="STAFF_RISK",
        reason="Dog at the address",
        raised_on=D(2025, 5, 30),
        review_on=D(2025, 8, 30),
    )
    return child


def test_the_export_holds_every_area(staff, client):
    child = a_child_with_a_history(staff)
    record = subject_access_record(child)
    [plan] = record["child_protection_plans"]
    assert plan["started on"] == "2025-05-20" and plan["initial category"] == "Neglect"
    assert [c["kind"] for c in record["conferences"]] == ["Initial child protection conference"]
    assert record["strategy_discussions"] and record["section_47_enquiries"]
    [visit] = record["visits"]
    assert visit["child voice"] == "Sage said the new bedtime routine is <better>"
    assert [n["note"] for n in record["case_notes"]] == ["Home visit."]
    assert [a["why the alert is raised"] for a in record["alerts"]] == ["Dog at the address"]
    client.force_login(staff.service_manager)
    exported = json.loads(client.get(reverse("people:child_subject_access_export", args=[child.pk])).content)
    assert exported["visits"][0]["child voice"].startswith("Sage said")


def test_the_pdf_is_the_same_data_in_words_escaped_and_audited(staff, client):
    child = a_child_with_a_history(staff)
    html = record_as_html(subject_access_record(child))
    assert "<h2>Child protection plans</h2>" in html and "<h2>Visits</h2>" in html
    assert "routine is &lt;better&gt;" in html  # what was typed is shown, never run as markup
    client.force_login(staff.service_manager)
    response = client.get(reverse("people:child_subject_access_pdf", args=[child.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == f'attachment; filename="subject-access-{child.hearth_id}.pdf"'
    assert AuditEvent.objects.filter(action="child.export", child=child, detail__format="pdf").exists()
    client.force_login(staff.social_worker.user)
    assert client.get(reverse("people:child_subject_access_pdf", args=[child.pk])).status_code == 403


def test_the_pdf_reads_as_words_and_dates_a_person_understands(staff):
    """The readable copy names things in full ("NHS number", not "Nhs number"), gives dates as
    "20 May 2025" and times in UK time (never ISO text), and each action on the access record in
    words ("Started a child protection plan"), not its code."""
    child = a_child_with_a_history(staff)
    record = subject_access_record(child)
    html = record_as_html(record)
    assert "<dt>NHS number</dt>" in html and "<dt>Hearth ID</dt>" in html
    assert "Unique pupil number (UPN)" in html
    assert "20 May 2025" in html
    assert "2025-05-20" not in html and "T09:" not in html and "+01:00" not in html
    assert "Started a child protection plan" in html and "protection_plan.start" not in html
    # The JSON keeps the code beside the words, for information governance's own tools.
    entry = next(e for e in record["access_record"] if e["action"] == "protection_plan.start")
    assert entry["what"] == "Started a child protection plan"
