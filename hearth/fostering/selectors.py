"""Reads of the approved households: each household's status, children placed and young people
staying put on a day, and the places free (the sufficiency page and the FS indicators start here).

A household's places are taken by the children placed with it that day (any placement naming it in
the register) and by the young people staying put with it. Its places are free only while it is
active; on hold, its places count as approved but none is free; resigned, retired or deregistered,
it has no places. Each read is a fixed number of queries however many households there are."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from hearth.calendar.workingdays import add_months
from hearth.care.models import Placement, ProviderKind
from hearth.fostering.models import (
    ENDED_STATUSES,
    Approval,
    HouseholdStatus,
    PlacementExemption,
    StatusChange,
    StayingPut,
    TermsChange,
)

FOSTER_KINDS = (ProviderKind.COUNCIL_FOSTER_CARERS, ProviderKind.AGENCY_FOSTER_CARERS)
APPROVABLE_KINDS = (*FOSTER_KINDS, ProviderKind.ADOPTERS)

# The age bands of the sufficiency page: the DfE's looked-after statistics' bands under 18, with
# under 1 and 1 to 4 taken together (a household's range rarely splits them).
AGE_BANDS = ((0, 4, "Under 5"), (5, 9, "5 to 9"), (10, 15, "10 to 15"), (16, 17, "16 and 17"))


def status_on(approval: Approval, day: datetime.date) -> str | None:
    """The household's status on the day (None before its approval), from its prefetched statuses."""
    current = None
    for change in sorted(approval.statuses.all(), key=lambda c: (c.changed_on, c.pk)):
        if change.changed_on <= day:
            current = change.status
    return current


def terms_on(approval: Approval, day: datetime.date) -> Approval | TermsChange:
    """The terms of approval in force on the day, from the prefetched terms changes: the latest
    change on or before the day, else the terms the household was first approved on. Either answer
    has `places`, `youngest_age`, `oldest_age`, `bedrooms`, `terms` and `age_range`."""
    current = approval
    for change in sorted(approval.terms_changes.all(), key=lambda c: (c.changed_on, c.pk)):
        if change.changed_on <= day:
            current = change
    return current


@dataclass
class HouseholdDay:
    """A household on a day: its status, its terms then, who is placed with it and who is staying put."""

    approval: Approval
    status: str | None
    terms: Approval | TermsChange
    placements: list = field(default_factory=list)
    staying_put: list = field(default_factory=list)

    @property
    def approved(self) -> bool:
        return self.status is not None and self.status not in ENDED_STATUSES

    @property
    def places(self) -> int:
        return self.terms.places if self.approved else 0

    @property
    def taken(self) -> int:
        return len(self.placements) + len(self.staying_put)

    @property
    def free(self) -> int:
        return max(self.places - self.taken, 0) if self.status == HouseholdStatus.ACTIVE else 0

    @property
    def status_label(self) -> str:
        return HouseholdStatus(self.status).label if self.status else "Not yet approved"


def _approvals(kinds) -> list[Approval]:
    return list(
        Approval.objects.filter(provider__kind__in=kinds)
        .select_related("provider__agency")
        .prefetch_related(
            Prefetch("statuses", queryset=StatusChange.objects.order_by("changed_on", "pk")),
            Prefetch("terms_changes", queryset=TermsChange.objects.order_by("changed_on", "pk")),
        )
        .order_by("provider__name", "pk")
    )


def placed_on(day: datetime.date):
    """Placements open on the day (started on or before it, not ended by then: a placement that
    ends on a day has left the household that day)."""
    return Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))


def staying_put_on(day: datetime.date):
    return Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))


def households_on(day: datetime.date, kinds=FOSTER_KINDS) -> list[HouseholdDay]:
    """Every approved household of these kinds (approved by the day), as it was that day."""
    approvals = [a for a in _approvals(kinds) if a.approved_on <= day]
    by_provider = {a.provider_id: HouseholdDay(a, status_on(a, day), terms_on(a, day)) for a in approvals}
    placements = Placement.objects.filter(placed_on(day), provider_id__in=list(by_provider))
    for placement in placements.select_related("period__child").order_by("started_on", "pk"):
        by_provider[placement.provider_id].placements.append(placement)
    arrangements = StayingPut.objects.filter(staying_put_on(day), approval__in=approvals)
    for arrangement in arrangements.select_related("young_person", "approval").order_by("started_on", "pk"):
        by_provider[arrangement.approval.provider_id].staying_put.append(arrangement)
    return list(by_provider.values())


