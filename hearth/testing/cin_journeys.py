"""Journey data for children in need plans and visits, built through the services like a user."""

import datetime

from hearth.cin.services import cin_plan_review, cin_plan_start
from hearth.testing.journeys import Staff, authorised_assessment
from hearth.visits.services import visit_record


def child_on_cin_plan(
    staff: Staff,
    child,
    assessed_on: datetime.date,
    plan_start: datetime.date | None = None,
    worker=None,
):
    """Referred, allocated and assessed on `assessed_on` (authorised the same day, outcome CIN plan),
    then a plan started on plan_start (the same day if not given)."""
    assessment = authorised_assessment(staff, child, assessed_on, assessed_on, worker=worker)
    return cin_plan_start(
        actor=(worker or staff.social_worker).user,
        referral_id=assessment.referral_id,
        started_on=plan_start or assessed_on,
        aims="Keep the children safe at home; regular school attendance; support for mum's health.",
        agreed_with="Mother; school's safeguarding lead; health visitor",
    )


# The reasons a review gives for its decision (required of every review recorded: docs/children-in-need.md).
REVIEW_REASONS = "Attendance up and mum engaging with her GP; the plan's actions are not finished yet."


def review(staff: Staff, plan, reviewed_on: datetime.date, decision="CONTINUE", **kwargs):
    kwargs.setdefault("decision_reasons", REVIEW_REASONS)
    plan.refresh_from_db()
    return cin_plan_review(
        actor=staff.social_worker.user,
        plan_id=plan.pk,
        version=plan.version,
        reviewed_on=reviewed_on,
        attendees="Mother; school; health visitor; social worker",
        decision=decision,
        **kwargs,
    )


# The write-up of a visit at home that happened (docs/visits.md, "The write-up").
VISIT_WRITE_UP = {
    "place": "HOME",
    "bedroom_seen": True,
    "others_seen": "Mother",
    "observations": "Warm, tidy home with food in; relaxed with her mother.",
    "next_steps": "School to share attendance; next visit within 20 working days.",
}


def visit(staff: Staff, referral, visited_on: datetime.date, *, seen=True, alone=False, reason="", worker=None):
    """A visit at which the child was seen (alone if asked); with a reason, one that could not happen."""
    happened = not reason
    return visit_record(
        actor=staff.social_worker.user,
        referral_id=referral.pk,
        visited_on=visited_on,
        visitor_id=(worker or staff.social_worker).pk,
        happened=happened,
        seen=seen if happened else None,
        seen_alone=alone if happened and seen else None,
        child_voice="Showed me her drawing of the family; said she likes her new school." if happened and seen else "",
        not_possible_reason=reason,
        **((VISIT_WRITE_UP | {"bedroom_seen": VISIT_WRITE_UP["bedroom_seen"] if seen else None}) if happened else {}),
    )
