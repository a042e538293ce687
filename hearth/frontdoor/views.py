from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from hearth.audit.services import child_view_record
from hearth.core.views_helpers import require_perm
from hearth.frontdoor import selectors, services
from hearth.frontdoor.forms import ContactForm, ScreeningForm
from hearth.frontdoor.models import Contact
from hearth.worklists.selectors import contacts_awaiting_decision


def contact_list(request):
    """The MASH's queue: every contact awaiting a decision, oldest first, with its 24-hour clock."""
    require_perm(request, "frontdoor.view_contacts")
    return render(
        request,
        "frontdoor/contact_list.html",
        {
            "items": contacts_awaiting_decision(user=request.user),
            "recent": selectors.contacts_decided_recently(user=request.user),
            "now": timezone.now(),
        },
    )


def contact_record(request):
    require_perm(request, "frontdoor.record_contact")
    form = ContactForm(request.POST or None, initial={"child": request.GET.get("child", "")})
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_record(actor=request.user, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Contact about {contact.child} recorded")
            return redirect("frontdoor:contact_detail", pk=contact.pk)
    return render(request, "frontdoor/contact_form.html", {"form": form})


def contact_detail(request, pk: int):
    contact = get_object_or_404(Contact, pk=pk)
    require_perm(request, "people.view_child", contact.child)
    contact = selectors.contact_with_details(pk)
    child_view_record(actor=request.user, child=contact.child, page="contact_detail")
    can_screen = contact.awaiting_decision and request.user.has_perm("frontdoor.screen_contact")
    form = ScreeningForm(request.POST or None) if can_screen else None
    if request.method == "POST":
        require_perm(request, "frontdoor.screen_contact")
        if form is None:
            messages.error(request, "This contact already has a decision. Nothing was changed")
            return redirect("frontdoor:contact_detail", pk=pk)
        if form.is_valid():
            try:
                services.contact_screen(actor=request.user, contact_id=pk, **form.service_arguments())
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, "Decision recorded")
                return redirect("frontdoor:contact_detail", pk=pk)
    return render(request, "frontdoor/contact_detail.html", {"contact": contact, "form": form})
