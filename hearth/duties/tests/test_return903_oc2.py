"""The 903's OC2 file for 1 April 2024 to 31 March 2025, worked by hand (docs/returns-903.md).

Ada, born 10 Jan 2015 (9 on 1 April, 10 on 10 Jan 2025), looked after from 2 Jun 2023: SDQ score 14 on
1 May 2024, then a reason (SDQ5) on 1 Jun: the score is returned. Convicted 1 Feb 2025 (aged 10).
Immunisations up to date on 1 Sep 2024, not on 1 Mar 2025: the latest says 0. IHA 20 Jun 2023, RHA 1
Jun 2024 (next due 1 Jun 2025: up to date on 31 March). Dental check 1 Jul 2024. Substance misuse
identified 1 Jul 2024, an intervention offered and refused: 1, 0, 1.
Bea, born 1 May 2007, looked after from 1 Jan 2022: turns 17 on 1 May 2024, no SDQ: SDQ1. Substance
misuse identified 1 Aug 2024, intervention received: 1, 1, blank. No dental check, no assessment.
Cal, born 1 Mar 2021, looked after from 1 Jan 2024: turns 4 on 1 Mar 2025 (after 1 April), no SDQ:
SDQ1; under 5 on 31 March, development checks up to date on 1 Nov 2024: HEALTH_CHECK 1. IHA 20 Jan
2024, RHA 1 Jul 2024 (under 5: next due 1 Jan 2025, overdue on 31 March): 0. Dental refused: 0.
Ivy, born 1 Apr 2020, looked after from 1 Jan 2024: 4 on 1 April itself, so an SDQ is owed (rules 157,
186) and none is recorded: both blank (the validator will say so); under 5 on 31 March, no
development check statement: HEALTH_CHECK 0.
Gus, born 8 Aug 2012, looked after from 1 Jan 2023 to 31 Mar 2025: in (the validator counts a period
ending on 31 March). SDQ score 20 on 1 Oct 2024; immunisations up to date on 1 Feb 2025.
Left out: Dan (looked after from 2 Apr 2024), Eve (short breaks, V3, until 1 Apr 2024), Fin (looked after
1 Jan 2023 to 30 Mar 2025).
"""

import datetime

import pytest

from hearth.care import services as care_services
from hearth.duties.return903 import OC2_COLUMNS, oc2_rows
from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.performance.selectors import result_by_id
from hearth.testing.care_duty_journeys import check
from hearth.testing.journeys import looked_after_child, make_staff, new_child
from hearth.testing.oc2_journeys import conviction, health_status, sdq, substance_misuse

D = datetime.date
START, END = D(2024, 4, 1), D(2025, 3, 31)
pytestmark = pytest.mark.django_db


def _end(staff, period, day):
    care_services.care_end(
        actor=staff.social_worker.user, period_id=period.pk, version=period.version, ended_on=day, reason="E13"
    )


@pytest.fixture
def built():
    staff = make_staff()
    ada = looked_after_child(staff, new_child(staff, "Ada", "Oc", D(2015, 1, 10)), D(2023, 6, 2))
    sdq(staff, ada, D(2024, 5, 1), score=14)
    sdq(staff, ada, D(2024, 6, 1), reason="SDQ5")
    conviction(staff, ada, D(2025, 2, 1))
    health_status(staff, ada, "IMM", D(2024, 9, 1), up_to_date=True)
    health_status(staff, ada, "IMM", D(2025, 3, 1), up_to_date=False)
    check(staff, ada, "IHA", D(2023, 6, 20))
    check(staff, ada, "RHA", D(2024, 6, 1))
    check(staff, ada, "DENTAL", D(2024, 7, 1))
    substance_misuse(staff, ada, D(2024, 7, 1), "REFUSED")

    bea = looked_after_child(staff, new_child(staff, "Bea", "Oc", D(2007, 5, 1)), D(2022, 1, 1))
    substance_misuse(staff, bea, D(2024, 8, 1), "RECEIVED")

    cal = looked_after_child(staff, new_child(staff, "Cal", "Oc", D(2021, 3, 1)), D(2024, 1, 1))
    health_status(staff, cal, "DEV", D(2024, 11, 1), up_to_date=True)
    check(staff, cal, "IHA", D(2024, 1, 20))
    check(staff, cal, "RHA", D(2024, 7, 1))
    check(staff, cal, "DENTAL", D(2024, 9, 1), refused=True)

    ivy = looked_after_child(staff, new_child(staff, "Ivy", "Oc", D(2020, 4, 1)), D(2024, 1, 1))
    gus = looked_after_child(staff, new_child(staff, "Gus", "Oc", D(2012, 8, 8)), D(2023, 1, 1))
    sdq(staff, gus, D(2024, 10, 1), score=20)
    health_status(staff, gus, "IMM", D(2025, 2, 1), up_to_date=True)
    _end(staff, gus, END)

    looked_after_child(staff, new_child(staff, "Dan", "Oc", D(2012, 8, 8)), D(2024, 4, 2))
    eve = looked_after_child(staff, new_child(staff, "Eve", "Oc", D(2012, 8, 8)), D(2022, 1, 1), legal_status="V3")
    care_services.legal_status_change(
        actor=staff.social_worker.user, period_id=eve.pk, version=eve.version, changed_on=START, legal_status="C2"
    )
    fin = looked_after_child(staff, new_child(staff, "Fin", "Oc", D(2012, 8, 8)), D(2023, 1, 1))
    _end(staff, fin, D(2025, 3, 30))
    return {p.child.first_name: p.child.hearth_id for p in (ada, bea, cal, ivy, gus, eve, fin)}


