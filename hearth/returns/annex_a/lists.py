"""Annex A's lists as Ofsted lays them out: each list's number, name, column headings in Ofsted's
order, the columns Hearth cannot fill yet, and the value labels Ofsted's drop-downs use.

The layout followed is Ofsted's Annex A for the ILACS framework as the children's services data
community encodes it (Social Finance's liia-tools Annex A schema of October 2023: Lists 1 to 11),
checked again against that schema as reworked after the December 2024 framework update (January
2025, liia-tools-pipeline): the same lists and headings in the same order. docs/annex-a.md says
where each column comes from and the readings taken."""

from dataclasses import dataclass, field

CHILD_ID = "Child Unique ID"
GENDER = "Gender"
ETHNICITY = "Ethnicity"
BIRTH = "Date of Birth"
AGE = "Age of Child (Years)"
DISABILITY = "Does the Child have a Disability"
TEAM = "Allocated Team"
WORKER = "Allocated Worker"

COMMON = (CHILD_ID, GENDER, ETHNICITY, BIRTH, AGE)


@dataclass(frozen=True)
class ListSpec:
    number: int
    name: str
    headings: tuple[str, ...]
    # Columns the record cannot fill yet, each with why: left blank, and said so on the heading.
    blank: dict[str, str] = field(default_factory=dict)
    # Set when Hearth records nothing the list asks for: the sheet has its headings and this note.
    not_recorded: str = ""
    # Set when Ofsted's window for the list is not the period chosen (adoption: 12 months).
    window_note: str = ""

    @property
    def sheet_name(self) -> str:
        return f"List {self.number} - {self.name}"[:31]


NOT_RECORDED_COLUMN = "Hearth does not record this yet: left blank."

CONTACTS = ListSpec(1, "Contacts", (*COMMON, "Date of Contact", "Contact Source"))

EARLY_HELP = ListSpec(
    2,
    "Early help",
    (*COMMON, "Assessment start date", "Assessment completion date", "Organisation completing assessment"),
    not_recorded=(
        "Early help is not recorded in Hearth, so this list has no rows. The council's early help "
        "system holds the assessments Ofsted asks for here."
    ),
)

REFERRALS = ListSpec(
    3,
    "Referrals",
    (
        *COMMON,
        "Date of referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
        TEAM,
        WORKER,
    ),
)

ASSESSMENTS = ListSpec(
    4,
    "Assessments",
    (
        *COMMON,
        DISABILITY,
        "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?",
        TEAM,
        WORKER,
    ),
)

SECTION_47 = ListSpec(
    5,
    "Section 47 and ICPC",
    (
        *COMMON,
        DISABILITY,
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months",
        TEAM,
        WORKER,
    ),
)

CHILDREN_IN_NEED = ListSpec(
    6,
    "Children in need",
    (
        *COMMON,
        DISABILITY,
        "CIN Start Date",
        "Primary Need Code",
        "Date Child Was Last Seen",
        "CIN Closure Date",
        "Reason for Closure",
        "Case Status",
        TEAM,
        WORKER,
    ),
)

CHILD_PROTECTION = ListSpec(
    7,
    "Child protection",
    (
        *COMMON,
        DISABILITY,
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Date of the Last Statutory Visit",
        "Was the Child Seen Alone?",
        "Date of latest review conference",
        "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
        "Number of Previous Child Protection Plans",
        TEAM,
        WORKER,
    ),
)

