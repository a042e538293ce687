"""Screening in the MASH: urgency, partner checks, CSE flags, the board and re-referrals."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.frontdoor import services
from hearth.frontdoor.models import Contact, PartnerCheck, ScreeningDecision
from hearth.frontdoor.selectors import previous_referral_of
from hearth.testing.journeys import at, new_child, new_contact, referred_case

D = datetime.date


def test_urgency_is_rated_while_awaiting_a_decision_and_fixed_after(staff):
    contact = new_contact(staff, new_child(staff), at(D(2025, 3, 14), 9))
    services.contact_rate_urgency(actor=staff.screener, contact_id=contact.pk, urgency="AMBER")
    services.contact_rate_urgency(actor=staff.screener, contact_id=contact.pk, urgency="RED")
    services.contact_screen(
        actor=staff.screener,
        contact_id=contact.pk,
        decision=ScreeningDecision.ADVICE,
        decided_at=at(D(2025, 3, 14), 10),
        reason="Advice given",
    )
    with pytest.raises(ValidationError, match="already has a decision"):
        services.contact_rate_urgency(actor=staff.screener, contact_id=contact.pk, urgency="GREEN")
    assert Contact.objects.get(pk=contact.pk).urgency == "RED"


def test_an_unknown_urgency_is_refused(staff):
    contact = new_contact(staff, new_child(staff), at(D(2025, 3, 14), 9))
    with pytest.raises(ValidationError) as refused:
        services.contact_rate_urgency(actor=staff.screener, contact_id=contact.pk, urgency="PURPLE")
    assert refused.value.message_dict["urgency"] == [services.ERROR_UNKNOWN_URGENCY]


def test_a_partner_check_is_asked_and_answered_in_order(staff):
    contact = new_contact(staff, new_child(staff), at(D(2025, 3, 14), 9))
    check = services.partner_check_request(
        actor=staff.screener, contact_id=contact.pk, agency="POLICE", asked_at=at(D(2025, 3, 14), 9, 30)
    )
    with pytest.raises(ValidationError) as refused:
        services.partner_check_answer(
            actor=staff.screener, check_id=check.pk, answered_at=at(D(2025, 3, 14), 9), answer="Two call-outs"
        )
    assert refused.value.message_dict["answered_at"] == [
        services.ERROR_ANSWERED_BEFORE_ASKED.format(asked="14 March 2025 at 09:30")
    ]
    services.partner_check_answer(
        actor=staff.screener,
        check_id=check.pk,
        answered_at=at(D(2025, 3, 14), 11),
        answer="Two call-outs to the address this year",
    )
    with pytest.raises(ValidationError, match="already answered"):
        services.partner_check_answer(
            actor=staff.screener, check_id=check.pk, answered_at=at(D(2025, 3, 14), 12), answer="Changed"
        )
    assert PartnerCheck.objects.get(pk=check.pk).answer == "Two call-outs to the address this year"


def test_a_check_asked_before_the_contact_arrived_is_refused(staff):
    contact = new_contact(staff, new_child(staff), at(D(2025, 3, 14), 9))
    with pytest.raises(ValidationError) as refused:
        services.partner_check_request(
            actor=staff.screener, contact_id=contact.pk, agency="HEALTH", asked_at=at(D(2025, 3, 14), 8)
        )
    assert "asked_at" in refused.value.message_dict
    assert not PartnerCheck.objects.exists()


def test_a_cse_team_referral_needs_a_cse_concern(staff):
    contact = new_contact(staff, new_child(staff), at(D(2025, 3, 14), 9))
    with pytest.raises(ValidationError) as refused:
        services.contact_screen(
            actor=staff.screener,
            contact_id=contact.pk,
            decision=ScreeningDecision.ADVICE,
            decided_at=at(D(2025, 3, 14), 10),
            reason="Advice",
            cse_team_referral=True,
        )
    assert refused.value.message_dict["cse_team_referral"] == [services.ERROR_CSE_TEAM_WITHOUT_CONCERN]
    services.contact_screen(
        actor=staff.screener,
        contact_id=contact.pk,
        decision=ScreeningDecision.ADVICE,
        decided_at=at(D(2025, 3, 14), 10),
        reason="Advice",
        cse_concern=True,
        cse_team_referral=True,
    )
    contact.refresh_from_db()
    assert contact.cse_concern and contact.cse_team_referral


def test_a_referral_needs_a_primary_need_code(staff):
    contact = new_contact(staff, new_child(staff), at(D(2025, 3, 14), 9))
    with pytest.raises(ValidationError) as refused:
        services.contact_screen(
            actor=staff.screener,
            contact_id=contact.pk,
            decision=ScreeningDecision.REFERRAL,
            decided_at=at(D(2025, 3, 14), 10),
            reason="Threshold met",
            team_id=staff.north.pk,
            primary_need="N99",
        )
    assert refused.value.message_dict["primary_need"] == [services.ERROR_PRIMARY_NEED_REQUIRED]


def test_re_referral_is_within_12_months_of_the_previous_referral_not_of_closure(staff):
    """Referrals of one child on 10 Mar 2024, 10 Mar 2025 (12 months to the day: a re-referral)
    and 11 Mar 2026 (12 months and a day after the previous one: not a re-referral)."""
    child = new_child(staff)
    first = referred_case(staff, child, at(D(2024, 3, 10), 9))
    first_close(first, D(2024, 9, 1))
    second = referred_case(staff, child, at(D(2025, 3, 10), 9))
    first_close(second, D(2025, 9, 1))
    third = referred_case(staff, child, at(D(2026, 3, 11), 9))
    assert previous_referral_of(first) is None
    assert previous_referral_of(second) == first
    assert previous_referral_of(third) is None


def first_close(referral, closed_on):
    # Case closure arrives with the children-in-need work; until then a test closes it directly.
    type(referral).objects.filter(pk=referral.pk).update(closed_on=closed_on, closure_reason="RC8")


@time_machine.travel(datetime.datetime(2025, 3, 14, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_board_filters_by_source_and_urgency_and_counts_today_and_this_week(staff, client_for):
    police = new_contact(staff, new_child(staff, "Polly"), at(D(2025, 3, 14), 9))
    Contact.objects.filter(pk=police.pk).update(source_id="6")
    services.contact_rate_urgency(actor=staff.screener, contact_id=police.pk, urgency="RED")
    new_contact(staff, new_child(staff, "Skye"), at(D(2025, 3, 11), 9))  # Tuesday of the same week
    new_contact(staff, new_child(staff, "Old"), at(D(2025, 3, 7), 9))  # the week before
    client = client_for(staff.screener)
    page = client.get(reverse("frontdoor:contact_list")).content.decode()
    assert "Polly Example" in page and "Skye Example" in page and "Old Example" in page
    assert ">1</span>received today" in page.replace("\n", "")
    assert ">2</span>received this week" in page.replace("\n", "")
    red = client.get(reverse("frontdoor:contact_list"), {"urgency": "RED"}).content.decode()
    assert "Polly Example" in red and "Skye Example" not in red
    by_police = client.get(reverse("frontdoor:contact_list"), {"source": "6"}).content.decode()
    assert "Polly Example" in by_police and "Old Example" not in by_police
    assert "overdue by" in page and "21 h 0 min left" in page  # Polly: received 09:00 GMT, now 12:00


def test_the_screener_records_checks_urgency_and_decision_through_the_page(staff, client_for):
    contact = new_contact(staff, new_child(staff), at(D(2025, 3, 14), 9))
    client = client_for(staff.screener)
    url = reverse("frontdoor:contact_detail", args=[contact.pk])
    client.post(url, {"action": "urgency", "urgency": "AMBER"})
    client.post(
        url,
        {
            "action": "check",
            "agency": "EDUCATION",
            "asked_on_day": "14",
            "asked_on_month": "3",
            "asked_on_year": "2025",
            "asked_time": "09:20",
        },
    )
    check = PartnerCheck.objects.get(contact=contact)
    bad = client.post(
        url,
        {
            "action": f"answer-{check.pk}",
            f"check{check.pk}-answered_on_day": "14",
            f"check{check.pk}-answered_on_month": "3",
            f"check{check.pk}-answered_on_year": "2025",
            f"check{check.pk}-answered_time": "09:00",
            f"check{check.pk}-answer": "Attends well",
        },
    )
    assert "The answer cannot come before the check was asked (14 March 2025 at 09:20)" in bad.content.decode()
    client.post(
        url,
        {
            "action": f"answer-{check.pk}",
            f"check{check.pk}-answered_on_day": "14",
            f"check{check.pk}-answered_on_month": "3",
            f"check{check.pk}-answered_on_year": "2025",
            f"check{check.pk}-answered_time": "10:00",
            f"check{check.pk}-answer": "Attends well",
        },
    )
    contact.refresh_from_db()
    check.refresh_from_db()
    assert contact.urgency == "AMBER" and check.answer == "Attends well"
    page = client.get(url).content.decode()
    assert "Amber: concerns, screen today" in page and "Attends well" in page


def test_the_screening_page_shows_the_childs_earlier_contacts_and_referrals(staff, client_for):
    """Before deciding, the screener sees the child's history at the front door: each earlier
    contact with its decision, and each referral with how the case ended (or that it is open)."""
    from hearth.frontdoor.services import case_close
    from hearth.testing.journeys import screen

    child = new_child(staff, "Hollis", "Returner")
    advice = new_contact(staff, child, at(D(2025, 1, 6), 9))
    screen(staff, advice, at(D(2025, 1, 6), 10), ScreeningDecision.ADVICE)
    first = referred_case(staff, child, at(D(2025, 2, 3), 9))
    case_close(actor=staff.team_manager.user, referral_id=first.pk, closed_on=D(2025, 2, 20), reason="RC7")
    later = new_contact(staff, child, at(D(2025, 4, 7), 9))
    new_contact(staff, new_child(staff, "Other", "Child"), at(D(2025, 1, 2), 9))  # another child's: not shown
    page = client_for(staff.screener).get(reverse("frontdoor:contact_detail", args=[later.pk])).content.decode()
    history = page[page.index("Earlier contacts and referrals") : page.index("Partner checks")]
    assert "Information and advice" in history and "Referral to children" in history
    assert "3 Feb 2025" in history and "Closed 20 Feb 2025" in history
    assert "Other Child" not in history and "2 Jan 2025" not in history
    assert reverse("frontdoor:contact_detail", args=[advice.pk]) in history
    first_page = client_for(staff.screener).get(reverse("frontdoor:contact_detail", args=[advice.pk])).content.decode()
    assert "No earlier contact about" in first_page and "No earlier referral." in first_page


def test_a_child_found_by_search_can_have_a_contact_recorded_without_copying_their_id(staff, client_for):
    child = new_child(staff, "Marigold", "Searchable")
    new_contact(staff, child, at(D(2025, 1, 6), 9))  # known to the MASH: a new contact about her follows
    screener = client_for(staff.screener)
    results = screener.get(reverse("people:child_search"), {"q": "Marigold Searchable"}).content.decode()
    link = f"{reverse('frontdoor:contact_record')}?child={child.hearth_id}"
    assert link in results
    form = screener.get(link).content.decode()
    assert f'value="{child.hearth_id}"' in form
    director = client_for(staff.director)  # finds every child, records no contacts
    found = director.get(reverse("people:child_search"), {"q": "Marigold"}).content.decode()
    assert child.hearth_id in found and "Record a contact" not in found
