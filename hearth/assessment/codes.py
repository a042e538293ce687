"""The CIN census assessment factor code list (FactorsIdentifiedAtAssessment), as data for the
AssessmentFactor table.

Source: DfE children in need census specification, as recorded in DOMAIN.md section 5.2: the
digit is the theme, the letter says whose (A the child, B a parent or carer, C another person
living in the household). Privately fostered variants 8B-8F follow the DfE guide's wording. A code
DfE retires is marked inactive, never deleted, so old assessments keep their label.
"""

NO_FACTORS_CODE = "21"  # "No factors identified": may only stand alone (CIN census rule 8869)

_WHOSE = {
    "A": "concerns about the child",
    "B": "concerns about the parent or carer",
    "C": "concerns about another person living in the household",
}


def _three(number: int, theme: str) -> list[tuple[str, str]]:
    return [(f"{number}{letter}", f"{theme}: {whose}") for letter, whose in _WHOSE.items()]


ASSESSMENT_FACTORS: list[tuple[str, str]] = [
    *_three(1, "Alcohol misuse"),
    *_three(2, "Drug misuse"),
    *_three(3, "Domestic violence"),
    *_three(4, "Mental health"),
    *_three(5, "Learning disability"),
    *_three(6, "Physical disability or illness"),
    ("7A", "Young carer"),
    ("8B", "Privately fostered: overseas children who intend to return"),
    ("8C", "Privately fostered: overseas children who intend to stay"),
    ("8D", "Privately fostered: UK children in educational placements"),
    ("8E", "Privately fostered: UK children making alternative family arrangements"),
    ("8F", "Privately fostered: other"),
    ("9A", "Unaccompanied asylum-seeking child"),
    ("10A", "Going missing"),
    ("11A", "Child sexual exploitation"),
    ("12A", "Trafficking"),
    ("13A", "Gangs"),
    ("14A", "Socially unacceptable behaviour"),
    ("15A", "Self-harm"),
    ("16A", "Neglect"),
    ("17A", "Emotional abuse"),
    ("18B", "Physical abuse by a child"),
    ("18C", "Physical abuse by an adult"),
    ("19B", "Sexual abuse by a child"),
    ("19C", "Sexual abuse by an adult"),
    ("20", "Other"),
    (NO_FACTORS_CODE, "No factors identified"),
    ("22A", "Female genital mutilation"),
    ("23A", "Abuse linked to faith or belief"),
    ("24A", "Child criminal exploitation"),
]


def sort_key(code: str) -> tuple[int, str]:
    """Census order: by the theme's number, then the letter (1A, 1B, ..., 10A, ..., 24A)."""
    digits = "".join(c for c in code if c.isdigit())
    return int(digits), code[len(digits) :]
