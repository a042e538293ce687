"""The census's other identifiers of the child on their pages and in their services: a former UPN,
an unborn child's expected date of birth and the date of death. Each refusal writes nothing and says
why on the form; each recording raises the child's version (a stale page is refused) and leaves an
audit row; the child's page shows what is in force."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from hearth.audit.models import AuditEvent
from hearth.people import characteristics_services as services
from hearth.people.models import Child, DeathRecord, ExpectedBirthRecord, FormerUpnRecord
from hearth.people.services import child_create
from hearth.testing.journeys import allocated_case, at, new_child

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2025, 10, 15, 11, 0, tzinfo=datetime.UTC)):
        yield


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def page_of(client, child) -> str:
    return client.get(reverse("people:child_detail", args=[child.pk])).content.decode()


@pytest.fixture
def child(staff):
    """A boy born 14 July 2012, whose case the example social worker's team holds."""
    child = new_child(staff, "Owen", "Marsh", born=D(2012, 7, 14))
    allocated_case(staff, child, at(D(2025, 5, 1), 9))
    return child


@pytest.fixture
def unborn(staff):
    child = child_create(actor=staff.screener, first_name="Baby", last_name="Marsh", date_of_birth=None)
    allocated_case(staff, child, at(D(2025, 9, 1), 9))
    return child


def version(child) -> int:
    return Child.objects.get(pk=child.pk).version


def test_a_former_upn_on_its_form(staff, client_for, child):
    client = client_for(staff.social_worker.user)
    url = reverse("people:former_upn_record", args=[child.pk])
    assert reverse("people:former_upn_record", args=[child.pk]) in page_of(client, child)
    fields = {"version": version(child)} | date_fields("applies_from", D(2025, 9, 1))
    page = client.post(url, {"former_upn": "Q801200110009"} | fields).content.decode()  # wrong check letter
    assert escape(services.ERROR_FORMER_UPN_INVALID) in page and not FormerUpnRecord.objects.exists()
    response = client.post(url, {"former_upn": "Q801200110001"} | fields)
    assert response.status_code == 302
    assert "Q801200110001, until 1 September 2025" in page_of(client, child)
    event = AuditEvent.objects.get(action="child.former_upn_record")
    assert event.child_id == child.pk and event.detail["former_upn"] == "Q801200110001"
    # The page the worker opened before that save is out of date: refused, nothing written.
    page = client.post(url, {"former_upn": "E801200110002"} | fields).content.decode()
    assert escape(services.ERROR_CHANGED_MEANWHILE) in page and FormerUpnRecord.objects.count() == 1


def test_the_current_upn_is_not_a_former_one(staff, child):
    Child.objects.filter(pk=child.pk).update(upn="Q801200110001")
    with pytest.raises(ValidationError) as refused:
        services.former_upn_record(
            actor=staff.social_worker.user,
            child_id=child.pk,
            expected_version=version(child),
            former_upn="Q801200110001",
            applies_from=D(2025, 9, 1),
        )
    assert refused.value.message_dict["former_upn"] == [services.ERROR_FORMER_UPN_IS_CURRENT]


def test_an_expected_date_of_birth_on_its_form(staff, client_for, unborn, child):
    """Given on 1 September 2025: 40 weeks later is 8 June 2026, the latest date accepted; 30 days
    before is 2 August 2025, the earliest."""
    client = client_for(staff.social_worker.user)
    url = reverse("people:expected_birth_record", args=[unborn.pk])
    assert "Expected date of birth" in page_of(client, unborn)
    fields = {"version": version(unborn)} | date_fields("applies_from", D(2025, 9, 1))
    page = client.post(url, date_fields("expected_on", D(2026, 6, 9)) | fields).content.decode()
    assert escape(services.ERROR_EXPECTED_TOO_FAR.format(latest="8 June 2026")) in page
    page = client.post(url, date_fields("expected_on", D(2025, 8, 1)) | fields).content.decode()
    assert escape(services.ERROR_EXPECTED_BEFORE_APPLIES) in page
    assert not ExpectedBirthRecord.objects.exists()
    assert client.post(url, date_fields("expected_on", D(2026, 6, 8)) | fields).status_code == 302
    assert "8 June 2026 (unborn)" in page_of(client, unborn)
    assert AuditEvent.objects.filter(action="child.expected_birth_record", child=unborn).exists()
    # A child whose date of birth is recorded has no expected one.
    with pytest.raises(ValidationError) as refused:
        services.expected_birth_record(
            actor=staff.social_worker.user,
            child_id=child.pk,
            expected_version=version(child),
            expected_on=D(2026, 1, 1),
            applies_from=D(2025, 9, 1),
        )
    assert refused.value.messages == [services.ERROR_EXPECTED_CHILD_BORN.format(born="14 July 2012")]


def test_the_date_of_death_on_its_form(staff, client_for, child):
    client = client_for(staff.social_worker.user)
    url = reverse("people:death_record", args=[child.pk])
    assert url in page_of(client, child) and "Record the child's death" in page_of(client, child)
    fields = {"version": version(child)}
    page = client.post(url, date_fields("died_on", D(2025, 10, 16)) | fields).content.decode()
    assert escape(services.ERROR_DIED_IN_FUTURE) in page
    page = client.post(url, date_fields("died_on", D(2012, 7, 13)) | fields).content.decode()
    assert escape(services.ERROR_DIED_BEFORE_BIRTH.format(born="14 July 2012")) in page
    assert not DeathRecord.objects.exists()
    assert client.post(url, date_fields("died_on", D(2025, 10, 2)) | fields).status_code == 302
    page = page_of(client, child)
    assert "Date of death" in page and "2 October 2025" in page
    assert AuditEvent.objects.get(action="child.death_record").detail == {"died_on": "2025-10-02"}


def test_only_those_who_keep_the_record_may_record_them(staff, client_for, child):
    client = client_for(staff.performance_officer)
    for name in ("former_upn_record", "death_record", "expected_birth_record"):
        assert client.get(reverse(f"people:{name}", args=[child.pk])).status_code == 403
    assert reverse("people:death_record", args=[child.pk]) not in page_of(client, child)
