"""How big a synthetic council is: its history, its front door, its staff and its looked-after
children. `manage.py simulate --size small|medium|large` picks one; small is the demo council.

The front door's rate sets the open cases (on the demo, about one contact in seven leaves a case
open at the end: 2,175 contacts over 15 months, about 300 open cases besides the looked-after
children's); the care cohort is set directly, because children come into care over many years
before the simulated months. The larger sizes keep the demo's proportions within care (a third as
many left care recently as are looked after today, almost half as many care leavers, one in nine
arrived alone, two in 45 adopted in the last year and as many awaiting a match), and give every six
social workers a team, every 70 looked-after children an IRO and every 1.5 looked-after children a
foster household, as the demo roughly does.
"""

import math
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class CouncilSize:
    name: str
    months: int  # of history simulated (contacts, duties, visits)
    contacts_per_month: int
    case_teams: int  # teams taking referrals, each with SOCIAL_WORKERS_PER_TEAM social workers
    looked_after: int  # children looked after today
    left_care: int  # children who left care in the last 13 months or so
    care_leavers: int  # young people aged 18-21 who were looked after until 18
    unaccompanied: int  # young people who arrived alone (UASC), besides the cohorts above
    adopted: int  # children adopted in the last complete year (besides those the cohort draws)
    awaiting_match: int  # children under a placement order, not yet matched
    iros: int  # IROs for looked-after children: the demo's `iro` sign-in and care-iro2... (besides
    # the two child protection chairs the protection simulation adds, who are IROs too)
    council_households: int  # the council's own foster carers
    households_per_agency: int  # each of the three independent fostering agencies' carers

    def with_looked_after(self, looked_after: int) -> "CouncilSize":
        """This size with another care cohort: the rest of care scaled from the demo's proportions."""
        scale = looked_after / SMALL.looked_after
        return replace(
            self,
            name=f"{self.name}, {looked_after} looked after",
            looked_after=looked_after,
            left_care=round(SMALL.left_care * scale),
            care_leavers=round(SMALL.care_leavers * scale),
            unaccompanied=max(1, round(SMALL.unaccompanied * scale)),
            adopted=max(1, round(SMALL.adopted * scale)),
            awaiting_match=max(1, round(SMALL.awaiting_match * scale)),
            iros=max(1, math.ceil(looked_after / 70)),
            council_households=max(SMALL.council_households, round(SMALL.council_households * scale)),
            households_per_agency=max(SMALL.households_per_agency, round(SMALL.households_per_agency * scale)),
        )


SMALL = CouncilSize(
    name="small",
    months=15,
    contacts_per_month=145,
    case_teams=3,
    looked_after=45,
    left_care=15,
    care_leavers=20,
    unaccompanied=5,
    adopted=2,
    awaiting_match=2,
    iros=1,
    council_households=30,
    households_per_agency=6,
)
# About 3,000 open cases: the demo's front door eight times over (750 looked after, a quarter of
# the open cases, as in England), 15 months.
MEDIUM = replace(SMALL.with_looked_after(750), name="medium", contacts_per_month=1100, case_teams=28)
# About 10,000 open cases, 2,500 looked after, 5 years.
LARGE = replace(SMALL.with_looked_after(2500), name="large", months=60, contacts_per_month=1200, case_teams=92)

SIZES = {size.name: size for size in (SMALL, MEDIUM, LARGE)}


def writes_in_bulk(size: str, asked: bool | None = None) -> bool:
    """Whether a council of this size (its name in SIZES) is built with the bulk writers
    (hearth/simulate/*_writes.py): as asked (--bulk, --no-bulk), else on for medium and large and off
    for small, the demo, which is built through the services as it always was. `manage.py simulate`
    and bench/generator.py both decide it here, so a bench measures what the command builds."""
    return size != SMALL.name if asked is None else asked
