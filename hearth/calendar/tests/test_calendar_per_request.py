"""The calendar is read once per request, and a bank holiday added is used from then on
(docs/decisions/0003-bank-holidays-as-a-table.md)."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth.calendar.selectors import current_calendar
from hearth.calendar.services import bank_holidays_load
from hearth.core.request_memo import request_memo
from hearth.testing.journeys import allocated_case, at, new_child

D = datetime.date
pytestmark = pytest.mark.django_db
# A refreshed list from May 2024 with an extra day off on Mon 1 Jul 2024 (not a real bank holiday).
EXTRA_DAY = [
    (D(2024, 5, 6), "Early May bank holiday"),
    (D(2024, 5, 27), "Spring bank holiday"),
    (D(2024, 7, 1), "Extra day off"),
]


def test_within_a_request_the_table_is_checked_once():
    with request_memo():
        with CaptureQueriesContext(connection) as first:
            calendar = current_calendar()
        with CaptureQueriesContext(connection) as again:
            assert current_calendar() is calendar
            current_calendar()
    assert len(first.captured_queries) >= 1
    assert len(again.captured_queries) == 0


def test_a_holiday_loaded_inside_a_request_is_used_by_its_next_clock():
    # Fri 28 Jun 2024 + 1 WD is Mon 1 Jul; with 1 Jul a holiday it is Tue 2 Jul.
    with request_memo():
        assert current_calendar().add_working_days(D(2024, 6, 28), 1) == D(2024, 7, 1)
        bank_holidays_load(holidays=EXTRA_DAY, source="test")
        assert current_calendar().add_working_days(D(2024, 6, 28), 1) == D(2024, 7, 2)


def test_outside_a_request_a_new_holiday_is_seen_at_once():
    assert current_calendar().add_working_days(D(2024, 6, 28), 1) == D(2024, 7, 1)
    bank_holidays_load(holidays=EXTRA_DAY, source="test")
    assert current_calendar().add_working_days(D(2024, 6, 28), 1) == D(2024, 7, 2)


@time_machine.travel(datetime.datetime(2024, 6, 20, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_worklist_uses_a_bank_holiday_added_after_an_earlier_page(staff, client_for):
    # Referral Fri 3 May 2024: 45 working days is Tue 9 Jul 2024 (6 and 27 May are holidays). With
    # Mon 1 Jul also a holiday it is Wed 10 Jul.
    allocated_case(staff, new_child(staff, "Robin"), at(D(2024, 5, 3), 10))
    client = client_for(staff.social_worker.user)
    assert "9 Jul 2024" in client.get(reverse("worklists:mine")).content.decode()
    bank_holidays_load(holidays=EXTRA_DAY, source="test")
    page = client.get(reverse("worklists:mine")).content.decode()
    assert "10 Jul 2024" in page and "9 Jul 2024" not in page
