"""Performance clinics' pages (docs/workforce.md "Performance clinics"): the clinics, holding one on
an indicator, a clinic with its frozen rows and actions, completing an action. Kept beside views.py
so that each stays small."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from hearth.audit.views_helpers import require_perm
from hearth.people.selectors import children_visible_to
from hearth.performance.catalogue import CATALOGUE, CATALOGUE_BY_ID
from hearth.performance.selectors import indicator_rating
from hearth.quality import services_clinics
from hearth.quality.forms import AuditActionCompleteForm
from hearth.quality.forms_clinics import ClinicChooseForm, ClinicForm
from hearth.quality.models import ClinicAction, PerformanceClinic
from hearth.workforce.models import Worker


def clinic_list(request):
    """Every clinic, newest first, with its rating then and its open actions; choose an indicator to
    hold a new one."""
    require_perm(request, "quality.view_clinics")
    choose = ClinicChooseForm(request.GET or None, indicators=CATALOGUE)
    if request.GET and choose.is_valid():
        return redirect("quality:clinic_new", indicator_id=choose.cleaned_data["indicator"])
    clinics = PerformanceClinic.objects.select_related("recorded_by").prefetch_related("actions")
    return render(
        request,
        "quality/clinic_list.html",
        {
            "clinics": clinics,
            "choose": choose,
            "can_hold": request.user.has_perm("quality.hold_clinic"),
            "today": timezone.localdate(),
        },
    )


def _owners():
    today = timezone.localdate()
    return (
        Worker.objects.exclude(left_on__lt=today)
        .select_related("user", "team")
        .order_by("team__name", "user__last_name", "user__first_name")
    )


def clinic_new(request, indicator_id: str):
    require_perm(request, "quality.hold_clinic")
    indicator = CATALOGUE_BY_ID.get(indicator_id)
    if indicator is None:
        raise Http404("No such indicator")
    today = timezone.localdate()
    form = ClinicForm(request.POST or None, owners=_owners(), initial={"held_on": today})
    if request.method == "POST" and form.is_valid():
        try:
            clinic = services_clinics.clinic_hold(
                actor=request.user, indicator_id=indicator.id, **form.service_arguments()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Clinic on {indicator.id} recorded")
            return redirect("quality:clinic_detail", pk=clinic.pk)
    context = {"form": form, "indicator": indicator, "rating": indicator_rating(indicator, today), "today": today}
    return render(request, "quality/clinic_new.html", context)


def clinic_detail(request, pk: int):
    clinic = get_object_or_404(PerformanceClinic.objects.select_related("recorded_by"), pk=pk)
    require_perm(request, "quality.view_clinics")
    rows = list(clinic.rows.select_related("child"))
    child_ids = {row.child_id for row in rows if row.child_id is not None}
    visible = set(children_visible_to(request.user).filter(pk__in=child_ids).values_list("pk", flat=True))
    shown = [row for row in rows if row.child_id is None or row.child_id in visible]
    actions = [
        {
            "action": action,
            "can_complete": action.is_open and request.user.has_perm("quality.complete_clinic_action", action),
        }
        for action in clinic.actions.select_related("owner__user", "owner__team__manager", "completed_by")
    ]
    next_clinic = (
        PerformanceClinic.objects.filter(indicator_id=clinic.indicator_id, held_on__gt=clinic.held_on)
        .order_by("held_on")
        .first()
    )
    context = {
        "clinic": clinic,
        "rows": shown,
        "hidden": len(rows) - len(shown),
        "actions": actions,
        "next_clinic": next_clinic,
        "today": timezone.localdate(),
    }
    return render(request, "quality/clinic_detail.html", context)


def clinic_action_complete(request, pk: int):
    action = get_object_or_404(
        ClinicAction.objects.select_related("clinic", "owner__user", "owner__team__manager"), pk=pk
    )
    require_perm(request, "quality.complete_clinic_action", action)
    form = AuditActionCompleteForm(request.POST or None, initial={"version": action.version})
    if request.method == "POST" and form.is_valid():
        try:
            services_clinics.clinic_action_complete(actor=request.user, action_id=action.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Clinic action completed")
            return redirect("quality:clinic_detail", pk=action.clinic_id)
    return render(request, "quality/clinic_action_complete.html", {"form": form, "action": action})
