"""Care leavers to 25 (Children Act 1989 s23CZB), the contact owed around each 17th to 21st birthday
(T29B), and C06, looked-after 16 and 17 year olds in education, employment or training: worked by hand.

Juno, born 10 June 2003, was looked after from 1 March 2019 (15) to her 18th birthday, 10 June 2021: the
13 weeks after 14, some after 16, so eligible, then former relevant until her 21st birthday (10 June
2024). After it she has no status until she asks for support to 25; from the day she asks (1 September
2024) she is former relevant again until her 25th birthday (10 June 2028)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.leavers.models import SupportTo25Request
from hearth.leavers.selectors import birthday_contact_due, leaver_record, spells_of, status_of
from hearth.leavers.services import (
    ERROR_ALREADY_ASKED,
    ERROR_NOT_FORMER_RELEVANT_FOR_25,
    support_to_25_request_record,
)
from hearth.leavers.status import LeaverStatus, leaver_status
from hearth.performance.selectors import figure_from_rows, result_by_id
from hearth.testing.care_leaver_journeys import care_leaver, contact, pathway_review
from hearth.testing.journeys import looked_after_child, new_child
from hearth.timescales.selectors import clock

D = datetime.date
pytestmark = pytest.mark.django_db
ASKED = D(2024, 9, 1)


@pytest.fixture
def juno(staff):
    return care_leaver(staff, "Juno", "Larkspur", D(2003, 6, 10), D(2019, 3, 1), D(2021, 6, 10))


def ask(staff, child, on=ASKED, note="Wants help with university"):
    return support_to_25_request_record(actor=staff.social_worker.user, child_id=child.pk, requested_on=on, note=note)


def test_the_status_after_21_follows_the_request_to_the_25th_birthday(juno):
    spells = spells_of(leaver_record(juno.pk).periods_of_care.all())
    born = juno.date_of_birth
    assert leaver_status(born, spells, D(2024, 6, 9)).status == LeaverStatus.FORMER_RELEVANT  # the day before 21
    at_21 = leaver_status(born, spells, D(2024, 6, 10))
    assert (at_21.status, at_21.reason) == (
        LeaverStatus.NONE,
        "21 or over: support to 25 continues only when the young person asks for it",
    )
    # Asked on 1 September 2024: not before it, from it, to the day before the 25th birthday.
    assert leaver_status(born, spells, D(2024, 8, 31), ASKED).status == LeaverStatus.NONE
    asked = leaver_status(born, spells, ASKED, ASKED)
    assert asked.status == LeaverStatus.FORMER_RELEVANT and asked.owed_pathway_plan
    assert asked.reason.startswith("21 to 24, asked on 1 September 2024 for support to 25")
    assert leaver_status(born, spells, D(2028, 6, 9), ASKED).status == LeaverStatus.FORMER_RELEVANT
    assert leaver_status(born, spells, D(2028, 6, 10), ASKED).reason == "25 or over"


def test_after_asking_contacts_and_pathway_plans_go_on_past_21_without_an_error(staff, juno):
    # Before she asks, a contact at 22 is refused with the reason.
    with pytest.raises(ValidationError) as refused:
        contact(staff, juno, D(2025, 7, 1))
    assert "support to 25 continues only when the young person asks for it" in str(refused.value)
    request = ask(staff, juno)
    assert AuditEvent.objects.filter(action="care.support_to_25_request", child=juno).count() == 1
    assert request.requested_on == ASKED
    recorded = contact(staff, juno, D(2025, 7, 1), activity="F1")
    assert recorded.activity == "F1"
    review = pathway_review(staff, juno, D(2025, 7, 2))
    assert review.reviewed_on == D(2025, 7, 2)
    assert status_of(leaver_record(juno.pk), D(2025, 7, 2)).status == LeaverStatus.FORMER_RELEVANT


def test_a_request_is_refused_with_its_reason_and_writes_nothing(staff, juno):
    qualifying = care_leaver(staff, "Ash", "Bramble", D(2003, 3, 10), D(2019, 5, 1), D(2019, 6, 1), reason="E13")
    young = care_leaver(staff, "Kit", "Bramble", D(2010, 3, 10), D(2024, 5, 1), None)
    older = care_leaver(staff, "Lou", "Bramble", D(2000, 6, 10), D(2015, 3, 1), D(2018, 6, 10))
    for child, on, field_text in (
        (juno, D(2099, 1, 1), "The date must be today or in the past"),
        (qualifying, D(2024, 9, 1), "21 or over, and was not eligible or relevant"),
        (young, D(2025, 9, 1), "under 16"),
        (older, D(2025, 9, 1), "25 or over"),
    ):
        with pytest.raises(ValidationError) as refused:
            ask(staff, child, on=on)
        assert field_text in refused.value.message_dict["requested_on"][0], child
    assert "could not ask for support to 25" in ERROR_NOT_FORMER_RELEVANT_FOR_25
    assert not SupportTo25Request.objects.exists()
    ask(staff, juno)
    with pytest.raises(ValidationError) as refused:
        ask(staff, juno, on=D(2024, 10, 1))
    assert refused.value.message_dict["requested_on"] == [
        ERROR_ALREADY_ASKED.format(child=juno, date="1 September 2024")
    ]
    assert SupportTo25Request.objects.count() == 1


def test_the_page_records_the_request_and_shows_it(staff, juno, client_for):
    client = client_for(staff.social_worker.user)
    page = client.get(reverse("leavers:leaver", args=[juno.pk])).content.decode()
    assert "Not asked for" in page and reverse("leavers:support_to_25_request", args=[juno.pk]) in page
    url = reverse("leavers:support_to_25_request", args=[juno.pk])
    bad = client.post(url, {"requested_on_day": "31", "requested_on_month": "2", "requested_on_year": "2025"})
    assert "There is a problem" in bad.content.decode() and not SupportTo25Request.objects.exists()
    done = client.post(url, {"requested_on_day": "1", "requested_on_month": "9", "requested_on_year": "2024"})
    assert done.status_code == 302
    page = client.get(reverse("leavers:leaver", args=[juno.pk])).content.decode()
    assert "Asked on 1 September 2024: contacts and the pathway plan go on to the 25th birthday" in page


def test_t29b_the_contact_around_each_birthday_is_due_a_month_after_it(staff):
    # The rule: a month after the birthday (10 March 2026 -> 10 April 2026).
    assert clock("T29B").due(D(2026, 3, 10)) == D(2026, 4, 10)
    # Rue, born 10 March 2007, left care at 18 (10 March 2025): former relevant. Her 19th birthday is
    # 10 March 2026; its window opens 10 December 2025 and closes 10 April 2026.
    rue = care_leaver(staff, "Rue", "Larkspur", D(2007, 3, 10), D(2021, 3, 1), D(2025, 3, 10))
    contacts = []
    status = status_of(leaver_record(rue.pk), D(2026, 1, 5))
    owed = birthday_contact_due(status, rue.date_of_birth, contacts, D(2026, 1, 5))
    assert (owed.age, owed.birthday, owed.due) == (19, D(2026, 3, 10), D(2026, 4, 10))
    # On 9 December 2025 the 19th's window has not opened: the 18th's (10 Dec 2024 to 10 Apr 2025) is
    # the one owed, and a contact in it meets it.
    before = birthday_contact_due(status, rue.date_of_birth, contacts, D(2025, 12, 9))
    assert (before.age, before.due) == (18, D(2025, 4, 10))
    met = [contact(staff, rue, D(2025, 3, 20))]
    assert birthday_contact_due(status, rue.date_of_birth, met, D(2025, 12, 9)) is None
    # A contact in which she was not in touch does not meet the 19th's; one in touch on 15 Dec 2025 does.
    tried = [contact(staff, rue, D(2025, 12, 12), in_touch="NO")]
    assert birthday_contact_due(status, rue.date_of_birth, tried, D(2026, 1, 5)).age == 19
    seen = [contact(staff, rue, D(2025, 12, 15))]
    assert birthday_contact_due(status, rue.date_of_birth, seen, D(2026, 1, 5)) is None
    # While looked after (eligible), the social worker visits: nothing owed under T29B.
    eligible = care_leaver(staff, "Sol", "Larkspur", D(2008, 3, 10), D(2022, 3, 1), None)
    sol = status_of(leaver_record(eligible.pk), D(2025, 1, 5))
    assert sol.status == LeaverStatus.ELIGIBLE
    assert birthday_contact_due(sol, eligible.date_of_birth, [], D(2025, 1, 5)) is None


def test_c06_looked_after_16_and_17_year_olds_in_education_employment_or_training(staff):
    """On 30 September 2025, looked after: Ada (16, born 1 May 2009; looked after from 1 March 2023, so
    eligible: her contact on 1 September 2025 says F1, full-time education): counted. Ben (17, born 1
    January 2008, looked after from 1 June 2022): his latest contact since care began, 15 September 2025,
    says G5, NEET; an earlier one said F1: not counted. Cal (16, born 1 July 2009, looked after from 1
    August 2025, not yet eligible: no contact): not counted. Dot (15) and Eve (18) are not in it.
    C06 = 1 of 3."""
    as_of = D(2025, 9, 30)

    def looked_after(name, born, started):
        child = new_child(staff, name, "Eetson", born=born)
        looked_after_child(staff, child, started)
        return child

    ada = looked_after("Ada", D(2009, 5, 1), D(2023, 3, 1))
    contact(staff, ada, D(2025, 9, 1), activity="F1")
    ben = looked_after("Ben", D(2008, 1, 1), D(2022, 6, 1))
    contact(staff, ben, D(2025, 6, 1), activity="F1")
    contact(staff, ben, D(2025, 9, 15), activity="G5")
    looked_after("Cal", D(2009, 7, 1), D(2025, 8, 1))
    looked_after("Dot", D(2010, 10, 1), D(2025, 8, 1))
    looked_after("Eve", D(2007, 6, 1), D(2022, 6, 1))

    result = result_by_id("C06", as_of)
    assert (result.numerator, result.denominator) == (1, 3)
    rows = {row.child_name.split()[0]: row for row in result.rows}
    assert set(rows) == {"Ada", "Ben", "Cal"}
    assert rows["Ada"].counted and rows["Ada"].subject.startswith("Aged 16: F1")
    assert rows["Ada"].subject.endswith("(1 Sep 2025)")
    assert not rows["Ben"].counted and rows["Ben"].subject.startswith("Aged 17: G5")
    assert (rows["Cal"].counted, rows["Cal"].subject) == (
        False,
        "Aged 16: no activity recorded since becoming looked after",
    )
    assert result.indicator.figure(as_of) == figure_from_rows(result.indicator, as_of)
