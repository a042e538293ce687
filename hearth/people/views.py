from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from hearth.audit.selectors import child_access_log as child_access_log_of
from hearth.audit.services import audit_record, child_view_record
from hearth.core.views_helpers import require_perm
from hearth.people import selectors, services
from hearth.people.exports import subject_access_record
from hearth.people.forms import ChildForm, ChildSearchForm, RestrictionForm
from hearth.people.matching import possible_matches
from hearth.people.models import Child


def child_search(request):
    require_perm(request, "people.search_children")
    form = ChildSearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        results = list(selectors.child_search(user=request.user, query=form.cleaned_data["q"]))
    return render(
        request,
        "people/child_search.html",
        {"form": form, "results": results, "can_add": request.user.has_perm("people.add_child")},
    )


def child_create(request):
    """Add a child, after checking for a record that may already be theirs."""
    require_perm(request, "people.add_child")
    form = ChildForm(request.POST or None)
    matches = []
    if request.method == "POST" and "not_a_duplicate" in request.POST:
        form.ask_to_confirm_not_a_duplicate()
    if request.method == "POST" and form.is_valid():
        try:
            child = services.child_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            if getattr(error, "code", None) == "possible_duplicate":
                matches = possible_matches(
                    **{k: form.cleaned_data[k] for k in ("first_name", "last_name", "date_of_birth")}
                )
                form.ask_to_confirm_not_a_duplicate()
            else:
                form.add_service_error(error)
        else:
            messages.success(request, f"{child} added with Hearth ID {child.hearth_id}")
            return redirect(f"{reverse('frontdoor:contact_record')}?child={child.hearth_id}")
    return render(request, "people/child_form.html", {"form": form, "matches": matches})


def child_detail(request, pk: int):
    child = get_object_or_404(Child, pk=pk)
    require_perm(request, "people.view_child", child)
    child_view_record(actor=request.user, child=child, page="child_detail")
    return render(request, "people/child_detail.html", selectors.child_record(user=request.user, child=child))


def child_access_log(request, pk: int):
    """Who has viewed or changed the child's record: for managers (need-to-know is checked here)."""
    child = get_object_or_404(Child, pk=pk)
    require_perm(request, "audit.view_child_access_log", child)
    child_view_record(actor=request.user, child=child, page="child_access_log")
    return render(request, "people/child_access_log.html", {"child": child, "entries": child_access_log_of(child)})


def child_restriction(request, pk: int):
    """Restrict a child's record to named people, or lift the restriction (service managers)."""
    child = get_object_or_404(Child, pk=pk)
    require_perm(request, "people.restrict_child", child)
    restriction = getattr(child, "restriction", None)
    form = RestrictionForm(request.POST or None) if restriction is None else None
    if request.method == "POST":
        try:
            if restriction is not None:
                services.child_restriction_lift(actor=request.user, child_id=child.pk)
                messages.success(request, "Restriction lifted: the record follows the usual access rules")
                return redirect("people:child_detail", pk=child.pk)
            if form.is_valid():
                services.child_restrict(
                    actor=request.user,
                    child_id=child.pk,
                    reason=form.cleaned_data["reason"],
                    allowed_user_ids=[u.pk for u in form.cleaned_data["allowed_users"]],
                )
                messages.success(request, "Record restricted to the people named")
                return redirect("people:child_detail", pk=child.pk)
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
                return redirect("people:child_restriction", pk=child.pk)
            form.add_service_error(error)
    return render(request, "people/child_restriction.html", {"child": child, "restriction": restriction, "form": form})


def child_subject_access_export(request, pk: int):
    """The child's whole record as JSON, for a subject access request (service managers)."""
    child = get_object_or_404(Child, pk=pk)
    require_perm(request, "people.export_subject_access", child)
    audit_record(actor=request.user, action="child.export", child=child, obj=child, detail={"format": "json"})
    response = JsonResponse(subject_access_record(child), json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="subject-access-{child.hearth_id}.json"'
    return response
