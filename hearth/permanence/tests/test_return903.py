"""The AD1, PlacedAdoption and PrevPerm files for the collection year 1 April 2025 to 31 March
2026, from a handful of children whose rows are worked out by hand."""

import datetime

import pytest

from hearth.permanence import services
from hearth.permanence.return903 import (
    AD1_COLUMNS,
    PLACED_ADOPTION_COLUMNS,
    PREV_PERM_COLUMNS,
    ad1_rows,
    placed_adoption_rows,
    prev_perm_rows,
)
from hearth.testing.adoption_journeys import (
    adopted_child,
    adoption_order,
    child_in_care,
    decide,
    place_for_adoption,
    placement_order,
)

D = datetime.date
YEAR = (D(2025, 4, 1), D(2026, 3, 31))


def _reverse(staff, decision, on, reason):
    return services.adoption_decision_reverse(
        actor=staff.social_worker.user, decision_id=decision.pk, version=decision.version, reversed_on=on, reason=reason
    )


def _previous(staff, period, **fields):
    return services.previous_permanence_record(actor=staff.social_worker.user, period_id=period.pk, **fields)


def test_ad1_a_row_for_each_child_adopted_in_the_year(staff):
    # Ada: the whole journey, placed with new adopters (A6), adopted 3 June 2025.
    ada = adopted_child(staff, "Ada", "Pimpernel")
    # Bea: adopted by her foster carers (A5) on 1 July 2025; the match was never recorded.
    bea = child_in_care(staff, "Bea", "Pimpernel", born=D(2021, 2, 3), started_on=D(2024, 2, 1))
    decide(staff, bea, on=D(2024, 2, 20))
    placement_order(staff, bea, on=D(2024, 4, 1))
    place_for_adoption(staff, bea, on=D(2024, 10, 1), placement_type="A5")
    adoption_order(staff, bea, on=D(2025, 7, 1), reason="E12")
    # Cal: adopted on 31 March 2025, the last day of the year before: not in this year's AD1.
    adopted_child(staff, "Cal", "Pimpernel", adopted_on=D(2025, 3, 31))

    rows = ad1_rows(*YEAR)

    assert [list(row) for row in rows] == [AD1_COLUMNS, AD1_COLUMNS]
    assert sorted(rows, key=lambda row: row["DOB"][-4:]) == [
        {
            "CHILD": ada.child.hearth_id,
            "DOB": "10/01/2020",
            "DATE_INT": "01/03/2024",
            "DATE_MATCH": "15/08/2024",
            "FOSTER_CARE": "0",
            "NB_ADOPTR": "2",
            "SEX_ADOPTR": "MF",
            "LS_ADOPTR": "L11",
        },
        {
            "CHILD": bea.child.hearth_id,
            "DOB": "03/02/2021",
            "DATE_INT": "20/02/2024",
            "DATE_MATCH": "",
            "FOSTER_CARE": "1",
            "NB_ADOPTR": "",
            "SEX_ADOPTR": "",
            "LS_ADOPTR": "",
        },
    ]


def test_placed_adoption_the_decisions_in_force_in_the_year(staff):
    # Ada: adopted 3 June 2025 under her decision of 1 March 2024: in force in the year.
    ada = adopted_child(staff, "Ada", "Pimpernel")
    # Dee: decision 1 March 2024, reversed 1 May 2025 (no adopters found): reversed in the year.
    dee = child_in_care(staff, "Dee", "Pimpernel")
    _reverse(staff, decide(staff, dee), D(2025, 5, 1), "RD3")
    # Eve: decision reversed on 1 February 2025, before the year: not in it.
    eve = child_in_care(staff, "Eve", "Pimpernel")
    _reverse(staff, decide(staff, eve), D(2025, 2, 1), "RD1")
    # Fay: decision 1 June 2025, reversed 1 May 2026, after the year: in it, not yet reversed.
    fay = child_in_care(staff, "Fay", "Pimpernel")
    _reverse(staff, decide(staff, fay, on=D(2025, 6, 1)), D(2026, 5, 1), "RD4")
    # Gus: decided on 1 April 2026, the day after the year: not in it.
    gus = child_in_care(staff, "Gus", "Pimpernel")
    decide(staff, gus, on=D(2026, 4, 1))
    # Hal: adopted on 31 March 2025: his decision ended with the year before.
    adopted_child(staff, "Hal", "Pimpernel", adopted_on=D(2025, 3, 31))

    rows = placed_adoption_rows(*YEAR)

    assert all(list(row) == PLACED_ADOPTION_COLUMNS for row in rows)
    assert sorted(
        (row["CHILD"], row["DATE_PLACED"], row["DATE_PLACED_CEASED"], row["REASON_PLACED_CEASED"]) for row in rows
    ) == sorted(
        [
            (ada.child.hearth_id, "01/03/2024", "", ""),
            (dee.child.hearth_id, "01/03/2024", "01/05/2025", "RD3"),
            (fay.child.hearth_id, "01/06/2025", "", ""),
        ]
    )
    assert {row["DOB"] for row in rows} == {"10/01/2020"}


