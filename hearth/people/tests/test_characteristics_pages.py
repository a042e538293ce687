"""The characteristics' pages: the child's page section, each form (bad input changes nothing and
says why, on the form), a young mother's child added in the family record, and who may record."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from hearth.audit.models import AuditEvent
from hearth.people import characteristics_services as services
from hearth.people.models import (
    DisabilityRecord,
    EthnicityRecord,
    Relationship,
    Sex,
    UascRecord,
    UpnUnknownRecord,
)
from hearth.people.services import child_identity_update
from hearth.testing.journeys import allocated_case, at, new_child

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2025, 10, 15, 11, 0, tzinfo=datetime.UTC)):
        yield


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


@pytest.fixture
def child(staff):
    """A girl born 14 July 2008, whose case the example social worker's team holds."""
    child = new_child(staff, "Ellie", "Marsh", born=D(2008, 7, 14))
    child.sex = Sex.FEMALE
    child.save()
    allocated_case(staff, child, at(D(2025, 5, 1), 9))
    return child


def page_of(client, child) -> str:
    return client.get(reverse("people:child_detail", args=[child.pk])).content.decode()


def test_the_childs_page_shows_nothing_recorded_and_the_ways_to_record(staff, client_for, child):
    page = page_of(client_for(staff.social_worker.user), child)
    assert 'id="characteristics"' in page
    for url_name in ("ethnicity_record", "upn_unknown_record", "disabilities_record", "uasc_record"):
        assert reverse(f"people:{url_name}", args=[child.pk]) in page
    assert "No child of hers recorded" in page and "Not recorded as an unaccompanied asylum-seeking child" in page
    # A performance officer may read the record, not change it.
    page = page_of(client_for(staff.performance_officer), child)
    assert 'id="characteristics"' in page and reverse("people:ethnicity_record", args=[child.pk]) not in page


def test_ethnicity_recorded_on_the_form_after_a_mistake(staff, client_for, child):
    client = client_for(staff.social_worker.user)
    url = reverse("people:ethnicity_record", args=[child.pk])
    assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(action="child.view", child=child, detail__page="people:ethnicity_record").exists()
    page = client.post(url, date_fields("applies_from", D(2025, 9, 1))).content.decode()
    assert "govuk-error-summary" in page and escape(services.ERROR_ETHNICITY_REQUIRED) in page
    page = client.post(url, {"ethnicity": "WBRI"} | date_fields("applies_from", D(2008, 7, 13))).content.decode()
    assert escape(services.ERROR_APPLIES_FROM_BEFORE_BIRTH.format(born="14 July 2008")) in page
    assert not EthnicityRecord.objects.exists()
    response = client.post(url, {"ethnicity": "BAFR"} | date_fields("applies_from", D(2025, 9, 1)))
    assert response.status_code == 302 and response.url.endswith("#characteristics")
    page = page_of(client, child)
    assert "Black or Black British: African (BAFR)" in page and "In force" in page


def test_a_reason_the_upn_is_not_known_and_its_refusals_on_the_form(staff, client_for, child):
    client = client_for(staff.social_worker.user)
    url = reverse("people:upn_unknown_record", args=[child.pk])
    # Born 14 July 2008: of school age, so not UN1 (rule 209).
    page = client.post(url, {"reason": "UN1"} | date_fields("applies_from", D(2025, 9, 1))).content.decode()
    assert escape(services.ERROR_UN1_FOR_SCHOOL_AGE.format(reference="31 August 2024")) in page
    assert not UpnUnknownRecord.objects.exists()
    assert client.post(url, {"reason": "UN2"} | date_fields("applies_from", D(2025, 9, 1))).status_code == 302
    assert "UN2: has never attended a state-funded school in England (UN2)" in page_of(client, child)
    # Once the UPN is known, the page no longer asks why it is not, and a reason is refused.
    child.refresh_from_db()
    child_identity_update(
        actor=staff.social_worker.user,
        child_id=child.pk,
        expected_version=child.version,
        first_name=child.first_name,
        last_name=child.last_name,
        date_of_birth=child.date_of_birth,
        sex=child.sex,
        nhs_number=child.nhs_number,
        upn="T999123415001",
        postcode=child.postcode,
    )
    assert "Why the UPN is not known" not in page_of(client, child)
    page = client.post(url, {"reason": "UN3"} | date_fields("applies_from", D(2025, 10, 1))).content.decode()
    assert escape(services.ERROR_UPN_IS_KNOWN.format(upn="T999123415001")) in page
    assert UpnUnknownRecord.objects.count() == 1


def test_disabilities_on_the_form(staff, client_for, child):
    client = client_for(staff.social_worker.user)
    url = reverse("people:disabilities_record", args=[child.pk])
    page = client.post(url, {"disabilities": ["NONE", "AUT"]} | date_fields("applies_from", D(2025, 9, 1)))
    assert escape(services.ERROR_NO_DISABILITY_WITH_OTHERS) in page.content.decode()
    page = client.post(url, date_fields("applies_from", D(2025, 9, 1)))
    assert escape(services.ERROR_DISABILITY_REQUIRED) in page.content.decode()
    assert not DisabilityRecord.objects.exists()
    client.post(url, {"disabilities": ["AUT", "COMM"]} | date_fields("applies_from", D(2025, 9, 1)))
    page = page_of(client, child)
    assert "Communication: speaking and understanding others (COMM)" in page
    assert "Autism or Asperger syndrome (AUT)" in page
    # The form opens with what is recorded now, to change.
    assert 'value="AUT" checked' in client.get(url).content.decode()


