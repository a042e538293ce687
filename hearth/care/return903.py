"""The SSDA903 Episodes file's placement columns, from one placement: every such column is made here
and only here (docs/returns-903.md, "Placements"), as the DfE's validator (csc-validator-be-903
0.1.17) reads them.

- PLACE: the placement type as recorded (a placement open in the year has a 2025-26 code: the
  writers refuse retired ones, H5, P2, Z1, for new placements).
- PLACE_PROVIDER: the provider's code from the register (an agency's carers: the agency's), blank for
  temporary and "other" placements, T0-T4 and Z11-Z14 (rules 178, 213).
- URN: the provider's Ofsted URN from the register (an agency's carers: the agency's), blank for the
  types that take none (P1, P3, R1, R2, R5, T0-T4, Z11-Z14: rule 222) and outside England (rule 243).
- PL_POST: the placement postcode; HOME_POST: the postcode of the home the child left, or the latest
  recorded on the period's earlier placements (hearth/care/placement_distance.py). Both blank on a
  short-break episode (V3, V4: rules 214, 398) and HOME_POST blank for a child who is or was an
  unaccompanied asylum-seeking child (rule 406: the exporter says so with `uasc`).
- PL_LA, PL_LOCATION, PL_DISTANCE: not columns of the CSV files (the validator derives them from the
  postcodes) but of the XML return and the validator's own frame; given here as it derives them, so
  Hearth's figures can be compared with the return's: the upper-tier authority of the placement
  postcode (or SCO, WAL, NIR), IN when that is the council's own (HEARTH_LA_CODE) else OUT, and the
  straight line between the two postcodes in miles to one decimal place, by the DfE guide's formula
  the validator uses (metres / 1000 / 1.6093). Blank where not known or not asked for (V3, V4: rule
  420; UASC: rule 406).
"""

import math

from hearth.care.codes import NO_PROVIDER_CODE, NO_URN, SHORT_BREAK_STATUSES
from hearth.care.placement_area import COUNTRIES, placement_area
from hearth.care.placement_distance import home_postcode
from hearth.people.geography import grid_references

PLACEMENT_COLUMNS = ("PLACE", "PLACE_PROVIDER", "URN", "PL_POST", "HOME_POST", "PL_LA", "PL_LOCATION", "PL_DISTANCE")


def _distance(home: str, placed: str) -> str:
    located = grid_references([home, placed])
    start, end = located.get(home), located.get(placed)
    if start is None or end is None:
        return ""
    metres = math.hypot(end.easting - start.easting, end.northing - start.northing)
    return f"{round(metres / 1000 / 1.6093, 1):.1f}"


def episode_placement_columns(placement, *, legal_status: str = "", uasc: bool = False) -> dict[str, str]:
    """The Episodes columns that come from the placement of an episode. `legal_status` is the
    episode's LS (short breaks leave the place blank); `uasc` that the child is or was UASC."""
    provider = placement.provider
    kind = placement.placement_type
    short_breaks = legal_status in SHORT_BREAK_STATUSES
    local_authority = placement.local_authority or placement_area(placement.postcode).local_authority
    urn = provider.urn_for_return
    if kind in NO_URN or local_authority in COUNTRIES.values() or short_breaks:
        urn = ""
    columns = {
        "PLACE": kind,
        "PLACE_PROVIDER": "" if kind in NO_PROVIDER_CODE else provider.code_for_return,
        "URN": urn,
        "PL_POST": "" if short_breaks else placement.postcode,
        "HOME_POST": "",
        "PL_LA": "",
        "PL_LOCATION": "",
        "PL_DISTANCE": "",
    }
    if short_breaks:
        return columns
    from django.conf import settings

    if local_authority:
        columns["PL_LA"] = local_authority
        columns["PL_LOCATION"] = "IN" if local_authority == settings.HEARTH_LA_CODE else "OUT"
    if not uasc:
        home = home_postcode(placement.period.placements.all(), placement)
        columns["HOME_POST"] = home
        columns["PL_DISTANCE"] = _distance(home, placement.postcode) if home else ""
    return columns
