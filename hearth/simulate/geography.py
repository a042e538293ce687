"""Real places for the synthetic council's looked-after children: the home each child left and
their placements are postcodes from the ONS Postcode Directory, so that distances from home (L08,
the child's page) come out as they would for a real council. The children, carers and homes are
invented; a postcode is a place shared by many addresses, not a person's details.

Kestrel Vale is fictional, so it is put somewhere: its children's homes are drawn from around
Nottingham (the NG postcodes within a few miles of their middle), and placements from the N
letter of the directory, which reaches from there to Northampton (NN), Norwich (NR), London (N, NW),
Newport (NP) and Newcastle (NE): near, middling and far."""

import functools
import random
import statistics

from hearth.people.geography import GridReference, distance_in_miles, grid_references, located_postcodes
from hearth.people.identifiers import postcode_is_valid

HOME_AREA = "NG"
HOME_RADIUS_MILES = 8
# Distance bands for placements outside the council's area, and how often each is used. Inside
# the area a placement is within HOME_RADIUS_MILES of the middle.
OUTSIDE_BANDS = {(8, 20): 35, (20, 50): 35, (50, 100): 15, (100, 400): 15}
SAMPLE_PER_BAND = 400  # kept per band: plenty for a few hundred placements, small to hold


@functools.cache
def _postcodes_by_band() -> dict[tuple[int, int], tuple[str, ...]]:
    """Every located postcode of the letter in each distance band, in the directory's order. The
    same for every generator in a process (the care simulation makes several), so worked out once:
    reading the letter and measuring each of its postcodes was a second or more each time."""
    located = list(located_postcodes(HOME_AREA[0]))
    in_home_area = [ref for code, ref in located if code[:2] == HOME_AREA and code[2].isdigit()]
    middle = GridReference(
        statistics.median(r.easting for r in in_home_area),
        statistics.median(r.northing for r in in_home_area),
        "",
    )
    bands = {(0, HOME_RADIUS_MILES): []} | {band: [] for band in OUTSIDE_BANDS}
    for code, ref in located:
        miles = distance_in_miles(middle, ref)
        for low, high in bands:
            if low < miles <= high or (low == 0 and miles == 0):
                bands[(low, high)].append(code)
    return {band: tuple(codes) for band, codes in bands.items()}


class PlacementPostcodes:
    def __init__(self, rng: random.Random):
        self.random = rng
        # The directory also lists a few codes that are not in today's shape (Newport's old "NPT 2AQ"
        # and the like), which the register and the child's record rightly refuse: dropped after the
        # sample, so that every other draw a seed makes stays as it was.
        self.bands = {
            band: [code for code in rng.sample(codes, min(len(codes), SAMPLE_PER_BAND)) if postcode_is_valid(code)]
            for band, codes in _postcodes_by_band().items()
        }
        # Locate the sample in one batch now: the services look each placement's postcode up as it
        # is recorded, and a postcode not yet located costs a read of its letter's whole file.
        grid_references(code for codes in self.bands.values() for code in codes)

    def home(self) -> str:
        """The postcode of the home a child left to come into care: in the council's area."""
        return self.random.choice(self.bands[(0, HOME_RADIUS_MILES)])

    def placement(self, inside_council_area: bool) -> str:
        if inside_council_area:
            return self.home()
        band = self.random.choices(list(OUTSIDE_BANDS), weights=list(OUTSIDE_BANDS.values()))[0]
        return self.random.choice(self.bands[band])
