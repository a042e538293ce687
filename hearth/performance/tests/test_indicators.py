"""Each indicator with a hand-worked example: the figures fail if the definition breaks."""

import datetime

import pytest
import time_machine

from hearth.performance.selectors import result_by_id
from hearth.testing.journeys import at, authorised_assessment, new_child, new_contact, screen

D = datetime.date


@time_machine.travel(datetime.datetime(2025, 6, 10, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_f01_contacts_screened_within_24_hours(staff):
    """As of Mon 2 Jun 2025 (the year runs from 1 Apr 2025):
    A  received Tue 15 Apr 09:00, decided 11:00 the same day          -> in time
    B  received Fri 23 May 16:30 (spring bank holiday Mon 26 May),
       decided Tue 27 May 09:00: 88.5 hours                           -> late
    C  received Sat 31 May 10:00, undecided on 2 Jun: 24 hours ran out at 10:00 on 1 Jun -> late
    D  received Mon 2 Jun 20:00, undecided: still inside its 24 hours -> not counted at all
    E  received Sun 1 Jun 14:00, decided Tue 3 Jun 09:00, after the as-of date: on 2 Jun it is
       undecided and its 24 hours ended at 14:00 that day                                -> late
    F  received 20 Mar 2025 (last statutory year)                     -> outside the period
    Denominator A, B, C, E = 4; numerator A = 1; value 25%.
    """
    child = new_child(staff)
    a = new_contact(staff, child, at(D(2025, 4, 15), 9))
    screen(staff, a, at(D(2025, 4, 15), 11))
    b = new_contact(staff, child, at(D(2025, 5, 23), 16, 30))
    screen(staff, b, at(D(2025, 5, 27), 9))
    c = new_contact(staff, child, at(D(2025, 5, 31), 10))
    new_contact(staff, child, at(D(2025, 6, 2), 20))
    e = new_contact(staff, child, at(D(2025, 6, 1), 14))
    screen(staff, e, at(D(2025, 6, 3), 9))
    f = new_contact(staff, child, at(D(2025, 3, 20), 9))
    screen(staff, f, at(D(2025, 3, 20), 10))

    result = result_by_id("F01", D(2025, 6, 2))

    assert (result.numerator, result.denominator) == (1, 4)
    assert result.value == pytest.approx(0.25)
    assert {row.subject for row in result.rows} == {f"Contact {x.pk}" for x in (a, b, c, e)}
    assert {row.subject for row in result.rows if row.counted} == {f"Contact {a.pk}"}
    # E's decision came after the as-of date, so on that date it had none.
    assert next(row for row in result.rows if row.subject == f"Contact {e.pk}").stopped is None


@time_machine.travel(datetime.datetime(2025, 6, 10, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_f01_the_same_contacts_a_day_later_count_the_decision_made_that_day(staff):
    child = new_child(staff)
    e = new_contact(staff, child, at(D(2025, 6, 1), 14))
    screen(staff, e, at(D(2025, 6, 3), 9))
    # On 1 Jun E is inside its 24 hours (not counted); from 2 Jun it is late, decided or not.
    assert result_by_id("F01", D(2025, 6, 1)).denominator == 0
    on_third = result_by_id("F01", D(2025, 6, 3))
    assert (on_third.numerator, on_third.denominator) == (0, 1)
    assert on_third.rows[0].stopped == at(D(2025, 6, 3), 9)


@time_machine.travel(datetime.datetime(2025, 9, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_a01_and_a02_assessments_within_45_and_35_working_days(staff):
    """Census clock: assessment start to authorisation. Each starts Thu 1 May 2025; Mon 5 May and
    Mon 26 May are bank holidays, so WD 35 = Mon 23 Jun 2025 and WD 45 = Mon 7 Jul 2025.
    P authorised Mon 23 Jun (35 WD)  -> within 35 and 45
    Q authorised Tue 24 Jun (36 WD)  -> within 45 only
    R authorised Tue 8 Jul (46 WD)   -> neither
    S authorised 31 Mar 2025          -> last year: outside the period
    U started 1 Aug 2025, open        -> not in the denominator
    As of 31 Aug 2025: A01 = 2/3, A02 = 1/3.
    """
    p = authorised_assessment(staff, new_child(staff, "Pat"), D(2025, 5, 1), D(2025, 6, 23))
    q = authorised_assessment(staff, new_child(staff, "Quin"), D(2025, 5, 1), D(2025, 6, 24))
    r = authorised_assessment(staff, new_child(staff, "Rae"), D(2025, 5, 1), D(2025, 7, 8))
    authorised_assessment(staff, new_child(staff, "Sid"), D(2025, 2, 3), D(2025, 3, 31))
    authorised_assessment(staff, new_child(staff, "Uma"), D(2025, 8, 1), None)

    a01 = result_by_id("A01", D(2025, 8, 31))
    a02 = result_by_id("A02", D(2025, 8, 31))

    assert (a01.numerator, a01.denominator) == (2, 3)
    assert (a02.numerator, a02.denominator) == (1, 3)
    counted_45 = {row.subject for row in a01.rows if row.counted}
    assert counted_45 == {f"Assessment {p.pk}", f"Assessment {q.pk}"}
    assert {row.subject for row in a02.rows if row.counted} == {f"Assessment {p.pk}"}
    late = next(row for row in a01.rows if row.subject == f"Assessment {r.pk}")
    assert late.due == D(2025, 7, 7) and late.worker == str(staff.social_worker) and late.child_name == "Rae Example"


@time_machine.travel(datetime.datetime(2025, 9, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_a01_as_of_a_past_date_counts_only_what_was_authorised_by_then(staff):
    authorised_assessment(staff, new_child(staff), D(2025, 5, 1), D(2025, 6, 20))
    assert result_by_id("A01", D(2025, 6, 19)).denominator == 0
    assert result_by_id("A01", D(2025, 6, 20)).denominator == 1


def test_an_indicator_with_nothing_to_count_has_no_value(staff):
    result = result_by_id("A01", D(2025, 6, 2))
    assert result.value is None and result.denominator == 0


def test_docs_indicators_md_matches_the_catalogue(capsys):
    from pathlib import Path

    from django.core.management import call_command

    call_command("indicators_doc")
    committed = (Path(__file__).resolve().parents[3] / "docs" / "indicators.md").read_text()
    assert committed == capsys.readouterr().out, "docs/indicators.md is out of date: run `make docs`"
