from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.audit.views_helpers import require_perm
from hearth.core.pdf import html_to_pdf, stylesheet
from hearth.people import selectors, services
from hearth.people.access_log import child_access_log as child_access_log_of
from hearth.people.exports import record_as_html, subject_access_record
from hearth.people.forms import (
    ChildForm,
    ChildIdentityForm,
    ChildSearchForm,
    FormerNameForm,
    RelationshipEndForm,
    RelationshipForm,
    RestrictionForm,
    SealedRecordOpeningForm,
)
from hearth.people.identifiers import format_nhs_number
from hearth.people.matching import possible_matches
from hearth.people.models import Child, Relationship
from hearth.people.search import search_terms


def child_search(request):
    require_perm(request, "people.search_children")
    form = ChildSearchForm(request.GET or None)
    results, problems = None, []
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"]
        problems = search_terms(query, timezone.localdate()).problems
        results = selectors.child_search(user=request.user, query=query)
        audit_record(actor=request.user, action="child.search", detail={"results": len(results)})
    return render(
        request,
        "people/child_search.html",
        {
            "form": form,
            "results": results,
            "problems": problems,
            "can_add": request.user.has_perm("people.add_child"),
            "can_record_contact": request.user.has_perm("frontdoor.record_contact"),
        },
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
                    **{
                        k: form.cleaned_data[k]
                        for k in ("first_name", "last_name", "date_of_birth", "nhs_number", "upn", "postcode")
                    }
                )
                form.ask_to_confirm_not_a_duplicate()
            else:
                form.add_service_error(error)
        else:
            messages.success(request, f"{child} added with Hearth ID {child.hearth_id}")
            return redirect(f"{reverse('frontdoor:contact_record')}?child={child.hearth_id}")
    return render(request, "people/child_form.html", {"form": form, "matches": matches})


def sealed_record_open(request, pk: int):
    """Ask why a sealed adoption record is being opened, and open it for a while once told (people
    allowed to open sealed adoption records; everyone else is refused as for any child)."""
    child = get_object_or_404(Child, pk=pk)
    require_perm(request, "people.open_sealed_record", child)
    form = SealedRecordOpeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opening = services.sealed_record_open(actor=request.user, child_id=child.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            until = timezone.localtime(opening.expires_at)
            messages.success(
                request, f"Sealed record opened until {until:%H:%M} on {until.day} {until:%B}. Your reason is recorded"
            )
            return redirect("people:child_detail", pk=child.pk)
    return render(
        request,
        "people/sealed_record_open.html",
        {
            "child": child,
            "seal": child.seal,
            "form": form,
            "current_opening": selectors.sealed_record_current_opening(request.user, child),
            "hours": settings.HEARTH_SEALED_RECORD_OPENING_HOURS,
        },
    )


def child_access_log(request, pk: int):
    """Who has viewed or changed the child's record: for managers (need-to-know is checked here)."""
    child = get_object_or_404(Child, pk=pk)
    require_perm(request, "people.view_child_access_log", child)
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


def child_subject_access_pdf(request, pk: int):
    """The same whole record as a PDF, for the person who asked: every section of the JSON export,
    in words (service managers; the council's information governance team redacts before release)."""
    child = get_object_or_404(Child, pk=pk)
    require_perm(request, "people.export_subject_access", child)
    audit_record(actor=request.user, action="child.export", child=child, obj=child, detail={"format": "pdf"})
    html = render_to_string(
        "people/subject_access_pdf.html",
        {
            "child": child,
            "record": record_as_html(subject_access_record(child)),
            "stylesheet": stylesheet("hearth/report-print.css"),
            "printed_at": timezone.localtime(),
            "printed_by": request.user.get_full_name() or request.user.username,
        },
    )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="subject-access-{child.hearth_id}.pdf"'
    return response


def child_identity_edit(request, pk: int):
    """Correct the child's name, date of birth, sex, NHS number or UPN. If someone else saved a
    change since this page was opened, the save is refused and the current details are shown."""
    child = get_object_or_404(Child, pk=pk)
    require_perm(request, "people.change_child_identity", child)
    form = ChildIdentityForm(request.POST or None, initial=_identity_of(child))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.child_identity_update(
                actor=request.user,
                child_id=child.pk,
                expected_version=data["version"],
                **{
                    k: data[k]
                    for k in ("first_name", "last_name", "date_of_birth", "sex", "nhs_number", "upn", "postcode")
                },
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "changed_meanwhile":
                child.refresh_from_db()
                form = ChildIdentityForm(initial=_identity_of(child))
                messages.error(request, error.messages[0])
            else:
                form.add_service_error(error)
        else:
            messages.success(request, "Child's details saved")
            return redirect("people:child_detail", pk=child.pk)
    return render(request, "people/child_identity_form.html", {"child": child, "form": form})


def _identity_of(child: Child) -> dict:
    return {
        "first_name": child.first_name,
        "last_name": child.last_name,
        "date_of_birth": child.date_of_birth,
        "sex": child.sex,
        "nhs_number": format_nhs_number(child.nhs_number),
        "upn": child.upn,
        "postcode": child.postcode,
        "version": child.version,
    }


def former_name_add(request, pk: int):
    child = get_object_or_404(Child, pk=pk)
    require_perm(request, "people.change_child_identity", child)
    form = FormerNameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.former_name_add(actor=request.user, child_id=child.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Former name added: a search by it now finds the child")
            return redirect("people:child_detail", pk=child.pk)
    return render(request, "people/former_name_form.html", {"child": child, "form": form})


def relationship_add(request, pk: int):
    """Add a parent, relative, carer, professional, or a sibling who has a record in Hearth."""
    child = get_object_or_404(Child, pk=pk)
    require_perm(request, "people.change_family", child)
    form = RelationshipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = None
        if data["other_child_id"] is None:
            person = {k: data[k] for k in ("first_name", "last_name", "date_of_birth", "address", "phone")}
        try:
            services.relationship_add(
                actor=request.user,
                child_id=child.pk,
                relationship_code=data["relationship"],
                person=person,
                other_child_id=data["other_child_id"],
                has_parental_responsibility=data["has_parental_responsibility"],
                lives_in_household=data["lives_in_household"],
                started_on=data["started_on"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Added to the child's family and relationships")
            return redirect("people:child_detail", pk=child.pk)
    return render(request, "people/relationship_form.html", {"child": child, "form": form})


def relationship_end(request, relationship_id: int):
    relationship = get_object_or_404(
        Relationship.objects.select_related("child", "person", "other_child", "relationship_type"), pk=relationship_id
    )
    require_perm(request, "people.end_relationship", relationship)
    child = relationship.child
    form = RelationshipEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.relationship_end(
                actor=request.user,
                relationship_id=relationship.pk,
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
                in_error=form.cleaned_data["in_error"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Relationship ended: it stays in the record as history")
            return redirect("people:child_detail", pk=child.pk)
    sibling_visible = relationship.other_child_id is None or selectors.child_can_be_seen_by(
        request.user, relationship.other_child
    )
    return render(
        request,
        "people/relationship_end_form.html",
        {"child": child, "relationship": relationship, "form": form, "sibling_visible": sibling_visible},
    )
