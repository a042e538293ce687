"""The retention schedule (hand-worked dates) and the report of closed records past it."""

import datetime

import pytest
from django.urls import reverse

from hearth.core.roles import Role
from hearth.frontdoor.services import case_close
from hearth.governance.retention import ChildHistory, retention_of, retention_report
from hearth.people.services import child_restrict
from hearth.testing.journeys import PASSWORD, at, new_child, new_contact, referred_case, screen
from hearth.workforce.services import user_create

D = datetime.date


def history(**facts) -> ChildHistory:
    base = {"date_of_birth": D(2000, 6, 15), "last_contact": None, "had_a_case": False, "case_open": False}
    return ChildHistory(**{**base, "last_closed": None, **facts})


def test_child_in_need_closed_before_18_is_kept_3_years_after_the_18th_birthday(settings):
    settings.HEARTH_RETENTION_CHILD_IN_NEED_YEARS = 3
    # Born 15 June 2000: 18 on 15 June 2018, later than the closure (10 March 2015); + 3 years.
    retention = retention_of(history(had_a_case=True, last_closed=D(2015, 3, 10)))
    assert retention.keep_until == D(2021, 6, 15)
    assert retention.record_class == "Child in need"


def test_child_in_need_closed_after_18_is_kept_3_years_after_closing(settings):
    settings.HEARTH_RETENTION_CHILD_IN_NEED_YEARS = 3
    # Closed 20 January 2019, after the 18th birthday (15 June 2018): + 3 years.
    assert retention_of(history(had_a_case=True, last_closed=D(2019, 1, 20))).keep_until == D(2022, 1, 20)


def test_a_leap_day_birthday_counts_from_28_february():
    # Born 29 February 2004: 18 on 28 February 2022 (no 29th that year); + 3 years = 28 February 2025.
    retention = retention_of(history(date_of_birth=D(2004, 2, 29), had_a_case=True, last_closed=D(2010, 1, 1)))
    assert retention.keep_until == D(2025, 2, 28)


def test_a_child_protection_record_is_kept_35_years_after_the_case_closed(settings):
    settings.HEARTH_RETENTION_CHILD_PROTECTION_YEARS = 35
    # Closed 20 January 2019: + 35 years = 20 January 2054, longer than the child in need rule.
    retention = retention_of(history(had_a_case=True, last_closed=D(2019, 1, 20), child_protection=True))
    assert (retention.record_class, retention.keep_until) == ("Child protection", D(2054, 1, 20))


def test_contacts_only_are_kept_6_years_from_the_last_contact(settings):
    settings.HEARTH_RETENTION_CONTACT_ONLY_YEARS = 6
    assert retention_of(history(last_contact=D(2017, 5, 2))).keep_until == D(2023, 5, 2)


def test_an_open_case_is_never_due_and_no_birth_date_means_by_hand():
    assert retention_of(history(had_a_case=True, case_open=True)) is None
    by_hand = retention_of(history(date_of_birth=None, had_a_case=True, last_closed=D(2020, 1, 1)))
    assert by_hand.keep_until is None and "by hand" in by_hand.basis


@pytest.fixture
def records(staff):
    """A contact-only child (contact May 2025), a child whose case closed in June 2025 (born
    2006, so 18 in 2024), an open case, and a restricted contact-only child."""
    contact_only = new_child(staff, "Ottoline", "Contactonly")
    screen(staff, new_contact(staff, contact_only, at(D(2025, 5, 2), 9)), at(D(2025, 5, 2), 12))
    closed = new_child(staff, "Casimir", "Closedcase", born=D(2006, 3, 1))
    case = referred_case(staff, closed, at(D(2025, 5, 6), 9))
    case_close(actor=staff.service_manager, referral_id=case.pk, closed_on=D(2025, 6, 30), reason="RC7")
    referred_case(staff, new_child(staff, "Ophelia", "Opencase"), at(D(2025, 5, 7), 9))
    hidden = new_child(staff, "Reserved", "Restrictedchild")
    screen(staff, new_contact(staff, hidden, at(D(2025, 5, 2), 9)), at(D(2025, 5, 2), 12))
    other_service_manager = user_create(
        actor=None,
        username="sigrid",
        first_name="Sigrid",
        last_name="Tester",
        email="sigrid@example.org",
        password=PASSWORD,
        role=Role.SERVICE_MANAGER,
    )
    # Restricted by another service manager, so that the one reading the report is not named.
    child_restrict(
        actor=other_service_manager,
        child_id=hidden.pk,
        reason="Child of a member of staff",
        allowed_user_ids=[staff.team_manager.user.pk],
    )
    return {"contact_only": contact_only, "closed": closed}


def test_the_report_lists_past_and_coming_records_and_counts_restricted_ones_unnamed(staff, records, settings):
    settings.HEARTH_RETENTION_CHILD_IN_NEED_YEARS = 3
    settings.HEARTH_RETENTION_CONTACT_ONLY_YEARS = 6
    # Contact-only: 2 May 2025 + 6 years = 2 May 2031. Closed case: 30 June 2025 + 3 = 30 June 2028.
    report = retention_report(user=staff.service_manager, as_of=D(2031, 1, 1))
    assert [line.child for line in report.past] == [records["closed"]]
    assert [line.child for line in report.next_twelve_months] == [records["contact_only"]]
    assert report.next_twelve_months[0].retention.keep_until == D(2031, 5, 2)
    # The restricted child, not named to this service manager, is only due in May 2031.
    assert report.hidden_past == 0
    later = retention_report(user=staff.service_manager, as_of=D(2031, 6, 1))
    assert {line.child for line in later.past} == {records["closed"], records["contact_only"]}
    assert later.hidden_past == 1


def test_a_closed_case_with_a_section_47_enquiry_is_a_child_protection_record(staff, settings):
    from hearth.testing.journeys import allocated_case
    from hearth.testing.protection_journeys import strategy_to_s47

    settings.HEARTH_RETENTION_CHILD_PROTECTION_YEARS = 35
    child = new_child(staff, "Enid", "Enquiry", born=D(2008, 1, 1))
    case = allocated_case(staff, child, at(D(2025, 5, 1), 9))
    strategy_to_s47(staff, case, D(2025, 5, 1))
    case_close(actor=staff.service_manager, referral_id=case.pk, closed_on=D(2025, 7, 1), reason="RC7")
    # Closed 1 July 2025 + 35 years = 1 July 2060: not yet due in 2059, past it in August 2060.
    early = retention_report(user=staff.service_manager, as_of=D(2059, 1, 1)).past
    assert child not in [line.child for line in early]
    report = retention_report(user=staff.service_manager, as_of=D(2060, 8, 1))
    [line] = [line for line in report.past if line.child == child]
    assert (line.retention.record_class, line.retention.keep_until) == ("Child protection", D(2060, 7, 1))


def test_the_report_page_for_a_service_manager_is_audited(staff, records, client):
    client.force_login(staff.service_manager)
    page = client.get(reverse("governance:retention")).content.decode()
    assert "Records past their retention period" in page
    from hearth.audit.models import AuditEvent

    assert AuditEvent.objects.filter(action="retention.report", actor=staff.service_manager).exists()
