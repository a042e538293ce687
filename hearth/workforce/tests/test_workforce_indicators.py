"""Issue 19: the workforce indicators W01-W05 worked by hand, their SQL figures equal to their rows,
and their drill-down listing workers with their teams (docs/decisions/0009-worker-rows.md)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.performance.selectors import figure_from_rows, indicator_result
from hearth.testing.journeys import allocated_case, at, new_child
from hearth.workforce import services

D = datetime.date
MONDAY = D(2025, 6, 2)
WORKFORCE = ("W01", "W02", "W02T", "W03", "W04", "W05")


def _employ(staff, worker, **facts):
    services.worker_employment_update(
        actor=staff.service_manager,
        worker_id=worker.pk,
        **{
            "employment_type": "PERMANENT",
            "fte": Decimal("1"),
            "qualified_on": None,
            "asye_started_on": None,
            "started_on": D(2025, 1, 6),
            "left_on": None,
        }
        | facts,
    )


@pytest.fixture
def council(staff, settings):
    """A threshold of 2 (ASYE 1). Nina (North, agency, 0.8 FTE) holds Ada, Bea and Cal from 12 May;
    Sol (South, permanent, in his ASYE year) holds Dan and Eve from 12 May. The Mondays 19 May and
    2 June are frozen (26 May was not: the job did not run)."""
    settings.HEARTH_CASELOAD_THRESHOLD = 2
    settings.HEARTH_ASYE_CASELOAD_THRESHOLD = 1
    _employ(staff, staff.social_worker, employment_type="AGENCY", fte=Decimal("0.8"))
    _employ(staff, staff.other_social_worker, qualified_on=D(2024, 7, 1), asye_started_on=D(2025, 1, 6))
    for name in ("Ada", "Bea", "Cal"):
        allocated_case(staff, new_child(staff, name, "North"), at(D(2025, 5, 12), 9))
    for name in ("Dan", "Eve"):
        allocated_case(staff, new_child(staff, name, "South"), at(D(2025, 5, 12), 9), worker=staff.other_social_worker)
    for monday in (D(2025, 5, 19), MONDAY):
        services.caseload_week_freeze(week_starting=monday)
    return staff


def _figure(indicator_id, as_of):
    return CATALOGUE_BY_ID[indicator_id].figure(as_of)


def test_the_weekly_indicators_worked_by_hand(council):
    as_of = D(2025, 6, 4)  # a Wednesday: the week of Monday 2 June
    # W01: 5 children over 2 workers, 2.5 on average.
    assert _figure("W01", as_of) == (5, 2)
    assert indicator_result(CATALOGUE_BY_ID["W01"], as_of).value == 2.5
    # W02: Nina's 3 is over 2; Sol's 2 is not.
    assert _figure("W02", as_of) == (1, 2)
    # W03: Sol, in his ASYE year, holds 2, over his protected 1.
    assert _figure("W03", as_of) == (1, 1)
    # W04: Nina's 0.8 FTE of the 1.8 is agency: 80 of 180 hundredths, 44.4%.
    assert _figure("W04", as_of) == (80, 180)
    # W02T: of the workers in the frozen weeks since 17 March, Nina was over in both.
    assert _figure("W02T", as_of) == (1, 2)


def test_a_week_that_was_not_frozen_has_no_rows(council):
    assert _figure("W01", D(2025, 5, 28)) == (0, 0)  # the week of 26 May
    assert CATALOGUE_BY_ID["W02"].rows(D(2025, 5, 28)) == []


def test_w05_worked_by_hand_from_the_supervisions_recorded(staff):
    _employ(staff, staff.social_worker)
    _employ(staff, staff.other_social_worker, started_on=D(2025, 1, 1))
    services.supervision_record(
        actor=staff.team_manager.user, worker_id=staff.social_worker.pk, held_on=D(2025, 2, 3), decisions="Agreed"
    )
    # On 20 February Nina's is due 3 March (in timescale); Sol, never supervised since starting on
    # 1 January, was due 1 February (overdue); Tomas holds no cases and is not counted.
    assert _figure("W05", D(2025, 2, 20)) == (1, 2)
    rows = {row.worker: row for row in CATALOGUE_BY_ID["W05"].rows(D(2025, 2, 20))}
    assert rows["Sol Tester"].due == D(2025, 2, 1) and not rows["Sol Tester"].counted
    assert rows["Nina Tester"].team == "North" and rows["Nina Tester"].child_id is None


@pytest.mark.parametrize("as_of", [D(2025, 5, 19), D(2025, 6, 4), D(2025, 6, 8), D(2025, 8, 1)])
def test_each_sql_figure_equals_its_rows(council, as_of):
    services.supervision_record(
        actor=council.team_manager.user, worker_id=council.social_worker.pk, held_on=D(2025, 5, 30), decisions="Ok"
    )
    for indicator_id in WORKFORCE:
        indicator = CATALOGUE_BY_ID[indicator_id]
        assert indicator.figure(as_of) == figure_from_rows(indicator, as_of), indicator_id


def test_the_drill_down_lists_workers_with_their_teams(council, client_for):
    client = client_for(council.performance_officer)
    url = reverse("performance:drilldown", args=["W02"]) + "?as_of_day=4&as_of_month=6&as_of_year=2025"
    page = client.get(url).content.decode()
    assert "This figure counts workers, not children" in page
    assert "Nina Tester: 3 children on 2 Jun 2025" in page and "Sol Tester: 2 children on 2 Jun 2025" in page
    assert "South" in page and "North" in page


def test_the_weekly_review_gives_the_average_caseload_by_team(council, client_for):
    page = client_for(council.service_manager).get(reverse("workforce:weekly_caseloads")).content.decode()
    assert "Average caseload by team, week of 2 June 2025" in page
    north = page.index('<th scope="row" class="govuk-table__header">North</th>')
    assert [cell.split(">")[-1] for cell in page[north:].split("</td>")[:4]] == ["1", "3", "3.0", "1"]
    south = page.index('<th scope="row" class="govuk-table__header">South</th>')
    assert [cell.split(">")[-1] for cell in page[south:].split("</td>")[:4]] == ["1", "2", "2.0", "1"]
