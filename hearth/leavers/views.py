"""Care leavers' pages: the list of care leavers, a care leaver's page (status, personal adviser,
contacts, pathway plan reviews, what is due next), and recording a contact or a plan review."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from hearth.audit.views_helpers import require_perm
from hearth.cin.timeliness import describe_local_standard
from hearth.core.shared_reads import shared_reads
from hearth.leavers.forms import (
    CareLeaverContactForm,
    PathwayPlanReviewForm,
    SupportTo25RequestForm,
    SupportTo25WithdrawalForm,
)
from hearth.leavers.selectors import (
    CONTACT_RULE,
    PLAN_REVIEW_RULE,
    RESUMED_PLAN_RULE,
    awaiting_resumed_plan,
    care_leavers_on,
    contact_due,
    leaver_record,
    personal_adviser,
    plan_due,
    plan_up_to_date,
    review_dates,
    status_of,
)
from hearth.leavers.services import (
    care_leaver_contact_record,
    pathway_plan_review_record,
    support_to_25_request_record,
    support_to_25_withdrawal_record,
)
from hearth.people.models import Child
from hearth.people.selectors import children_visible_to
from hearth.timescales.selectors import clock


def leaver_list(request):
    """Care leavers the user may see, with status, personal adviser and what is due next."""
    require_perm(request, "leavers.view_care_leavers")
    today = timezone.localdate()
    children = children_visible_to(request.user)
    with shared_reads():  # each rule's clock (bank holidays, local standard) read once, not per young person
        leavers = care_leavers_on(today, children=children)
        # The periods and plan reviews came with the cohort; the contacts are read for all at once.
        prefetch_related_objects([leaver.child for leaver in leavers], "care_leaver_contacts")
        lines = [_due_summary(leaver.child, leaver.status, today) for leaver in leavers]
    return render(request, "leavers/leaver_list.html", {"lines": lines, "today": today})


def _due_summary(child: Child, status, today) -> dict:
    days = review_dates(child, today)
    owed = status.owed_pathway_plan
    return {
        "child": child,
        "status": status,
        "adviser": personal_adviser(child),
        "plan_due": plan_due(status, days, today) if owed else None,
        "plan_up_to_date": owed and plan_up_to_date(status, days, today),
        # Support to 25 asked for after a time past 21 without it, no plan since: due by T26A, not yet late.
        "awaiting_resumed_plan": owed and awaiting_resumed_plan(status, days),
        "contact_due": contact_due(status, child.care_leaver_contacts.all(), today),
        "last_review": max(days, default=None),
    }


def leaver(request, child_id: int):
    child = get_object_or_404(Child, pk=child_id)
    require_perm(request, "leavers.view_care_leaver", child)
    child = leaver_record(child.pk)
    today = timezone.localdate()
    return render(
        request,
        "leavers/leaver.html",
        {
            **_due_summary(child, status_of(child, today), today),
            **_support_to_25_words(child),
            "today": today,
            "review_rule": clock(PLAN_REVIEW_RULE).explain(),
            "resumed_plan_rule": clock(RESUMED_PLAN_RULE).explain(),
            "contact_rule": describe_local_standard(clock(CONTACT_RULE)),
        },
    )


def _support_to_25_words(child: Child) -> dict:
    """The young person's requests for support to 25 and their withdrawals, in date order, and whether
    the last word (of any date) is an asking (the page then offers to record a withdrawal)."""
    words = [
        {
            "asked": True,
            "day": r.requested_on,
            "text": r.note,
            "recorded_by": r.recorded_by,
            "recorded_at": r.recorded_at,
        }
        for r in child.support_to_25_requests.all()
    ] + [
        {
            "asked": False,
            "day": w.withdrawn_on,
            "text": w.reason,
            "recorded_by": w.recorded_by,
            "recorded_at": w.recorded_at,
        }
        for w in child.support_to_25_withdrawals.all()
    ]
    words.sort(key=lambda word: (word["day"], not word["asked"]))
    return {"support_to_25": words, "support_to_25_in_force": bool(words) and words[-1]["asked"]}


def _record(request, child_id: int, form_class, writer, template: str, done: str):
    child = get_object_or_404(Child, pk=child_id)
    require_perm(request, "leavers.record_care_leaver", child)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            writer(actor=request.user, child_id=child.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, done)
            return redirect("leavers:leaver", child_id=child.pk)
    status = status_of(leaver_record(child.pk), timezone.localdate())
    return render(request, template, {"form": form, "child": child, "status": status})


def leaver_contact(request, child_id: int):
    return _record(
        request,
        child_id,
        CareLeaverContactForm,
        care_leaver_contact_record,
        "leavers/leaver_contact.html",
        "Contact recorded",
    )


def pathway_plan_review(request, child_id: int):
    return _record(
        request,
        child_id,
        PathwayPlanReviewForm,
        pathway_plan_review_record,
        "leavers/pathway_plan_review.html",
        "Pathway plan review recorded",
    )


def support_to_25_request(request, child_id: int):
    return _record(
        request,
        child_id,
        SupportTo25RequestForm,
        support_to_25_request_record,
        "leavers/support_to_25_request.html",
        "Support to 25 recorded: contacts and the pathway plan go on to their 25th birthday",
    )


def support_to_25_withdrawal(request, child_id: int):
    return _record(
        request,
        child_id,
        SupportTo25WithdrawalForm,
        support_to_25_withdrawal_record,
        "leavers/support_to_25_withdrawal.html",
        "Recorded that they no longer want support to 25: no contact or pathway plan past 21 is owed until they "
        "ask again",
    )
