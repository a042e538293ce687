"""The chronology: every source in one timeline, newest first, filtered, printed, exported."""

import datetime

from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.records.chronology import chronology_for
from hearth.records.services import alert_end, alert_raise, note_amend, note_draft_save, note_finalise


def final_note(actor, child, day, note_type, text):
    note = note_draft_save(actor=actor, child_ids=[child.pk], note_type_code=note_type, event_date=day, text=text)
    return note_finalise(actor=actor, note_id=note.pk, version=note.version)


def build_history(staff, child, today):
    """Ten days ago a home visit; eight days ago an alert; five days ago a manager's oversight;
    three days ago the alert ended; today an amendment to the home visit note. A draft is never
    in the chronology."""
    worker, manager = staff.social_worker.user, staff.team_manager.user
    visit = final_note(worker, child, today - datetime.timedelta(days=10), "HOME_VISIT", "Home visit text")
    alert = alert_raise(
        actor=worker,
        child_id=child.pk,
        alert_type_code="CSE_RISK",
        reason="Missing overnight twice",
        raised_on=today - datetime.timedelta(days=8),
        review_on=today + datetime.timedelta(days=30),
    )
    final_note(manager, child, today - datetime.timedelta(days=5), "OVERSIGHT", "Oversight text")
    alert_end(
        actor=worker, alert_id=alert.pk, ended_on=today - datetime.timedelta(days=3), reason="Safety plan working"
    )
    note_amend(actor=worker, note_id=visit.pk, text="Dad was there too", reason="Left out")
    note_draft_save(actor=worker, child_ids=[child.pk], text="Unfinished draft text")


def test_the_chronology_is_newest_first_with_notes_alerts_and_amendments(staff, family, today):
    build_history(staff, family["ava"], today)
    entries = chronology_for(family["ava"], kinds={"note", "alert", "oversight"})
    assert [(entry.kind, entry.title) for entry in entries] == [
        ("note", f"Amendment to the home visit note of {today - datetime.timedelta(days=10):%-d %B %Y}"),
        ("alert", "Alert ended: Risk of child sexual exploitation"),
        ("oversight", "Management oversight"),
        ("alert", "Alert raised: Risk of child sexual exploitation"),
        ("note", "Home visit"),
    ]
    assert entries[-1].by == "Nina Tester" and entries[2].by == "Tomas Tester"
    # The whole chronology holds the other areas' facts too (the case's contact and allocation).
    assert {"contact", "allocation"} <= {entry.kind for entry in chronology_for(family["ava"])}


def test_the_page_filters_by_kind_without_javascript(staff, family, today, client_for):
    build_history(staff, family["ava"], today)
    client = client_for(staff.social_worker.user)
    url = reverse("records:chronology", args=[family["ava"].pk])
    everything = client.get(url).content.decode()
    assert "Home visit text" in everything and "Missing overnight twice" in everything
    assert "Unfinished draft text" not in everything
    alerts_only = client.get(url, {"kinds": ["alert"]}).content.decode()
    assert "Missing overnight twice" in alerts_only and "Home visit text" not in alerts_only
    everything_counted = len(chronology_for(family["ava"]))  # notes, alerts and the case's other facts
    assert f"2 of {everything_counted} entries" in alerts_only
    assert 'value="alert" checked' in alerts_only
    refused = client.get(url, {"kinds": ["nonsense"]})
    assert refused.status_code == 200 and "Home visit text" in refused.content.decode()


def test_the_note_covering_two_sisters_is_in_each_ones_chronology(staff, family, today):
    worker = staff.social_worker.user
    note = note_draft_save(
        actor=worker,
        child_ids=[family["ava"].pk, family["bea"].pk],
        note_type_code="DIRECT_WORK",
        event_date=today,
        text="Life story work with both",
    )
    note_finalise(actor=worker, note_id=note.pk, version=note.version)
    for child in (family["ava"], family["bea"]):
        entry = chronology_for(child)[0]
        assert entry.title == "Direct work with the child, also about 1 other child"
        assert entry.detail == "Life story work with both"


def test_the_pdf_is_a_pdf_of_the_chronology_and_the_export_is_audited(staff, family, today, client_for):
    build_history(staff, family["ava"], today)
    response = client_for(staff.social_worker.user).get(
        reverse("records:chronology_pdf", args=[family["ava"].pk]), {"kinds": ["alert"]}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    export = AuditEvent.objects.get(action="child.export", child=family["ava"])
    assert export.detail == {"format": "pdf", "what": "chronology", "kinds": ["alert"], "entries": 2}


def test_the_pdf_is_refused_to_those_who_may_not_see_the_child(staff, family, today, client_for):
    url = reverse("records:chronology_pdf", args=[family["ava"].pk])
    for user in (staff.other_social_worker.user, staff.councillor, staff.iro):
        response = client_for(user).get(url)
        assert response.status_code == 403 and not response.content.startswith(b"%PDF")
    assert not AuditEvent.objects.filter(action="child.export").exists()
    assert AuditEvent.objects.filter(action="access.refused", child=family["ava"]).count() == 3


def test_the_page_links_a_print_stylesheet(staff, family, client_for):
    page = client_for(staff.social_worker.user).get(reverse("records:chronology", args=[family["ava"].pk]))
    assert 'records-print.css" media="print"' in page.content.decode()
