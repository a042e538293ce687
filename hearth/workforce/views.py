from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from hearth.audit.views_helpers import require_perm
from hearth.cin.models import PlanEndReason
from hearth.frontdoor.models import Referral
from hearth.frontdoor.services import case_close
from hearth.workforce import services
from hearth.workforce.forms import AllocationForm, CaseCloseForm, CaseTransferForm, ChangeReasonForm
from hearth.workforce.models import Allocation
from hearth.workforce.selectors import allocation_history
from hearth.worklists.selectors import caseloads


def allocate(request, referral_id: int):
    referral = get_object_or_404(Referral.objects.select_related("child", "team"), pk=referral_id)
    require_perm(request, "workforce.allocate_case", referral)
    counts = {c.worker.pk: c.children for c in caseloads(referral.team)}
    current = referral.allocations.filter(ended_on__isnull=True).select_related("worker__user").first()
    form = AllocationForm(
        request.POST or None,
        team=referral.team,
        caseload_counts=counts,
        changing_worker=current is not None,
        initial={"started_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            allocation = services.case_allocate(
                actor=request.user,
                referral_id=referral.pk,
                worker_id=form.cleaned_data["worker"].pk,
                started_on=form.cleaned_data["started_on"],
                change_reason=form.cleaned_data.get("change_reason", ""),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Case allocated to {allocation.worker}")
            return redirect("people:child_detail", pk=referral.child_id)
    context = {
        "form": form,
        "referral": referral,
        "current": current,
        "history": allocation_history(referral),
        "transfers": referral.transfers.select_related("from_team", "to_team"),
    }
    return render(request, "workforce/allocate.html", context)


def allocation_reason(request, referral_id: int, allocation_id: int):
    """Add the reason to an earlier change of worker recorded without one (SW13 in the 903)."""
    referral = get_object_or_404(Referral.objects.select_related("child", "team"), pk=referral_id)
    require_perm(request, "workforce.allocate_case", referral)
    allocation = get_object_or_404(
        Allocation.objects.select_related("worker__user"), pk=allocation_id, referral=referral
    )
    # Bound on every POST: a form with one set of radios posts nothing when none is chosen.
    form = ChangeReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.allocation_change_reason_add(
                actor=request.user, allocation_id=allocation.pk, change_reason=form.cleaned_data["change_reason"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Reason recorded for the change to {allocation.worker}")
            return redirect("workforce:allocate", referral_id=referral.pk)
    context = {"form": form, "referral": referral, "allocation": allocation}
    return render(request, "workforce/allocation_reason.html", context)


def close(request, referral_id: int):
    """Close the child's case with the CIN census reason (team or service manager)."""
    referral = get_object_or_404(Referral.objects.select_related("child", "team"), pk=referral_id)
    require_perm(request, "workforce.allocate_case", referral)
    form = CaseCloseForm(request.POST or None, initial={"closed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            case_close(actor=request.user, referral_id=referral.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            ended = referral.cin_plans.filter(
                ended_on=form.cleaned_data["closed_on"], end_reason=PlanEndReason.CASE_CLOSED
            )
            note = " Their child in need plan ended on the same date." if ended.exists() else ""
            if request.user.has_perm("people.view_child", referral.child):
                messages.success(request, f"Case closed: {referral.child}.{note}")
                return redirect("people:child_detail", pk=referral.child_id)
            # A closed case leaves the team's caseload, and with it a manager's sight of the child:
            # back to the team page, not to a record they may no longer open.
            messages.success(
                request, f"Case closed: {referral.child}.{note} The record is no longer open to your team."
            )
            return redirect("worklists:team")
    context = {
        "form": form,
        "referral": referral,
        "cin_plan": referral.cin_plans.filter(ended_on__isnull=True).first(),
        "protection_plan": referral.child.protection_plans.filter(ended_on__isnull=True).first(),
        "period_of_care": referral.child.periods_of_care.filter(ended_on__isnull=True).first(),
    }
    return render(request, "workforce/close.html", context)


def transfer(request, referral_id: int):
    """Move the case to another team from a day (a manager of the team holding it, or a service
    manager); the worker keeps it until a manager of the new team reallocates it."""
    referral = get_object_or_404(Referral.objects.select_related("child", "team"), pk=referral_id)
    require_perm(request, "workforce.allocate_case", referral)
    form = CaseTransferForm(request.POST or None, referral=referral, initial={"transferred_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.case_transfer(
                actor=request.user,
                referral_id=referral.pk,
                to_team_id=form.cleaned_data["to_team"].pk,
                transferred_on=form.cleaned_data["transferred_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Case moved to {moved.to_team}: its worker keeps it until it is reallocated")
            return redirect("people:child_detail", pk=referral.child_id)
    transfers = referral.transfers.select_related("from_team", "to_team", "recorded_by")
    current = referral.allocations.filter(ended_on__isnull=True).select_related("worker__user").first()
    context = {"form": form, "referral": referral, "transfers": transfers, "current": current}
    return render(request, "workforce/transfer.html", context)
