import datetime
import json

from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.testing.journeys import allocated_case, at, new_child

D = datetime.date


def test_the_whole_record_exports_as_json_for_a_service_manager_and_is_audited(staff, client_for):
    child = new_child(staff, "Sasha", "Subject")
    allocated_case(staff, child, at(D(2025, 5, 1), 9))
    response = client_for(staff.service_manager).get(reverse("people:child_subject_access_export", args=[child.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="subject-access-{child.hearth_id}.json"'
    record = json.loads(response.content)
    assert record["child"]["hearth_id"] == child.hearth_id and record["child"]["last_name"] == "Subject"
    [contact] = record["contacts"]
    assert contact["received_at"] == "2025-05-01T09:00:00+01:00"  # UK summer time
    assert contact["decision"] == "Referral to children's social care (assessment)"
    [case] = record["cases"]
    assert case["referral_date"] == "2025-05-01" and case["allocations"][0]["worker"] == "Nina Tester"
    assert {"contact.record", "case.allocate"} <= {entry["action"] for entry in record["access_record"]}
    assert AuditEvent.objects.filter(action="child.export", child=child, actor=staff.service_manager).exists()


def test_a_social_worker_cannot_export_a_whole_record(staff, client_for):
    child = new_child(staff)
    allocated_case(staff, child, at(D(2025, 5, 1), 9))
    url = reverse("people:child_subject_access_export", args=[child.pk])
    assert client_for(staff.social_worker.user).get(url).status_code == 403


def test_the_export_includes_identifiers_family_and_the_list_of_documents(staff, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hearth.documents.samples import minimal_pdf
    from hearth.documents.services import document_upload
    from hearth.people import services

    child = new_child(staff, "Sasha", "Subject")
    allocated_case(staff, child, at(D(2025, 5, 1), 9))
    services.former_name_add(
        actor=staff.service_manager, child_id=child.pk, first_name="Sasha", last_name="Before", used_until=None
    )
    services.relationship_add(
        actor=staff.service_manager,
        child_id=child.pk,
        relationship_code="MOTHER",
        person={"first_name": "Mina", "last_name": "Subject"},
        has_parental_responsibility=True,
    )
    document_upload(
        actor=staff.service_manager,
        child_id=child.pk,
        document_type_code="LETTER",
        title="Letter",
        dated_on=D(2025, 5, 2),
        upload=SimpleUploadedFile("letter.pdf", minimal_pdf("Letter")),
    )
    response = client_for(staff.service_manager).get(reverse("people:child_subject_access_export", args=[child.pk]))
    record = json.loads(response.content)
    assert record["child"]["former_names"] == [{"first_name": "Sasha", "last_name": "Before", "used_until": None}]
    [mother] = record["family_and_relationships"]
    assert mother["name"] == "Mina Subject" and mother["parental_responsibility"] is True
    [document] = record["documents"]
    assert document["title"] == "Letter" and document["file_name"] == "letter.pdf"
