"""Pages for a looked-after child's Independent Reviewing Officer: a manager appoints one; an IRO
lists the children they review; a manager lists the children with none. Each checks a permission
(hearth/care/record_rules.py), calls one service or selector, and renders."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from hearth.audit.services import child_view_record
from hearth.audit.views_helpers import require_perm
from hearth.care import iro_selectors, iro_services
from hearth.care.iro_forms import IroAppointForm
from hearth.care.models import PeriodOfCare


def iro_appoint(request, pk: int):
    """Appoint the child's IRO, or appoint another in their place."""
    period = get_object_or_404(PeriodOfCare.objects.select_related("child"), pk=pk)
    require_perm(request, "care.appoint_iro", period)
    form = IroAppointForm(request.POST or None, initial={"current_id": iro_services.current_appointment_id(period)})
    if request.method == "POST" and form.is_valid():
        try:
            appointment = iro_services.iro_appoint(actor=request.user, period_id=period.pk, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{appointment.iro.get_full_name()} is now {period.child}'s IRO")
            return redirect("care:period", pk=period.pk)
    if request.method == "GET":
        child_view_record(actor=request.user, child=period.child, page="care_iro_appoint")
    context = {"form": form, "period": period, "current": iro_selectors.current_appointment(period)}
    return render(request, "care/iro_appoint.html", context)


def children_i_review(request):
    """The IRO's own list: the looked-after children they are appointed to, and what is due."""
    require_perm(request, "care.view_children_i_review")
    return render(request, "care/children_i_review.html", {"rows": iro_selectors.children_i_review(request.user)})


def children_without_iro(request):
    """Looked-after children (that this manager may see) with no IRO appointed."""
    require_perm(request, "care.view_children_without_iro")
    return render(request, "care/children_without_iro.html", {"rows": iro_selectors.children_without_iro(request.user)})
