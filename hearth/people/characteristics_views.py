"""Pages recording the child's characteristics: each checks the permission, binds its form, calls one
service and goes back to the child's page (hearth/people/characteristics_services.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from hearth.audit.views_helpers import require_perm
from hearth.people import characteristics_services as services
from hearth.people.characteristics_forms import (
    NOT_CEASED,
    DeathForm,
    DisabilitiesForm,
    EthnicityForm,
    ExpectedBirthForm,
    FormerUpnForm,
    UascForm,
    UpnUnknownForm,
)
from hearth.people.characteristics_selectors import characteristics_on
from hearth.people.models import Child, UascRecord


def _record(
    request, pk: int, *, form_class, initial, save, page: dict, done: str, perm="people.record_characteristics"
):
    """The shape every characteristic's page shares: a GET shows the form (and is audited as a view
    of the record); a POST is checked by the form, then by the service, whose refusal is shown on
    the form with nothing written. A save refused because someone changed the child's details
    meanwhile shows the form again as it is now, with the reason."""
    child = get_object_or_404(Child, pk=pk)
    require_perm(request, perm, child)
    form = form_class(request.POST or None, initial=initial(child))
    if request.method == "POST" and form.is_valid():
        try:
            save(request.user, child, form.cleaned_data)
        except ValidationError as error:
            if getattr(error, "code", None) == "changed_meanwhile":
                child.refresh_from_db()
                form = form_class(initial=initial(child))
                messages.error(request, error.messages[0])
            else:
                form.add_service_error(error)
        else:
            messages.success(request, done)
            return redirect(reverse("people:child_detail", args=[child.pk]) + "#characteristics")
    return render(request, "people/characteristic_form.html", {"child": child, "form": form, **page})


def ethnicity_record(request, pk: int):
    return _record(
        request,
        pk,
        form_class=EthnicityForm,
        initial=lambda child: {
            "ethnicity": characteristics_on(child, timezone.localdate()).ethnicity,
            "applies_from": timezone.localdate(),
        },
        save=lambda user, child, data: services.ethnicity_record(actor=user, child_id=child.pk, **data),
        page={
            "heading": "Record the child's ethnicity",
            "intro": "The earlier record is kept in the history. Record Refused if the child or family "
            "declined to say, or Information not yet obtained until they have been asked.",
            "button": "Save ethnicity",
        },
        done="Ethnicity recorded",
    )


def upn_unknown_record(request, pk: int):
    return _record(
        request,
        pk,
        form_class=UpnUnknownForm,
        initial=lambda child: {"applies_from": timezone.localdate()},
        save=lambda user, child, data: services.upn_unknown_record(actor=user, child_id=child.pk, **data),
        page={
            "heading": "Record why the UPN is not known",
            "intro": "The looked-after return and the children in need census ask for the child's unique pupil "
            "number, or the reason it is not known. Once the UPN is added to the child's details, it is used "
            "instead.",
            "button": "Save reason",
        },
        done="Reason the UPN is not known recorded",
    )


def disabilities_record(request, pk: int):
    return _record(
        request,
        pk,
        form_class=DisabilitiesForm,
        initial=lambda child: {
            "disabilities": list(characteristics_on(child, timezone.localdate()).disabilities),
            "applies_from": timezone.localdate(),
        },
        save=lambda user, child, data: services.disabilities_record(actor=user, child_id=child.pk, **data),
        page={
            "heading": "Record the child's disabilities",
            "intro": "Record all the child's disabilities as they are now: this replaces the earlier record from "
            "the date it applies from, and the earlier record is kept in the history.",
            "button": "Save disabilities",
        },
        done="Disabilities recorded",
    )


def uasc_record(request, pk: int):
    def initial(child):
        latest = UascRecord.objects.filter(child=child).order_by("-id").first()
        if latest is None:
            return {"cease_reason": NOT_CEASED}
        return {"uasc_from": latest.uasc_from, "ceased_on": latest.ceased_on, "cease_reason": latest.cease_reason}

    return _record(
        request,
        pk,
        form_class=UascForm,
        initial=initial,
        save=lambda user, child, data: services.uasc_record(actor=user, child_id=child.pk, **data),
        page={
            "heading": "Unaccompanied asylum-seeking child",
            "intro": "A child under 18 who has applied for asylum and is separated from both parents and from "
            "anyone else who by law or custom cares for them. The status ends on their 18th birthday at the "
            "latest. To record that it has ceased, or to correct a date, save the status again: the earlier "
            "record is kept in the history.",
            "button": "Save status",
        },
        done="Unaccompanied asylum-seeking status recorded",
    )


def _versioned(child, **initial) -> dict:
    return {"version": child.version, **initial}


def former_upn_record(request, pk: int):
    return _record(
        request,
        pk,
        perm="people.change_child_identity",
        form_class=FormerUpnForm,
        initial=lambda child: _versioned(child, applies_from=timezone.localdate()),
        save=lambda user, child, data: services.former_upn_record(
            actor=user,
            child_id=child.pk,
            expected_version=data["version"],
            former_upn=data["former_upn"],
            applies_from=data["applies_from"],
        ),
        page={
            "heading": "Record a former UPN",
            "intro": "A child given a second unique pupil number keeps the first as their former UPN, which the "
            "children in need census asks for. The child's current UPN is in their details.",
            "button": "Save former UPN",
        },
        done="Former UPN recorded",
    )


def expected_birth_record(request, pk: int):
    return _record(
        request,
        pk,
        perm="people.change_child_identity",
        form_class=ExpectedBirthForm,
        initial=lambda child: _versioned(child, applies_from=timezone.localdate()),
        save=lambda user, child, data: services.expected_birth_record(
            actor=user,
            child_id=child.pk,
            expected_version=data["version"],
            expected_on=data["expected_on"],
            applies_from=data["applies_from"],
        ),
        page={
            "heading": "Record the expected date of birth",
            "intro": "For an unborn child. The children in need census gives it in place of a date of birth until "
            "the child is born; then record their date of birth in the child's details. A revised date is "
            "recorded the same way, and the earlier one is kept in the history.",
            "button": "Save expected date of birth",
        },
        done="Expected date of birth recorded",
    )


def death_record(request, pk: int):
    return _record(
        request,
        pk,
        perm="people.change_child_identity",
        form_class=DeathForm,
        initial=lambda child: _versioned(child),
        save=lambda user, child, data: services.death_record(
            actor=user, child_id=child.pk, expected_version=data["version"], died_on=data["died_on"]
        ),
        page={
            "heading": "Record the child's death",
            "intro": "The children in need census gives the date of death. Close the child's case with the reason "
            "that the child died (RC2) as well.",
            "button": "Save date of death",
        },
        done="Date of death recorded",
    )
