"""What the Returns pages and the worklists read, for each return alike: a year's latest run, its
failures grouped by rule and by child (with the worker who holds the child now), and the failures in
a worker's own children's records, return by return; and the Reconciliation page's figures, each
return's beside the catalogue's."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import OuterRef, Subquery

from hearth.people.models import Child, parse_hearth_id
from hearth.people.rows_held import may_hold
from hearth.people.selectors import children_visible_to
from hearth.returns.kinds import RETURN_KINDS, ReturnKind
from hearth.returns.models import ReconciliationRun, ReturnFailure, ReturnName, ReturnRun, RunStatus
from hearth.returns.reconciliation import Line, Source, lines_from_data, read_returns, reconcile
from hearth.returns.validator_process import is_query, rule_order
from hearth.workforce.models import Allocation


def latest_run(collection_year: int, return_name: str = ReturnName.SSDA903) -> ReturnRun | None:
    """The last run asked for, whatever its state (the page shows its progress or why it failed)."""
    return ReturnRun.objects.filter(return_name=return_name, collection_year=collection_year).first()


def latest_completed_run(collection_year: int | None = None, return_name: str = ReturnName.SSDA903):
    """The last run that finished with results: of the year, or (None) of any year."""
    runs = ReturnRun.objects.filter(return_name=return_name, status=RunStatus.DONE)
    if collection_year is not None:
        runs = runs.filter(collection_year=collection_year)
    return runs.defer("files_zip").order_by("-finished_at", "-id").first()


@dataclass(frozen=True)
class RuleGroup:
    rule_code: str
    message: str
    failures: int
    children: int

    @property
    def is_query(self) -> bool:
        """A DfE query: the council may amend the record or give the DfE a reason."""
        return is_query(self.rule_code)


def failures_by_rule(run: ReturnRun) -> list[RuleGroup]:
    """Each failing rule once, in number order whatever letters it carries (the census's query 2886Q
    before its error 4220): its number and message, how many failures and how many children."""
    rows = defaultdict(list)
    for failure in run.failures.only("rule_code", "message", "child_reference"):
        rows[failure.rule_code].append(failure)
    groups = [
        RuleGroup(
            rule_code=code,
            message=failures[0].message,
            failures=len(failures),
            children=len({f.child_reference for f in failures if f.child_reference}),
        )
        for code, failures in rows.items()
    ]
    return sorted(groups, key=lambda group: rule_order(group.rule_code))


@dataclass(frozen=True)
class Holder:
    worker_id: int
    worker: str
    team_id: int
    team: str


def holders_of(child_ids) -> dict[int, Holder]:
    """Who holds each child now: the worker of the current allocation of the child's open case."""
    allocations = Allocation.objects.filter(
        referral__child_id__in=child_ids, referral__closed_on__isnull=True, ended_on__isnull=True
    ).select_related("worker__user", "worker__team", "referral")
    return {
        a.referral.child_id: Holder(
            worker_id=a.worker_id, worker=str(a.worker), team_id=a.worker.team_id, team=str(a.worker.team)
        )
        for a in allocations
    }


@dataclass
class ChildFailures:
    """One child's failures in a run. A child the viewer may not see (a restricted record) is shown by
    their Hearth ID only: no name, no link. `child` is None where the CHILD value names nobody on the
    record (the Header's own rules, or an ID the record does not know)."""

    reference: str
    child: object | None
    visible: bool
    holder: Holder | None
    failures: list[ReturnFailure] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.child) if self.child is not None and self.visible else ""


def failures_by_child(run: ReturnRun, *, user, worker_id: int | None = None, team_id: int | None = None):
    """The run's failures child by child (children in Hearth ID order, rows with no child last),
    optionally only the children a worker or a team holds now."""
    failures = list(run.failures.select_related("child"))
    child_ids = {f.child_id for f in failures if f.child_id is not None}
    holders = holders_of(child_ids)
    visible = set(children_visible_to(user).filter(pk__in=child_ids).values_list("pk", flat=True))
    groups: dict[str, ChildFailures] = {}
    for failure in failures:
        group = groups.get(failure.child_reference)
        if group is None:
            group = groups[failure.child_reference] = ChildFailures(
                reference=failure.child_reference,
                child=failure.child,
                visible=failure.child_id in visible,
                holder=holders.get(failure.child_id),
            )
        group.failures.append(failure)
    chosen = list(groups.values())
    if worker_id is not None:
        chosen = [g for g in chosen if g.holder is not None and g.holder.worker_id == worker_id]
    if team_id is not None:
        chosen = [g for g in chosen if g.holder is not None and g.holder.team_id == team_id]
    for group in chosen:
        group.failures.sort(key=lambda f: (rule_order(f.rule_code), f.file, f.row or 0))
    return sorted(chosen, key=lambda g: (g.reference == "", g.reference))


def failures_for_children(
    child_ids, return_name: str = ReturnName.SSDA903
) -> tuple[ReturnRun | None, list[ReturnFailure]]:
    """The return's latest completed run (of any year) and its failures for these children: what a
    worker puts right in their children's records."""
    run = latest_completed_run(return_name=return_name)
    if run is None:
        return None, []
    failures = run.failures.filter(child_id__in=child_ids).select_related("child")
    return run, sorted(failures, key=lambda f: (str(f.child), rule_order(f.rule_code), f.file, f.row or 0))


@dataclass(frozen=True)
class ToPutRight:
    """One return's failures in some children's records, from its latest completed run."""

    kind: ReturnKind
    run: ReturnRun
    failures: list[ReturnFailure]


