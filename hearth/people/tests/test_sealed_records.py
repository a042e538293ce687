"""A record sealed by an adoption order: found only by people allowed to open sealed adoption
records, and opened by them only with a recorded reason (test_sealed_record_openings.py); answered
for everyone else exactly as any child they may not see, still counted in the figures, every
opening recorded."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.care import services as care
from hearth.care.models import PeriodOfCare
from hearth.core.roles import Role
from hearth.documents.samples import minimal_pdf
from hearth.documents.services import document_upload
from hearth.people import services as people_services
from hearth.people.matching import possible_matches
from hearth.people.models import SealedRecord
from hearth.people.selectors import children_found_by, children_visible_to
from hearth.performance.selectors import result_by_id
from hearth.testing.journeys import (
    PASSWORD,
    allocated_case,
    approved,
    at,
    authorised_assessment,
    foster_placement,
    looked_after_child,
    new_child,
)
from hearth.workforce.services import user_create

D = datetime.date
STARTED, PLACED, ADOPTED = D(2024, 1, 8), D(2024, 9, 2), D(2025, 3, 3)
SURNAME = "Sealwhistle"  # distinctive, so that any leak shows in a page


def placed_for_adoption(staff, period, on=PLACED):
    care.legal_status_change(
        actor=staff.social_worker.user, period_id=period.pk, version=period.version, changed_on=on, legal_status="E1"
    )
    period.refresh_from_db()
    care.placement_change(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        changed_on=on,
        reason="CARPL",
        placement=foster_placement(placement_type="A6", carer="Mr and Mrs Adoptive"),
    )
    period.refresh_from_db()
    return period


def adopt(staff, period, on=ADOPTED, reason="E11"):
    return care.care_end(
        actor=staff.social_worker.user, period_id=period.pk, version=period.version, ended_on=on, reason=reason
    )


def granted(user):
    user.user_permissions.add(Permission.objects.get(codename="open_sealed_adoption_records"))
    return type(user).objects.get(pk=user.pk)  # a fresh object: Django caches permissions per object


@pytest.fixture
def adoptions_manager(staff):
    """A manager outside the child's team, given the permission by an administrator."""
    user = user_create(
        actor=None,
        username="adoptions",
        first_name="Ada",
        last_name="Tester",
        email="adoptions@example.org",
        password=PASSWORD,
        role=Role.TEAM_MANAGER,
    )
    return granted(user)


@pytest.fixture
def sealed_child(staff):
    """Adopted from a north-team case that is still open, so that the team would see the child by
    its relationship if the seal did not stop it; with a document on the record."""
    child = new_child(staff, "Wren", SURNAME, born=D(2019, 4, 1))
    period = placed_for_adoption(staff, looked_after_child(staff, child, STARTED))
    document_upload(
        actor=staff.social_worker.user,
        child_id=child.pk,
        document_type_code="LETTER",
        title="Later life letter",
        dated_on=D(2024, 10, 1),
        upload=SimpleUploadedFile("letter.pdf", minimal_pdf("Letter")),
    )
    adopt(staff, period)
    return child


def everyone_without_the_permission(staff):
    return [
        staff.social_worker.user,
        staff.team_manager.user,
        staff.other_social_worker.user,
        staff.screener,
        staff.service_manager,
        staff.performance_officer,
        staff.director,
        staff.iro,
        staff.councillor,
    ]


def without_csrf(page: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page.decode())


def test_the_adoption_order_seals_the_record_and_is_audited(staff, sealed_child):
    seal = SealedRecord.objects.get(child=sealed_child)
    assert (seal.adoption_order_on, seal.sealed_by) == (ADOPTED, staff.social_worker.user)
    assert seal.period_of_care.end_reason == "E11"
    assert AuditEvent.objects.filter(action="child.seal", child=sealed_child).count() == 1


def test_the_seal_and_the_adoption_order_are_one_transaction(staff, monkeypatch):
    period = placed_for_adoption(staff, looked_after_child(staff, new_child(staff), STARTED))

    def fails(**kwargs):
        raise RuntimeError("the seal could not be written")

    monkeypatch.setattr(people_services, "child_seal_after_adoption", fails)
    with pytest.raises(RuntimeError):
        adopt(staff, period)
    period.refresh_from_db()
    assert period.is_open and not SealedRecord.objects.exists()
    assert not AuditEvent.objects.filter(action="care.end").exists()


