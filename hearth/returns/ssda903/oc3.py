"""The OC3 file: care leavers around their 17th to 21st birthdays (docs/returns-903.md, "OC3").
The cohort is the one the care leaver indicators C02-C05 count (hearth.leavers.indicators.oc3_cohort),
so the return and the figures agree."""

import datetime

from hearth.leavers.codes import Accommodation, InTouch
from hearth.leavers.indicators import oc3_cohort
from hearth.returns.ssda903.common import dfe_date

COLUMNS = ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"]
# Activity and accommodation are not asked for a young person who died or went home (rule 344).
NOTHING_TO_ASK = frozenset({InTouch.DIED, InTouch.RHOM})


def accommodation_code(letter: str, suitable: bool | None) -> str:
    """ACCOM: the letter and 1 if suitable, 2 if not; 0 when there is no information."""
    if letter == Accommodation.NONE:
        return "0"
    return f"{letter}{1 if suitable else 2}"


def oc3_rows(year_start: datetime.date, year_end: datetime.date) -> list[dict[str, str]]:
    rows = []
    for member in sorted(oc3_cohort(year_end), key=lambda m: m.child.pk):
        contact = member.contact
        if contact is None:
            # No contact in the window around the birthday: not in touch, nothing known.
            in_touch, activity, accommodation = InTouch.NO.value, "0", "0"
        elif contact.in_touch in NOTHING_TO_ASK:
            in_touch, activity, accommodation = contact.in_touch, "0", "0"
        else:
            in_touch = contact.in_touch
            activity = contact.activity
            accommodation = accommodation_code(contact.accommodation, contact.accommodation_suitable)
        rows.append(
            {
                "CHILD": member.child.hearth_id,
                "DOB": dfe_date(member.child.date_of_birth),
                "IN_TOUCH": in_touch,
                "ACTIV": activity,
                "ACCOM": accommodation,
            }
        )
    return rows
