"""National identifiers for a child: the NHS number and the unique pupil number (UPN).

Both carry a check character, so a mistyped number is caught at the keyboard rather than
matched to the wrong child later.
"""

import re

NHS_NUMBER_LENGTH = 10
# The NHS modulus 11 check: the first nine digits are weighted 10 down to 2; the check digit is
# 11 minus the remainder of the sum divided by 11 (11 becomes 0; 10 means the number is not valid).
# Source: NHS Data Dictionary, "NHS Number" (data element), check digit algorithm.
NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)

# The UPN check letter: characters 2-13 weighted 2 to 13, the sum divided by 23, the remainder
# looked up in this alphabet (I, O and S are never used). A letter in position 13 (a temporary
# UPN) counts as its place in the same alphabet. Source: DfE, "Unique pupil numbers (UPNs):
# guidance for schools and local authorities", annex on the check letter algorithm.
UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
UPN_PATTERN = re.compile(r"^[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$")


def nhs_number_digits(text: str) -> str:
    """The digits of an NHS number as typed (spaces and dashes allowed): 943 476 5919 -> 9434765919."""
    return re.sub(r"[\s-]", "", text or "")


def nhs_check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when no check digit can make them valid."""
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, NHS_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def nhs_number_is_valid(digits: str) -> bool:
    if len(digits) != NHS_NUMBER_LENGTH or not digits.isascii() or not digits.isdigit():
        return False
    return nhs_check_digit(digits[:9]) == int(digits[9])


def format_nhs_number(digits: str) -> str:
    """As people read it: 943 476 5919."""
    if len(digits) != NHS_NUMBER_LENGTH:
        return digits
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def upn_normalise(text: str) -> str:
    return re.sub(r"\s", "", text or "").upper()


def _upn_value(character: str) -> int:
    return int(character) if character.isdigit() else UPN_CHECK_LETTERS.index(character)


def upn_check_letter(last_twelve: str) -> str:
    total = sum(_upn_value(character) * weight for character, weight in zip(last_twelve, range(2, 14), strict=True))
    return UPN_CHECK_LETTERS[total % 23]


def upn_is_valid(upn: str) -> bool:
    if not UPN_PATTERN.match(upn):
        return False
    return upn_check_letter(upn[1:]) == upn[0]


# A UK postcode as written: outward code (area, district) and inward code (sector, unit), e.g.
# SW1A 1AA, M1 1AE, B33 8TH. Stored in capitals with one space; the shape is checked here, and
# whether it exists is for the ONS postcode data when distances are worked out.
POSTCODE_PATTERN = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$")


def postcode_normalise(text: str) -> str:
    compact = "".join(text.split()).upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def postcode_is_valid(postcode: str) -> bool:
    return bool(POSTCODE_PATTERN.fullmatch(postcode))