def household(approval_id: int) -> Approval:
    return (
        Approval.objects.select_related("provider__agency")
        .prefetch_related(
            Prefetch("statuses", queryset=StatusChange.objects.order_by("changed_on", "pk")),
            Prefetch(
                "terms_changes", queryset=TermsChange.objects.select_related("recorded_by").order_by("changed_on", "pk")
            ),
            Prefetch("staying_put", queryset=StayingPut.objects.select_related("young_person")),
            Prefetch("exemptions", queryset=PlacementExemption.objects.select_related("child")),
        )
        .get(pk=approval_id)
    )


def household_placements(approval: Approval) -> list[Placement]:
    """Every child placed with the household, most recent first (the household page)."""
    return list(
        Placement.objects.filter(provider_id=approval.provider_id)
        .select_related("period__child")
        .order_by("-started_on", "-pk")
    )


def age_on(child, day: datetime.date) -> int | None:
    """The child's age in whole years on the day (None when the date of birth is not known)."""
    born = child.date_of_birth
    if born is None:
        return None
    years = day.year - born.year
    return years if add_months(born, 12 * years) <= day else years - 1


@dataclass(frozen=True)
class BandLine:
    label: str
    approved: int
    free: int


def free_places_by_band(households: list[HouseholdDay]) -> list[BandLine]:
    """Places by age band: a household's places count in every band its age range reaches (a place
    for 0 to 10 can take a child of 3 or of 8), so the bands do not add up to the total."""
    lines = []
    for youngest, oldest, label in AGE_BANDS:
        reaching = [h for h in households if h.terms.youngest_age <= oldest and h.terms.oldest_age >= youngest]
        lines.append(BandLine(label, sum(h.places for h in reaching), sum(h.free for h in reaching)))
    return lines


@dataclass(frozen=True)
class Sufficiency:
    day: datetime.date
    start: datetime.date
    households: list[HouseholdDay]
    approvals: list[Approval]
    endings: list[StatusChange]
    bands: list[BandLine]

    @property
    def places(self) -> int:
        return sum(h.places for h in self.households)

    @property
    def taken(self) -> int:
        return sum(min(h.taken, h.places) for h in self.households)

    @property
    def free(self) -> int:
        return sum(h.free for h in self.households)

    @property
    def occupancy(self) -> float | None:
        return self.taken / self.places if self.places else None

    @property
    def one_place(self) -> list[HouseholdDay]:
        return [h for h in self.households if h.approved and h.terms.places == 1]

    @property
    def staying_put(self) -> list:
        return [arrangement for h in self.households for arrangement in h.staying_put]

    @property
    def by_status(self) -> dict[str, int]:
        counts = defaultdict(int)
        for h in self.households:
            counts[h.status_label] += 1
        return dict(counts)


def sufficiency(day: datetime.date, start: datetime.date) -> Sufficiency:
    """The sufficiency page: the foster carer households on the day, and those approved and those
    whose approval ended (resigned, retired, deregistered) from `start` to the day."""
    households = households_on(day)
    approvals = [h.approval for h in households if start <= h.approval.approved_on <= day]
    endings = list(
        StatusChange.objects.filter(
            approval__provider__kind__in=FOSTER_KINDS,
            status__in=sorted(ENDED_STATUSES),
            changed_on__gte=start,
            changed_on__lte=day,
        )
        .select_related("approval__provider")
        .order_by("changed_on", "pk")
    )
    return Sufficiency(day, start, households, approvals, endings, free_places_by_band(households))


def unapproved_households():
    """Register entries of the kinds that are approved (foster carers, adopters) with no approval
    recorded yet: what the approval form chooses from."""
    from hearth.care.models import Provider

    return (
        Provider.objects.filter(kind__in=APPROVABLE_KINDS, approval__isnull=True)
        .select_related("agency")
        .order_by("name", "pk")
    )
