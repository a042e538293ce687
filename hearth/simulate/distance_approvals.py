"""The demo council's managers approve its placements far from home: a placement more than 20 miles
from the home the child left is refused without a manager's approval and the risk assessment
(docs/looked-after.md, "Placements far from home"), so the simulation records them as a manager would,
on or a few days before the day the child moves."""

import dataclasses
import datetime
import zlib

from hearth.care.placement_distance import NEAR_HOME_MILES
from hearth.people.geography import distance_in_miles, grid_references

RISK_ASSESSMENTS = (
    "No suitable placement within 20 miles could meet the child's needs. Weekly contact with family by video "
    "and monthly in person, travel arranged by the council; the social worker visits every four weeks.",
    "Placed with specialist carers for the child's needs, which no nearer provider offers. School place secured "
    "before the move; the virtual school and the IRO consulted; contact with brothers and sisters kept.",
    "A placement away from the area keeps the child safe from those exploiting them locally. The risk of going "
    "missing is planned for with the carers; return home interviews arranged with the receiving council.",
)


def approved_if_far(details, on: datetime.date, manager, current=None):
    """The placement's details, with the manager's approval if it is more than 20 miles from home.
    Chosen from the day and the provider, not the simulation's random draws, so the council it builds
    is otherwise the one it built before approvals were needed."""
    if current is not None and current.postcode == details.postcode:
        return details  # the child stays in the same home
    located = grid_references([details.home_postcode, details.postcode])
    miles = distance_in_miles(located.get(details.home_postcode), located.get(details.postcode))
    if miles is None or miles <= NEAR_HOME_MILES:
        return details
    return dataclasses.replace(
        details,
        distance_approved_by_id=manager.pk,
        distance_approved_on=on - datetime.timedelta(days=on.toordinal() % 4),
        # Chosen by the home's postcode, not the provider's id (which the seed does not fix: draws.py).
        distance_risk_assessment=RISK_ASSESSMENTS[zlib.crc32(details.postcode.encode()) % len(RISK_ASSESSMENTS)],
    )
