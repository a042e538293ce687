"""Direction of travel against the last month-end, beside the same point last year; earlier
figures suppressed like the current ones on aggregate-only pages."""

import datetime
from decimal import Decimal

import time_machine
from django.urls import reverse

from hearth.performance.selectors import end_of_last_period, scorecard
from hearth.testing.journeys import at, authorised_assessment, new_child, new_contact

D = datetime.date


def test_the_last_period_is_the_month_end_before_the_day():
    assert end_of_last_period(D(2025, 4, 30)) == D(2025, 3, 31)
    assert end_of_last_period(D(2025, 5, 1)) == D(2025, 4, 30)
    assert end_of_last_period(D(2024, 3, 15)) == D(2024, 2, 29)


@time_machine.travel(datetime.datetime(2025, 9, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_a01_worsens_since_the_last_month_end(staff):
    """One assessment started 1 May 2025, authorised 30 May: working day 19 of 45 (5 and 26 May are
    bank holidays), in time. Another started 2 June, due on working day 45 = 4 August (no bank
    holidays in June or July), authorised 20 August: late. At 31 July A01 is 1 of 1 (100%); at
    31 August 1 of 2 (50%): worsening since the last month-end."""
    authorised_assessment(staff, new_child(staff, "Prompt"), D(2025, 5, 1), D(2025, 5, 30))
    authorised_assessment(staff, new_child(staff, "Tardy"), D(2025, 6, 2), D(2025, 8, 20))
    line = next(line for line in scorecard(D(2025, 8, 31)) if line.result.indicator.id == "A01")
    assert (line.value, line.last_period_value, line.travel_since_last_period) == (
        Decimal("50.0"),
        Decimal("100.0"),
        "worsening",
    )


@time_machine.travel(datetime.datetime(2025, 6, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_small_earlier_counts_are_suppressed_for_councillors_only(staff, client):
    """Two contacts in May 2024: F02 at the same point last year (31 May 2024) is 2, a small
    number: "c" for a councillor, 2 for the performance officer."""
    for day in (6, 7):
        new_contact(staff, new_child(staff, f"Earlier{day}"), at(D(2024, 5, day), 10))
    for user, shown in ((staff.councillor, "c"), (staff.performance_officer, 2)):
        client.force_login(user)
        figures = client.get(reverse("api_indicators"), {"as_of": "2025-05-31"}).json()["indicators"]
        f02 = next(item for item in figures if item["id"] == "F02")
        assert f02["same_point_last_year"] == shown, user
