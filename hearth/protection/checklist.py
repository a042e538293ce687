"""The conference quality checklist: the questions the chair answers for every conference.

Kept as data with a version: a checklist once completed keeps the version it was answered
against, so changing the questions later (a new version) never rewrites what a chair said.
A council changes the questions by adding a version here and making it CURRENT.
"""

CHECKLIST_VERSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "2026-1": (
        ("reports_shared_24h", "Were the agencies' reports shared with the family at least 24 hours before?"),
        (
            "child_views_represented",
            "Were the child's wishes and views represented (in person, by an advocate or in writing)?",
        ),
        ("parents_attended", "Did the parents or carers attend, or have their views represented?"),
        ("key_agencies_present", "Were police, health, education and children's social care present or reporting?"),
        ("social_work_report_quality", "Was the social work report analytical and clear about risk and strengths?"),
        ("plan_smart", "Is the outline plan specific, measurable, achievable, realistic and time-bound (SMART)?"),
        ("interpreter_needs_met", "Were communication and interpreter needs met?"),
        ("decision_explained", "Was the decision, and the category, explained to the family?"),
    ),
}
CURRENT_VERSION = "2026-1"


def questions(version: str = CURRENT_VERSION) -> tuple[tuple[str, str], ...]:
    return CHECKLIST_VERSIONS[version]
