"""How far a looked-after child's placement is from the home they left (L08; the child's page).

HOME_POST is the postcode of the home the child was living in before care, recorded with each
placement (903 HOME_POST); the latest one recorded in the period stands for a placement that left
it blank, since the home the child left does not change with their placements. The distance is the
straight line between the two postcodes' grid references in the ONS Postcode Directory
(hearth/people/geography.py). DfE reports it in bands and as "not known" when either postcode is
missing or not in the directory."""

from collections.abc import Iterable
from dataclasses import dataclass

from hearth.people.geography import distance_in_miles, grid_references

NEAR_HOME_MILES = 20  # DfE's "20 miles or less" / "over 20 miles" (and the Seeds papers' measure)
# The Seeds papers' other two bands (seed 000: "within 50 miles", "over 100 miles away"), DfE's too.
FIFTY_MILES, HUNDRED_MILES = 50, 100
BANDS = ((20, "20 miles or less"), (50, "over 20 to 50 miles"), (100, "over 50 to 100 miles"))
FURTHEST_BAND = "over 100 miles"


@dataclass(frozen=True)
class PlacementDistance:
    placement: object
    home_postcode: str
    miles: float | None  # None: not known (a postcode missing or not in the directory)
    home_located: bool = True  # the home postcode was found in the directory (False when blank too)
    placement_located: bool = True

    @property
    def band(self) -> str:
        if self.miles is None:
            return "not known"
        return next((label for limit, label in BANDS if self.miles <= limit), FURTHEST_BAND)

    @property
    def over_twenty_miles(self) -> bool:
        return self.over(NEAR_HOME_MILES)

    def over(self, miles: int) -> bool:
        return self.miles is not None and self.miles > miles

    @property
    def reason_not_known(self) -> str:
        """Why the distance is not known, in words a worker can act on; empty when it is known."""
        if self.miles is not None:
            return ""
        if not self.home_postcode:
            return "no postcode recorded for the home the child left"
        missing = [
            f"{which} postcode {code} is not in the ONS Postcode Directory"
            for which, code, located in (
                ("the home", self.home_postcode, self.home_located),
                ("the placement's", getattr(self.placement, "postcode", ""), self.placement_located),
            )
            if not located
        ]
        return " and ".join(missing) + " (mistyped, or newer than the installed release)"


def home_postcode(period_placements: Iterable, placement) -> str:
    """The placement's home postcode, or the latest recorded on the period's earlier placements."""
    if placement.home_postcode:
        return placement.home_postcode
    earlier = [p for p in period_placements if p.started_on <= placement.started_on and p.home_postcode]
    return max(earlier, key=lambda p: p.started_on).home_postcode if earlier else ""


def placement_distances(placements_with_periods: Iterable[tuple[Iterable, object]]) -> list[PlacementDistance]:
    """For each (the period's placements, the placement) pair, its distance from home. All the
    postcodes are located in one batch (each letter of the directory is read once)."""
    pairs = [(placement, home_postcode(list(others), placement)) for others, placement in placements_with_periods]
    located = grid_references({code for placement, home in pairs for code in (placement.postcode, home)})
    return [
        PlacementDistance(
            placement,
            home,
            distance_in_miles(located.get(home), located.get(placement.postcode)),
            home_located=located.get(home) is not None,
            placement_located=located.get(placement.postcode) is not None,
        )
        for placement, home in pairs
    ]
