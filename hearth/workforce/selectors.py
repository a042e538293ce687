"""Readers for who holds which case."""

from dataclasses import dataclass

from hearth.workforce.models import Allocation


@dataclass(frozen=True)
class AllocationInHistory:
    allocation: Allocation
    is_change_of_worker: bool

    @property
    def reason_missing(self) -> bool:
        """A change of worker recorded before Hearth asked why (the 903's SW13 lists it)."""
        return self.is_change_of_worker and not self.allocation.change_reason


def allocation_history(referral) -> list[AllocationInHistory]:
    """The case's allocations, first to last; every one after the first is a change of worker."""
    allocations = (
        Allocation.objects.filter(referral=referral).select_related("worker__user").order_by("started_on", "pk")
    )
    return [
        AllocationInHistory(allocation, is_change_of_worker=index > 0) for index, allocation in enumerate(allocations)
    ]


def current_allocation(referral) -> Allocation | None:
    """The allocation that holds the case now, from what the page read with its cases: the worklists'
    `current_allocations` (only the open one, read with the case), else the case's prefetched
    `allocations` (the child's page reads every allocation with the case). Reads nothing itself when
    either was read; otherwise Django reads the case's allocations once."""
    allocations = getattr(referral, "current_allocations", None)
    if allocations is None:
        allocations = [a for a in referral.allocations.all() if a.ended_on is None]
    return allocations[0] if allocations else None


def case_holder(referral) -> str:
    """Who holds the case now, as a worklist says it: the worker, or "Unallocated"."""
    allocation = current_allocation(referral)
    return str(allocation.worker) if allocation is not None else "Unallocated"
