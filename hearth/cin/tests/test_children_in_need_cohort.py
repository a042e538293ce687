"""The children in need cohort (seed 000: "the 'Children in Need' cohort"): N03, its number on a date,
N04, its rate per 10,000 children aged 0-17, and R01, referrals per 10,000 since 1 April, worked by
hand. The population is the performance team's setting (performance.models.ChildPopulation): 40,000
children for 2025-26.

- Ada: referred 2 June 2025, case open.
- Ben: referred 2 June 2025, case closed 1 August 2025 (not in need on 30 September).
- Cal: referred 3 March 2025 (last year: not a referral of 2025-26), case open; on 30 September a
  child in need all the same.
- Dee: referred 1 May 2025, closed 30 June, referred again 1 September 2025: one child in need on 30
  September (her second case), two referrals this year.
- Eve: referred 1 October 2025: after 30 September, in neither figure then.

On Tue 30 Sep 2025: children in need Ada, Cal, Dee = 3 (N03 3; N04 3 x 10,000 / 40,000 = 0.75, shown
0.8). Referrals since 1 April 2025: Ada, Ben, Dee twice = 4 (R01 4 x 10,000 / 40,000 = 1.0)."""

import datetime
from decimal import Decimal

import pytest

from hearth.frontdoor.services import case_close
from hearth.performance.selectors import display_value, figure_from_rows, result_by_id
from hearth.performance.services import population_set
from hearth.testing.journeys import allocated_case, at, new_child

D = datetime.date
AS_OF = D(2025, 9, 30)
pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(staff):
    population_set(actor=staff.performance_officer, year=2025, children=40000, source="ONS mid-2024 (synthetic)")
    manager = staff.team_manager.user

    def referred(name, on):
        return allocated_case(staff, new_child(staff, name, "Cohort"), at(on, 10))

    referred("Ada", D(2025, 6, 2))
    ben = referred("Ben", D(2025, 6, 2))
    case_close(actor=manager, referral_id=ben.pk, closed_on=D(2025, 8, 1), reason="RC7")
    referred("Cal", D(2025, 3, 3))
    dee = referred("Dee", D(2025, 5, 1))
    case_close(actor=manager, referral_id=dee.pk, closed_on=D(2025, 6, 30), reason="RC7")
    allocated_case(staff, dee.child, at(D(2025, 9, 1), 10))
    referred("Eve", D(2025, 10, 1))


def figure(indicator_id, as_of=AS_OF):
    result = result_by_id(indicator_id, as_of)
    return result.numerator, result.denominator, display_value(result)


def test_n03_the_number_of_children_in_need_on_30_september(cohort):
    assert figure("N03") == (3, 3, Decimal(3))
    rows = result_by_id("N03", AS_OF).rows
    assert [(row.child_name, row.started) for row in rows] == [
        ("Cal Cohort", D(2025, 3, 3)),
        ("Ada Cohort", D(2025, 6, 2)),
        ("Dee Cohort", D(2025, 9, 1)),
    ]
    assert {row.worker for row in rows} == {"Nina Tester"}
    # A case closed on the day is closed on it: Ben was in need on 31 July, not on 1 August.
    assert "Ben Cohort" in {row.child_name for row in result_by_id("N03", D(2025, 7, 31)).rows}
    assert "Ben Cohort" not in {row.child_name for row in result_by_id("N03", D(2025, 8, 1)).rows}


def test_n04_children_in_need_per_10000(cohort):
    # 3 x 10,000 / 40,000 = 0.75, shown to one place.
    assert figure("N04") == (3, 40000, Decimal("0.8"))
    assert result_by_id("N04", AS_OF).value == 0.75


def test_r01_referrals_per_10000_since_1_april(cohort):
    assert figure("R01") == (4, 40000, Decimal("1.0"))
    referred = sorted(row.child_name.split()[0] for row in result_by_id("R01", AS_OF).rows)
    assert referred == ["Ada", "Ben", "Dee", "Dee"]
    # After Eve's referral on 1 October: 5.
    assert figure("R01", D(2025, 10, 1))[0] == 5


def test_the_sql_figures_equal_their_rows(cohort):
    for indicator_id in ("N03", "N04", "R01"):
        for as_of in (D(2025, 3, 31), D(2025, 7, 31), AS_OF, D(2025, 10, 1)):
            result = result_by_id(indicator_id, as_of)
            assert (result.numerator, len(result.rows)) == figure_from_rows(result.indicator, as_of)
            assert result.indicator.figure(as_of) == figure_from_rows(result.indicator, as_of)
