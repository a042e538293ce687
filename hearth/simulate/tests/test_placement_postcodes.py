"""The postcodes the generator places children and providers at are all ones Hearth accepts."""

import random
import re

from hearth.care.services import POSTCODE_SHAPE
from hearth.people.identifiers import postcode_is_valid
from hearth.simulate.geography import PlacementPostcodes


def test_every_sampled_postcode_is_one_the_register_accepts():
    # Seed 2014's large council drew Newport's old "NPT 2AQ" for a provider, which the register
    # refused after 45 minutes of building: no seed may draw a code of that shape.
    for seed in (2014, 7, 16):
        postcodes = PlacementPostcodes(random.Random(seed * 59 + 17))
        for band, codes in postcodes.bands.items():
            assert codes, band
            for code in codes:
                assert postcode_is_valid(code) and re.fullmatch(POSTCODE_SHAPE, code), (seed, band, code)
