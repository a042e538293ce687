"""The synthetic council's permanence facts, written through the services."""

import datetime

import pytest
import time_machine

from hearth.care.codes import ADOPTION_PLACEMENTS
from hearth.care.models import PeriodOfCare
from hearth.permanence.models import AdoptionDecision, AdoptionMatch, PreviousPermanence
from hearth.permanence.return903 import ad1_rows, placed_adoption_rows
from hearth.permanence.selectors import adoption_journeys
from hearth.simulate.care import CareSimulation
from hearth.simulate.permanence import last_complete_year, simulate_children_for_adoption, simulate_permanence
from hearth.simulate.tests.test_simulate_care import TODAY, council_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_the_councils_today():
    with time_machine.travel(datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)):
        yield


def test_the_last_complete_collection_year():
    assert last_complete_year(datetime.date(2026, 3, 31)) == (datetime.date(2024, 4, 1), datetime.date(2025, 3, 31))
    assert last_complete_year(datetime.date(2026, 4, 1)) == (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))


def test_previous_permanence_decisions_matches_and_adoptions_in_the_last_year():
    sim = council_staff()
    counts = CareSimulation(sim).run()
    awaiting_match = simulate_children_for_adoption(sim, counts)
    simulate_permanence(sim, counts, awaiting_match)

    # Every period of care has its previous permanence; most children had none.
    periods = PeriodOfCare.objects.prefetch_related("legal_statuses", "placements")
    assert PreviousPermanence.objects.count() == periods.count() == counts["previous permanence recorded"]
    assert PreviousPermanence.objects.filter(option="Z1").count() > periods.count() * 0.7
    # Every placement order and placement for adoption has its decision (903 rules 551, 553), and
    # no child's facts break a rule the page warns of.
    for period in periods:
        asks = any(s.legal_status == "E1" for s in period.legal_statuses.all()) or any(
            p.placement_type.startswith("A") for p in period.placements.all()
        )
        assert asks == AdoptionDecision.objects.filter(period=period).exists()
    for child_id in AdoptionDecision.objects.values_list("child_id", flat=True):
        assert all(not journey.problems for journey in adoption_journeys(periods.get(child_id=child_id).child))
    # Two or more children adopted in the last complete year, each with a decision and a match.
    year = last_complete_year(TODAY)
    adopted = ad1_rows(*year)
    assert len(adopted) >= 2 and all(row["DATE_INT"] and row["DATE_MATCH"] for row in adopted)
    # Children waiting: a decision in force, no match yet.
    waiting = [
        d
        for d in AdoptionDecision.objects.filter(reversed_on__isnull=True, period__ended_on__isnull=True)
        if not d.matches.exists()
    ]
    assert len(waiting) >= 2
    assert len(placed_adoption_rows(*year)) >= len(adopted)
    # Every match names the household: the one the child was then placed with for adoption, or
    # prospective adopters in the register for a child matched and not yet placed.
    for match in AdoptionMatch.objects.select_related("decision__period", "adopters"):
        placed = match.decision.period.placements.filter(placement_type__in=ADOPTION_PLACEMENTS).order_by("started_on")
        assert match.adopters_id == (placed[0].provider_id if placed else match.adopters_id)
        assert match.adopters.kind == "ADOPTERS" or placed[0].placement_type in ("A3", "A5")
