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
