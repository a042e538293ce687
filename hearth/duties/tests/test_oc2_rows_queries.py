"""The OC2 measures' rows (L12-L15, L20) name who held each child's case on the date: the holders are
read for all the rows at once, so the drill-down's queries do not grow with the cohort (issue 22:
`holder_on(period.referral)` read each row's case, team and allocations one row at a time)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.core.shared_reads import shared_reads
from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.testing.journeys import looked_after_child, new_child

pytestmark = pytest.mark.django_db
D = datetime.date
AS_OF = D(2025, 3, 31)  # the OC2 year: looked after continuously from 1 April 2024


def _looked_after(staff, first: int, how_many: int) -> None:
    for n in range(first, first + how_many):
        looked_after_child(staff, new_child(staff, f"Child{n}", "Oc2", D(2012, 1, 1 + n)), D(2024, 1, 2 + n))


def _rows_and_queries(indicator_id):
    # As a page reads them: inside one shared-reads block (each rule's clock read once).
    with CaptureQueriesContext(connection) as captured, shared_reads():
        rows = CATALOGUE_BY_ID[indicator_id].rows(AS_OF)
    return rows, len(captured.captured_queries)


@pytest.mark.parametrize("indicator_id", ["L12", "L13", "L14", "L15", "L20"])
def test_the_oc2_rows_read_their_holders_at_once(staff, indicator_id):
    _looked_after(staff, 0, 1)
    _rows_and_queries(indicator_id)  # first: what the process keeps once read (the calendar) is settled
    before_rows, before = _rows_and_queries(indicator_id)
    _looked_after(staff, 1, 3)
    after_rows, after = _rows_and_queries(indicator_id)
    if indicator_id != "L20":  # L20 counts only children with an SDQ score: none here
        assert len(before_rows) == 1 and len(after_rows) == 4
        assert {row.worker for row in after_rows} == {str(staff.social_worker)}
        assert {row.team for row in after_rows} == {str(staff.north)}
    assert after == before
