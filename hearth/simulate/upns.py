"""The synthetic council's unique pupil numbers: in the national format, and none a real child's.

A UPN is a check letter, then the local authority number (3 digits), the school's DfE establishment
number (4), the last two digits of the academic year it was allocated (2) and a serial (3). The
CIN census's validator checks characters 2-4 against the DfE's list of local authority numbers
(csc-validator-be-cin rule 1530: 999, the fictional code the demo once used, is refused), so the
demo's UPNs carry a real council's number: the demo council's own, 892. What makes them impossible
as real UPNs is the year: UPNs were first allocated in the 1999/2000 academic year, so no real UPN
carries 90 to 98 as its year digits (those years come round again only in 2090), and every UPN here
does (90 + the year the child started school, modulo 9, so the serials spread over nine years).
No DfE rule checks the year digits. docs/returns-cin.md, "What the demo council's census still
fails", records the decision.
"""

from hearth.people.identifiers import upn_check_letter

SYNTHETIC_UPN_LA_NUMBER = "892"
FIRST_UPN_YEAR = 1999  # the 1999/2000 academic year: the first UPNs


def synthetic_year_digits(started_school: int) -> str:
    """Two year digits no real UPN carries (90 to 98), from the year the child started school."""
    return f"{90 + started_school % 9:02d}"


def synthetic_upn(school: str, started_school: int, serial: int) -> str:
    rest = f"{SYNTHETIC_UPN_LA_NUMBER}{school}{synthetic_year_digits(started_school)}{serial % 1000:03d}"
    return upn_check_letter(rest) + rest


def is_synthetic_upn(upn: str) -> bool:
    """A UPN of this module's making: the demo's LA number and a year before UPNs existed."""
    return len(upn) == 13 and upn[1:4] == SYNTHETIC_UPN_LA_NUMBER and 90 <= int(upn[8:10]) <= 98
