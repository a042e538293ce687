"""The child's summary: a pathway plan, for a young person owed one today (with a link to their
care leaver's page, where an overdue or missing plan shows)."""

from django.urls import reverse
from django.utils import timezone

from hearth.care.selectors import periods_of_care_of
from hearth.leavers.selectors import spells_of, support_to_25_on
from hearth.leavers.status import leaver_status, of_an_age_for_a_status
from hearth.records.selectors import OpenPlan


def open_plans(child) -> list[OpenPlan]:
    today = timezone.localdate()
    if not of_an_age_for_a_status(child.date_of_birth, today):
        return []
    status = leaver_status(
        child.date_of_birth, spells_of(periods_of_care_of(child)), today, **support_to_25_on(child, today)
    )
    if not status.owed_pathway_plan:
        return []
    # As "What is due" has read them for the child's page (prefetched), or read here.
    reviews = sorted(child.pathway_plan_reviews.all(), key=lambda review: review.reviewed_on)
    started = reviews[0].reviewed_on if reviews else status.became_eligible_on
    title = f"Pathway plan ({status.status})" if reviews else f"Pathway plan due ({status.status}, none recorded)"
    heard = [review for review in reviews if review.child_voice]
    detail = f"The young person's voice ({heard[-1].reviewed_on:%-d %B %Y}): {heard[-1].child_voice}" if heard else ""
    return [
        OpenPlan(
            title=title,
            started=started,
            url=reverse("leavers:leaver", args=[child.pk]),
            detail=detail,
            permission="leavers.view_care_leaver",
            permission_object=child,
        )
    ]
