"""The DfE's code lists for a child's characteristics, shared by the SSDA903 return and the children
in need census, spelled as the returns spell them so that no translation table is needed.

Sources (checked against the DfE's own validators, which councils run before sending a return):
- Ethnicity: the 903 Header's ETHNIC (csc-validator-be-903 0.1.17, rule 103) and the CIN census's
  Ethnicity (csc-validator-be-cin, rule 4220): the same twenty codes in both.
- UPN not known: the 903 accepts UN1 to UN5 in the UPN column (903 rule 168). The CIN census accepts
  UN1 to UN7 (csc-validator-be-cin: rule 8770Q's list of reasons; rule 8772 names UN7 "Referral with
  no further action" and refuses it for a child with any referral going on to further action). UN6
  and UN7 are the census's alone: the 903 does not send them (CIN_CENSUS_ONLY_UPN_REASONS). Meanings
  of UN1 to UN6 from the DfE's common basic data set (code set CS051), shortened: UN6's is not in
  the validator's code; it was found in two copies of CS051 kept by others (docs/returns-cin.md,
  "UN6: what the sources say").
- Disability: the CIN census's Disability list (csc-validator-be-cin, rule 8540), with the census
  guide's meanings, shortened.
"""

from django.db import models


class Ethnicity(models.TextChoices):
    WBRI = "WBRI", "White: English, Welsh, Scottish, Northern Irish or British"
    WIRI = "WIRI", "White: Irish"
    WIRT = "WIRT", "White: Traveller of Irish heritage"
    WROM = "WROM", "White: Gypsy or Roma"
    WOTH = "WOTH", "White: any other White background"
    MWBC = "MWBC", "Mixed: White and Black Caribbean"
    MWBA = "MWBA", "Mixed: White and Black African"
    MWAS = "MWAS", "Mixed: White and Asian"
    MOTH = "MOTH", "Mixed: any other mixed background"
    AIND = "AIND", "Asian or Asian British: Indian"
    APKN = "APKN", "Asian or Asian British: Pakistani"
    ABAN = "ABAN", "Asian or Asian British: Bangladeshi"
    AOTH = "AOTH", "Asian or Asian British: any other Asian background"
    BCRB = "BCRB", "Black or Black British: Caribbean"
    BAFR = "BAFR", "Black or Black British: African"
    BOTH = "BOTH", "Black or Black British: any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused: the child or family declined to say"
    NOBT = "NOBT", "Information not yet obtained"


class UpnUnknownReason(models.TextChoices):
    UN1 = "UN1", "UN1: aged under 6 and not yet given a UPN"
    UN2 = "UN2", "UN2: has never attended a state-funded school in England"
    UN3 = "UN3", "UN3: educated outside England"
    UN4 = "UN4", "UN4: new to the council (in the last week before 31 March) and the UPN not yet obtained"
    UN5 = "UN5", "UN5: the sources that hold UPNs disagree about the child's name or date of birth"
    UN6 = (
        "UN6",
        "UN6: the child is not looked after and the council is unable to obtain the UPN (children in need census only)",
    )
    UN7 = "UN7", "UN7: a referral with no further action (children in need census only)"


# The reasons only the children in need census accepts: the 903 (looked-after children) refuses them.
CIN_CENSUS_ONLY_UPN_REASONS = frozenset({UpnUnknownReason.UN6.value, UpnUnknownReason.UN7.value})


class Disability(models.TextChoices):
    NONE = "NONE", "No disability"
    MOB = "MOB", "Mobility: getting about the house and beyond"
    HAND = "HAND", "Hand function: holding and touching"
    PC = "PC", "Personal care: eating, washing, dressing"
    INC = "INC", "Incontinence: controlling the passage of urine or faeces"
    COMM = "COMM", "Communication: speaking and understanding others"
    LD = "LD", "Learning: understanding or learning new things"
    HEAR = "HEAR", "Hearing"
    VIS = "VIS", "Vision: seeing"
    BEH = "BEH", "Behaviour: a condition with behavioural difficulties (including ADHD)"
    CON = "CON", "Consciousness: seizures"
    AUT = "AUT", "Autism or Asperger syndrome"
    DDA = "DDA", "Other disability under the Equality Act 2010 definition"


class UascCeaseReason(models.TextChoices):
    """Why a child stopped being an unaccompanied asylum-seeking child before their 18th birthday
    (Hearth's own list: the 903 asks only for the date, DUC)."""

    GRANTED = "GRANTED", "Granted refugee status or leave to remain"
    NOT_UNACCOMPANIED = "NOT_UNACCOMPANIED", "No longer unaccompanied: joined by a parent or relative"
    CLAIM_ENDED = "CLAIM_ENDED", "Asylum claim refused or withdrawn, and appeal rights exhausted"
    OTHER = "OTHER", "Another reason"


# The relationship type (people.RelationshipType, kept as data) linking a young person to their own
# son or daughter: the family record from which the 903's MOTHER and MC_DOB are read.
OWN_CHILD_RELATIONSHIP = "OWN_CHILD"
