"""Each timescale rule with a hand-worked example that fails if the rule breaks."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command

from hearth.core.services import london_datetime
from hearth.timescales.models import LocalStandard
from hearth.timescales.selectors import clock

D = datetime.date
T = datetime.time
pytestmark = pytest.mark.django_db


def test_t01_screening_is_due_24_hours_after_receipt():
    received = london_datetime(D(2025, 3, 12), T(9, 15))
    assert clock("T01").due(received) == london_datetime(D(2025, 3, 13), T(9, 15))


def test_t01_a_friday_afternoon_contact_before_a_bank_holiday_is_late_on_tuesday_morning():
    # Fri 23 May 2025 16:30; Mon 26 May is the spring bank holiday. Due Sat 24 May 16:30 (hours,
    # not working days): a decision at 09:00 on Tue 27 May is late; one at 16:00 on Sat is in time.
    received = london_datetime(D(2025, 5, 23), T(16, 30))
    screening = clock("T01")
    assert screening.due(received) == london_datetime(D(2025, 5, 24), T(16, 30))
    assert not screening.met(received, london_datetime(D(2025, 5, 27), T(9, 0)))
    assert screening.met(received, london_datetime(D(2025, 5, 24), T(16, 0)))


def test_t01_counts_true_elapsed_hours_across_the_clocks_going_back():
    # 00:30 BST on Sun 26 Oct 2025; the clocks go back at 02:00. 24 real hours later is 23:30 GMT
    # the same day, so a decision at 23:45 that evening is late (24h15m), though the wall clock
    # says 23h15m passed.
    received = london_datetime(D(2025, 10, 26), T(0, 30))
    screening = clock("T01")
    assert screening.due(received) == london_datetime(D(2025, 10, 26), T(23, 30))
    assert not screening.met(received, london_datetime(D(2025, 10, 26), T(23, 45)))
    assert screening.met(received, london_datetime(D(2025, 10, 26), T(23, 29)))


def test_t30_return_interview_offered_within_72_true_hours_of_the_return():
    # Back at 20:00 BST on Sat 25 Oct 2025; the clocks go back at 02:00 on Sun 26 Oct. 72 real hours
    # later is 19:00 GMT on Tue 28 Oct: an offer at 19:30 that evening is late, at 18:59 in time.
    returned = london_datetime(D(2025, 10, 25), T(20, 0))
    interview = clock("T30")
    assert interview.due(returned) == london_datetime(D(2025, 10, 28), T(19, 0))
    assert not interview.met(returned, london_datetime(D(2025, 10, 28), T(19, 30)))
    assert interview.met(returned, london_datetime(D(2025, 10, 28), T(18, 59)))


def test_t03_assessment_due_45_working_days_from_referral_with_the_local_35_alongside():
    # Referral Fri 3 May 2024 (6 and 27 May are holidays): WD 35 is Tue 25 Jun, WD 45 Tue 9 Jul.
    assessment = clock("T03")
    assert assessment.due(D(2024, 5, 3)) == D(2024, 7, 9)
    assert assessment.local_due(D(2024, 5, 3)) == D(2024, 6, 25)
    assert assessment.explain() == "45 working days from referral, Working Together 2023"
    assert assessment.explain_local() == "local standard 35 working days from referral"


def test_t03c_census_clock_runs_from_assessment_start_and_is_met_on_the_due_day():
    census = clock("T03C")
    assert census.met(D(2024, 5, 3), D(2024, 7, 9))
    assert not census.met(D(2024, 5, 3), D(2024, 7, 10))
    assert census.met_locally(D(2024, 5, 3), D(2024, 6, 25))
    assert not census.met_locally(D(2024, 5, 3), D(2024, 6, 26))


def test_a_council_can_change_its_local_standard_without_code():
    LocalStandard.objects.filter(rule_id="T03").update(limit=30)
    # Fri 3 May 2024 + 30 WD: Tue 18 Jun 2024 (five working days before the 35-day date).
    assert clock("T03").local_due(D(2024, 5, 3)) == D(2024, 6, 18)


def test_day_rules_refuse_a_time_as_their_start():
    with pytest.raises(TypeError):
        clock("T03").due(london_datetime(D(2024, 5, 3), T(9, 0)))


def test_docs_timescales_md_matches_the_rules_table(capsys):
    call_command("timescales_doc")
    generated = capsys.readouterr().out
    committed = (Path(__file__).resolve().parents[3] / "docs" / "timescales.md").read_text()
    assert committed == generated, "docs/timescales.md is out of date: run `make docs`"
