"""The DfE's SSDA903 code lists for looked-after children, as the return spells them (DOMAIN.md 2.3,
5.1), so the return needs no translation table. Labels are the guide's, shortened for forms."""

from django.db import models


class LegalStatus(models.TextChoices):
    C1 = "C1", "C1: interim care order (Children Act 1989 s38)"
    C2 = "C2", "C2: full care order (s31)"
    D1 = "D1", "D1: freeing order (none made since 30 December 2005)"
    E1 = "E1", "E1: placement order (Adoption and Children Act 2002 s21)"
    V2 = "V2", "V2: single period of accommodation (s20)"
    V3 = "V3", "V3: agreed series of short breaks, each episode recorded"
    V4 = "V4", "V4: short breaks, agreements recorded"
    L1 = "L1", "L1: police protection in local authority accommodation (s46)"
    L2 = "L2", "L2: emergency protection order (s44)"
    L3 = "L3", "L3: child assessment order in local authority accommodation (s43)"
    J1 = "J1", "J1: remanded to local authority or youth detention accommodation"
    J2 = "J2", "J2: local authority accommodation under PACE 1984"
    J3 = "J3", "J3: youth rehabilitation order with a residence or fostering requirement"


# Children looked after only for short breaks are left out of most looked-after measures (DOMAIN 4.1).
SHORT_BREAK_STATUSES = frozenset({LegalStatus.V3, LegalStatus.V4})


class PlacementType(models.TextChoices):
    """The DfE's 2025-26 list (903 rule 146, as `csc-validator-be-903` 0.1.17 holds it). H5, P2 and Z1
    left the list: K3 (supported accommodation) replaced H5, and Z1 was split into Z11-Z14. A
    placement recorded before the change keeps its code (RETIRED_PLACEMENT_TYPES): it is history, and
    only placements open in a return year reach that year's return (docs/returns-903.md)."""

    U1 = "U1", "U1: foster placement with a relative or friend, long term"
    U2 = "U2", "U2: foster placement with a relative or friend, fostering for adoption or concurrent planning"
    U3 = "U3", "U3: foster placement with a relative or friend, other"
    U4 = "U4", "U4: foster placement with another carer, long term"
    U5 = "U5", "U5: foster placement with another carer, fostering for adoption or concurrent planning"
    U6 = "U6", "U6: foster placement with another carer, other"
    A3 = "A3", "A3: placed for adoption with consent, with the current foster carer"
    A4 = "A4", "A4: placed for adoption with consent, not with the current foster carer"
    A5 = "A5", "A5: placed for adoption under a placement order, with the current foster carer"
    A6 = "A6", "A6: placed for adoption under a placement order, not with the current foster carer"
    K1 = "K1", "K1: secure children's home"
    K2 = "K2", "K2: children's home"
    K3 = "K3", "K3: supported accommodation registered with Ofsted (16 and over)"
    P1 = "P1", "P1: with parents or another person with parental responsibility"
    P3 = "P3", "P3: residential employment"
    R1 = "R1", "R1: residential care home"
    R2 = "R2", "R2: NHS trust or other medical or nursing establishment"
    R3 = "R3", "R3: family centre or mother and baby unit"
    R5 = "R5", "R5: young offender institution or prison"
    S1 = "S1", "S1: residential school"
    T0 = "T0", "T0: temporary move, any type"
    T1 = "T1", "T1: temporary: in hospital"
    T2 = "T2", "T2: temporary: child on holiday"
    T3 = "T3", "T3: temporary: foster carer on holiday"
    T4 = "T4", "T4: temporary: seven days or less, other reason"
    Z11 = "Z11", "Z11: other placement (DfE code Z11)"
    Z12 = "Z12", "Z12: other placement (DfE code Z12)"
    Z13 = "Z13", "Z13: other placement (DfE code Z13)"
    Z14 = "Z14", "Z14: other placement (DfE code Z14)"


# Codes in the lists before 2025-26, kept on placements recorded with them (never chosen now).
RETIRED_PLACEMENT_TYPES = {
    "H5": "H5: semi-independent or supported accommodation (before 2025-26)",
    "P2": "P2: independent living (before 2025-26)",
    "Z1": "Z1: other placement (before 2025-26)",
}
# Every code a stored placement may hold: the current list and the retired codes.
ALL_PLACEMENT_TYPES = [*PlacementType.choices, *RETIRED_PLACEMENT_TYPES.items()]

