"""Looked-after children's duties on worklists: the next review (T18-T20), health assessment (T21,
T22U/T22) and dental check (T23) for each open period of care on the cases. Visits come through
hearth/care/visits.py and the visits worklist."""

from hearth.duties import due_dates
from hearth.duties.selectors import open_period_for, open_periods_with_duties, period_duties
from hearth.people.rows_held import cases_may_hold, the_page_child
from hearth.workforce.selectors import case_holder


def looked_after_duty_items(referrals) -> list:
    from hearth.worklists.selectors import WorkItem

    referrals = list(referrals)
    if not cases_may_hold(referrals, "care.PeriodOfCare"):
        return []
    by_id = {r.pk: r for r in referrals}
    if child := the_page_child(referrals):  # the open period as the child's page reads it
        period = open_period_for(child)
        periods = [period] if period is not None and period.referral_id in by_id else []
    else:
        periods = open_periods_with_duties(frozenset(by_id))
    clocks = due_dates.Clocks()
    items = []
    for period in periods:
        referral = by_id[period.referral_id]
        for duty in period_duties(period, clocks):
            items.append(
                WorkItem(
                    child_id=period.child_id,
                    child_name=str(period.child),
                    duty=f"{duty.label} (looked after)",
                    started=duty.due.started,
                    due=duty.due.due,
                    rule=duty.due.clock.explain(),
                    local_due=None,
                    local_rule=None,
                    worker=case_holder(referral),
                    team=str(referral.team),
                    url=duty.url,
                    permission=duty.permission,
                    permission_object=period,
                )
            )
    return items
