"""The SSDA903 Episodes file's placement columns, read from a placement: one function, so that the
placement's own record (its code, provider, URN, postcodes) can change without touching the return's
other columns (docs/returns-903.md, "Episodes"). Column names and code lists are the DfE validator's
(csc-validator-be-903, `lac_validator.config`; rules for 2025-26)."""

from hearth.care.codes import SHORT_BREAK_STATUSES
from hearth.care.models import Placement
from hearth.people.geography import grid_reference

# No provider is given for a temporary placement (903 rules 178, 213).
NO_PROVIDER = frozenset({"T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"})
# No Ofsted URN for these placement types: parents, residential employment, NHS and adult settings,
# custody, temporary moves (903 rules 218, 222).
NO_URN = frozenset({"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"})


def episode_placement_columns(placement: Placement, *, legal_status: str, uasc_recently: bool) -> dict[str, str]:
    """PLACE, PLACE_PROVIDER, URN, HOME_POST and PL_POST for an episode in this placement.

    - PLACE and PLACE_PROVIDER are the placement's codes; no provider for a temporary placement.
    - URN: the placement's Ofsted URN, empty for the types that have none, and for a placement in
      Wales, Scotland or Northern Ireland, which Ofsted does not register (rules 218, 243).
    - PL_POST and HOME_POST: the placement's postcode and that of the home the child left, from
      which the DfE's tool derives the distance, the placement's council and in/out of area (PL_LA,
      PL_LOCATION, PL_DISTANCE are not in the CSV). Neither postcode nor URN for short breaks
      (V3, V4: rules 214, 398); no home postcode for a child who is, or in the two years before
      was, an unaccompanied asylum-seeking child (their home is abroad; rules 392a, 406, 454).
    """
    short_break = legal_status in SHORT_BREAK_STATUSES
    place = placement.placement_type
    return {
        "PLACE": place,
        "PLACE_PROVIDER": "" if place in NO_PROVIDER else placement.provider,
        "URN": "" if (short_break or place in NO_URN or outside_england(placement.postcode)) else placement.urn,
        "HOME_POST": "" if (short_break or uasc_recently) else placement.home_postcode.upper(),
        "PL_POST": "" if short_break else placement.postcode.upper(),
    }


def outside_england(postcode: str) -> bool:
    """Whether the postcode is in Wales, Scotland or Northern Ireland by the ONS directory (its
    local authority code begins W, S or N), as the DfE's tool reads it; False if not located."""
    where = grid_reference(postcode)
    return where is not None and where.local_authority[:1] in {"W", "S", "N"}
