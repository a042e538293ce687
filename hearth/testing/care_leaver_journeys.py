"""Journey data for care leavers, built through the services like a user."""

import datetime

from hearth.care.services import care_end
from hearth.leavers.services import care_leaver_contact_record, pathway_plan_review_record
from hearth.testing.journeys import Staff, looked_after_child, new_child


def care_leaver(
    staff: Staff,
    first_name: str,
    last_name: str,
    born: datetime.date,
    started_on: datetime.date,
    ended_on: datetime.date | None,
    reason: str = "E17",
):
    """A young person born on `born`, looked after from started_on (in foster care) until ended_on
    (still looked after if None). Returns the child."""
    child = new_child(staff, first_name, last_name, born=born)
    period = looked_after_child(staff, child, started_on)
    if ended_on is not None:
        care_end(
            actor=staff.social_worker.user,
            period_id=period.pk,
            version=period.version,
            ended_on=ended_on,
            reason=reason,
        )
    return child


def contact(staff: Staff, child, on: datetime.date, in_touch="YES", activity="F2", accommodation="U", suitable=True):
    """A personal adviser's contact, seen in person; not in touch records no information."""
    if in_touch != "YES":
        activity, accommodation, suitable = "0", "0", None
    return care_leaver_contact_record(
        actor=staff.social_worker.user,
        child_id=child.pk,
        contacted_on=on,
        method="IN_PERSON",
        in_touch=in_touch,
        activity=activity,
        accommodation=accommodation,
        accommodation_suitable=suitable if accommodation != "0" else None,
    )


def pathway_review(staff: Staff, child, on: datetime.date, adviser="Robin Adviser"):
    return pathway_plan_review_record(
        actor=staff.social_worker.user,
        child_id=child.pk,
        reviewed_on=on,
        personal_adviser=adviser,
        summary="Staying in the flat; college course in September; budgeting support.",
    )
