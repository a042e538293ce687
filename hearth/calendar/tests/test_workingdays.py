"""Working-day arithmetic with GOV.UK's England and Wales list, each date worked by hand."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command

from hearth.calendar.models import BankHoliday
from hearth.calendar.selectors import current_calendar
from hearth.calendar.workingdays import WorkingCalendar, add_months

D = datetime.date
pytestmark = pytest.mark.django_db


def test_a_weekend_is_skipped():
    # Fri 7 Jun 2024 + 1 WD: Sat 8 and Sun 9 skipped, Mon 10 Jun.
    assert current_calendar().add_working_days(D(2024, 6, 7), 1) == D(2024, 6, 10)


def test_day_zero_is_the_start_date():
    assert current_calendar().add_working_days(D(2024, 6, 5), 0) == D(2024, 6, 5)


def test_christmas_and_boxing_day_are_skipped():
    # Tue 24 Dec 2024 + 1 WD: Wed 25 and Thu 26 are bank holidays, so Fri 27 Dec.
    assert current_calendar().add_working_days(D(2024, 12, 24), 1) == D(2024, 12, 27)


def test_easter_is_skipped():
    # Thu 28 Mar 2024 + 1 WD: Good Friday 29 Mar, the weekend and Easter Monday 1 Apr skipped: Tue 2 Apr.
    assert current_calendar().add_working_days(D(2024, 3, 28), 1) == D(2024, 4, 2)


def test_the_coronation_bank_holiday_is_skipped():
    # Fri 5 May 2023 + 1 WD: Mon 8 May 2023 was the coronation bank holiday, so Tue 9 May.
    assert current_calendar().add_working_days(D(2023, 5, 5), 1) == D(2023, 5, 9)


def test_the_moved_spring_bank_holiday_and_jubilee_are_skipped():
    # Wed 1 Jun 2022 + 1 WD: Thu 2 Jun (spring bank holiday, moved from May) and Fri 3 Jun
    # (Platinum Jubilee) skipped, then the weekend: Mon 6 Jun.
    assert current_calendar().add_working_days(D(2022, 6, 1), 1) == D(2022, 6, 6)


def test_45_working_days_from_the_worked_example_in_the_domain_notes():
    # Referral Fri 3 May 2024; Mon 6 May and Mon 27 May are holidays; WD 45 is Tue 9 Jul 2024.
    assert current_calendar().add_working_days(D(2024, 5, 3), 45) == D(2024, 7, 9)


def test_a_start_on_a_saturday_counts_forward_from_monday_as_day_one():
    assert current_calendar().add_working_days(D(2024, 6, 8), 1) == D(2024, 6, 10)


def test_working_days_between_counts_after_the_start():
    # Thu 28 Mar 2024 to Tue 2 Apr 2024: only Tue 2 Apr is a working day after the start.
    assert current_calendar().working_days_between(D(2024, 3, 28), D(2024, 4, 2)) == 1


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2023, 8, 31), 6, D(2024, 2, 29)),
        (D(2025, 1, 15), 3, D(2025, 4, 15)),
        (D(2025, 11, 30), 3, D(2026, 2, 28)),
    ],
)
def test_calendar_months_clip_to_the_end_of_the_month(start, months, expected):
    assert add_months(start, months) == expected


def test_the_holiday_list_records_its_source():
    holiday = BankHoliday.objects.get(date=D(2023, 5, 8))
    assert "coronation" in holiday.title.lower()
    assert "GOV.UK" in holiday.source


def test_update_command_loads_a_saved_govuk_file_and_the_calendar_follows(tmp_path):
    saved = tmp_path / "bank-holidays.json"
    saved.write_text(
        json.dumps(
            {
                "england-and-wales": {
                    "division": "england-and-wales",
                    "events": [
                        {"title": "Invented holiday for the test", "date": "2031-06-02", "notes": "", "bunting": True}
                    ],
                }
            }
        )
    )
    # Mon 2 Jun 2031 is not yet on any list: before the load, Fri 30 May + 1 WD is that Monday.
    assert current_calendar().add_working_days(D(2031, 5, 30), 1) == D(2031, 6, 2)
    call_command("update_bank_holidays", file=saved)
    assert current_calendar().add_working_days(D(2031, 5, 30), 1) == D(2031, 6, 3)
    assert BankHoliday.objects.filter(date__lt=D(2031, 1, 1)).count() > 100  # earlier years are kept


def test_update_command_refuses_a_malformed_file_and_changes_nothing(tmp_path):
    saved = tmp_path / "bank-holidays.json"
    saved.write_text(json.dumps({"england-and-wales": {"events": [{"title": "No date"}]}}))
    before = list(BankHoliday.objects.values_list("date", "title"))
    with pytest.raises(CommandError, match="Event 1 has no valid date"):
        call_command("update_bank_holidays", file=saved)
    assert list(BankHoliday.objects.values_list("date", "title")) == before


def test_a_due_date_counted_twice_is_the_same_and_a_negative_count_is_still_refused():
    calendar = WorkingCalendar([datetime.date(2025, 5, 26)])
    first = calendar.add_working_days(datetime.date(2025, 5, 23), 1)
    assert first == calendar.add_working_days(datetime.date(2025, 5, 23), 1) == datetime.date(2025, 5, 27)
    with pytest.raises(ValueError):
        calendar.add_working_days(datetime.date(2025, 5, 23), -1)
