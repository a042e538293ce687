"""The synthetic council's approved households, through the fostering services (docs/fostering.md):
every foster carer household of the register approved before the first child was placed with it,
on terms that fit the children it has had; some approved in the last year who have had no child
yet; a few resigned, retired or deregistered, or on hold; young people who left care at 18 staying
put with their foster carers (E17); adopters approved before their match, and a few approved and
still waiting.

Rates (synthetic, in proportion to the seed's council: 15 approvals against 8 resignations or
retirements in a year, carers with one bedroom taking only babies): about one household in ten ends
its approval, half of them in the last year; one in twenty is on hold today; four new households are
approved in the last year, one of them for a baby with one bedroom. The draws come from a generator
of their own, so the rest of the council is the same with or without them."""

import datetime
import random

from django.core.exceptions import ValidationError
from faker import Faker

from hearth.care.models import PeriodOfCare, Placement, Provider, ProviderKind
from hearth.care.services import ProviderDetails, provider_record
from hearth.fostering.models import HouseholdStatus
from hearth.fostering.selectors import FOSTER_KINDS, age_on
from hearth.fostering.services import (
    ApprovalTerms,
    household_approve,
    household_status_change,
    household_terms_change,
    staying_put_end,
    staying_put_start,
)
from hearth.permanence.models import AdoptionMatch
from hearth.simulate.providers import register_for

NEW_HOUSEHOLDS = 4
WAITING_ADOPTERS = 3
SHARE_ENDED = 0.1
SHARE_ON_HOLD = 0.05
REASONS = {
    HouseholdStatus.RESIGNED: "Changes in the family's circumstances",
    HouseholdStatus.RETIRED: "Retired after many years of fostering",
    HouseholdStatus.DEREGISTERED: "Fostering panel recommendation after a review of standards of care",
    HouseholdStatus.ON_HOLD: "A family bereavement: no new placements for now",
}


def _most_at_once(placements: list[Placement]) -> int:
    """The most children placed with the household on any one day."""
    events = sorted(
        [(p.started_on, 1) for p in placements] + [(p.ended_on, -1) for p in placements if p.ended_on],
        key=lambda event: (event[0], event[1]),  # an end before a start on the same day
    )
    most = now = 0
    for _, change in events:
        now += change
        most = max(most, now)
    return most


def _ages(placements: list[Placement]) -> tuple[int, int]:
    ages = [age_on(p.period.child, p.started_on) for p in placements if p.period.child.date_of_birth]
    ages = [min(max(age, 0), 17) for age in ages if age is not None]
    return (min(ages), max(ages)) if ages else (0, 17)


