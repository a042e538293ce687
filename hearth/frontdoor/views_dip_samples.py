"""Pages for the monthly no-further-action dip sample (performance and quality staff)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from hearth.audit.views_helpers import require_perm
from hearth.frontdoor import dip_samples, selectors
from hearth.frontdoor.forms import ActionCompleteForm, DipSampleDrawForm, DipSampleReviewForm
from hearth.frontdoor.models import DipSample, DipSampleItem
from hearth.people.selectors import child_can_be_seen_by, children_visible_to


def dip_sample_list(request):
    require_perm(request, "frontdoor.manage_dip_samples")
    form = DipSampleDrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sample = dip_samples.dip_sample_draw(actor=request.user, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{sample} drawn: {sample.items.count()} contacts to review")
            return redirect("frontdoor:dip_sample_detail", pk=sample.pk)
    return render(
        request, "frontdoor/dip_sample_list.html", {"form": form, "samples": selectors.dip_samples_with_progress()}
    )


def dip_sample_detail(request, pk: int):
    require_perm(request, "frontdoor.manage_dip_samples")
    sample = get_object_or_404(DipSample.objects.select_related("reviewer", "drawn_by"), pk=pk)
    items = list(selectors.dip_sample_items(sample))
    # A restricted or sealed child is sampled like any other (the sample stays representative) but is
    # named only to those who may see the child; everyone else sees that a record is withheld.
    visible = set(
        children_visible_to(request.user)
        .filter(pk__in=[item.contact.child_id for item in items])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "frontdoor/dip_sample_detail.html",
        {"sample": sample, "items": items, "visible_child_ids": visible},
    )


def dip_sample_item(request, pk: int):
    """One sampled contact: the reviewer's verdict, and the action a disagreement opened."""
    item = get_object_or_404(
        DipSampleItem.objects.select_related(
            "sample__reviewer", "contact__child", "contact__decided_by", "contact__source"
        ),
        pk=pk,
    )
    require_perm(request, "frontdoor.view_dip_sample_item", item)
    if not child_can_be_seen_by(request.user, item.contact.child):
        raise PermissionDenied  # the same answer as for any child the person may not see
    action = getattr(item, "action", None)
    review_form = (
        DipSampleReviewForm(request.POST if request.POST.get("form") == "review" else None)
        if (not item.verdict and item.sample.reviewer_id == request.user.pk)
        else None
    )
    complete_form = (
        ActionCompleteForm(request.POST if request.POST.get("form") == "complete" else None)
        if (
            action is not None
            and action.completed_on is None
            and request.user.pk in (action.owner_id, item.sample.reviewer_id)
        )
        else None
    )
    bound = next((f for f in (review_form, complete_form) if f is not None and f.is_bound), None)
    if request.method == "POST" and bound is not None and bound.is_valid():
        try:
            if bound is review_form:
                dip_samples.dip_sample_review(actor=request.user, item_id=item.pk, **bound.cleaned_data)
            else:
                dip_samples.dip_sample_action_complete(actor=request.user, action_id=action.pk, **bound.cleaned_data)
        except ValidationError as error:
            bound.add_service_error(error)
        else:
            messages.success(request, "Review recorded" if bound is review_form else "Action completed")
            return redirect("frontdoor:dip_sample_item", pk=item.pk)
    return render(
        request,
        "frontdoor/dip_sample_item.html",
        {"item": item, "action": action, "review_form": review_form, "complete_form": complete_form, "form": bound},
    )
