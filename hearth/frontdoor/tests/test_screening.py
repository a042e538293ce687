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


def _refer(staff, contact, on):
    return services.contact_screen(
        actor=staff.screener,
        contact_id=contact.pk,
        decision=ScreeningDecision.REFERRAL,
        primary_need="N1",
        decided_at=at(on, 10),
        reason="Threshold met",
        team_id=staff.north.pk,
    )


def test_a_referral_received_before_the_last_case_closed_is_refused_and_one_on_the_closing_day_is_not(staff):
    """Hand-worked: the first case runs 3-20 March. A contact received on 14 March and screened on the
    21st would open a case overlapping it (the CIN census's rule 8820): refused, nothing written. A
    contact received on 20 March, the day the first closed, may open the next case."""
    child = new_child(staff)
    first = referred_case(staff, child, at(D(2025, 3, 3), 9))
    services.case_close(actor=staff.team_manager.user, referral_id=first.pk, closed_on=D(2025, 3, 20), reason="RC7")
    late = new_contact(staff, child, at(D(2025, 3, 14), 9))
    with pytest.raises(ValidationError, match="was open until 20 March 2025, after this contact was received on 14"):
        _refer(staff, late, D(2025, 3, 21))
    assert Referral.objects.filter(child=child).count() == 1
    assert Contact.objects.get(pk=late.pk).decision == ""
    _refer(staff, new_contact(staff, child, at(D(2025, 3, 20), 15)), D(2025, 3, 21))
    assert Referral.objects.filter(child=child, referral_date=D(2025, 3, 20)).exists()


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
