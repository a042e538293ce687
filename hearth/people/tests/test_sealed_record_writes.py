"""Opening a sealed adoption record is for reading (issue 21): every change to it is refused to
anyone without "May change sealed adoption records they have opened", even after giving a reason,
and to everyone who has not opened it, as reading it is (hearth/people/backends.py)."""

import datetime

import pytest
import rules
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.documents.samples import minimal_pdf
from hearth.documents.services import document_upload
from hearth.people import services as people_services
from hearth.people.backends import is_reading
from hearth.people.services import relationship_add
from hearth.people.tests.test_sealed_records import adopt, adoptions_manager, placed_for_adoption
from hearth.records.services import alert_raise, note_draft_save, note_finalise
from hearth.testing.journeys import looked_after_child, new_child

__all__ = ["adoptions_manager"]  # the fixture, shared with the sealed records' tests

D = datetime.date

# Every permission that changes a record, as named today: the backend's rule (`view_`, `export_`
# and `open_sealed_record` read, anything else changes) must agree, so a permission added later is
# classified on purpose, not by accident. (A permission asked about no record, such as searching, is
# not refused by the backend at all.)
READING = {
    "assessment.view_assessment",
    "assessment.view_backlog",
    "care.view_care",
    "care.view_providers",
    "cin.view_up_to_date_plans",
    "documents.view_document",
    "duties.view_children_i_review",
    "duties.view_review",
    "frontdoor.view_contacts",
    "fostering.view_households",
    "frontdoor.view_dip_sample_item",
    "governance.view_retention_report",
    "iro.view_children_without_iro",
    "leavers.view_care_leaver",
    "leavers.view_care_leavers",
    "missing.view_missing",
    "people.export_subject_access",
    "people.open_sealed_record",
    "people.view_child",
    "people.view_child_access_log",
    "performance.view_drilldown",
    "performance.view_indicators",
    "permanence.view_tracker",
    "protection.view_conference",
    "quality.view_audit",
    "quality.view_audit_list",
    "quality.view_clinics",
    "records.export_chronology",
    "records.view_note",
    "records.view_record",
    "records.view_team_recording",
    "returns.export_annex_a",
    "returns.view_returns",
    "worklists.view_own",
    "worklists.view_team",
}


@pytest.fixture
def sealed(staff):
    """A child adopted from the north team's open case, with the record's kinds of fact written
    while it was open (a note, a draft, an alert, a relationship, a document), then sealed."""
    worker = staff.social_worker.user
    child = new_child(staff, "Linnet", "Sealwhistle", born=D(2019, 4, 1))
    period = placed_for_adoption(staff, looked_after_child(staff, child, D(2024, 1, 8)))
    note = note_draft_save(
        actor=worker, child_ids=[child.pk], note_type_code="HOME_VISIT", event_date=D(2024, 10, 1), text="Seen."
    )
    made = {
        "child": child,
        "period": period,
        "note": note_finalise(actor=worker, note_id=note.pk, version=note.version),
        "draft": note_draft_save(actor=worker, child_ids=[child.pk], text="Half written"),
        "alert": alert_raise(
            actor=worker,
            child_id=child.pk,
            alert_type_code="STAFF_RISK",
            reason="Birth father threatened a worker",
            raised_on=D(2024, 10, 1),
            review_on=D(2025, 10, 1),
        ),
        "relationship": relationship_add(
            actor=worker,
            child_id=child.pk,
            relationship_code="MOTHER",
            person={"first_name": "Marigold", "last_name": "Sealwhistle"},
            has_parental_responsibility=True,
        ),
        "document": document_upload(
            actor=worker,
            child_id=child.pk,
            document_type_code="LETTER",
            title="Later life letter",
            dated_on=D(2024, 10, 1),
            upload=SimpleUploadedFile("letter.pdf", minimal_pdf("Letter")),
        ),
    }
    adopt(staff, period)
    return made


def write_routes(made) -> dict[str, dict]:
    """Every form that changes the child's record, reached through the child or one of its records."""
    child, period = made["child"].pk, made["period"].pk
    return {
        "people:child_identity_edit": {"pk": child},
        "people:former_name_add": {"pk": child},
        "people:relationship_add": {"pk": child},
        "people:relationship_end": {"relationship_id": made["relationship"].pk},
        "people:ethnicity_record": {"pk": child},
        "people:upn_unknown_record": {"pk": child},
        "people:disabilities_record": {"pk": child},
        "people:uasc_record": {"pk": child},
        "people:child_restriction": {"pk": child},
        "documents:upload": {"child_id": child},
        "records:note_new": {"child_id": child},
        "records:note_edit": {"pk": made["draft"].pk},
        "records:note_amend": {"pk": made["note"].pk},
        "records:note_detail": {"pk": made["note"].pk},  # its POST signs the note off
        "records:alert_new": {"child_id": child},
        "records:alert_update": {"pk": made["alert"].pk},
        "care:legal_status_change": {"pk": period},
        "care:placement_change": {"pk": period},
        "care:care_end": {"pk": period},
        "care:care_plan_record": {"pk": period},
        "iro:iro_appoint": {"pk": period},
        "duties:review_record": {"period_id": period},
        "duties:health_check_record": {"period_id": period},
        "duties:sdq_record": {"period_id": period},
        "missing:episode_record": {"period_id": period},
        "permanence:previous_permanence": {"period_id": period},
        "permanence:adoption_decision": {"child_id": child},
        "leavers:leaver_contact": {"child_id": child},
        "leavers:support_to_25_request": {"child_id": child},
        "leavers:support_to_25_withdrawal": {"child_id": child},
    }