LOOKED_AFTER = ListSpec(
    8,
    "Children in care",
    (
        *COMMON,
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
        DISABILITY,
        "Date Started to be Looked After",
        "Child's Category of Need",
        "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
        "Start date of current legal status",
        "Child's Legal Status",
        "Date of Latest Statutory Review",
        "Date of Last Social Work Visit",
        "What is the permanence plan for this child?",
        "Date of Last IRO Visit / Contact to the Child",
        "Date of Last Health Assessment",
        "Date of Last Dental Check",
        "Number of Placements in the Last 12 months",
        "Date Ceased to be Looked After",
        "Reason Ceased to be Looked After",
        "Start Date of Most Recent Placement",
        "Placement Type",
        "Placement Provider",
        "Placement postcode",
        "URN of Placement",
        "Placement Location",
        "LA of Placement",
        "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
        "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
        "Was the child offered a Return Interview after their last missing episode (Y/N)?",
        "Did the child accept a Return Interview after their last missing episode (Y/N)?",
        TEAM,
        WORKER,
    ),
    blank={
        "What is the permanence plan for this child?": (
            "Hearth records the care plan's permanence plan as text, not as one of Ofsted's categories: left blank."
        ),
        "Date of Last IRO Visit / Contact to the Child": (
            "Hearth records the IRO's appointment and the reviews they chair, not their visits or contacts "
            "with the child between reviews: left blank."
        ),
    },
)

CARE_LEAVERS = ListSpec(
    9,
    "Care leavers",
    (
        *COMMON,
        "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
        DISABILITY,
        TEAM,
        WORKER,
        "Allocated Personal Advisor",
        "Eligibility Category",
        "Latest Pathway Plan Review Date",
        "LA in Touch",
        "Latest Date of Contact",
        "Type of Accommodation",
        "Suitability of Accommodation",
        "Activity Status",
    ),
)

ADOPTION_WINDOW_NOTE = (
    "Ofsted asks for the 12 months before the inspection for this list: it covers the 12 months to the "
    "end of the period chosen."
)

ADOPTION = ListSpec(
    10,
    "Adoption",
    (
        CHILD_ID,
        "Family identifier",
        GENDER,
        ETHNICITY,
        BIRTH,
        AGE,
        DISABILITY,
        "Date the Child Entered Care",
        "Date of Decision that Child Should be Placed for Adoption",
        "Date of Placement Order",
        "Date of Matching Child and Prospective Adopters",
        "Date Placed for Adoption",
        "Date of Adoption Order",
        "Date of Decision that Child Should No Longer be Placed for Adoption",
        "Reason Why Child No Longer Placed for Adoption",
        "Date the child was placed for fostering in FFA or concurrent planning placement",
    ),
    blank={
        "Family identifier": (
            "Hearth records each child's match with adopters, not which children were placed together "
            "as a family: left blank."
        ),
    },
    window_note=ADOPTION_WINDOW_NOTE,
)

ADOPTERS = ListSpec(
    11,
    "Adopters",
    (
        "Individual adopter identifier",
        "Family identifier",
        GENDER,
        ETHNICITY,
        "Disability",
        "Is the (prospective) adopter fostering for adoption?",
        "Date enquiry received",
        "Date Stage 1 started",
        "Date Stage 1 ended",
        "Date Stage 2 started",
        "Date Stage 2 ended",
        "Date application submitted",
        "Date application approved",
        "Date adopter matched with child(ren)",
        "Date child/children placed with adopter(s)",
        "No. of children placed",
        "Date of Adoption Order",
        "Date of leaving adoption process",
        "Reason for leaving adoption process",
    ),
    not_recorded=(
        "Hearth records children, not adopters' recruitment and approval, so this list has no rows. The "
        "adoption agency (usually the regional adoption agency) holds the adopters Ofsted asks for here."
    ),
    window_note=ADOPTION_WINDOW_NOTE,
)

ALL_LISTS = (
    CONTACTS,
    EARLY_HELP,
    REFERRALS,
    ASSESSMENTS,
    SECTION_47,
    CHILDREN_IN_NEED,
    CHILD_PROTECTION,
    LOOKED_AFTER,
    CARE_LEAVERS,
    ADOPTION,
    ADOPTERS,
)

# Ofsted's drop-down values (the "a) ..." labels its template offers) --------------------------------

YES, NO, UNKNOWN = "a) Yes", "b) No", "c) Unknown"

GENDERS = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"}

