"""Readers for who holds which case."""

from dataclasses import dataclass

from django.db.models import Prefetch

from hearth.workforce.models import Allocation, CaseTransfer

# Prefetch this on cases (or "referral__" + it on their facts) for team_on to read without a query.
TRANSFERS = Prefetch("transfers", queryset=CaseTransfer.objects.select_related("from_team", "to_team"))


def transfers_read(referral) -> bool:
    return "transfers" in getattr(referral, "_prefetched_objects_cache", {})


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


def team_on(referral, day):
    """The team that held the case on a day: the team it was transferred to by then, or, before its
    first transfer, the team it started in; with no transfers, its team (Referral.team). Reads the
    case's transfers (prefetch TRANSFERS to read them once for many cases)."""
    transfers = sorted(referral.transfers.all(), key=lambda t: (t.transferred_on, t.pk))
    if not transfers:
        return referral.team
    held = [t for t in transfers if t.transferred_on <= day]
    return held[-1].to_team if held else transfers[0].from_team