def test_placed_adoption_a_child_with_two_decisions_in_the_year(staff):
    # Ivy: decision 1 March 2024 reversed 2 May 2025 (the court made no placement order); a new
    # decision on 1 September 2025 is in force at the year's end. Two rows, in date order (rule 579).
    ivy = child_in_care(staff, "Ivy", "Pimpernel")
    _reverse(staff, decide(staff, ivy), D(2025, 5, 2), "RD2")
    decide(staff, ivy, on=D(2025, 9, 1))
    rows = placed_adoption_rows(*YEAR)
    assert [(row["DATE_PLACED"], row["DATE_PLACED_CEASED"], row["REASON_PLACED_CEASED"]) for row in rows] == [
        ("01/03/2024", "02/05/2025", "RD2"),
        ("01/09/2025", "", ""),
    ]


@pytest.fixture
def starters(staff):
    """Four children who started care in the year and one who started before it."""
    none = child_in_care(staff, "Jo", "Pimpernel", born=D(2015, 5, 5), started_on=D(2025, 5, 1))
    _previous(staff, none, option="Z1")
    sgo = child_in_care(staff, "Kit", "Pimpernel", born=D(2016, 6, 6), started_on=D(2025, 6, 1))
    _previous(staff, sgo, option="P2", la_code="316", order_year=2022, order_month=5)
    unknown = child_in_care(staff, "Lou", "Pimpernel", born=D(2017, 7, 7), started_on=D(2025, 7, 1))
    _previous(staff, unknown, option="P4")
    not_recorded = child_in_care(staff, "Max", "Pimpernel", born=D(2018, 8, 8), started_on=D(2025, 8, 1))
    before = child_in_care(staff, "Ned", "Pimpernel", born=D(2014, 4, 4), started_on=D(2025, 3, 31))
    _previous(staff, before, option="P1", la_code="WAL", order_year=2019, order_month=2, order_day=14)
    return none, sgo, unknown, not_recorded, before


def test_prev_perm_a_row_for_each_child_who_started_care_in_the_year(staff, starters):
    none, sgo, unknown, _not_recorded, _before = starters
    rows = prev_perm_rows(*YEAR)
    assert all(list(row) == PREV_PERM_COLUMNS for row in rows)
    assert sorted(rows, key=lambda row: row["DOB"][-4:]) == [
        {"CHILD": none.child.hearth_id, "DOB": "05/05/2015", "PREV_PERM": "Z1", "LA_PERM": "", "DATE_PERM": ""},
        {
            "CHILD": sgo.child.hearth_id,
            "DOB": "06/06/2016",
            "PREV_PERM": "P2",
            "LA_PERM": "316",
            "DATE_PERM": "ZZ/05/2022",
        },
        {
            "CHILD": unknown.child.hearth_id,
            "DOB": "07/07/2017",
            "PREV_PERM": "P4",
            "LA_PERM": "",
            "DATE_PERM": "ZZ/ZZ/ZZZZ",
        },
    ]


def test_prev_perm_the_full_date_and_an_outside_england_code_in_the_year_before(staff, starters):
    rows = prev_perm_rows(D(2024, 4, 1), D(2025, 3, 31))
    assert rows == [
        {
            "CHILD": starters[4].child.hearth_id,
            "DOB": "04/04/2014",
            "PREV_PERM": "P1",
            "LA_PERM": "WAL",
            "DATE_PERM": "14/02/2019",
        }
    ]
