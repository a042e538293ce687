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
from hearth.leavers.models import SupportTo25Request, SupportTo25Withdrawal
from hearth.leavers.selectors import (
    birthday_contact_due,
    contact_due,
    leaver_record,
    plan_due,
    spells_of,
    status_of,
)
from hearth.leavers.services import (
    ERROR_ALREADY_ASKED,
    ERROR_ALREADY_WITHDRAWN,
    ERROR_ASKED_AGAIN_TOO_EARLY,
    ERROR_NOT_ASKED,
    ERROR_NOT_FORMER_RELEVANT_FOR_25,
    ERROR_WITHDRAWAL_REASON,
    ERROR_WITHDRAWN_AT_25,
    ERROR_WITHDRAWN_BEFORE_ASKED,
    ERROR_WITHDRAWN_BEFORE_RECORDED_WORK,
    support_to_25_request_record,
    support_to_25_withdrawal_record,
)
from hearth.leavers.status import LeaverStatus, leaver_status
from hearth.performance.selectors import figure_from_rows, result_by_id
from hearth.testing.care_leaver_journeys import care_leaver, contact, pathway_review
from hearth.testing.journeys import looked_after_child, new_child
from hearth.timescales.selectors import clock
from hearth.worklists.selectors import worklist_for_worker

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


# No longer wanting support to 25, and asking again ----------------------------------------------
# Juno asks on 1 September 2024 (after her 21st birthday, 10 June 2024), is seen on 1 October and her
# plan reviewed on 15 October 2024; on 1 March 2025 she says she no longer wants support; on 1 June
# 2025 she asks again.
NO_LONGER = D(2025, 3, 1)
AGAIN = D(2025, 6, 1)


def no_longer_wants(staff, child, on=NO_LONGER, reason="I'm settled at work and don't need a PA now"):
    return support_to_25_withdrawal_record(
        actor=staff.social_worker.user, child_id=child.pk, withdrawn_on=on, reason=reason
    )


def test_asking_after_21_brings_a_plan_in_3_months_and_a_contact_in_8_weeks_from_the_asking(staff, juno):
    ask(staff, juno)
    status = status_of(leaver_record(juno.pk), D(2024, 9, 2))
    assert status.support_resumed_on == ASKED
    # T26A: 3 months from 1 September 2024; T29: 56 days from it (not from leaving care in 2021).
    assert plan_due(status, [], D(2024, 9, 2)) == D(2024, 12, 1)
    assert contact_due(status, [], D(2024, 9, 2)) == D(2024, 10, 27)
    # The 21st birthday's contact (window 10 Mar to 10 Jul 2024) was missed: owed, overdue, until the
    # window of a 22nd birthday would open (10 March 2025), not for ever.
    assert birthday_contact_due(status, juno.date_of_birth, [], D(2024, 9, 2)).due == D(2024, 7, 10)
    later = status_of(leaver_record(juno.pk), D(2025, 3, 10))
    assert birthday_contact_due(later, juno.date_of_birth, [], D(2025, 3, 10)) is None
    # Once a plan is reviewed after the asking, T27 runs from the review as before.
    pathway_review(staff, juno, D(2024, 10, 15))
    assert plan_due(status, [D(2024, 10, 15)], D(2024, 10, 16)) == D(2025, 4, 15)


def test_saying_they_no_longer_want_support_ends_the_duties_past_21_until_they_ask_again(staff, juno):
    ask(staff, juno)
    contact(staff, juno, D(2024, 10, 1))
    pathway_review(staff, juno, D(2024, 10, 15))
    withdrawal = no_longer_wants(staff, juno)
    assert (withdrawal.withdrawn_on, withdrawal.recorded_by) == (NO_LONGER, staff.social_worker.user)
    assert withdrawal.reason == "I'm settled at work and don't need a PA now"
    assert AuditEvent.objects.filter(action="care.support_to_25_withdrawal", child=juno).count() == 1
    assert status_of(leaver_record(juno.pk), D(2025, 2, 28)).status == LeaverStatus.FORMER_RELEVANT
    ended = status_of(leaver_record(juno.pk), NO_LONGER)
    assert (ended.status, ended.reason) == (
        LeaverStatus.NONE,
        "21 or over: said on 1 March 2025 that they no longer want support to 25 "
        "(they can ask again before their 25th birthday)",
    )
    # From that day no contact or plan review is recorded past 21, with the reason.
    with pytest.raises(ValidationError, match="said on 1 March 2025 that they no longer want support to 25"):
        contact(staff, juno, D(2025, 3, 2))
    with pytest.raises(ValidationError, match="no longer want support to 25"):
        pathway_review(staff, juno, D(2025, 3, 2))
    # C01 counts her on 28 February 2025 (reviewed 15 October: up to date), not on 1 March 2025; SQL = rows.
    for day, in_it in ((D(2025, 2, 28), True), (NO_LONGER, False)):
        result = result_by_id("C01", day)
        assert ("Juno Larkspur" in [row.child_name for row in result.rows]) is in_it, day
        assert result.indicator.figure(day) == figure_from_rows(result.indicator, day)

    # She asks again on 1 June 2025 (not on or before the day she said no): former relevant again, the
    # plan due 3 months from the asking (T26A, her last review was before it), the contact 56 days.
    with pytest.raises(ValidationError) as refused:
        ask(staff, juno, on=NO_LONGER)
    assert refused.value.message_dict["requested_on"] == [
        ERROR_ASKED_AGAIN_TOO_EARLY.format(child=juno, date="1 March 2025")
    ]
    ask(staff, juno, on=AGAIN, note="Lost my job; wants help with housing")
    again = status_of(leaver_record(juno.pk), AGAIN)
    assert again.status == LeaverStatus.FORMER_RELEVANT and again.support_resumed_on == AGAIN
    reviews = [D(2024, 10, 15)]
    assert plan_due(again, reviews, AGAIN) == D(2025, 9, 1)
    assert contact_due(again, list(leaver_record(juno.pk).care_leaver_contacts.all()), AGAIN) == D(2025, 7, 27)
    assert status_of(leaver_record(juno.pk), D(2025, 5, 31)).status == LeaverStatus.NONE
    result = result_by_id("C01", AGAIN)
    assert "Juno Larkspur" in [row.child_name for row in result.rows]
    assert result.indicator.figure(AGAIN) == figure_from_rows(result.indicator, AGAIN)


