"""Pages for a looked-after child's Independent Reviewing Officer: a manager appoints one; a
manager lists the children with none (an IRO's own list is the duties': hearth/duties/views.py).
Each checks a permission (hearth/iro/rules.py), calls one service or selector, and renders."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from hearth.audit.views_helpers import require_perm
from hearth.care.models import PeriodOfCare
from hearth.iro import selectors, services
from hearth.iro.forms import IroAppointForm


def iro_appoint(request, pk: int):
    """Appoint the child's IRO, or appoint another in their place."""
    period = get_object_or_404(PeriodOfCare.objects.select_related("child"), pk=pk)
    require_perm(request, "iro.appoint_iro", period)
    form = IroAppointForm(request.POST or None, initial={"current_id": services.current_appointment_id(period)})
    if request.method == "POST" and form.is_valid():
        try:
            appointment = services.iro_appoint(actor=request.user, period_id=period.pk, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{appointment.iro.get_full_name()} is now {period.child}'s IRO")
            return redirect("care:period", pk=period.pk)
    context = {"form": form, "period": period, "current": selectors.current_appointment(period)}
    return render(request, "iro/iro_appoint.html", context)


def children_without_iro(request):
    """Looked-after children (that this manager may see) with no IRO appointed."""
    require_perm(request, "iro.view_children_without_iro")
    return render(request, "iro/children_without_iro.html", {"rows": selectors.children_without_iro(request.user)})