# Ethnicity in Ofsted's order: a) WBRI to t) NOBT.
ETHNICITIES = {
    code: f"{letter}) {code}"
    for letter, code in zip(
        "abcdefghijklmnopqrst",
        ("WBRI WIRI WIRT WOTH WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH REFU NOBT").split(),
        strict=True,
    )
}

SOURCES = {
    "1A": "a) 1A: Individual",
    "1B": "b) 1B: Individual",
    "1C": "c) 1C: Individual",
    "1D": "d) 1D: Individual",
    "2A": "e) 2A: Schools",
    "2B": "f) 2B: Education services",
    "3A": "g) 3A: Health services",
    "3B": "h) 3B: Health services",
    "3C": "i) 3C: Health services",
    "3D": "j) 3D: Health services",
    "3E": "k) 3E: Health services",
    "3F": "l) 3F: Health services",
    "4": "m) 4: Housing",
    "5A": "n) 5A: LA services",
    "5B": "o) 5B: LA services",
    "5C": "p) 5C: LA services",
    "5D": "p1) 5D: LA services",
    "6": "q) 6: Police",
    "7": "r) 7: Other legal agency",
    "8": "s) 8: Other",
    "9": "t) 9: Anonymous",
    "10": "u) 10: Unknown",
}

PRIMARY_NEEDS = {
    "N1": "N1 - Abuse or neglect",
    "N2": "N2 - Child's disability",
    "N3": "N3 - Parental disability or illness",
    "N4": "N4 - Family in acute stress",
    "N5": "N5 - Family dysfunction",
    "N6": "N6 - Socially unacceptable behaviour",
    "N7": "N7 - Low income",
    "N8": "N8 - Absent parenting",
    "N9": "N9 - Cases other than children in need",
    "N0": "N0 - Not stated",
}

CLOSURE_REASONS = {
    "RC1": "RC1 - Adopted",
    "RC2": "RC2 - Died",
    "RC3": "RC3 - Child arrangements order",
    "RC4": "RC4 - Special guardianship order",
    "RC5": "RC5 - Transferred to services of another local authority",
    "RC6": "RC6 - Transferred to adult social care services",
    "RC7": "RC7 - Services ceased for any other reason, including child no longer in need",
    "RC8": "RC8 - Case closed after assessment, no further action",
    "RC9": "RC9 - Case closed after assessment, referred to early help",
}

LOOKED_AFTER_CASE = "a) Looked after child"
PROTECTION_CASE = "b) Child Protection plan"
CIN_PLAN_CASE = "c) Child in need plan"
OPEN_ASSESSMENT_CASE = "d) Open assessment"
CLOSED_CASE = "e) Closed episode"

CATEGORIES = {
    "NEG": "a) Neglect",
    "PHY": "b) Physical abuse",
    "SAB": "c) Sexual abuse",
    "EMO": "d) Emotional abuse",
    "MUL": "e) Multiple/not recommended",
}

PROVIDERS = {
    "PR0": "a) PR0: Parents/Parental responsibility",
    "PR1": "b) PR1: Own provision",
    "PR2": "c) PR2: Other LA provision",
    "PR3": "d) PR3: Other public provision",
    "PR4": "e) PR4: Private provision",
    "PR5": "f) PR5: Voluntary/third sector",
}

ELIGIBILITY = {
    "relevant": "a) Relevant child",
    "former relevant": "b) Former relevant child",
    "qualifying": "c) Qualifying care leaver",
    "eligible": "d) Eligible child",
}

IN_TOUCH = {
    "YES": "a) Yes",
    "NO": "b) No",
    "DIED": "c) Died",
    "REFU": "d) Refu",
    "NREQ": "e) NREQ",
    "RHOM": "f) Rhom",
}

REVERSAL_REASONS = {
    "RD1": "RD1 - The child's needs changed subsequent to the decision",
    "RD2": "RD2 - The Court did not make a placement order",
    "RD3": "RD3 - Prospective adopters could not be found",
    "RD4": "RD4 - Any other reason",
}
