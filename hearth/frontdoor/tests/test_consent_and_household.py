"""Consent to share information on a contact, and the child's household shown beside it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.frontdoor.models import Consent, Contact
from hearth.frontdoor.services import ERROR_CONSENT_UNKNOWN, contact_record
from hearth.people.services import relationship_add
from hearth.testing.journeys import at, new_child

D = datetime.date


def record(staff, child, consent):
    return contact_record(
        actor=staff.screener,
        child_ids=[child.pk],
        received_at=at(D(2025, 5, 1), 9),
        source_code="2A",
        contact_person="A. Teacher, designated safeguarding lead",
        account="Bruising seen at school.",
        consent=consent,
    )[0]


def test_the_consent_given_is_recorded_and_shown_with_the_household(staff, client):
    child = new_child(staff, "Hollis", "Household")
    relationship_add(
        actor=staff.service_manager,
        child_id=child.pk,
        relationship_code="MOTHER",
        person={"first_name": "Harriet", "last_name": "Household"},
        has_parental_responsibility=True,
        lives_in_household=True,
    )
    contact = record(staff, child, Consent.REFUSED)
    assert Contact.objects.get(pk=contact.pk).consent == "REFUSED"
    client.force_login(staff.screener)
    page = client.get(reverse("frontdoor:contact_detail", args=[contact.pk])).content.decode()
    assert "Refused: checks made only if the child may be at risk of significant harm" in page
    assert "Harriet Household (mother)" in page


def test_an_unknown_consent_is_refused_and_nothing_written(staff):
    child = new_child(staff)
    with pytest.raises(ValidationError) as refused:
        record(staff, child, "MAYBE")
    assert refused.value.message_dict["consent"] == [ERROR_CONSENT_UNKNOWN]
    assert not Contact.objects.filter(child=child).exists()


def test_the_contact_form_asks_for_consent(staff, client):
    child = new_child(staff)
    client.force_login(staff.screener)
    response = client.post(
        reverse("frontdoor:contact_record"),
        {
            "child": child.hearth_id,
            "received_on_day": "1",
            "received_on_month": "5",
            "received_on_year": "2025",
            "received_time": "09:00",
            "source": "2A",
            "contact_person": "A. Teacher",
            "account": "Bruising seen at school.",
        },
    )
    assert "Choose whether the family gave consent to share information" in response.content.decode()
    assert not Contact.objects.filter(child=child).exists()
