"""The synthetic council's register of placement providers, written through the register's service
(hearth/care/services.py provider_record) by the performance officer.

Kestrel Vale (put in Nottingham: HEARTH_LA_CODE's demo default) has its own fostering service with
about thirty households of foster carers living in the council's area, three independent fostering
agencies with households near and far, its own two children's homes in the area and private and
voluntary homes further away, supported accommodation for 16- and 17-year-olds, a residential care
home and a residential school. Adopters and children's parents are added to the register when a child
is placed with them. Every name is invented; URNs are synthetic, in Ofsted's SC-and-six-digits
shape (a residential school's is six digits); postcodes are real places from the ONS directory
(hearth/simulate/geography.py), so the derived local authority and distances are real ones. A
provider outside England has no Ofsted URN (903 rule 243)."""

import random

from faker import Faker

from hearth.care.models import ProviderKind
from hearth.care.placement_area import COUNTRIES, placement_areas
from hearth.care.services import ProviderDetails, provider_record
from hearth.simulate.geography import HOME_RADIUS_MILES, PlacementPostcodes

COUNCIL_HOUSEHOLDS = 30  # the demo's; a council's size sets its own (hearth/simulate/sizes.py)
AGENCIES = {"Brightpath Fostering": "PR4", "Northern Lights Fostering": "PR4", "Hearthstone Family Placements": "PR5"}
COUNCIL_HOMES = ["Oakfield House", "Kestrel Court"]
OTHER_HOMES = {"Willow Lodge": "PR4", "The Beeches": "PR4", "Harbour View": "PR5"}
SUPPORTED = {"Foxglove Supported Living": "PR4", "Riverside Young People's Housing": "PR5"}


class ProviderRegister:
    """The register as the care simulation draws on it. One per council (`register_for`)."""

    def __init__(self, sim):
        self.sim = sim
        self.random = random.Random(sim.seed * 59 + 13)
        self.faker = Faker("en_GB")
        self.faker.seed_instance(sim.seed * 59 + 13)
        self.actor = sim.users["perf"]
        self.postcodes = PlacementPostcodes(random.Random(sim.seed * 59 + 17))
        near = self.postcodes.bands[(0, HOME_RADIUS_MILES)]
        areas = placement_areas(near)
        self.inside = [code for code in near if areas[code].inside_council_area]
        self.serial = self.random.randint(100000, 400000)
        self.fostering_urn = self._urn()
        self.council_households = [self._household() for _ in range(sim.size.council_households)]
        self.agency_households = []
        for name, code in AGENCIES.items():
            agency = self._record(ProviderKind.FOSTERING_AGENCY, name, code, self._outside(in_england=True))
            for _ in range(sim.size.households_per_agency):
                inside = self.random.random() < 0.4
                postcode = self.random.choice(self.inside) if inside else self._outside(in_england=True)
                self.agency_households.append(
                    self._record(
                        ProviderKind.AGENCY_FOSTER_CARERS, self._carers(), code, postcode, urn="", agency=agency
                    )
                )
        self.homes = [
            self._record(ProviderKind.CHILDRENS_HOME, name, "PR1", self.random.choice(self.inside))
            for name in COUNCIL_HOMES
        ] + [
            self._record(ProviderKind.CHILDRENS_HOME, name, code, self._outside()) for name, code in OTHER_HOMES.items()
        ]
        # Supported accommodation (K3) in the council's own area: the validator's rule 241 reads a K3
        # placement with a URN as in the area where Ofsted registered the provider, which it takes to
        # be the council's own (csc-validator-be-903 0.1.17 has no Ofsted lookup).
        self.supported = [
            self._record(ProviderKind.SUPPORTED_ACCOMMODATION, name, code, self.random.choice(self.inside))
            for name, code in SUPPORTED.items()
        ]
        self.care_home = self._record(
            ProviderKind.OTHER_SETTING, "Meadowbank Care Home", "PR4", self._outside(), urn=""
        )
        self.school = self._record(
            ProviderKind.OTHER_SETTING, "Highfield Residential School", "PR5", self._outside(), urn=self._school_urn()
        )

    def counts(self) -> dict:
        return {"placement providers": len(self.council_households) + len(self.agency_households) + 11}

    # What the care simulation asks for ----------------------------------------------------------
    def for_type(self, placement_type: str, inside: bool, avoid_postcode: str):
        """A provider for a placement of this type (not at the postcode given: the home the child left)."""
        if placement_type in ("K2", "K1"):
            choices = self.homes
        elif placement_type == "K3":
            choices = self.supported
        elif placement_type == "R1":
            choices = [self.care_home]
        elif placement_type == "S1":
            choices = [self.school]
        else:
            choices = self.council_households if inside else self.agency_households
        fitting = [provider for provider in choices if provider.postcode != avoid_postcode]
        return self.random.choice(fitting)

    def adopters(self):
        """New adopters, approved through the regional adoption agency (URN XXXXXXX, 903 rule 242)."""
        postcode = self.random.choice(self.inside) if self.random.random() < 0.5 else self._outside()
        return self._record(
            ProviderKind.ADOPTERS, f"Mr and Mrs {self.faker.last_name()} (adopters)", "PR1", postcode, urn="XXXXXXX"
        )

    def parents(self, child_last_name: str, postcode: str):
        name = f"{self.random.choice(['Ms', 'Mrs', 'Mr'])} {child_last_name} (parent)"
        return self._record(ProviderKind.PARENTS, name, "PR0", postcode, urn="")

    # Making entries --------------------------------------------------------------------------------
    def _household(self):
        return self._record(
            ProviderKind.COUNCIL_FOSTER_CARERS,
            self._carers(),
            "PR1",
            self.random.choice(self.inside),
            urn=self.fostering_urn,  # the council's fostering service's URN
        )

    def _record(self, kind, name, code, postcode, urn=None, agency=None):
        if urn is None:
            urn = self._urn()
        if placement_areas([postcode])[postcode].local_authority in COUNTRIES.values():
            urn = ""  # no Ofsted URN outside England
        return provider_record(
            actor=self.actor,
            details=ProviderDetails(
                kind=kind,
                name=name,
                provider_code=code,
                urn=urn,
                postcode=postcode,
                agency_id=agency.pk if agency else None,
            ),
        )

    def _carers(self) -> str:
        titles = ["Mr and Mrs", "Ms", "Mr", "Mrs", "Mr and Mr", "Ms and Ms"]
        return f"{self.random.choice(titles)} {self.faker.last_name()}"

    def _urn(self) -> str:
        self.serial += self.random.randint(1, 900)
        return f"SC{self.serial:06d}"

    def _school_urn(self) -> str:
        return f"{self.random.randint(100000, 149999)}"

    def _outside(self, in_england: bool = False) -> str:
        """A postcode outside the council's area (in England, for an agency and its carers, whose
        households take its URN)."""
        while True:
            postcode = self.postcodes.placement(False)
            area = placement_areas([postcode])[postcode]
            if not area.inside_council_area and not (in_england and area.local_authority in COUNTRIES.values()):
                return postcode


def register_for(sim) -> ProviderRegister:
    """The council's register, made the first time a part of the simulation asks for it."""
    register = getattr(sim, "provider_register", None)
    if register is None:
        register = sim.provider_register = ProviderRegister(sim)
    return register