def test_other_endings_do_not_seal(staff):
    period = looked_after_child(staff, new_child(staff), STARTED)
    care.care_end(
        actor=staff.social_worker.user, period_id=period.pk, version=period.version, ended_on=ADOPTED, reason="E4A"
    )
    assert not SealedRecord.objects.exists()


def test_adoption_needs_a_placement_for_adoption_first_rule_390(staff):
    period = looked_after_child(staff, new_child(staff), STARTED)  # in foster care (U6)
    with pytest.raises(ValidationError) as refused:
        adopt(staff, period, reason="E12")
    assert refused.value.message_dict["reason"] == [care.ERROR_ADOPTED_NOT_PLACED]
    period.refresh_from_db()
    assert period.is_open and not SealedRecord.objects.exists()


def test_no_adoption_on_or_after_the_18th_birthday_rule_386(staff):
    # Born 3 March 2007: 18 on 3 March 2025, the day of the order.
    child = new_child(staff, born=D(2007, 3, 3))
    period = placed_for_adoption(staff, looked_after_child(staff, child, STARTED))
    with pytest.raises(ValidationError) as refused:
        adopt(staff, period, on=D(2025, 3, 3))
    assert refused.value.message_dict["reason"] == [care.ERROR_ADOPTED_AT_18]
    assert adopt(staff, PeriodOfCare.objects.get(pk=period.pk), on=D(2025, 3, 2)).end_reason == "E11"


def test_nobody_without_the_permission_finds_it_whatever_their_role(staff, sealed_child):
    for user in everyone_without_the_permission(staff):
        assert not children_visible_to(user).filter(pk=sealed_child.pk).exists(), user.username
        assert not children_found_by(user).filter(pk=sealed_child.pk).exists(), user.username
    # The permission alone does not make a councillor see a child.
    councillor = granted(staff.councillor)
    assert not children_visible_to(councillor).exists()


def test_the_child_page_answers_exactly_as_for_a_child_they_may_not_see(staff, sealed_child, client):
    never_theirs = new_child(staff, "Other", "Southchild")
    allocated_case(staff, never_theirs, at(D(2025, 5, 1), 9), worker=staff.other_social_worker)
    for user in (staff.team_manager.user, staff.service_manager, staff.director):
        client.force_login(user)
        sealed = client.get(reverse("people:child_detail", args=[sealed_child.pk]))
        other = client.get(reverse("people:child_detail", args=[never_theirs.pk]))
        if user == staff.team_manager.user:  # the south child is not the north manager's either
            assert other.status_code == 403
            assert without_csrf(sealed.content) == without_csrf(other.content)
        assert sealed.status_code == 403 and SURNAME not in sealed.content.decode()
    refused = AuditEvent.objects.filter(action="access.refused", child=sealed_child)
    assert refused.count() == 3


def test_it_vanishes_from_search_worklists_and_duplicate_matching(staff, sealed_child, client):
    client.force_login(staff.team_manager.user)
    for query in ("Sealwhist", "Wren Sealwhistel", sealed_child.hearth_id):  # part, a misspelling, the id
        found = client.get(reverse("people:child_search"), {"q": query}).content.decode()
        assert SURNAME not in found and "0 children found" in found
    assert SURNAME not in client.get(reverse("worklists:team")).content.decode()
    client.force_login(staff.social_worker.user)
    assert SURNAME not in client.get(reverse("worklists:mine")).content.decode()
    # The MASH adding a child is never offered the sealed record as a possible match.
    assert not possible_matches(first_name="Wren", last_name=SURNAME, date_of_birth=D(2019, 4, 1))


def test_documents_chronology_and_exports_are_refused(staff, sealed_child, client):
    document = sealed_child.documents.get()
    pages = [
        reverse("documents:download", args=[document.public_id]),
        reverse("records:chronology", args=[sealed_child.pk]),
        reverse("records:chronology_pdf", args=[sealed_child.pk]),
        reverse("records:note_list", args=[sealed_child.pk]),
        reverse("people:child_access_log", args=[sealed_child.pk]),
        reverse("people:child_subject_access_export", args=[sealed_child.pk]),
        reverse("people:child_subject_access_pdf", args=[sealed_child.pk]),
    ]
    for user in (staff.social_worker.user, staff.team_manager.user, staff.service_manager, staff.director):
        client.force_login(user)
        for url in pages:
            response = client.get(url)
            assert response.status_code in (403, 404), (user.username, url)
            assert SURNAME not in response.content.decode()


