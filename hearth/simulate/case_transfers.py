"""A few of the synthetic council's looked-after children's cases moved to another team in the
simulated months (in the demo, to the team covering the area the child was placed in), through the
workforce service: a dated fact, the case keeping its worker until reallocated. Its own random stream
leaves every other draw of the simulation as it was."""

import datetime
import random

from hearth.care.models import PeriodOfCare
from hearth.workforce.services import case_transfer

SHARE_MOVED = 0.15  # of the cases of children looked after today whose care began in the simulated months or before


def simulate_case_transfers(sim) -> dict:
    draws = random.Random(f"{sim.seed}-case-transfers")
    teams = list(sim.users["teams"])
    moved = 0
    if len(teams) < 2:
        return {"case transfers": 0}
    periods = PeriodOfCare.objects.filter(ended_on__isnull=True, referral__closed_on__isnull=True).select_related(
        "referral__team"
    )
    for period in periods.order_by("started_on", "pk"):
        if draws.random() >= SHARE_MOVED:
            continue
        referral = period.referral
        last_allocated = referral.allocations.order_by("-started_on").values_list("started_on", flat=True).first()
        earliest = max(d for d in (period.started_on, referral.referral_date, sim.first_day, last_allocated) if d)
        latest = sim.today - datetime.timedelta(days=1)
        if earliest >= latest:
            continue
        day = earliest + datetime.timedelta(days=draws.randint(1, (latest - earliest).days))
        to_team = draws.choice([team for team in teams if team.pk != referral.team_id])
        case_transfer(
            actor=sim.users["sm"],
            referral_id=referral.pk,
            to_team_id=to_team.pk,
            transferred_on=day,
            reason="The child is placed in the area this team covers; it takes the case",
        )
        moved += 1
    return {"case transfers": moved}
