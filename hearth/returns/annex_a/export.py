"""Exporting Annex A: the lists a person may see for a period, as one workbook, with its audit.

Who sees which rows follows the one access rule (people.selectors.children_visible_to): a child
whose record is restricted from the exporter, or sealed by an adoption order and not opened by them
with a reason, is not listed; each list says how many of its rows were withheld. The command line
(manage.py export_annex_a) runs as the system, as the DfE returns do, and lists every child unless
given a person to export as. Every export is one audit row (the period, each list's rows and rows
withheld), and each restricted or sealed child it does list gets a `child.export` row on their own
record's access log, naming the opening of a sealed record (docs/security.md)."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.people.models import Child
from hearth.people.selectors import children_visible_to
from hearth.returns.annex_a.rows import Period, annex_a_lists, months_before
from hearth.returns.annex_a.workbook import ListForExport, annex_a_workbook

ERROR_END_BEFORE_START = "The end of the period must be the same as or after its start"
ERROR_END_IN_FUTURE = "The end of the period must be today or in the past"
DEFAULT_MONTHS = 6


def default_period(today: datetime.date | None = None) -> Period:
    """The six months before today: from the same day six months ago to yesterday."""
    today = today or timezone.localdate()
    return Period(months_before(today, DEFAULT_MONTHS), today - datetime.timedelta(days=1))


@dataclass
class AnnexAExport:
    content: bytes
    filename: str
    lists: list[ListForExport]


def annex_a_export(*, actor, period: Period, source: str = "page") -> AnnexAExport:
    """The workbook for `period` as `actor` may see it (every child when `actor` is None: the
    command line), and its audit rows, written in one transaction."""
    built = annex_a_lists(period)
    child_ids = {row.child_id for item in built for row in item.rows}
    if actor is None:
        visible = child_ids
    else:
        visible = set(children_visible_to(actor).filter(pk__in=child_ids).values_list("pk", flat=True))
    lists = [
        ListForExport(
            built=item,
            shown=[row for row in item.rows if row.child_id in visible],
            withheld=sum(1 for row in item.rows if row.child_id not in visible),
        )
        for item in built
    ]
    made_at = timezone.now()
    content = annex_a_workbook(lists, period, made_at)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="returns.annex_a_exported",
            detail={
                "from": period.start.isoformat(),
                "to": period.end.isoformat(),
                "source": source,
                "rows": {item.built.spec.sheet_name: len(item.shown) for item in lists},
                "withheld": {item.built.spec.sheet_name: item.withheld for item in lists if item.withheld},
            },
        )
        for child in _guarded_children(visible):
            audit_record(
                actor=actor,
                action="child.export",
                child=child,
                obj=child,
                detail={"export": "Ofsted Annex A", "from": period.start.isoformat(), "to": period.end.isoformat()},
            )
    return AnnexAExport(
        content=content,
        filename=f"annex-a-{period.start:%Y%m%d}-to-{period.end:%Y%m%d}.xlsx",
        lists=lists,
    )


def _guarded_children(child_ids: set[int]):
    """The listed children whose records are restricted or sealed: their own access logs show
    the export."""
    return Child.objects.filter(pk__in=child_ids).filter(restriction__isnull=False) | Child.objects.filter(
        pk__in=child_ids, seal__isnull=False
    )
