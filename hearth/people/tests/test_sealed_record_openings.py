"""Opening a sealed adoption record asks why: a reason from the list and an explanation, stored as
a dated opening with its audit event; the record is open to that person only, for a limited time
(HEARTH_SEALED_RECORD_OPENING_HOURS); the access log and the subject access export show each
opening with its reason."""

import datetime
import json

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from hearth.audit import services as audit_services
from hearth.audit.models import AuditEvent
from hearth.people import services
from hearth.people.exports import record_as_html, subject_access_record
from hearth.people.models import SealedRecordOpening
from hearth.people.selectors import children_found_by, children_visible_to
from hearth.people.services import (
    ERROR_NOT_ALLOWED_TO_OPEN_SEALED,
    ERROR_OPENING_EXPLANATION_REQUIRED,
    ERROR_OPENING_EXPLANATION_TOO_LONG,
    ERROR_OPENING_EXPLANATION_TOO_SHORT,
    ERROR_OPENING_REASON_REQUIRED,
    child_restrict,
)
from hearth.people.tests import test_sealed_records as sealed
from hearth.testing.journeys import new_child

# The sealed child and the adoption team's manager, as test_sealed_records.py makes them.
sealed_child = sealed.sealed_child
adoptions_manager = sealed.adoptions_manager
SURNAME = sealed.SURNAME
everyone_without_the_permission = sealed.everyone_without_the_permission
granted = sealed.granted

# 10:00 on Monday 6 October 2025, UK time (BST, UTC+1): 09:00 UTC.
OPENED_AT = datetime.datetime(2025, 10, 6, 9, 0, tzinfo=datetime.UTC)
EXPLANATION = "Letter from the adopted adult dated 1 October 2025, ref AD/2045/17, asking for her records"


def open_url(child):
    return reverse("people:sealed_record_open", args=[child.pk])


def record_pages(child):
    """The child's page and pages of the record that show its content."""
    return [
        reverse("records:chronology", args=[child.pk]),
        reverse("records:note_list", args=[child.pk]),
        reverse("people:child_access_log", args=[child.pk]),
    ]


def nothing_written(child):
    return (
        not SealedRecordOpening.objects.filter(child=child).exists()
        and not AuditEvent.objects.filter(action="child.sealed_open").exists()
    )


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        ({"explanation": EXPLANATION}, "reason", ERROR_OPENING_REASON_REQUIRED),
        ({"reason": "BECAUSE", "explanation": EXPLANATION}, "reason", ERROR_OPENING_REASON_REQUIRED),
        ({"reason": "COURT"}, "explanation", ERROR_OPENING_EXPLANATION_REQUIRED),
        ({"reason": "COURT", "explanation": "   \n  "}, "explanation", ERROR_OPENING_EXPLANATION_REQUIRED),
        ({"reason": "COURT", "explanation": "court"}, "explanation", ERROR_OPENING_EXPLANATION_TOO_SHORT),
        (
            {"reason": "COURT", "explanation": "x" * 2001},
            "explanation",
            ERROR_OPENING_EXPLANATION_TOO_LONG.format(limit=2000),
        ),
    ],
)
def test_a_reason_and_an_explanation_are_required_and_bad_input_opens_nothing(
    staff, sealed_child, adoptions_manager, client, posted, field, message
):
    client.force_login(adoptions_manager)
    response = client.post(open_url(sealed_child), posted)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page and message in page
    assert f'id="id_{field}-error"' in page  # the message sits on the field it is about
    assert nothing_written(sealed_child)
    assert not children_visible_to(adoptions_manager).filter(pk=sealed_child.pk).exists()
    # The service refuses the same input by itself, whatever page calls it.
    with pytest.raises(ValidationError) as refused:
        services.sealed_record_open(
            actor=adoptions_manager,
            child_id=sealed_child.pk,
            reason=posted.get("reason", ""),
            explanation=posted.get("explanation", ""),
        )
    assert refused.value.message_dict[field] == [message]
    assert nothing_written(sealed_child)


def test_the_form_asks_with_radios_and_an_explanation(staff, sealed_child, adoptions_manager, client):
    client.force_login(adoptions_manager)
    page = client.get(open_url(sealed_child)).content.decode()
    assert "Why are you opening this sealed adoption record?" in page
    assert "An adopted adult&#x27;s request for information about their adoption" in page
    assert 'type="radio" value="COURT"' in page and "<textarea" in page
    assert "sealed by the adoption order of 3 March 2025" in page
    assert "for 8 hours" in page