FOSTER_PLACEMENTS = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
ADOPTION_PLACEMENTS = frozenset({"A3", "A4", "A5", "A6"})
# Placed for adoption with the current foster carers: only from S, T or U episodes (903 rule 217).
ADOPTION_WITH_CURRENT_CARERS = frozenset({"A3", "A5"})
# A period of care cannot start or end with a temporary placement (903 rules 380, 381).
TEMPORARY_PLACEMENTS = frozenset({"T0", "T1", "T2", "T3", "T4"})
OTHER_PLACEMENTS = frozenset({"Z11", "Z12", "Z13", "Z14"})
# No PLACE_PROVIDER for these (903 rules 178, 213).
NO_PROVIDER_CODE = TEMPORARY_PLACEMENTS | OTHER_PLACEMENTS
# No URN for these (903 rule 222); every other type needs one in England (rule 218).
NO_URN = frozenset({"P1", "P3", "R1", "R2", "R5"}) | TEMPORARY_PLACEMENTS | OTHER_PLACEMENTS
# URN "XXXXXXX" (a regional adoption agency) only with these (903 rule 242).
URN_XXXXXXX_ALLOWED = FOSTER_PLACEMENTS | ADOPTION_PLACEMENTS
REGIONAL_ADOPTION_AGENCY_URN = "XXXXXXX"
# The youngest a child may be on the day a placement of this type starts, in years (903 rules
# 371 K3 16, 372 R5 10, 373 S1 4, 374 P3 14).
MINIMUM_AGE = {"K3": (16, "371"), "R5": (10, "372"), "S1": (4, "373"), "P3": (14, "374")}


class PlacementProvider(models.TextChoices):
    """903 PLACE_PROVIDER (rule 178)."""

    PR0 = "PR0", "PR0: parent or other person with parental responsibility"
    PR1 = "PR1", "PR1: this council's own provision"
    PR2 = "PR2", "PR2: another council's provision"
    PR3 = "PR3", "PR3: other public provision (for example the NHS)"
    PR4 = "PR4", "PR4: private provision"
    PR5 = "PR5", "PR5: voluntary or third sector provision"


# Placement types each provider code cannot provide (903 rules 527, 528, 529, 530, 531, 550).
PROVIDER_CANNOT_PROVIDE = {
    "PR0": ("550", frozenset(PlacementType.values) - {"P1"}),
    "PR1": ("527", frozenset({"P1", "R2", "R5"})),
    "PR2": ("528", frozenset({"P1", "R2", "R5"})),
    "PR3": ("529", ADOPTION_PLACEMENTS | FOSTER_PLACEMENTS | {"P1", "K1", "K2"}),
    "PR4": ("530", frozenset({"P1"})),
    "PR5": ("531", frozenset({"P1"})),
}


class PlacementChangeReason(models.TextChoices):
    # On the placement that ends when the child moves (903 REASON_PLACE_CHANGE; labels paraphrased).
    CARPL = "CARPL", "Change to the care plan"
    CLOSE = "CLOSE", "Provider resigned or the provision closed"
    ALLEG = "ALLEG", "Allegation (section 47 enquiry)"
    STAND = "STAND", "Concern about standards of care"
    APPRR = "APPRR", "Carer's approval removed"
    CREQB = "CREQB", "Carer asked for the placement to end because of the child's behaviour"
    CREQO = "CREQO", "Carer asked for the placement to end for another reason"
    CHILD = "CHILD", "Child asked for the placement to end"
    LAREQ = "LAREQ", "The council asked for the placement to end"
    PLACE = "PLACE", "Change of placement status only"
    CUSTOD = "CUSTOD", "Custody"
    OTHER = "OTHER", "Other"


class CareEndReason(models.TextChoices):
    # 903 REC, without X1 (a new episode in the same period is derived, never chosen).
    E11 = "E11", "E11: adopted, application unopposed"
    E12 = "E12", "E12: adopted, consent dispensed with by the court"
    E13 = "E13", "E13: left care to live with parents, relatives or others without parental responsibility"
    E2 = "E2", "E2: died"
    E3 = "E3", "E3: care taken over by another local authority"
    E4A = "E4A", "E4A: returned home to parents or others with parental responsibility, as planned"
    E4B = "E4B", "E4B: returned home to parents or others with parental responsibility, not planned"
    E41 = "E41", "E41: residence order or child arrangements order granted"
    E45 = "E45", "E45: special guardianship order to former foster carers who are relatives or friends"
    E46 = "E46", "E46: special guardianship order to other former foster carers"
    E47 = "E47", "E47: special guardianship order to relatives or friends (not former foster carers)"
    E48 = "E48", "E48: special guardianship order to other carers"
    E5 = "E5", "E5: moved into independent living with supportive accommodation"
    E6 = "E6", "E6: moved into independent living without formal support"
    E7 = "E7", "E7: transferred to residential care funded by adult social care"
    E9 = "E9", "E9: sentenced to custody"
    E14 = "E14", "E14: accommodation on remand ended"
    E15 = "E15", "E15: age assessment found the child to be 18 or over"
    E16 = "E16", "E16: moved abroad"
    E17 = "E17", "E17: aged 18 or over and stayed with the current carers (Staying Put)"
    E8 = "E8", "E8: ceased for any other reason"


ADOPTION_END_REASONS = frozenset({"E11", "E12"})
