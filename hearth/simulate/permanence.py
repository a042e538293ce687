"""The synthetic council's permanence facts, through the services: previous permanence for every
child who started a period of care (most had none), and for every child with a placement order or a
placement for adoption, the decision that they should be placed for adoption and the match with
their adopters (or the decision reversed, for a child who left care another way).

Two children adopted in the last complete collection year and two with a placement order not yet
matched (on the demo council; a larger council's size sets how many) are added (through the care
simulation, as any looked-after child), so the demo's AD1 and PlacedAdoption files are never empty.
Deterministic for the council's seed, on its own random stream.
Called once from the council (hearth/simulate/council.py) after every part that adds looked-after
children, so that each of them has its previous permanence.
"""

import datetime
import random

from hearth.care.codes import ADOPTION_END_REASONS, ADOPTION_PLACEMENTS
from hearth.care.models import PeriodOfCare, ProviderKind
from hearth.care.services import ProviderDetails, provider_record
from hearth.core import collection_years
from hearth.permanence.models import PreviousPermanence
from hearth.permanence.services import (
    adoption_decision_record,
    adoption_decision_reverse,
    adoption_match_record,
    previous_permanence_record,
)
from hearth.simulate.care import CareHistory, CareSimulation
from hearth.simulate.providers import register_for

# What was found when a child started care: mostly no earlier order (England: about one child in
# ten starting care had been adopted or under a special guardianship or child arrangements order).
PREVIOUS = {"Z1": 88, "P2": 6, "P3": 4, "P1": 2}
# Councils that arranged the earlier order: this council (the demo's synthetic code 999), a few
# English councils' DfE codes, and Wales.
COUNCILS = ["999", "999", "999", "316", "380", "873", "WAL"]
# The adopters: number, sex and legal status together, as the 903 pairs them.
ADOPTERS = {
    (2, "MF", "L11"): 52,
    (2, "MF", "L3"): 10,
    (1, "F1", "L0"): 12,
    (1, "M1", "L0"): 3,
    (2, "FF", "L12"): 5,
    (2, "MM", "L12"): 4,
    (2, "FF", "L2"): 4,
    (2, "MF", "L2"): 4,
    (2, "MM", "L4"): 3,
    (2, "FF", "L4"): 3,
}


