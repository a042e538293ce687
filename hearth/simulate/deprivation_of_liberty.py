"""Deprivation of liberty orders for a few looked-after teenagers in children's homes, through the
care service (the SSDA903's DoLo file from 2026-27, hearth/returns/ssda903/deprivation_of_liberty.py).

Orders are rare: one or two looked-after children in a hundred in England are the subject of an
application in a year. The demo gives an order to that share of its children looked after today
(at least one), chosen from those aged 12 or over who live in a children's home (K2, the placement
the DfE's rule 709 expects of a child under an order), made while they live there; some have ended.
The draws come from a generator of their own, so the rest of the council is the same with or
without them.
"""

import datetime
import random

from hearth.care.models import PeriodOfCare
from hearth.care.services import deprivation_of_liberty_end, deprivation_of_liberty_record

SHARE_WITH_AN_ORDER = 0.015  # of the children looked after today
SHARE_ENDED = 0.4
YOUNGEST = 12
# An order is made at least a fortnight into the placement (an application takes time) and a week
# before today at the latest.
FIRST_ORDER_DAY = 14
NEWEST_ORDER_DAYS = 7


def simulate_deprivation_of_liberty_orders(sim) -> dict:
    draws = random.Random(f"{sim.seed}-deprivation-of-liberty")
    candidates = list(_teenagers_in_childrens_homes(sim.today))
    looked_after = PeriodOfCare.objects.filter(ended_on__isnull=True).count()
    how_many = min(len(candidates), max(1, round(SHARE_WITH_AN_ORDER * looked_after)))
    orders = 0
    for period in draws.sample(candidates, how_many):
        placement = period.placements.get(ended_on__isnull=True)
        earliest = max(placement.started_on, sim.first_day) + datetime.timedelta(days=FIRST_ORDER_DAY)
        latest = sim.today - datetime.timedelta(days=NEWEST_ORDER_DAYS)
        if earliest > latest:
            continue
        started_on = earliest + datetime.timedelta(days=draws.randint(0, (latest - earliest).days))
        worker = period.referral.allocations.get(ended_on__isnull=True).worker.user
        deprivation_of_liberty_record(actor=worker, period_id=period.pk, started_on=started_on)
        orders += 1
        ends_on = started_on + datetime.timedelta(days=draws.randint(60, 270))
        if draws.random() < SHARE_ENDED and ends_on < sim.today:
            deprivation_of_liberty_end(actor=worker, period_id=period.pk, ended_on=ends_on)
    return {"deprivation of liberty orders": orders}


def _teenagers_in_childrens_homes(today: datetime.date):
    born_by = datetime.date(today.year - YOUNGEST, today.month, min(today.day, 28))
    return (
        PeriodOfCare.objects.filter(
            ended_on__isnull=True,
            child__date_of_birth__lte=born_by,
            placements__ended_on__isnull=True,
            placements__placement_type="K2",
            referral__allocations__ended_on__isnull=True,
        )
        .select_related("referral")
        .order_by("pk")
        .distinct()
    )
