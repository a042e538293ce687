"""Pages for approved households: the sufficiency page, approving a household, a household's page,
changing its status, approving it on new terms, a manager's exemption for one child and a young
person staying put (and the arrangement's end). Adapters:
check the permission, bind a form, call one service or selector, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from hearth.audit.views_helpers import require_perm
from hearth.fostering import selectors, services
from hearth.fostering.adopters import adopters_on, adopters_summary
from hearth.fostering.forms import (
    HouseholdApproveForm,
    HouseholdStatusForm,
    PlacementExemptionForm,
    StayingPutEndForm,
    StayingPutForm,
    TermsChangeForm,
)
from hearth.fostering.models import Approval, StayingPut
from hearth.people.selectors import children_visible_to
from hearth.performance.forms import AsOfForm
from hearth.performance.indicator import year_start

VIEW = "fostering.view_households"
CHANGE = "fostering.change_households"


def sufficiency(request):
    """Foster carer households as of a day (today unless chosen): approvals and endings since 1 April,
    places by age band, occupancy, households with one place, staying put; and adopters waiting."""
    require_perm(request, VIEW)
    form = AsOfForm(request.GET or None)
    as_of = form.as_of_or_today()
    return render(
        request,
        "fostering/sufficiency.html",
        {
            "form": form,
            "as_of": as_of,
            "report": selectors.sufficiency(as_of, year_start(as_of)),
            "adopters": adopters_summary(as_of, year_start(as_of)),
            "can_approve": request.user.has_perm(CHANGE),
            "can_drill_down": request.user.has_perm("performance.view_drilldown"),
        },
    )


def household_approve(request):
    require_perm(request, CHANGE)
    form = HouseholdApproveForm(request.POST or None, households=selectors.unapproved_households())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        terms = _terms_from(data)
        try:
            approval = services.household_approve(
                actor=request.user, provider_id=data["provider"].pk, approved_on=data["approved_on"], terms=terms
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{approval.provider.name} approved")
            return redirect("fostering:household", pk=approval.pk)
    return render(request, "fostering/household_approve.html", {"form": form})


def _terms_from(data: dict) -> services.ApprovalTerms:
    return services.ApprovalTerms(
        places=data["places"],
        youngest_age=data["youngest_age"],
        oldest_age=data["oldest_age"],
        bedrooms=data["bedrooms"],
        terms=data["terms"],
    )


def _adopters_today(approval: Approval, today):
    """For adopters: whether they are matched today (the match naming them) or still waiting."""
    if approval.provider.kind != "ADOPTERS":
        return None
    return next((a for a in adopters_on(today) if a.approval.pk == approval.pk), None)


def household(request, pk: int):
    """A household: its terms, its status over time, the children placed with it (named where the
    reader may see them), young people staying put and exemptions."""
    require_perm(request, VIEW)
    approval = get_object_or_404(Approval, pk=pk)
    approval = selectors.household(approval.pk)
    today = timezone.localdate()
    placements = selectors.household_placements(approval)
    named = {p.period.child_id for p in placements} | {s.young_person_id for s in approval.staying_put.all()}
    named |= {e.child_id for e in approval.exemptions.all()}
    visible = set(children_visible_to(request.user).filter(pk__in=named).values_list("pk", flat=True))
    households = selectors.households_on(today, kinds=(approval.provider.kind,))
    today_line = next((h for h in households if h.approval.pk == approval.pk), None)
    return render(
        request,
        "fostering/household.html",
        {
            "approval": approval,
            "today": today,
            "now": today_line,
            "placements": placements,
            "visible": visible,
            "terms": selectors.terms_on(approval, today),
            "adopters": _adopters_today(approval, today),
            "can_change": request.user.has_perm(CHANGE),
            "can_record_staying_put": request.user.has_perm("fostering.record_staying_put"),
        },
    )


def household_status(request, pk: int):
    require_perm(request, CHANGE)
    approval = get_object_or_404(Approval.objects.select_related("provider"), pk=pk)
    form = HouseholdStatusForm(request.POST or None, initial={"version": approval.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.household_status_change(actor=request.user, approval_id=approval.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Status changed")
            return redirect("fostering:household", pk=approval.pk)
    current = approval.statuses.order_by("-changed_on", "-pk").first()
    return render(request, "fostering/household_status.html", {"form": form, "approval": approval, "current": current})


def placement_exemption(request, pk: int):
    require_perm(request, CHANGE)
    approval = get_object_or_404(Approval.objects.select_related("provider"), pk=pk)
    form = PlacementExemptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_exemption_record(actor=request.user, approval_id=approval.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Exemption recorded")
            return redirect("fostering:household", pk=approval.pk)
    terms = selectors.terms_on(selectors.household(approval.pk), timezone.localdate())
    return render(request, "fostering/placement_exemption.html", {"form": form, "approval": approval, "terms": terms})


def staying_put(request, pk: int):
    require_perm(request, "fostering.record_staying_put")
    approval = get_object_or_404(Approval.objects.select_related("provider"), pk=pk)
    form = StayingPutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.staying_put_start(actor=request.user, approval_id=approval.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Staying put recorded")
            return redirect("fostering:household", pk=approval.pk)
    return render(request, "fostering/staying_put.html", {"form": form, "approval": approval})


def household_terms(request, pk: int):
    """Approve the household on new terms from a day (a review of its approval)."""
    require_perm(request, CHANGE)
    approval = get_object_or_404(Approval, pk=pk)
    approval = selectors.household(approval.pk)
    in_force = selectors.terms_on(approval, timezone.localdate())
    initial = {"version": approval.version} | {
        name: getattr(in_force, name) for name in ("places", "youngest_age", "oldest_age", "bedrooms", "terms")
    }
    form = TermsChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.household_terms_change(
                actor=request.user,
                approval_id=approval.pk,
                version=data["version"],
                changed_on=data["changed_on"],
                terms=_terms_from(data),
                reason=data["reason"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "New terms of approval recorded")
            return redirect("fostering:household", pk=approval.pk)
    return render(request, "fostering/household_terms.html", {"form": form, "approval": approval, "in_force": in_force})


def staying_put_end(request, pk: int):
    """End a staying put arrangement with the household: the young person (of those staying put there
    whom the reader may see), the day and the reason. `?arrangement=` chooses one from the household page."""
    require_perm(request, "fostering.record_staying_put")
    approval = get_object_or_404(Approval.objects.select_related("provider"), pk=pk)
    arrangements = (
        StayingPut.objects.filter(
            approval=approval, ended_on__isnull=True, young_person__in=children_visible_to(request.user)
        )
        .select_related("young_person")
        .order_by("started_on", "pk")
    )
    initial = {"arrangement": request.GET.get("arrangement")} if request.GET.get("arrangement", "").isdigit() else {}
    form = StayingPutEndForm(request.POST or None, arrangements=arrangements, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.staying_put_end(
                actor=request.user,
                arrangement_id=data["arrangement"].pk,
                ended_on=data["ended_on"],
                reason=data["reason"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Staying put with {approval.provider.name} ended")
            return redirect("fostering:household", pk=approval.pk)
    return render(
        request,
        "fostering/staying_put_end.html",
        {"form": form, "approval": approval, "any_open": arrangements.exists()},
    )