def test_the_worklist_stops_showing_the_duties_once_they_no_longer_want_support(staff, juno):
    # Today Juno is 23: she asked on 1 September 2024, so her plan and contact are on the worklist.
    ask(staff, juno)

    def juno_items():
        items = worklist_for_worker(staff.social_worker, user=staff.social_worker.user)
        return [item.duty for item in items if item.child_id == juno.pk]

    assert "Personal adviser contact" in juno_items()
    assert any(duty.startswith("Pathway plan for support to 25 (asked 1 Sep 2024)") for duty in juno_items())
    no_longer_wants(staff, juno)
    # The case's own items stay (it is still open); no care leaver's duty is left.
    assert not [
        duty for duty in juno_items() if duty.startswith(("Pathway plan", "Personal adviser", "Contact around"))
    ]


def test_a_withdrawal_is_refused_with_its_reason_and_writes_nothing(staff, juno):
    lou = care_leaver(staff, "Lou", "Bramble", D(2000, 6, 10), D(2015, 3, 1), D(2018, 6, 10))
    refusals = ((juno, NO_LONGER, "Moving on", ERROR_NOT_ASKED.format(child=juno), "withdrawn_on"),)
    for child, on, reason, message, field in refusals:
        with pytest.raises(ValidationError) as refused:
            no_longer_wants(staff, child, on=on, reason=reason)
        assert refused.value.message_dict[field] == [message]
    ask(staff, juno)
    ask(staff, lou, on=D(2021, 9, 1))
    for child, on, reason, field, message in (
        (juno, D(2099, 1, 1), "Moving on", "withdrawn_on", "The date must be today or in the past"),
        (juno, NO_LONGER, "  ", "reason", ERROR_WITHDRAWAL_REASON),
        (
            juno,
            ASKED,
            "Moving on",
            "withdrawn_on",
            ERROR_WITHDRAWN_BEFORE_ASKED.format(child=juno, date="1 September 2024"),
        ),
        (
            lou,
            D(2025, 6, 10),
            "Moving on",
            "withdrawn_on",
            ERROR_WITHDRAWN_AT_25.format(child=lou, date="10 June 2025"),
        ),
    ):
        with pytest.raises(ValidationError) as refused:
            no_longer_wants(staff, child, on=on, reason=reason)
        assert refused.value.message_dict[field] == [message], (child, on)
    assert not SupportTo25Withdrawal.objects.exists()
    # A contact past 21 already recorded on 5 March 2025: she still had support then.
    contact(staff, juno, D(2025, 3, 5))
    with pytest.raises(ValidationError) as refused:
        no_longer_wants(staff, juno)
    assert refused.value.message_dict["withdrawn_on"] == [
        ERROR_WITHDRAWN_BEFORE_RECORDED_WORK.format(what="personal adviser's contact", date="5 March 2025")
    ]
    assert not SupportTo25Withdrawal.objects.exists()
    no_longer_wants(staff, juno, on=D(2025, 3, 6))
    with pytest.raises(ValidationError) as refused:
        no_longer_wants(staff, juno, on=D(2025, 4, 1))
    assert refused.value.message_dict["withdrawn_on"] == [
        ERROR_ALREADY_WITHDRAWN.format(child=juno, date="6 March 2025")
    ]
    assert SupportTo25Withdrawal.objects.count() == 1


def test_the_page_records_that_they_no_longer_want_support_and_that_they_asked_again(staff, juno, client_for):
    ask(staff, juno)
    client = client_for(staff.social_worker.user)
    url = reverse("leavers:support_to_25_withdrawal", args=[juno.pk])
    page = client.get(reverse("leavers:leaver", args=[juno.pk])).content.decode()
    assert url in page and "Record that they no longer want it" in page
    bad = client.post(url, {"withdrawn_on_day": "1", "withdrawn_on_month": "3", "withdrawn_on_year": "2025"})
    assert "Enter what the young person said, or why they no longer want support" in bad.content.decode()
    assert not SupportTo25Withdrawal.objects.exists()
    done = client.post(
        url,
        {"withdrawn_on_day": "1", "withdrawn_on_month": "3", "withdrawn_on_year": "2025", "reason": "Settled now"},
    )
    assert done.status_code == 302
    page = client.get(reverse("leavers:leaver", args=[juno.pk])).content.decode()
    assert "Said on 1 March 2025 that they no longer want it: no contact or pathway plan past 21" in page
    assert "Settled now" in page and "Record that they asked again" in page
    assert "Record a contact" not in page
    chronology = client.get(reverse("records:chronology", args=[juno.pk])).content.decode()
    assert "Asked for a personal adviser&#x27;s support to 25" in chronology
    assert (
        "Said they no longer want a personal adviser&#x27;s support to 25" in chronology and "Settled now" in chronology
    )