@time_machine.travel(OPENED_AT, tick=False)
def test_an_opening_lets_that_person_only_see_the_record_until_it_expires(
    staff, sealed_child, adoptions_manager, client
):
    colleague = granted(staff.service_manager)  # also allowed, but has given no reason
    client.force_login(adoptions_manager)
    response = client.post(open_url(sealed_child), {"reason": "COURT", "explanation": EXPLANATION})
    assert response.status_code == 302 and response.url == reverse("people:child_detail", args=[sealed_child.pk])
    opening = SealedRecordOpening.objects.get()
    # Opened 10:00 BST; the default of 8 hours: open until 18:00 BST (17:00 UTC).
    assert (opening.opened_by, opening.reason, opening.explanation) == (adoptions_manager, "COURT", EXPLANATION)
    assert opening.opened_at == OPENED_AT
    assert opening.expires_at == datetime.datetime(2025, 10, 6, 17, 0, tzinfo=datetime.UTC)
    page = client.get(response.url, follow=True).content.decode()
    assert "Sealed record opened until 18:00 on 6 October" in page
    assert "You opened it until 18:00 on 6 October for: A court order" in page
    for url in record_pages(sealed_child):
        assert client.get(url).status_code == 200, url

    # Only the person who gave the reason: an allowed colleague is still asked, the team still refused.
    assert not children_visible_to(colleague).filter(pk=sealed_child.pk).exists()
    assert children_found_by(colleague).filter(pk=sealed_child.pk).exists()
    assert not children_visible_to(staff.team_manager.user).filter(pk=sealed_child.pk).exists()

    # (Signed in again each time: an idle session ends after 30 minutes.)
    with time_machine.travel(datetime.datetime(2025, 10, 6, 16, 59, 59, tzinfo=datetime.UTC), tick=False):
        client.force_login(adoptions_manager)
        assert client.get(reverse("people:child_detail", args=[sealed_child.pk])).status_code == 200
    with time_machine.travel(datetime.datetime(2025, 10, 6, 17, 0, tzinfo=datetime.UTC), tick=False):
        client.force_login(adoptions_manager)
        asked = client.get(reverse("people:child_detail", args=[sealed_child.pk]))
        assert asked.status_code == 302 and asked.url == open_url(sealed_child)
        for url in record_pages(sealed_child):
            refused = client.get(url)
            assert refused.status_code == 403 and SURNAME not in refused.content.decode(), url
        # A new reason opens it again, for another 8 hours from then.
        again = services.sealed_record_open(
            actor=adoptions_manager, child_id=sealed_child.pk, reason="COURT", explanation=EXPLANATION
        )
        assert again.expires_at == datetime.datetime(2025, 10, 7, 1, 0, tzinfo=datetime.UTC)
        assert client.get(reverse("people:child_detail", args=[sealed_child.pk])).status_code == 200


@time_machine.travel(OPENED_AT, tick=False)
def test_how_long_an_opening_lasts_is_a_setting(staff, sealed_child, adoptions_manager, settings):
    settings.HEARTH_SEALED_RECORD_OPENING_HOURS = 2
    opening = services.sealed_record_open(
        actor=adoptions_manager, child_id=sealed_child.pk, reason="AGENCY", explanation=EXPLANATION
    )
    assert opening.expires_at == OPENED_AT + datetime.timedelta(hours=2)
    with time_machine.travel(OPENED_AT + datetime.timedelta(hours=2), tick=False):
        assert not children_visible_to(adoptions_manager).filter(pk=sealed_child.pk).exists()


def test_people_without_the_permission_cannot_open_it(staff, sealed_child, client):
    for user in everyone_without_the_permission(staff):
        client.force_login(user)
        for response in (
            client.get(open_url(sealed_child)),
            client.post(open_url(sealed_child), {"reason": "OTHER", "explanation": EXPLANATION}),
        ):
            assert response.status_code == 403 and SURNAME not in response.content.decode(), user.username
        with pytest.raises(ValidationError) as refused:
            services.sealed_record_open(actor=user, child_id=sealed_child.pk, reason="OTHER", explanation=EXPLANATION)
        assert refused.value.messages == [ERROR_NOT_ALLOWED_TO_OPEN_SEALED]
    assert nothing_written(sealed_child)
    # Each refused attempt at the form is on the record's access log.
    assert AuditEvent.objects.filter(action="access.refused", child=sealed_child).count() == 2 * len(
        everyone_without_the_permission(staff)
    )


def test_the_reason_form_is_only_for_sealed_records_the_person_may_find(staff, sealed_child, adoptions_manager, client):
    client.force_login(adoptions_manager)
    not_sealed = new_child(staff, "Open", "Recordchild")
    assert client.get(open_url(not_sealed)).status_code == 403
    # A sealed record also restricted to named people: the permission is not enough without the name.
    child_restrict(
        actor=staff.service_manager,
        child_id=sealed_child.pk,
        reason="Child of a member of staff",
        allowed_user_ids=[staff.director.pk],
    )
    assert client.get(open_url(sealed_child)).status_code == 403
    assert not children_found_by(adoptions_manager).filter(pk=sealed_child.pk).exists()
    with pytest.raises(ValidationError):
        services.sealed_record_open(
            actor=adoptions_manager, child_id=sealed_child.pk, reason="OTHER", explanation=EXPLANATION
        )


