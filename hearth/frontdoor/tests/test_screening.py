import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.frontdoor import services
from hearth.frontdoor.models import Contact, Referral, ScreeningDecision
from hearth.testing.journeys import at, new_child, new_contact, referred_case

D = datetime.date


def test_a_referral_opens_a_case_dated_the_day_the_contact_came_in(staff):
    # Received 23:50 on Fri 14 Mar, decided 08:30 on Sat 15 Mar: the referral date is 14 March.
    child = new_child(staff)
    contact = new_contact(staff, child, at(D(2025, 3, 14), 23, 50))
    services.contact_screen(
        actor=staff.screener,
        contact_id=contact.pk,
        decision=ScreeningDecision.REFERRAL,
        primary_need="N1",
        decided_at=at(D(2025, 3, 15), 8, 30),
        reason="Threshold met",
        team_id=staff.north.pk,
    )
    referral = Referral.objects.get(child=child)
    assert (referral.referral_date, referral.team, referral.source_id) == (D(2025, 3, 14), staff.north, "2A")
    assert set(AuditEvent.objects.filter(child=child).values_list("action", flat=True)) >= {
        "contact.record",
        "contact.screen",
        "referral.open",
    }


@pytest.mark.parametrize(
    "decision", [ScreeningDecision.NO_FURTHER_ACTION, ScreeningDecision.ADVICE, ScreeningDecision.EARLY_HELP]
)
def test_decisions_other_than_referral_open_no_case(staff, decision):
    contact = new_contact(staff, new_child(staff), at(D(2025, 3, 14), 9))
    services.contact_screen(
        actor=staff.screener,
        contact_id=contact.pk,
        decision=decision,
        decided_at=at(D(2025, 3, 14), 10),
        reason="Reason given",
    )
    assert not Referral.objects.exists()


def test_a_second_referral_while_a_case_is_open_is_refused(staff):
    child = new_child(staff)
    referred_case(staff, child, at(D(2025, 3, 3), 9))
    contact = new_contact(staff, child, at(D(2025, 3, 14), 9))
    with pytest.raises(ValidationError, match="already has an open case"):
        services.contact_screen(
            actor=staff.screener,
            contact_id=contact.pk,
            decision=ScreeningDecision.REFERRAL,
            primary_need="N1",
            decided_at=at(D(2025, 3, 14), 10),
            reason="Threshold met",
            team_id=staff.north.pk,
        )
    assert Referral.objects.filter(child=child).count() == 1
    assert Contact.objects.get(pk=contact.pk).decision == ""


def test_a_contact_received_in_the_future_is_refused(staff):
    child = new_child(staff)
    with pytest.raises(ValidationError) as refused:
        services.contact_record(
            actor=staff.screener,
            child_ids=[child.pk],
            received_at=at(D.today() + datetime.timedelta(days=3), 9),
            source_code="2A",
            contact_person="Teacher",
            account="Concern",
        )
    assert refused.value.message_dict["received_at"] == [services.ERROR_RECEIVED_IN_FUTURE]
    assert not Contact.objects.exists()


def test_an_unknown_source_code_is_refused(staff):
    child = new_child(staff)
    with pytest.raises(ValidationError) as refused:
        services.contact_record(
            actor=staff.screener,
            child_ids=[child.pk],
            received_at=at(D(2025, 3, 14), 9),
            source_code="ZZ",
            contact_person="Teacher",
            account="Concern",
        )
    assert refused.value.message_dict["source"] == [services.ERROR_UNKNOWN_SOURCE]


def test_the_mash_queue_lists_contacts_awaiting_a_decision_with_their_24_hour_clock(staff, client_for):
    new_contact(staff, new_child(staff, "Wren"), at(D(2025, 3, 14), 16, 30))
    page = client_for(staff.screener).get(reverse("frontdoor:contact_list")).content.decode()
    assert "Wren Example" in page
    assert "15 Mar 2025 16:30" in page  # due 24 hours after receipt
    assert "24 hours from contact received" in page
    assert "Overdue" in page
