"""Pages for looked-after children: adapters that validate a form, call one service or selector, and
render."""

# The care record: start care, the period of care, legal status, placement, end, care plans ----------

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from hearth.audit.views_helpers import require_perm
from hearth.care import selectors, services
from hearth.care.forms import (
    CareDecisionApproveForm,
    CareEndForm,
    CarePlanForm,
    CareStartForm,
    DeprivationOfLibertyEndForm,
    DeprivationOfLibertyStartForm,
    LegalStatusChangeForm,
    PlacementChangeForm,
    ProviderForm,
)
from hearth.care.models import PeriodOfCare, Provider
from hearth.frontdoor.models import Referral
from hearth.timescales.selectors import clock


def care_start(request, referral_id: int):
    """The child becomes looked after on this open case."""
    referral = get_object_or_404(Referral.objects.select_related("child", "team"), pk=referral_id)
    require_perm(request, "care.start_care", referral)
    initial = {"home_postcode": referral.child.postcode}
    form = CareStartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("started_on", "category_of_need", "legal_status")}
        try:
            period = services.care_start(
                actor=request.user,
                referral_id=referral.pk,
                placement=form.placement_details(),
                decision=form.decision(),
                **data,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{referral.child} is now looked after")
            return redirect("care:period", pk=period.pk)
    open_period = selectors.open_period_of_care(referral.child)
    return render(request, "care/care_start.html", {"form": form, "referral": referral, "open_period": open_period})


def _period(request, pk: int, perm: str) -> PeriodOfCare:
    period = get_object_or_404(PeriodOfCare.objects.select_related("child"), pk=pk)
    require_perm(request, perm, period)
    return selectors.period_of_care(period.pk)


def period(request, pk: int):
    """The period of care: its legal statuses, placements, care plans and 903 episodes, in order, with
    what other apps hold about the period (its IRO: selectors.PERIOD_PAGE_SECTIONS)."""
    period = _period(request, pk, "care.view_care")
    sections = [
        render_to_string(template, context, request=request)
        for template, context in selectors.period_page_sections(period, request.user)
    ]
    return render(
        request,
        "care/period.html",
        {
            "period": period,
            "sections": sections,
            "legal_statuses": list(period.legal_statuses.all()),
            "placements": list(period.placements.all()),
            "care_plans": list(period.care_plans.all()),
            "deprivations_of_liberty": list(period.deprivations_of_liberty.all()),
            "episodes": selectors.episodes(period),
            "can_change": period.is_open and request.user.has_perm("care.change_care", period),
            "can_record_plan": request.user.has_perm("care.change_care", period),
            "decision": getattr(period, "decision", None),
            "decision_due": _approval_due(period),
            "can_approve": request.user.has_perm("care.approve_decision", period),
        },
    )


def _approval_due(period: PeriodOfCare):
    """When an emergency decision awaiting approval is due (T51), else None."""
    decision = getattr(period, "decision", None)
    if decision is None or not decision.awaiting_approval:
        return None
    return clock("T51").due(period.started_on)


def care_decision_approve(request, pk: int):
    """A service manager (or the director, by the council's threshold) approves the decision to look
    after a child who became looked after in an emergency."""
    period = _period(request, pk, "care.approve_decision")
    decision = getattr(period, "decision", None)
    form = CareDecisionApproveForm(
        request.POST or None,
        initial={"approved_on": timezone.localdate(), "version": decision.version if decision else 0},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.care_decision_approve(actor=request.user, period_id=period.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Decision to look after the child approved")
            return redirect("care:period", pk=period.pk)
    context = {"form": form, "period": period, "decision": decision, "due": _approval_due(period)}
    return render(request, "care/decision_approve.html", context)


def _change_page(request, pk: int, form_class, service, template: str, done: str, extra=None):
    """A change to an open period: the form carries the period's version so a change made meanwhile
    by someone else is refused (the service says so and nothing is written)."""
    period = _period(request, pk, "care.change_care")
    form = form_class(request.POST or None, initial={"version": period.version, **(extra or {})})
    if request.method == "POST" and form.is_valid():
        try:
            service(request.user, period, form)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, done)
            return redirect("care:period", pk=period.pk)
    current = {
        "legal_status": selectors.current_of(period.legal_statuses.all()),
        "placement": selectors.current_of(period.placements.all()),
    }
    return render(request, template, {"form": form, "period": period, **current})


def legal_status_change(request, pk: int):
    def write(actor, period, form):
        services.legal_status_change(actor=actor, period_id=period.pk, **form.cleaned_data)

    return _change_page(
        request, pk, LegalStatusChangeForm, write, "care/legal_status_change.html", "Legal status changed"
    )


def placement_change(request, pk: int):
    def write(actor, period, form):
        data = form.cleaned_data
        services.placement_change(
            actor=actor,
            period_id=period.pk,
            version=data["version"],
            changed_on=data["changed_on"],
            reason=data["reason"],
            placement=form.placement_details(),
        )

    return _change_page(request, pk, PlacementChangeForm, write, "care/placement_change.html", "Placement changed")


def care_end(request, pk: int):
    def write(actor, period, form):
        services.care_end(actor=actor, period_id=period.pk, **form.cleaned_data)

    return _change_page(request, pk, CareEndForm, write, "care/care_end.html", "The child is no longer looked after")


def care_plan_record(request, pk: int):
    """Record a care plan as agreed on a day (a plan may be recorded late, within the period)."""
    period = _period(request, pk, "care.change_care")
    form = CarePlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.care_plan_record(actor=request.user, period_id=period.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Care plan recorded")
            return redirect("care:period", pk=period.pk)
    latest = selectors.latest_care_plan(period)
    return render(request, "care/care_plan_record.html", {"form": form, "period": period, "latest": latest})


def deprivation_of_liberty(request, pk: int):
    """Record an order depriving the child of their liberty, or, while one is in force, its end."""
    period = _period(request, pk, "care.change_care")
    current = period.deprivations_of_liberty.filter(ended_on__isnull=True).first()
    form_class = DeprivationOfLibertyEndForm if current else DeprivationOfLibertyStartForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if current:
                services.deprivation_of_liberty_end(actor=request.user, period_id=period.pk, **form.cleaned_data)
            else:
                services.deprivation_of_liberty_record(actor=request.user, period_id=period.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, "End of the order recorded" if current else "Deprivation of liberty order recorded"
            )
            return redirect("care:period", pk=period.pk)
    return render(
        request,
        "care/deprivation_of_liberty.html",
        {"form": form, "period": period, "current": current, "orders": list(period.deprivations_of_liberty.all())},
    )


# The register of placement providers ---------------------------------------------------------------


def providers(request):
    """The register: every provider with its kind, code, URN and how many children are placed there now."""
    require_perm(request, "care.view_providers")
    return render(
        request,
        "care/providers.html",
        {"providers": list(selectors.providers()), "can_change": request.user.has_perm("care.change_providers")},
    )


def provider_add(request):
    require_perm(request, "care.change_providers")
    form = ProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            provider = services.provider_record(actor=request.user, details=form.provider_details())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{provider.name} added to the register")
            return redirect("care:providers")
    return render(request, "care/provider_form.html", {"form": form, "provider": None})


def provider_edit(request, pk: int):
    require_perm(request, "care.change_providers")
    provider = get_object_or_404(Provider, pk=pk)
    initial = {
        "version": provider.version,
        "kind": provider.kind,
        "name": provider.name,
        "provider_code": provider.provider_code,
        "urn": provider.urn,
        "postcode": provider.postcode,
        "agency": provider.agency_id,
    }
    form = ProviderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.provider_update(
                actor=request.user,
                provider_id=provider.pk,
                version=form.cleaned_data["version"] or 0,
                details=form.provider_details(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{provider.name} changed")
            return redirect("care:providers")
    return render(request, "care/provider_form.html", {"form": form, "provider": provider})
