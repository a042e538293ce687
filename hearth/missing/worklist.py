"""Return home interviews on worklists: for each child on the cases whose return from a missing
episode is recorded and whose interview is not yet offered, the offer due 72 hours after the return
(T30). It stays until the offer is recorded."""

from django.urls import reverse
from django.utils.timezone import localtime

from hearth.missing.selectors import INTERVIEW_RULE, episodes_awaiting_interview, episodes_for_child
from hearth.people.rows_held import cases_may_hold, the_page_child
from hearth.timescales.selectors import clock
from hearth.workforce.selectors import case_holder


def interview_due_items(referrals) -> list:
    from hearth.worklists.selectors import WorkItem

    referrals = list(referrals)
    if not cases_may_hold(referrals, "missing.MissingEpisode"):
        return []
    by_child = {}
    for referral in referrals:
        by_child.setdefault(referral.child_id, referral)
    interview_clock = clock(INTERVIEW_RULE)
    items = []
    if child := the_page_child(referrals):  # as the child's missing section reads them
        episodes = [e for e in episodes_for_child(child) if e.returned_at and e.interview_offered_at is None]
    else:
        episodes = episodes_awaiting_interview(by_child)
    for episode in episodes:
        referral = by_child[episode.child_id]
        items.append(
            WorkItem(
                child_id=episode.child_id,
                child_name=str(episode.child),
                duty=f"Return home interview: offer it ({episode.get_kind_display().split(' (')[0].lower()} "
                f"from {localtime(episode.started_at):%-d %b %Y})",
                started=episode.returned_at,
                due=interview_clock.due(episode.returned_at),
                rule=interview_clock.explain(),
                local_due=None,
                local_rule=None,
                worker=case_holder(referral),
                team=str(referral.team),
                url=reverse("missing:interview_record", args=[episode.pk]),
                permission="missing.record_missing",
                permission_object=episode,
            )
        )
    return items