def opened(user, child, reason="ADOPTED_ADULT", explanation="Letter from the adopted adult, ref AD/2045/17"):
    return people_services.sealed_record_open(actor=user, child_id=child.pk, reason=reason, explanation=explanation)


def test_the_people_allowed_find_it_but_open_it_only_with_a_reason_and_each_opening_is_recorded(
    staff, sealed_child, adoptions_manager, client
):
    client.force_login(adoptions_manager)
    found = client.get(reverse("people:child_search"), {"q": "Sealwhist"}).content.decode()
    assert "1 child found" in found and SURNAME in found and "Sealed adoption record" in found
    assert reverse("people:sealed_record_open", args=[sealed_child.pk]) in found  # the way in is the reason form
    # The permission alone does not open it: the child's page asks why first.
    asked = client.get(reverse("people:child_detail", args=[sealed_child.pk]))
    assert asked.status_code == 302 and asked.url == reverse("people:sealed_record_open", args=[sealed_child.pk])
    assert not AuditEvent.objects.filter(action="child.view", child=sealed_child).exists()

    opening = opened(adoptions_manager, sealed_child)
    page = client.get(reverse("people:child_detail", args=[sealed_child.pk])).content.decode()
    assert "Sealed adoption record: adopted on 3 March 2025" in page
    view = AuditEvent.objects.get(action="child.view", child=sealed_child, actor=adoptions_manager)
    assert view.detail == {
        "page": "people:child_detail",
        "sealed": True,
        "opening": opening.pk,
        "reason": "ADOPTED_ADULT",
    }
    log = client.get(reverse("people:child_access_log", args=[sealed_child.pk])).content.decode()
    assert "Opened the sealed adoption record" in log and "Sealed the record (adoption order)" in log

    exporter = granted(staff.service_manager)
    client.force_login(exporter)
    export_url = reverse("people:child_subject_access_export", args=[sealed_child.pk])
    assert client.get(export_url).status_code == 403  # allowed, but no reason given yet
    opened(exporter, sealed_child, reason="AGENCY", explanation="Subject access request from the adopted adult")
    export = client.get(export_url)
    assert export.status_code == 200 and SURNAME in export.content.decode()
    assert AuditEvent.objects.filter(action="child.export", child=sealed_child, actor=exporter).exists()


def test_no_one_can_unseal_it_through_hearth(staff, sealed_child, adoptions_manager):
    # The only writer seals; a second adoption order leaves the first seal standing.
    assert not any(name for name in dir(people_services) if "unseal" in name)
    seal = SealedRecord.objects.get(child=sealed_child)
    again = people_services.child_seal_after_adoption(actor=adoptions_manager, period=seal.period_of_care)
    assert again.pk == seal.pk and SealedRecord.objects.count() == 1


@time_machine.travel(datetime.datetime(2025, 9, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_it_still_counts_in_the_figures_but_is_not_named_in_the_drill_down(staff, client):
    child = new_child(staff, "Wren", SURNAME)
    assessment = authorised_assessment(staff, child, D(2025, 5, 1), D(2025, 6, 2))
    period = care.care_start(
        actor=staff.social_worker.user,
        referral_id=assessment.referral_id,
        started_on=D(2025, 6, 9),
        category_of_need="N1",
        legal_status="C2",
        placement=foster_placement(),
        decision=approved(staff, D(2025, 6, 9)),
    )
    adopt(staff, placed_for_adoption(staff, period, on=D(2025, 7, 1)), on=D(2025, 8, 1))
    assert result_by_id("A01", D(2025, 8, 31)).denominator == 1
    client.force_login(staff.performance_officer)
    page = client.get(
        reverse("performance:drilldown", args=["A01"]), {"as_of_day": "31", "as_of_month": "8", "as_of_year": "2025"}
    ).content.decode()
    assert SURNAME not in page
    assert "1 of the 1 assessments are for children outside your teams" in page