def last_complete_year(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last collection year (1 April to 31 March) that ended before today."""
    return collection_years.year_bounds(collection_years.latest_ended_year(today))


def simulate_children_for_adoption(sim, counts: dict) -> set[int]:
    """The looked-after children the adoption work needs (see _add_children), added with the rest of
    care so that every later part (characteristics, OC2, missing) records theirs too. Returns the
    periods of the children to leave unmatched."""
    return _add_children(sim, random.Random(sim.seed * 61 + 19), counts)


def simulate_permanence(sim, counts: dict, unmatched: set[int]) -> None:
    """Previous permanence for every period of care, and the adoption decisions, matches and
    reversals; after every part that starts periods of care (the unaccompanied young people's too)."""
    rng = random.Random(sim.seed * 61 + 17)
    periods = list(
        PeriodOfCare.objects.select_related("child", "started_by")
        .prefetch_related("legal_statuses", "placements")
        .order_by("started_on", "pk")
    )
    recorded = set(PreviousPermanence.objects.values_list("period_id", flat=True))
    counts["previous permanence recorded"] = 0
    counts["adoption decisions"] = counts["adoption matches"] = counts["adoption decisions reversed"] = 0
    for period in periods:
        if period.pk not in recorded:
            _previous_permanence(period, rng)
            counts["previous permanence recorded"] += 1
        _adoption(sim, period, rng, counts, leave_unmatched=period.pk in unmatched)


def _add_children(sim, rng: random.Random, counts: dict) -> set[int]:
    """Children adopted in the last complete year and children under a placement order, not yet
    matched: two of each on the demo council (its size sets how many)."""
    care = CareSimulation(sim, stream=5)
    year_start, year_end = last_complete_year(sim.today)
    for _ in range(sim.size.adopted):
        adopted_on = year_start + datetime.timedelta(days=rng.randint(40, (year_end - year_start).days - 20))
        started_on = adopted_on - datetime.timedelta(days=rng.randint(420, 720))
        born = started_on - datetime.timedelta(days=rng.randint(20, 800))
        care.write_history(
            CareHistory(born=born, started_on=started_on, legal_status="E1", ended=(adopted_on, "E11")), counts
        )
    unmatched = set()
    for _ in range(sim.size.awaiting_match):
        started_on = sim.today - datetime.timedelta(days=rng.randint(300, 500))
        born = started_on - datetime.timedelta(days=rng.randint(30, 900))
        period = care.write_history(CareHistory(born=born, started_on=started_on, legal_status="E1"), counts)
        unmatched.add(period.pk)
    return unmatched


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _previous_permanence(period: PeriodOfCare, rng: random.Random) -> None:
    born = period.child.date_of_birth
    option = _weighted(rng, PREVIOUS)
    if born is None or (period.started_on - born).days < 400:
        option = "Z1"  # a baby has had no earlier order
    fields = {}
    if option != "Z1":
        span = (period.started_on - born).days - 60
        order = born + datetime.timedelta(days=rng.randint(30, span))
        known = rng.random()
        fields = {
            "la_code": rng.choice(COUNCILS),
            "order_year": order.year,
            # Most dates are known in full; some only to the month or the year (the DfE's ZZ).
            "order_month": order.month if known < 0.85 else None,
            "order_day": order.day if known < 0.6 else None,
        }
        if order.year == period.started_on.year and fields["order_month"] is None:
            fields["order_month"] = order.month  # "some day this year" could fall after care began
    previous_permanence_record(actor=period.started_by, period_id=period.pk, option=option, **fields)


def _adoption(sim, period: PeriodOfCare, rng: random.Random, counts: dict, leave_unmatched: bool) -> None:
    """The decision (on or before the placement order and the placement for adoption), the match
    (before the placement), or the reversal for a child who left care without being adopted."""
    orders = sorted(s.started_on for s in period.legal_statuses.all() if s.legal_status == "E1")
    placed = sorted(p.started_on for p in period.placements.all() if p.placement_type in ADOPTION_PLACEMENTS)
    if not orders and not placed:
        return
    latest = min(orders[:1] + placed[:1])
    earliest = period.started_on
    decided_on = max(earliest, latest - datetime.timedelta(days=rng.randint(20, 90)))
    actor = period.started_by
    decision = adoption_decision_record(actor=actor, child_id=period.child_id, decided_on=decided_on)
    counts["adoption decisions"] += 1
    adopted = period.end_reason in ADOPTION_END_REASONS
    if period.ended_on is not None and not adopted:
        reversed_on = max(decided_on, period.ended_on - datetime.timedelta(days=rng.randint(0, 30)))
        adoption_decision_reverse(
            actor=actor,
            decision_id=decision.pk,
            version=decision.version,
            reversed_on=reversed_on,
            reason=rng.choice(["RD1", "RD3", "RD4"]),
        )
        counts["adoption decisions reversed"] += 1
        return
    if placed:
        matched_on = max(decided_on, placed[0] - datetime.timedelta(days=rng.randint(14, 60)))
        adopters, matched_on = _adopters_of_the_placement(period, matched_on)
    elif not leave_unmatched and rng.random() < 0.4 and (sim.today - decided_on).days > 30:
        matched_on = decided_on + datetime.timedelta(days=rng.randint(10, (sim.today - decided_on).days - 7))
        adopters = _adopters_not_yet_placed(sim, period)
    else:
        return  # waiting for a match
    number, sex, legal_status = _weighted(rng, ADOPTERS)
    adoption_match_record(
        actor=actor,
        decision_id=decision.pk,
        matched_on=matched_on,
        adopters_number=number,
        adopters_sex=sex,
        adopters_legal_status=legal_status,
        adopters_id=adopters.pk,
    )
    counts["adoption matches"] += 1


def _adopters_of_the_placement(period: PeriodOfCare, matched_on: datetime.date):
    """The household the child was placed with for adoption, whom the match names. Foster carers
    adopting (A3, A5) are matched while the child lives with them: not before that placement began."""
    placement = min(
        (p for p in period.placements.all() if p.placement_type in ADOPTION_PLACEMENTS), key=lambda p: p.started_on
    )
    adopters = placement.provider
    if adopters.kind != ProviderKind.ADOPTERS:
        with_them = [p.started_on for p in period.placements.all() if p.provider_id == adopters.pk]
        matched_on = max(matched_on, min(with_them))
    return adopters, matched_on


def _adopters_not_yet_placed(sim, period: PeriodOfCare):
    """Adopters in the register for a child matched and not yet placed (no draw from the stream, so
    the rest of the council is unchanged): the regional adoption agency's, added for the match."""
    return provider_record(
        actor=sim.users["perf"],
        details=ProviderDetails(
            kind=ProviderKind.ADOPTERS,
            name=f"Prospective adopters {period.child.hearth_id} (regional adoption agency)",
            provider_code="PR1",
            urn="XXXXXXX",
            postcode=register_for(sim).inside[0],
        ),
    )
