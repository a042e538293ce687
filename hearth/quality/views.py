from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from hearth.audit.views_helpers import require_perm
from hearth.frontdoor.models import Referral
from hearth.quality import selectors, services
from hearth.quality.case_supervision import needing_case_supervision
from hearth.quality.forms import AuditActionCompleteForm, AuditListFilterForm, CaseAuditForm, CaseSupervisionForm
from hearth.quality.indicators import escalations_by_stage_and_outcome
from hearth.quality.models import AuditAction, CaseAudit, Grade


def audit_record(request, referral_id: int):
    """Record an audit of a case, with up to three actions for the workers."""
    referral = get_object_or_404(Referral.objects.select_related("child", "team"), pk=referral_id)
    require_perm(request, "quality.record_audit", referral)
    form = CaseAuditForm(request.POST or None, workers=selectors.workers_for_actions(referral))
    if request.method == "POST" and form.is_valid():
        try:
            audit = services.case_audit_record(actor=request.user, referral_id=referral.pk, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Case audit recorded")
            return redirect("quality:audit_detail", pk=audit.pk)
    return render(request, "quality/audit_record.html", {"form": form, "referral": referral})


def audit_detail(request, pk: int):
    """An audit with its grade, findings and actions; the actions this user may complete link on."""
    audit = get_object_or_404(CaseAudit.objects.select_related("child"), pk=pk)
    require_perm(request, "quality.view_audit", audit)
    audit = selectors.audit_with_actions(pk)
    actions = [
        {"action": action, "can_complete": action.is_open and request.user.has_perm("quality.complete_action", action)}
        for action in audit.actions.all()
    ]
    return render(
        request,
        "quality/audit_detail.html",
        {
            "audit": audit,
            "actions": actions,
            "holder": selectors.holder_on(audit.referral, audit.audited_on),
            "today": timezone.localdate(),
        },
    )


def action_complete(request, pk: int):
    action = get_object_or_404(
        AuditAction.objects.select_related("audit__child", "audit__referral", "worker__user", "worker__team"), pk=pk
    )
    require_perm(request, "quality.complete_action", action)
    form = AuditActionCompleteForm(request.POST or None, initial={"version": action.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.audit_action_complete(actor=request.user, action_id=action.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Audit action completed")
            return redirect("quality:audit_detail", pk=action.audit_id)
    return render(request, "quality/action_complete.html", {"form": form, "action": action})


def audit_list(request):
    """The quality leads' list: audits by month, team and grade, with the counts by grade."""
    require_perm(request, "quality.view_audit_list")
    form = AuditListFilterForm(
        request.GET or None,
        teams=selectors.teams_for_filter(),
        months=selectors.audit_months(timezone.localdate()),
    )
    chosen = form.cleaned_data if form.is_valid() else {}
    listing = selectors.audit_list(
        user=request.user, month=chosen.get("month"), team_id=chosen.get("team"), grade=chosen.get("grade") or None
    )
    grade_label = Grade(chosen["grade"]).label if chosen.get("grade") else ""
    today = timezone.localdate()
    return render(
        request,
        "quality/audit_list.html",
        {
            "form": form,
            **listing,
            "grade_label": grade_label,
            "today": today,
            # Figures only (no child): the IRO escalations this year, as Q02 and P08 count them.
            "escalations": escalations_by_stage_and_outcome(today),
        },
    )


def case_supervision_record(request, referral_id: int):
    """Record case supervision on the child's file, with when the next is due."""
    referral = get_object_or_404(Referral.objects.select_related("child", "team"), pk=referral_id)
    require_perm(request, "quality.record_case_supervision", referral)
    form = CaseSupervisionForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.case_supervision_record(actor=request.user, referral_id=referral.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Case supervision recorded for {referral.child}")
            return redirect("people:child_detail", pk=referral.child_id)
    due = needing_case_supervision(timezone.localdate(), child_ids=[referral.child_id])
    context = {
        "form": form,
        "referral": referral,
        "due": due[0] if due else None,
    }
    return render(request, "quality/case_supervision_record.html", context)
