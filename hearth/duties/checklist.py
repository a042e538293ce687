"""The independent reviewing officer's quality checklist for a looked-after review: the questions
the IRO answers about each review they chair (IRO Handbook 2010, chapters 3 and 4: what the IRO
checks before and at the review). Kept as data with a version, as the conference checklist is
(hearth/protection/checklist.py): a checklist once completed keeps the version it was answered
against. A council changes the questions by adding a version here and making it CURRENT."""

CHECKLIST_VERSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "lac-2026-1": (
        (
            "child_consulted",
            "Did the IRO consult the child before the review, and were their wishes and feelings put to it?",
        ),
        (
            "child_participated",
            "Did the child take part in the way they chose (in person, through an advocate or in writing)?",
        ),
        ("care_plan_current", "Was an up-to-date care plan, with a plan for permanence, before the review?"),
        ("report_shared", "Was the social worker's report shared with the IRO at least 3 working days before?"),
        ("parents_views", "Were the views of the parents and others with parental responsibility sought?"),
        ("health_education_current", "Were the child's health assessment and personal education plan up to date?"),
        ("visits_in_time", "Were statutory visits made in time, with the child seen alone where appropriate?"),
        ("recommendations_done", "Were the last review's recommendations carried out within their timescales?"),
    ),
}
CURRENT_VERSION = "lac-2026-1"


def questions(version: str = CURRENT_VERSION) -> tuple[tuple[str, str], ...]:
    return CHECKLIST_VERSIONS[version]