@pytest.fixture
def rows(built):
    found = {row["CHILD"]: row for row in oc2_rows(START, END)}
    return {name: found.get(hearth_id) for name, hearth_id in built.items()}


def _values(row) -> tuple:
    return tuple(row[column] for column in OC2_COLUMNS[1:])


def test_the_cohort_is_those_looked_after_the_whole_year_without_short_breaks(rows):
    assert {name for name, row in rows.items() if row is not None} == {"Ada", "Bea", "Cal", "Ivy", "Gus"}
    assert list(rows["Ada"]) == list(OC2_COLUMNS)


def test_each_column_is_derived_from_the_record(rows):
    # DOB, SDQ_SCORE, SDQ_REASON, CONVICTED, HEALTH_CHECK, IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT,
    # SUBSTANCE_MISUSE, INTERVENTION_RECEIVED, INTERVENTION_OFFERED
    assert _values(rows["Ada"]) == ("10/01/2015", "14", "", "1", "", "0", "1", "1", "1", "0", "1")
    assert _values(rows["Bea"]) == ("01/05/2007", "", "SDQ1", "0", "", "0", "0", "0", "1", "1", "")
    assert _values(rows["Cal"]) == ("01/03/2021", "", "SDQ1", "", "1", "0", "0", "0", "0", "", "")
    assert _values(rows["Ivy"]) == ("01/04/2020", "", "", "", "0", "0", "0", "0", "0", "", "")
    assert _values(rows["Gus"]) == ("08/08/2012", "20", "", "0", "", "1", "0", "0", "0", "", "")


def _result(indicator_id: str, as_of=END) -> tuple[int, int, set[str]]:
    result = result_by_id(indicator_id, as_of)
    return result.numerator, result.denominator, {row.child_name.split()[0] for row in result.rows if row.counted}


def test_the_oc2_indicators_on_31_march_are_the_returns_figures(built):
    """L12 health assessments: Ada of the 5. L13 teeth: Ada. L14 immunisations: Gus. L15 SDQ score for
    those owed one (4 by 1 April, under 17 on 31 March: Ada, Ivy, Gus): Ada and Gus. L20 cause for
    concern among those scored: Gus (20; Ada's 14 is borderline)."""
    assert _result("L12") == (1, 5, {"Ada"})
    assert _result("L13") == (1, 5, {"Ada"})
    assert _result("L14") == (1, 5, {"Gus"})
    assert _result("L15") == (2, 3, {"Ada", "Gus"})
    assert _result("L20") == (1, 2, {"Gus"})
    sections = {CATALOGUE_BY_ID[i].corporate_parenting_section for i in ("L12", "L13", "L14", "L15", "L20")}
    assert sections == {"Looked-after children"}


def test_the_oc2_indicators_count_the_12_months_to_the_date(built):
    """On 30 Sep 2024 the 12 months run from 1 Oct 2023: Cal and Ivy (from 1 Jan 2024) are not yet in;
        Ada, Bea, Gus, Eve (V3 until 1 Apr 2024, in the 12 months) and Fin (still looked after) are, Eve
        left out for the short breaks. Owed an SDQ: Ada, Gus and Fin (Bea turned 17 on 1 May 2024); only Ada's
    (1 May 2024) is done, Gus's (1 Oct 2024) not yet."""
    assert _result("L15", D(2024, 9, 30)) == (1, 3, {"Ada"})