def test_uasc_status_and_its_end_on_the_form(staff, client_for, child):
    client = client_for(staff.social_worker.user)
    url = reverse("people:uasc_record", args=[child.pk])
    arrived = date_fields("uasc_from", D(2024, 11, 4))
    # 18 on 14 July 2026: the status cannot be recorded as ceasing after it (rule 304); here, in the future.
    page = client.post(url, arrived | {"cease_reason": "GRANTED"} | date_fields("ceased_on", D(2026, 7, 15)))
    assert escape(services.ERROR_UASC_CEASED_IN_FUTURE) in page.content.decode()
    page = client.post(url, arrived | {"cease_reason": ""} | date_fields("ceased_on", D(2025, 6, 1)))
    assert escape(services.ERROR_UASC_CEASE_REASON_REQUIRED) in page.content.decode()
    assert not UascRecord.objects.exists()
    assert client.post(url, arrived | {"cease_reason": ""}).status_code == 302
    assert "Yes: from 4 November 2024, until the 18th birthday, 14 July 2026" in page_of(client, child)
    client.post(url, arrived | {"cease_reason": "GRANTED"} | date_fields("ceased_on", D(2025, 6, 1)))
    page = page_of(client, child)
    assert "No longer: from 4 November 2024; ceased 1 June 2025 (Granted refugee status or leave to remain)" in page
    assert UascRecord.objects.count() == 2


def test_a_young_mothers_child_is_added_in_her_family_record(staff, client_for, child):
    client = client_for(staff.social_worker.user)
    url = reverse("people:relationship_add", args=[child.pk])
    baby = {"relationship": "OWN_CHILD", "first_name": "Poppy", "last_name": "Marsh"}
    page = client.post(url, baby).content.decode()
    assert escape(services.ERROR_OWN_CHILD_BIRTH_REQUIRED) in page
    assert not Relationship.objects.filter(relationship_type_id="OWN_CHILD").exists()
    assert client.post(url, baby | date_fields("date_of_birth", D(2025, 2, 2))).status_code == 302
    assert "Yes: her first child was born on 2 February 2025" in page_of(client, child)
    # Recorded by mistake: ended as such, and she is no longer read as a mother.
    link = Relationship.objects.get(relationship_type_id="OWN_CHILD")
    end = reverse("people:relationship_end", args=[link.pk])
    response = client.post(end, date_fields("ended_on", D(2025, 10, 15)) | {"reason": "Not hers", "in_error": "on"})
    assert response.status_code == 302
    page = page_of(client, child)
    assert "No child of hers recorded" in page and "recorded by mistake" in page


def test_another_teams_social_worker_cannot_record(staff, client_for, child):
    client = client_for(staff.other_social_worker.user)
    for url_name in ("ethnicity_record", "upn_unknown_record", "disabilities_record", "uasc_record"):
        response = client.post(
            reverse(f"people:{url_name}", args=[child.pk]),
            {"ethnicity": "WBRI"} | date_fields("applies_from", D(2025, 9, 1)),
        )
        assert response.status_code == 403 and "Marsh" not in response.content.decode()
    assert not EthnicityRecord.objects.exists()


def test_asylum_status_and_her_childs_birth_are_in_the_chronology_and_all_is_in_the_export(staff, client_for, child):
    from hearth.people.exports import subject_access_record
    from hearth.people.services import relationship_add
    from hearth.records.chronology import chronology_for

    worker = staff.social_worker.user
    services.uasc_record(actor=worker, child_id=child.pk, uasc_from=D(2024, 11, 4))
    services.uasc_record(
        actor=worker, child_id=child.pk, uasc_from=D(2024, 11, 4), ceased_on=D(2025, 6, 1), cease_reason="GRANTED"
    )
    services.ethnicity_record(actor=worker, child_id=child.pk, ethnicity="BAFR", applies_from=D(2024, 11, 4))
    relationship_add(
        actor=worker,
        child_id=child.pk,
        relationship_code="OWN_CHILD",
        person={"first_name": "Poppy", "last_name": "Marsh", "date_of_birth": D(2025, 2, 2)},
    )
    entries = [(e.day, e.title) for e in chronology_for(child) if e.kind in {"asylum", "family"}]
    assert entries == [
        (D(2025, 6, 1), "Unaccompanied asylum-seeking status ceased: Granted refugee status or leave to remain"),
        (D(2025, 2, 2), "Own child born: Poppy Marsh"),
        (D(2024, 11, 4), "Unaccompanied asylum-seeking child"),
    ]
    rows = subject_access_record(child)["characteristics"]
    assert [(r["characteristic"], r["in force today"]) for r in rows] == [
        ("Ethnicity", True),
        ("Unaccompanied asylum-seeking child", True),
        ("Unaccompanied asylum-seeking child", False),
    ]
    assert rows[0]["recorded as"] == "Black or Black British: African (BAFR)"
    assert rows[2]["recorded as"] == "From 4 November 2024, until the 18th birthday"
