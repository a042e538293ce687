"""Bad input at the front door: a clear message, and nothing written."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.frontdoor import services
from hearth.frontdoor.models import Contact, Referral, ScreeningDecision
from hearth.testing.journeys import at, new_child, new_contact

D = datetime.date


def test_a_decision_timed_before_the_contact_was_received_is_refused(staff):
    contact = new_contact(staff, new_child(staff), at(D(2025, 3, 14), 16, 30))
    audit_rows = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.contact_screen(
            actor=staff.screener,
            contact_id=contact.pk,
            decision=ScreeningDecision.REFERRAL,
            primary_need="N1",
            decided_at=at(D(2025, 3, 14), 16, 0),
            reason="Threshold met",
            team_id=staff.north.pk,
        )
    assert refused.value.message_dict["decided_at"] == [
        services.ERROR_DECISION_BEFORE_RECEIPT.format(received="14 March 2025 at 16:30")
    ]
    contact.refresh_from_db()
    assert contact.decision == "" and contact.decided_at is None
    assert not Referral.objects.exists()
    assert AuditEvent.objects.count() == audit_rows


def test_the_decision_form_shows_the_message_and_writes_nothing(staff, client_for):
    contact = new_contact(staff, new_child(staff), at(D(2025, 3, 14), 16, 30))
    response = client_for(staff.screener).post(
        reverse("frontdoor:contact_detail", args=[contact.pk]),
        {
            "action": "decision",
            "decision": "REFERRAL",
            "primary_need": "N1",
            "decided_on_day": "14",
            "decided_on_month": "3",
            "decided_on_year": "2025",
            "decided_time": "16:00",
            "reason": "Threshold met",
            "team": staff.north.pk,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The decision cannot be before the contact was received (14 March 2025 at 16:30)" in page
    assert 'href="#id_decided_on_day"' in page
    assert not Referral.objects.exists()


def test_a_contact_about_an_unknown_child_is_refused(staff, client_for):
    response = client_for(staff.screener).post(
        reverse("frontdoor:contact_record"),
        {
            "child": "H9999999",
            "received_on_day": "14",
            "received_on_month": "3",
            "received_on_year": "2025",
            "received_time": "09:00",
            "source": "2A",
            "contact_person": "A teacher",
            "account": "Worried about bruising",
            "consent": "GIVEN",
        },
    )
    assert response.status_code == 200
    assert "No child has Hearth ID H9999999. Find the child, or add them first" in response.content.decode()
    assert not Contact.objects.exists()


def test_a_second_decision_on_the_same_contact_is_refused_and_the_first_stands(staff):
    contact = new_contact(staff, new_child(staff), at(D(2025, 3, 14), 9))
    services.contact_screen(
        actor=staff.screener,
        contact_id=contact.pk,
        decision=ScreeningDecision.EARLY_HELP,
        decided_at=at(D(2025, 3, 14), 10),
        reason="Early help offer",
    )
    with pytest.raises(ValidationError, match="already recorded a decision"):
        services.contact_screen(
            actor=staff.screener,
            contact_id=contact.pk,
            decision=ScreeningDecision.NO_FURTHER_ACTION,
            decided_at=at(D(2025, 3, 14), 11),
            reason="Changed my mind",
        )
    contact.refresh_from_db()
    assert contact.decision == ScreeningDecision.EARLY_HELP


def test_a_referral_needs_a_team_and_opens_nothing_without_one(staff):
    contact = new_contact(staff, new_child(staff), at(D(2025, 3, 14), 9))
    with pytest.raises(ValidationError) as refused:
        services.contact_screen(
            actor=staff.screener,
            contact_id=contact.pk,
            decision=ScreeningDecision.REFERRAL,
            primary_need="N1",
            decided_at=at(D(2025, 3, 14), 10),
            reason="Threshold met",
            team_id=None,
        )
    assert refused.value.message_dict["team"] == [services.ERROR_TEAM_REQUIRED]
    assert not Referral.objects.exists()


def test_the_database_refuses_a_decision_before_receipt_even_without_the_service(staff):
    from django.db import IntegrityError, transaction

    contact = new_contact(staff, new_child(staff), at(D(2025, 3, 14), 9))
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.filter(pk=contact.pk).update(
            decision="NFA", decided_at=at(D(2025, 3, 13), 9), decided_by=staff.screener
        )