class FosteringSimulation:
    def __init__(self, sim):
        self.sim = sim
        self.draws = random.Random(f"{sim.seed}-fostering")
        self.faker = Faker("en_GB")
        self.faker.seed_instance(f"{sim.seed}-fostering")
        self.manager = sim.users["sm"]
        self.today = sim.today
        self.counts = {"households approved": 0, "approvals ended": 0, "staying put": 0, "adopters approved": 0}

    def run(self) -> dict:
        households = list(Provider.objects.filter(kind__in=FOSTER_KINDS).order_by("pk"))
        placements = self._placements_by_provider([h.pk for h in households])
        leavers = self._staying_put_leavers(placements)
        approvals = {}
        for household in households:
            approvals[household.pk] = self._approve_foster(household, placements.get(household.pk, []), leavers)
        for household in self._new_households():
            approvals[household.pk] = self._approve_new(household)
        self._staying_put(leavers, approvals)
        self._changes_of_status(approvals, placements)
        self._new_terms(approvals)
        self._adopters()
        return self.counts

    # Foster carers ------------------------------------------------------------------------------
    def _placements_by_provider(self, provider_ids) -> dict[int, list[Placement]]:
        found: dict[int, list[Placement]] = {}
        for placement in (
            Placement.objects.filter(provider_id__in=provider_ids)
            .select_related("period__child")
            .order_by("started_on", "pk")
        ):
            found.setdefault(placement.provider_id, []).append(placement)
        return found

    def _staying_put_leavers(self, placements) -> dict[int, Placement]:
        """Young people who left care at 18 staying with their foster carers (E17), by the household:
        the last placement of each such period, when it was with foster carers."""
        by_period = {p.period_id: p for household in placements.values() for p in household}
        leavers = {}
        for period in PeriodOfCare.objects.filter(end_reason="E17", pk__in=list(by_period)).order_by("pk"):
            last = max(
                (p for household in placements.values() for p in household if p.period_id == period.pk),
                key=lambda p: (p.started_on, p.pk),
            )
            if last.ended_on == period.ended_on:
                leavers[period.pk] = last
        return leavers

    def _approve_foster(self, household, placements, leavers):
        staying = sum(1 for leaver in leavers.values() if leaver.provider_id == household.pk)
        if placements:
            first = placements[0].started_on
            approved_on = first - datetime.timedelta(days=self.draws.randint(30, 900))
            places = min(max(_most_at_once(placements) + staying + self.draws.choice([0, 0, 1]), 1), 6)
            youngest, oldest = _ages(placements)
            youngest, oldest = max(youngest - self.draws.randint(0, 3), 0), min(oldest + self.draws.randint(0, 3), 17)
        else:
            approved_on = self.today - datetime.timedelta(days=self.draws.randint(400, 2500))
            places = self.draws.choice([1, 2, 2, 3])
            youngest, oldest = self.draws.choice([(0, 4), (0, 10), (5, 17), (11, 17), (0, 17)])
        return self._approve(household, approved_on, places, (youngest, oldest), places)

    def _new_households(self):
        """Households approved in the last year, with no child placed yet (the council's own)."""
        register = register_for(self.sim)
        made = []
        for number in range(NEW_HOUSEHOLDS):
            title = self.draws.choice(["Mr and Mrs", "Ms", "Mr and Mr", "Ms and Ms"])
            made.append(
                provider_record(
                    actor=self.sim.users["perf"],
                    details=ProviderDetails(
                        kind=ProviderKind.COUNCIL_FOSTER_CARERS,
                        name=f"{title} {self.faker.last_name()} (approved {number + 1} of {NEW_HOUSEHOLDS})",
                        provider_code="PR1",
                        urn=register.fostering_urn,
                        postcode=self.draws.choice(register.inside),
                    ),
                )
            )
        return made

    def _approve_new(self, household):
        approved_on = self.today - datetime.timedelta(days=self.draws.randint(20, 330))
        if "(approved 1 of" in household.name:  # one bedroom, a baby only
            return self._approve(household, approved_on, 1, (0, 1), 1, "Babies and children under two")
        places = self.draws.choice([1, 2, 2, 3])
        return self._approve(household, approved_on, places, self.draws.choice([(0, 10), (5, 17), (0, 17)]), places)

    def _approve(self, household, approved_on, places, ages, bedrooms, terms="Short-term and long-term fostering"):
        self.counts["households approved" if household.kind != ProviderKind.ADOPTERS else "adopters approved"] += 1
        return household_approve(
            actor=self.manager,
            provider_id=household.pk,
            approved_on=approved_on,
            terms=ApprovalTerms(places, ages[0], ages[1], bedrooms, terms),
        )

    def _staying_put(self, leavers, approvals):
        for _, placement in sorted(leavers.items()):
            child = placement.period.child
            arrangement = staying_put_start(
                actor=self.manager,
                approval_id=approvals[placement.provider_id].pk,
                young_person_hearth_id=child.hearth_id,
                started_on=placement.ended_on,
            )
            self.counts["staying put"] += 1
            twenty_one = placement.ended_on + datetime.timedelta(days=365 * 3)
            ends = placement.ended_on + datetime.timedelta(days=self.draws.randint(90, 1100))
            if min(ends, twenty_one) < self.today:
                # The reason follows the day drawn (no draw of its own, so the stream is unchanged).
                reason = "Turned 21" if twenty_one <= ends else "Moved on to a home of their own"
                staying_put_end(
                    actor=self.manager, arrangement_id=arrangement.pk, ended_on=min(ends, twenty_one), reason=reason
                )

    def _changes_of_status(self, approvals, placements):
        """Some households end their approval after their last child left (half in the last year),
        a few are on hold today. A household someone still lives with is refused by the service and
        left as it is."""
        year_ago = self.today - datetime.timedelta(days=365)
        for provider_id, approval in approvals.items():
            draw = self.draws.random()
            if draw >= SHARE_ENDED + SHARE_ON_HOLD:
                continue
            gone = max(
                [p.ended_on or self.today for p in placements.get(provider_id, [])] + [approval.approved_on]
            ) + datetime.timedelta(days=self.draws.randint(14, 200))
            if draw < SHARE_ENDED:
                status = self.draws.choice(
                    [
                        HouseholdStatus.RESIGNED,
                        HouseholdStatus.RETIRED,
                        HouseholdStatus.RETIRED,
                        HouseholdStatus.DEREGISTERED,
                    ]
                )
                on = (
                    gone
                    if self.draws.random() < 0.5 or gone >= year_ago
                    else year_ago + datetime.timedelta(days=self.draws.randint(0, 300))
                )
                on = max(on, gone)
            else:
                status, on = HouseholdStatus.ON_HOLD, self.today - datetime.timedelta(days=self.draws.randint(5, 120))
            if on > self.today or on <= approval.approved_on:
                continue
            try:
                household_status_change(
                    actor=self.manager,
                    approval_id=approval.pk,
                    version=approval.version,
                    status=status,
                    changed_on=on,
                    reason=REASONS[status],
                )
            except ValidationError:
                continue  # someone still lives there (staying put) or the day is taken: left active
            if status != HouseholdStatus.ON_HOLD:
                self.counts["approvals ended"] += 1

    def _new_terms(self, approvals):
        """About one household in ten approved more than a year ago is approved again on its first
        anniversary for one more child (its annual review), the earlier terms kept. Chosen by its
        place in the register, not drawn, so the stream is unchanged; a household whose approval has
        ended by then is refused by the service and left as it was."""
        for index, (_, approval) in enumerate(sorted(approvals.items())):
            review = approval.approved_on + datetime.timedelta(days=365)
            if index % 10 != 3 or review > self.today or approval.places >= 6:
                continue
            approval.refresh_from_db()
            try:
                household_terms_change(
                    actor=self.manager,
                    approval_id=approval.pk,
                    version=approval.version,
                    changed_on=review,
                    terms=ApprovalTerms(
                        approval.places + 1,
                        approval.youngest_age,
                        approval.oldest_age,
                        approval.bedrooms + 1,
                        approval.terms,
                    ),
                    reason="Annual review: approved for one more child",
                )
            except ValidationError:
                continue
            self.counts["households approved on new terms"] = self.counts.get("households approved on new terms", 0) + 1

    # Adopters ---------------------------------------------------------------------------------
    def _adopters(self):
        adopters = list(Provider.objects.filter(kind=ProviderKind.ADOPTERS).order_by("pk"))
        placements = self._placements_by_provider([a.pk for a in adopters])
        named = {}  # the first match naming each household (permanence's match names the adopters)
        for match in AdoptionMatch.objects.filter(adopters__kind=ProviderKind.ADOPTERS).order_by("matched_on", "pk"):
            named.setdefault(match.adopters_id, match.matched_on)
        for household in adopters:
            placed = placements.get(household.pk, [])
            if not placed and household.pk not in named:
                continue
            matched_on = named.get(household.pk) or placed[0].started_on
            approved_on = matched_on - datetime.timedelta(days=self.draws.randint(60, 420))
            oldest = _ages(placed)[1] if placed else 4
            self._approve(
                household,
                approved_on,
                max(len({p.period.child_id for p in placed}), 1),
                (0, min(oldest + 2, 17)),
                1,
                "Adoption",
            )
        register = register_for(self.sim)
        for number in range(WAITING_ADOPTERS):
            household = provider_record(
                actor=self.sim.users["perf"],
                details=ProviderDetails(
                    kind=ProviderKind.ADOPTERS,
                    name=f"Mr and Mrs {self.faker.last_name()} (adopters, waiting {number + 1})",
                    provider_code="PR1",
                    urn="XXXXXXX",
                    postcode=self.draws.choice(register.inside),
                ),
            )
            approved_on = self.today - datetime.timedelta(days=self.draws.randint(30, 400))
            self._approve(household, approved_on, self.draws.choice([1, 1, 2]), (0, 6), 2, "Adoption")


def simulate_fostering(sim) -> dict:
    return FosteringSimulation(sim).run()