def opened(user, child):
    people_services.sealed_record_open(
        actor=user, child_id=child.pk, reason="COURT", explanation="Court order 2026/123: the court needs the file"
    )
    return type(user).objects.get(pk=user.pk)


def may_change_sealed(user):
    user.user_permissions.add(Permission.objects.get(codename="change_sealed_adoption_records"))
    return type(user).objects.get(pk=user.pk)


def snapshot(made) -> dict:
    """What a refused write would have changed: every row of the record, by kind."""
    child = made["child"]
    child.refresh_from_db()
    return {
        "child": (child.first_name, child.last_name, child.version),
        "former_names": child.former_names.count(),
        "relationships": list(child.relationships.values_list("pk", "ended_on")),
        "documents": child.documents.count(),
        "alerts": list(child.alerts.values_list("pk", "ended_on", "review_on")),
        "notes": list(child.case_notes.values_list("pk", "status", "text", "signed_off_at")),
        "periods": list(child.periods_of_care.values_list("pk", "version", "ended_on")),
        "changes audited": list(
            AuditEvent.objects.filter(child=child)
            .exclude(action__in=["access.refused", "child.view"])
            .values_list("pk", flat=True)
        ),
    }


def test_every_permission_is_classed_as_reading_or_changing_by_its_name():
    names = set(rules.permissions.permissions.keys())
    assert {name for name in names if is_reading(name)} == READING
    assert READING <= names


def test_an_opened_sealed_record_is_read_but_never_changed_without_the_second_permission(
    staff, sealed, adoptions_manager, client
):
    reader = opened(adoptions_manager, sealed["child"])
    client.force_login(reader)
    assert client.get(reverse("people:child_detail", args=[sealed["child"].pk])).status_code == 200
    for name in ("records:note_list", "records:chronology"):
        assert client.get(reverse(name, args=[sealed["child"].pk])).status_code == 200, name
    before = snapshot(sealed)
    refused = []
    for name, kwargs in write_routes(sealed).items():
        url = reverse(name, kwargs=kwargs)
        if name == "records:note_detail":  # reading the note is allowed; signing it off is not
            answers = (client.get(url).status_code, client.post(url, {"action": "sign_off"}).status_code)
            expected = (200, 403)
        else:  # the form itself is refused, and so is a post to it
            answers, expected = (client.get(url).status_code, client.post(url, {}).status_code), (403, 403)
        if answers != expected:
            refused.append(f"{name}: answered {answers}")
    assert refused == []
    assert snapshot(sealed) == before
    # each refusal is on the record's access log, with the permission asked for
    refusals = AuditEvent.objects.filter(child=sealed["child"], actor=reader, action="access.refused")
    assert refusals.count() >= len(write_routes(sealed))
    # the child's page offers no change: no button or link to any form above
    page = client.get(reverse("people:child_detail", args=[sealed["child"].pk])).content.decode()
    for name, kwargs in write_routes(sealed).items():
        if name != "records:note_detail":
            assert f'href="{reverse(name, kwargs=kwargs)}"' not in page, name


def test_with_the_second_permission_the_opened_record_can_be_changed(staff, sealed, adoptions_manager, client):
    writer = may_change_sealed(opened(adoptions_manager, sealed["child"]))
    client.force_login(writer)
    child = sealed["child"]
    answer = client.post(
        reverse("people:former_name_add", args=[child.pk]), {"first_name": "Linnet", "last_name": "Birthname"}
    )
    assert answer.status_code == 302
    assert child.former_names.count() == 1
    # the change names the opening it was made under, with its reason, on the access log too
    opening = child.sealed_record_openings.get()
    change = AuditEvent.objects.get(action="child.former_name_add", child=child)
    assert (change.actor, change.detail["opening"], change.detail["reason"]) == (writer, opening.pk, "COURT")
    log = client.get(reverse("people:child_access_log", args=[child.pk])).content.decode()
    assert log.count("Reason: A court order, or information the court needs in proceedings") >= 2
    for name in ("people:child_identity_edit", "records:alert_new", "documents:upload", "records:note_new"):
        assert client.get(reverse(name, args=[child.pk])).status_code == 200, name


def test_the_second_permission_alone_opens_nothing(staff, sealed, client):
    """Without an opening (and without the first permission) the record's forms are refused as its
    pages are: to the child's own team, and to someone holding only the second permission."""
    holder = may_change_sealed(staff.team_manager.user)
    for user in (staff.social_worker.user, holder):
        client.force_login(user)
        for name, kwargs in write_routes(sealed).items():
            assert client.post(reverse(name, kwargs=kwargs), {}).status_code == 403, (user, name)
        assert client.get(reverse("people:child_detail", args=[sealed["child"].pk])).status_code == 403


pytestmark = pytest.mark.django_db
