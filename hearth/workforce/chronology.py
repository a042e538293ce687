"""Allocations in the child's chronology: who held the case, from when until when; and the case's
moves from one team to another."""

from hearth.records.chronology import ChronologyEntry
from hearth.workforce.models import Allocation, CaseTransfer


def chronology_entries(child) -> list[ChronologyEntry]:
    entries = []
    allocations = (
        Allocation.objects.filter(referral__child=child)
        .select_related("worker__user", "worker__team", "allocated_by")
        .order_by("started_on", "pk")
    )
    for allocation in allocations:
        by = allocation.allocated_by.get_full_name() or allocation.allocated_by.username
        entries.append(
            ChronologyEntry(
                when=allocation.started_on,
                kind="allocation",
                title=f"Case allocated to {allocation.worker} ({allocation.worker.team})",
                by=by,
            )
        )
        if allocation.ended_on is not None:
            entries.append(
                ChronologyEntry(
                    when=allocation.ended_on, kind="allocation", title=f"Allocation to {allocation.worker} ended"
                )
            )
    for transfer in CaseTransfer.objects.filter(referral__child=child).select_related(
        "from_team", "to_team", "recorded_by"
    ):
        entries.append(
            ChronologyEntry(
                when=transfer.transferred_on,
                kind="allocation",
                title=f"Case moved from {transfer.from_team} to {transfer.to_team}",
                detail=transfer.reason,
                by=transfer.recorded_by.get_full_name() or transfer.recorded_by.username,
            )
        )
    # Facts of the same day keep a source's order in the chronology, which reads newest first.
    return entries[::-1]
