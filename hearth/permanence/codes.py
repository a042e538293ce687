"""The DfE's SSDA903 code lists for adoption (AD1, PlacedAdoption) and previous permanence
(PrevPerm), as the return spells them and as csc-validator-be-903 0.1.17 checks them (rules 120,
175-177, 631, 633), so the return needs no translation table. Labels are the 903 guide's, shortened
for forms; where the guide's wording was not checked, docs/permanence.md says so."""

from django.db import models


class PreviousPermanenceOption(models.TextChoices):
    # 903 PrevPerm PREV_PERM (rule 631).
    P1 = "P1", "P1: adopted"
    P2 = "P2", "P2: special guardianship order"
    P3 = "P3", "P3: residence order or child arrangements order saying with whom the child lives"
    P4 = "P4", "P4: not known"
    Z1 = "Z1", "Z1: none (no earlier adoption, special guardianship or child arrangements order)"


# The options with an order behind them: the council that arranged it and its date belong with them
# (rule 630 asks for both unless Z1; rule 635 refuses them without a PREV_PERM).
WITH_AN_ORDER = frozenset({"P1", "P2", "P3", "P4"})

# 903 LA_PERM (rule 633): the DfE's three-digit local authority codes, as the validator lists them,
# and the four codes for orders made outside England.
ENGLISH_LA_CODES = frozenset(
    (
        "800,889,822,301,304,303,330,825,837,302,846,370,350,890,867,380,305,801,351,873,823,895,896,"
        "381,909,202,908,331,306,841,830,831,878,371,835,332,840,307,308,811,881,845,390,916,203,876,"
        "850,311,204,884,312,205,313,805,919,310,309,420,921,206,207,886,810,382,314,340,888,208,856,"
        "383,855,209,925,341,201,821,352,806,887,826,315,929,812,391,926,892,813,802,928,891,392,316,"
        "815,353,931,879,836,851,874,807,354,317,870,318,372,857,333,935,343,803,373,342,893,356,355,"
        "871,394,334,933,882,936,861,852,319,860,808,393,866,210,357,894,883,880,358,211,937,869,320,"
        "359,865,384,335,336,212,868,872,885,344,877,213,938,816,999"
    ).split(",")
)
OUTSIDE_ENGLAND = {
    "WAL": "Wales",
    "SCO": "Scotland",
    "NIR": "Northern Ireland",
    "NUK": "outside the United Kingdom",
}
LA_PERM_CODES = ENGLISH_LA_CODES | frozenset(OUTSIDE_ENGLAND)


class DecisionReversalReason(models.TextChoices):
    # 903 PlacedAdoption REASON_PLACED_CEASED (rule 120).
    RD1 = "RD1", "RD1: the child's needs changed after the decision"
    RD2 = "RD2", "RD2: the court did not make a placement order"
    RD3 = "RD3", "RD3: prospective adopters could not be found"
    RD4 = "RD4", "RD4: any other reason"


class AdoptersSex(models.TextChoices):
    # 903 AD1 SEX_ADOPTR (rule 176): the adopters' sex at the date of adoption.
    M1 = "M1", "M1: a single man"
    F1 = "F1", "F1: a single woman"
    MM = "MM", "MM: a couple, both men"
    FF = "FF", "FF: a couple, both women"
    MF = "MF", "MF: a couple, a man and a woman"


SINGLE_ADOPTER = frozenset({"M1", "F1"})
COUPLE = frozenset({"MM", "FF", "MF"})


class AdoptersLegalStatus(models.TextChoices):
    # 903 AD1 LS_ADOPTR (rule 177).
    L0 = "L0", "L0: a single adopter"
    L11 = "L11", "L11: a married couple of different sexes"
    L12 = "L12", "L12: a married couple of the same sex"
    L2 = "L2", "L2: civil partners"
    L3 = "L3", "L3: an unmarried couple of different sexes"
    L4 = "L4", "L4: an unmarried couple of the same sex"


# Which SEX_ADOPTR each LS_ADOPTR allows (rules 514, 517, 518, 519, 520, 524).
SEXES_FOR_LEGAL_STATUS = {
    "L0": SINGLE_ADOPTER,
    "L11": frozenset({"MF"}),
    "L12": frozenset({"MM", "FF"}),
    "L2": COUPLE,
    "L3": frozenset({"MF"}),
    "L4": frozenset({"MM", "FF"}),
}
RULE_FOR_LEGAL_STATUS = {"L0": "514", "L11": "520", "L12": "524", "L2": "519", "L3": "517", "L4": "518"}

# Placements for adoption with the child's current foster carers (AD1 FOSTER_CARE 1; rule 335).
WITH_CURRENT_FOSTER_CARERS = frozenset({"A3", "A5"})


class PermanencePlanType(models.TextChoices):
    """The plan for permanence in a looked-after child's care plan (Children Act 1989 guidance,
    volume 2: care planning, placement and case review), agreed by the second review."""

    RETURN_HOME = "return_home", "Return home to parents"
    FAMILY_AND_FRIENDS = "family_friends", "Living with family or friends"
    LONG_TERM_FOSTERING = "long_term_fostering", "Long-term fostering"
    ADOPTION = "adoption", "Adoption"
    SPECIAL_GUARDIANSHIP = "special_guardianship", "Special guardianship order"
    CHILD_ARRANGEMENTS = "child_arrangements", "Child arrangements order"


# Care ended for a special guardianship order (903 REC E45-E48): the permanence a plan for special
# guardianship reaches (the same list as hearth/leavers/status.py, which permanence cannot import).
SPECIAL_GUARDIANSHIP_END_REASONS = frozenset({"E45", "E46", "E47", "E48"})
