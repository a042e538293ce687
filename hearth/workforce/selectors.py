"""Readers for who holds which case."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q

from hearth.cin.timeliness import describe_local_standard
from hearth.timescales.selectors import clock
from hearth.workforce.models import Allocation, CaseTransfer, Worker
from hearth.workforce.supervision import SUPERVISION_RULE, supervision_due, supervision_in_timescale

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


@dataclass(frozen=True)
class SupervisionDue:
    """A worker's supervision as their manager sees it: the last one held and when the next is due."""

    worker: Worker
    last: datetime.date | None
    due: datetime.date
    overdue: bool
    rule: str


def supervision_of(worker: Worker, as_of: datetime.date, rule_clock=None) -> SupervisionDue:
    """From the worker's prefetched supervisions (`worker.supervisions.all()`)."""
    rule_clock = rule_clock or clock(SUPERVISION_RULE)
    held = [s.held_on for s in worker.supervisions.all()]
    return SupervisionDue(
        worker=worker,
        last=max((day for day in held if day <= as_of), default=None),
        due=supervision_due(worker, held, as_of, rule_clock),
        overdue=not supervision_in_timescale(worker, held, as_of, rule_clock),
        rule=describe_local_standard(rule_clock),
    )


def supervision_for_team(team, as_of: datetime.date) -> list[SupervisionDue]:
    """The team's case-holding workers employed on as_of, each with their supervision due; the most
    overdue first (the team manager's worklist)."""
    workers = (
        Worker.objects.filter(team=team, holds_cases=True)
        .filter(Q(started_on__isnull=True) | Q(started_on__lte=as_of))
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=as_of))
        .select_related("user", "team__manager")
        .prefetch_related("supervisions")
    )
    rule_clock = clock(SUPERVISION_RULE)
    return sorted((supervision_of(w, as_of, rule_clock) for w in workers), key=lambda s: (s.due, str(s.worker)))


@dataclass(frozen=True)
class TeamVacancies:
    team: object
    funded: Decimal | None
    permanent: Decimal  # permanent and seconded social workers' FTE in post today
    agency: Decimal

    @property
    def vacant(self) -> Decimal | None:
        """Funded posts without a permanent (or seconded) worker; agency workers cover some of them."""
        return None if self.funded is None else max(self.funded - self.permanent, Decimal(0))

    @property
    def uncovered(self) -> Decimal | None:
        return None if self.vacant is None else max(self.vacant - self.agency, Decimal(0))


def vacancies_by_team(as_of: datetime.date) -> list[TeamVacancies]:
    """Each team's funded posts against the case-holding social workers employed on as_of (one query
    for the teams, one for the FTE in post)."""
    from django.db.models import Sum

    from hearth.workforce.caseloads import employed_on
    from hearth.workforce.models import EmploymentType, Team

    in_post = (
        Worker.objects.filter(employed_on(as_of), holds_cases=True)
        .values("team_id", "employment_type")
        .annotate(fte=Sum("fte"))
    )
    fte = {(row["team_id"], row["employment_type"]): row["fte"] for row in in_post}
    teams = Team.objects.filter(takes_referrals=True) | Team.objects.filter(funded_fte__isnull=False)
    return [
        TeamVacancies(
            team=team,
            funded=team.funded_fte,
            permanent=fte.get((team.pk, EmploymentType.PERMANENT), Decimal(0))
            + fte.get((team.pk, EmploymentType.SECONDMENT), Decimal(0)),
            agency=fte.get((team.pk, EmploymentType.AGENCY), Decimal(0)),
        )
        for team in teams.distinct().order_by("name")
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
