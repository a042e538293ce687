"""Who holds a case now, the one answer every worklist source gives (hearth/workforce/selectors.py
`case_holder`): from the open allocation the worklist read with its cases, else from the case's
prefetched allocations, without a query of its own once either was read."""

import datetime

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.test.utils import CaptureQueriesContext

from hearth.frontdoor.models import Referral
from hearth.testing.journeys import allocated_case, at, new_child, referred_case
from hearth.workforce.models import Allocation
from hearth.workforce.selectors import case_holder, current_allocation

pytestmark = pytest.mark.django_db
D = datetime.date


def _cases(staff, how_many: int) -> list[int]:
    return [
        allocated_case(staff, new_child(staff, f"Child{n}", "Holder", D(2015, 1, 1 + n)), at(D(2025, 6, 2 + n), 10)).pk
        for n in range(how_many)
    ]


def _holders_read(queryset) -> tuple[list[str], int]:
    with CaptureQueriesContext(connection) as captured:
        holders = [case_holder(referral) for referral in queryset]
    return holders, len(captured.captured_queries)


@pytest.mark.parametrize("how_many", [1, 3])
def test_the_holder_is_read_with_the_cases_not_once_a_case(staff, how_many):
    ids = _cases(staff, how_many)
    worker = str(staff.social_worker)
    as_the_worklist_reads = Referral.objects.filter(pk__in=ids).prefetch_related(
        Prefetch(
            "allocations",
            queryset=Allocation.objects.filter(ended_on__isnull=True).select_related("worker__user"),
            to_attr="current_allocations",
        )
    )
    holders, queries = _holders_read(as_the_worklist_reads)
    assert holders == [worker] * how_many
    assert queries == 2  # the cases, their open allocations (with the worker): whatever their number

    as_the_childs_page_reads = Referral.objects.filter(pk__in=ids).prefetch_related("allocations__worker__user")
    holders, queries = _holders_read(as_the_childs_page_reads)
    assert holders == [worker] * how_many
    assert queries == 4  # the cases, their allocations, the workers, their users


def test_an_unallocated_case_and_an_ended_allocation_say_unallocated(staff):
    unallocated = referred_case(staff, new_child(staff, "Una", "Holder", D(2016, 2, 2)), at(D(2025, 6, 2), 10))
    assert case_holder(unallocated) == "Unallocated"
    assert current_allocation(unallocated) is None
    (allocated,) = _cases(staff, 1)
    Allocation.objects.filter(referral_id=allocated).update(ended_on=D(2025, 7, 1))
    assert case_holder(Referral.objects.get(pk=allocated)) == "Unallocated"