def test_the_audit_event_and_the_access_log_carry_the_reason(staff, sealed_child, adoptions_manager, client):
    opening = services.sealed_record_open(
        actor=adoptions_manager, child_id=sealed_child.pk, reason="ADOPTED_ADULT", explanation=EXPLANATION
    )
    event = AuditEvent.objects.get(action="child.sealed_open")
    assert (event.actor, event.child, event.object_id) == (adoptions_manager, sealed_child, str(opening.pk))
    assert event.detail["reason"] == "ADOPTED_ADULT" and event.detail["explanation"] == EXPLANATION
    client.force_login(adoptions_manager)
    client.get(reverse("people:child_detail", args=[sealed_child.pk]))
    log = client.get(reverse("people:child_access_log", args=[sealed_child.pk])).content.decode()
    assert "Gave a reason to open the sealed adoption record" in log
    assert "Reason: An adopted adult&#x27;s request for information about their adoption. Explanation: " in log
    assert EXPLANATION in log
    # Each page seen under the opening says why: the child's page, and the log itself (its view row
    # is written as the log is answered, so it shows on the log read after it).
    assert log.count("Opened the sealed adoption record<br>") == 1
    log = client.get(reverse("people:child_access_log", args=[sealed_child.pk])).content.decode()
    assert log.count("Opened the sealed adoption record<br>") == 2


def test_the_opening_and_its_audit_event_are_one_transaction(staff, sealed_child, adoptions_manager, monkeypatch):
    def fails(**kwargs):
        raise RuntimeError("the audit trail could not be written")

    monkeypatch.setattr(services, "audit_record", fails)
    with pytest.raises(RuntimeError):
        services.sealed_record_open(
            actor=adoptions_manager, child_id=sealed_child.pk, reason="OTHER", explanation=EXPLANATION
        )
    assert not SealedRecordOpening.objects.exists()
    assert audit_services.audit_record  # the real writer is untouched for other tests


@time_machine.travel(OPENED_AT, tick=False)
def test_the_subject_access_export_holds_the_seal_and_every_opening(staff, sealed_child, adoptions_manager, client):
    services.sealed_record_open(
        actor=adoptions_manager, child_id=sealed_child.pk, reason="ADOPTED_ADULT", explanation=EXPLANATION
    )
    exporter = granted(staff.service_manager)
    services.sealed_record_open(
        actor=exporter, child_id=sealed_child.pk, reason="OTHER", explanation="Subject access request, ref SAR-2025-311"
    )
    client.force_login(exporter)
    exported = json.loads(client.get(reverse("people:child_subject_access_export", args=[sealed_child.pk])).content)
    [seal] = exported["sealed_adoption_record"]
    assert seal["adoption order on"] == "2025-03-03"
    assert seal["sealed by"] == "Nina Tester"  # the social worker who recorded the adoption order
    assert seal["sealed on"]  # when the adoption order was recorded in Hearth
    assert [
        (o["opened by"], o["reason"], o["explanation"], o["opened at"], o["open until"]) for o in seal["openings"]
    ] == [
        (
            "Ada Tester",
            "An adopted adult's request for information about their adoption",
            EXPLANATION,
            "2025-10-06T10:00:00+01:00",
            "2025-10-06T18:00:00+01:00",
        ),
        (
            "Serena Tester",
            "Another reason",
            "Subject access request, ref SAR-2025-311",
            "2025-10-06T10:00:00+01:00",
            "2025-10-06T18:00:00+01:00",
        ),
    ]
    html = record_as_html(subject_access_record(sealed_child))
    assert "<h2>Sealed adoption record</h2>" in html and "ref AD/2045/17" in html and "Another reason" in html
    pdf = client.get(reverse("people:child_subject_access_pdf", args=[sealed_child.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_record_never_sealed_says_so_in_the_export(staff):
    child = new_child(staff, "Never", "Sealedchild")
    assert subject_access_record(child)["sealed_adoption_record"] == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the guard is a PostgreSQL trigger")
def test_an_opening_is_never_changed_or_deleted(staff, sealed_child, adoptions_manager):
    opening = services.sealed_record_open(
        actor=adoptions_manager, child_id=sealed_child.pk, reason="COURT", explanation=EXPLANATION
    )
    openings = SealedRecordOpening.objects.filter(pk=opening.pk)
    with pytest.raises(DatabaseError, match="never changed"), transaction.atomic():
        openings.update(reason="OTHER", explanation="Nothing to see")
    with pytest.raises(DatabaseError, match="never changed"), transaction.atomic():
        openings.delete()
    assert (openings.get().reason, openings.get().explanation) == ("COURT", EXPLANATION)
