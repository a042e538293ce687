"""Child protection duties on worklists: the ICPC due (T05), the first core group (T06) and the
next ones (T06L), the next review conference (T07/T08). Due dates come from protection.selectors,
which asks the timescales rules. And the open stages of the reviewing officers' concerns (T50)."""

from django.db.models import Prefetch
from django.urls import reverse

from hearth.people.rows_held import cases_may_hold, the_page_child
from hearth.protection.models import Conference, CoreGroup, EscalationStep, ProtectionPlan, Section47Enquiry
from hearth.protection.selectors import enquiries_of, icpc_due, plan_duties, protection_plans_of
from hearth.timescales.selectors import clock
from hearth.workforce.selectors import case_holder


def protection_items(referrals) -> list:
    from hearth.worklists.selectors import WorkItem

    referrals = list(referrals)
    by_id = {r.pk: r for r in referrals}
    enquiries = Section47Enquiry.objects.filter(referral_id__in=by_id, outcome__in=["", "ICPC"]).prefetch_related(
        "conferences"
    )
    if not cases_may_hold(referrals, "protection.Section47Enquiry"):
        enquiries = []
    elif child := the_page_child(referrals):  # as the child's protection section reads them
        enquiries = [e for e in enquiries_of(child) if e.referral_id in by_id and e.outcome in ("", "ICPC")]
    plans = ProtectionPlan.objects.filter(referral_id__in=by_id, ended_on__isnull=True).prefetch_related(
        Prefetch("reviews", queryset=Conference.objects.order_by("held_on")),
        Prefetch("core_groups", queryset=CoreGroup.objects.order_by("held_on")),
    )
    if not cases_may_hold(referrals, "protection.ProtectionPlan"):
        plans = []
    elif child := the_page_child(referrals):
        plans = [p for p in protection_plans_of(child) if p.referral_id in by_id and p.ended_on is None]
    items = []

    def item(referral, due, suffix=""):
        return WorkItem(
            child_id=referral.child_id,
            child_name=str(referral.child),
            duty=due.duty + suffix,
            started=due.started,
            due=due.due,
            rule=due.clock.explain(),
            local_due=due.local_due,
            local_rule=due.clock.explain_local(),
            worker=case_holder(referral),
            team=str(referral.team),
            url=reverse("people:child_detail", args=[referral.child_id]),
        )

    for enquiry in enquiries:
        due = icpc_due(enquiry)
        if due is not None:
            items.append(item(by_id[enquiry.referral_id], due, f" (section 47 from {enquiry.started_on:%-d %b %Y})"))
    for plan in plans:
        for due in plan_duties(plan):
            items.append(item(by_id[plan.referral_id], due, " (child protection plan)"))
    return items


def open_concern_items(referrals) -> list:
    """Each open stage of an independent reviewing officer's concern about these cases (raised at a
    conference or a looked-after review), on the worker's and the team's worklists until it is
    resolved: due T50's working days after the stage opened."""
    from hearth.worklists.selectors import WorkItem

    referrals = list(referrals)
    by_id = {r.pk: r for r in referrals}
    if not by_id or not cases_may_hold(referrals, "protection.Escalation"):
        return []
    steps = (
        EscalationStep.objects.filter(escalation__referral_id__in=by_id, closed_on__isnull=True)
        .select_related("escalation")
        .order_by("opened_on", "pk")
    )
    t50 = clock("T50")
    items = []
    for step in steps:
        referral = by_id[step.escalation.referral_id]
        allocations = getattr(referral, "current_allocations", None)
        if allocations is None:
            allocations = [a for a in referral.allocations.all() if a.ended_on is None]
        items.append(
            WorkItem(
                child_id=referral.child_id,
                child_name=str(referral.child),
                duty=f"Reviewing officer's concern ({step.escalation.get_raised_at_display().lower()} "
                f"{step.escalation.raised_on:%-d %b %Y}), {step.get_stage_display().lower()} with {step.with_whom}",
                started=step.opened_on,
                due=t50.due(step.opened_on),
                rule=t50.explain(),
                local_due=t50.local_due(step.opened_on),
                local_rule=t50.explain_local(),
                worker=str(allocations[0].worker) if allocations else "Unallocated",
                team=str(referral.team),
                url=reverse("people:child_detail", args=[referral.child_id]),
            )
        )
    return items


def cases_with_a_plan(referrals) -> set[int]:
    """Of these open cases, those on which a child protection plan has started (open or ended):
    their assessment stage is over (worklists.selectors.ASSESSMENT_OVERTAKEN_SOURCES)."""
    by_id = {referral.pk: referral for referral in referrals}
    if not cases_may_hold(by_id.values(), "protection.ProtectionPlan"):
        return set()
    if child := the_page_child(by_id.values()):  # as the child's protection section reads them
        return {plan.referral_id for plan in protection_plans_of(child) if plan.referral_id in by_id}
    return set(ProtectionPlan.objects.filter(referral_id__in=by_id).values_list("referral_id", flat=True))