def latest_completed_runs() -> dict[str, ReturnRun]:
    """Each return's latest completed run (of any year), by return, in one query."""
    latest = (
        ReturnRun.objects.filter(return_name=OuterRef("return_name"), status=RunStatus.DONE)
        .order_by("-finished_at", "-id")
        .values("pk")[:1]
    )
    return {run.return_name: run for run in ReturnRun.objects.filter(pk=Subquery(latest)).defer("files_zip")}


def to_put_right_by_return(child_ids) -> list[ToPutRight]:
    """For each return (the 903, then the census) whose latest completed run found something wrong in
    these children's records: that run and those failures (as failures_for_children finds them, in
    two queries for every return rather than two for each)."""
    runs = latest_completed_runs()
    if not runs:
        return []
    by_run = defaultdict(list)
    for failure in ReturnFailure.objects.filter(run__in=runs.values(), child_id__in=child_ids).select_related("child"):
        by_run[failure.run_id].append(failure)
    found = []
    for kind in RETURN_KINDS.values():
        run = runs.get(kind.name)
        if run is not None and by_run[run.pk]:
            failures = sorted(by_run[run.pk], key=lambda f: (str(f.child), rule_order(f.rule_code), f.file, f.row or 0))
            found.append(ToPutRight(kind=kind, run=run, failures=failures))
    return found


def child_page_return_failures(user, child) -> dict:
    """The child's page (hearth/records/child_page.py): what each return's latest finished run found
    wrong in this child's record, for whoever may see the record to put it right (nothing to read for
    a child no run has ever found anything wrong with: hearth/people/rows_held.py)."""
    if not may_hold(child, "returns.ReturnFailure"):
        return {"returns_to_put_right": []}
    return {"returns_to_put_right": to_put_right_by_return([child.pk])}


@dataclass(frozen=True)
class DifferingChild:
    """A child whose counts differ between a return and the catalogue. A child the viewer may not see
    (a restricted record) is shown by their Hearth ID only: no name, no link."""

    reference: str
    child: object | None
    visible: bool
    in_return: int
    in_catalogue: int
    reason: str
    definitional: bool

    @property
    def name(self) -> str:
        return str(self.child) if self.child is not None and self.visible else ""


@dataclass(frozen=True)
class ReconciledFigure:
    line: Line
    children: list[DifferingChild]

    @property
    def pair(self):
        return self.line.pair


@dataclass(frozen=True)
class ReturnReconciliation:
    kind: ReturnKind
    figures: list[ReconciledFigure]


@dataclass(frozen=True)
class Reconciliation:
    collection_year: int
    returns: list[ReturnReconciliation]

    @property
    def figures(self) -> list[ReconciledFigure]:
        return [figure for reconciled in self.returns for figure in reconciled.figures]

    @property
    def compared(self) -> int:
        return sum(1 for figure in self.figures if figure.line.compared)

    @property
    def agreeing(self) -> int:
        return sum(1 for figure in self.figures if figure.line.agrees)


def reconciliation(collection_year: int, *, user, source: Source | None = None) -> Reconciliation:
    """The Reconciliation page's figures for a collection year (hearth/returns/reconciliation.py), the
    returns exported from the record now, each differing child named where the viewer may see them."""
    return reconciliation_of_lines(collection_year, reconcile(source or read_returns(collection_year)), user=user)


def reconciliation_of_lines(collection_year: int, lines: list[Line], *, user) -> Reconciliation:
    """The figures worked out (now, or by a run kept: lines_from_data), each differing child named
    where the viewer may see them now."""
    pks = {parse_hearth_id(d.reference) for line in lines for d in line.differences} - {None}
    children = Child.objects.in_bulk(pks)
    visible = set(children_visible_to(user).filter(pk__in=pks).values_list("pk", flat=True))
    by_return: dict[str, list[ReconciledFigure]] = defaultdict(list)
    for line in lines:
        differing = []
        for difference in line.differences:
            pk = parse_hearth_id(difference.reference)
            differing.append(
                DifferingChild(
                    reference=difference.reference,
                    child=children.get(pk),
                    visible=pk in visible,
                    in_return=difference.in_return,
                    in_catalogue=difference.in_catalogue,
                    reason=difference.reason,
                    definitional=difference.definitional,
                )
            )
        by_return[line.pair.return_name].append(ReconciledFigure(line=line, children=differing))
    return Reconciliation(
        collection_year=collection_year,
        returns=[
            ReturnReconciliation(kind=kind, figures=by_return[name])
            for name, kind in RETURN_KINDS.items()
            if by_return[name]
        ],
    )


def latest_reconciliation_run(collection_year: int) -> ReconciliationRun | None:
    return ReconciliationRun.objects.filter(collection_year=collection_year).select_related("requested_by").first()


def latest_reconciliation(collection_year: int) -> tuple[ReconciliationRun, list[Line]] | None:
    """The year's last finished run whose figures are every figure the page has now, with its lines."""
    done = (
        ReconciliationRun.objects.filter(collection_year=collection_year, status=RunStatus.DONE)
        .select_related("requested_by")
        .order_by("-finished_at", "-id")
        .first()
    )
    if done is None:
        return None
    lines = lines_from_data(done.lines)
    return (done, lines) if lines is not None else None


def reconciliation_inline() -> bool:
    """Whether this council is small enough for the page to be worked out while the person waits
    (HEARTH_RECONCILIATION_INLINE_CHILDREN: about a second of CPU for the demo's 2,000 children; a
    large council's takes the three years' 903 exports, minutes, so it is a background run)."""
    return Child.objects.count() <= settings.HEARTH_RECONCILIATION_INLINE_CHILDREN
