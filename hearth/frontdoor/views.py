from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from hearth.audit.views_helpers import require_perm
from hearth.core.text import ASCII_DIGITS
from hearth.frontdoor import selectors, services
from hearth.frontdoor.forms import ContactForm, PartnerAnswerForm, PartnerCheckForm, ScreeningForm, UrgencyForm
from hearth.frontdoor.models import Contact
from hearth.people.selectors import child_family


def contact_list(request):
    """The MASH board: every contact awaiting a decision with its 24-hour clock, filterable."""
    require_perm(request, "frontdoor.view_contacts")
    board = selectors.mash_board(
        user=request.user, source=request.GET.get("source", ""), urgency=request.GET.get("urgency", "")
    )
    return render(
        request,
        "frontdoor/contact_list.html",
        {**board, "recent": selectors.contacts_decided_recently(user=request.user), "now": timezone.now()},
    )


def contact_record(request):
    require_perm(request, "frontdoor.record_contact")
    form = ContactForm(request.POST or None, initial={"child": request.GET.get("child", "")})
    if request.method == "POST" and form.is_valid():
        try:
            contacts = services.contact_record(actor=request.user, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            names = " and ".join(str(contact.child) for contact in contacts)
            messages.success(request, f"Contact about {names} recorded")
            if len(contacts) == 1:
                return redirect("frontdoor:contact_detail", pk=contacts[0].pk)
            return redirect("frontdoor:contact_list")
    return render(request, "frontdoor/contact_form.html", {"form": form})


# What a screener can do on an undecided contact: the form, the service it calls, what to say.
SCREENING_ACTIONS = {
    "urgency": (
        UrgencyForm,
        lambda user, contact, args: services.contact_rate_urgency(actor=user, contact_id=contact.pk, **args),
        "Urgency recorded",
    ),
    "check": (
        PartnerCheckForm,
        lambda user, contact, args: services.partner_check_request(actor=user, contact_id=contact.pk, **args),
        "Partner check recorded",
    ),
    "decision": (
        ScreeningForm,
        lambda user, contact, args: services.contact_screen(actor=user, contact_id=contact.pk, **args),
        "Decision recorded",
    ),
}


def contact_detail(request, pk: int):
    contact = get_object_or_404(Contact, pk=pk)
    require_perm(request, "people.view_child", contact.child)
    contact = selectors.contact_with_details(pk)
    can_screen = contact.awaiting_decision and request.user.has_perm("frontdoor.screen_contact")
    forms = (
        {
            name: form_class(initial={"urgency": contact.urgency}) if name == "urgency" else form_class()
            for name, (form_class, _, _) in SCREENING_ACTIONS.items()
        }
        if can_screen
        else {}
    )
    answer_forms = (
        {
            check.pk: PartnerAnswerForm(prefix=f"check{check.pk}")
            for check in contact.partner_checks.all()
            if check.answered_at is None
        }
        if can_screen
        else {}
    )
    bound = None
    if request.method == "POST":
        require_perm(request, "frontdoor.screen_contact")
        if not can_screen:
            messages.error(request, "This contact already has a decision. Nothing was changed")
            return redirect("frontdoor:contact_detail", pk=pk)
        bound, done = _screening_action(request, contact, forms, answer_forms)
        if done:
            return redirect("frontdoor:contact_detail", pk=pk)
    return render(
        request,
        "frontdoor/contact_detail.html",
        {
            "contact": contact,
            "forms": forms,
            "answer_forms": answer_forms,
            "form": bound,
            "previous_referral": selectors.previous_referral_within_window(contact),
            "earlier": selectors.earlier_history(contact),
            "siblings": selectors.contacts_in_the_same_report(contact, user=request.user),
            "household": child_family(user=request.user, child=contact.child)["household"],
            "can_add_household": request.user.has_perm("people.change_family", contact.child),
        },
    )


def _screening_action(request, contact, forms, answer_forms):
    """Bind and run the one form that was posted. Returns the bound form and whether it worked."""
    action = request.POST.get("action", "")
    if action.startswith("answer-") and ASCII_DIGITS.fullmatch(action[7:]) and int(action[7:]) in answer_forms:
        check_pk = int(action[7:])
        form = PartnerAnswerForm(request.POST, prefix=f"check{check_pk}")
        answer_forms[check_pk] = form
        run = lambda args: services.partner_check_answer(actor=request.user, check_id=check_pk, **args)  # noqa: E731
        success = "Answer recorded"
    elif action in SCREENING_ACTIONS:
        form_class, service, success = SCREENING_ACTIONS[action]
        form = form_class(request.POST)
        forms[action] = form
        run = lambda args: service(request.user, contact, args)  # noqa: E731
    else:
        messages.error(request, "Nothing was changed: choose what to record")
        return None, True
    if form.is_valid():
        arguments = form.service_arguments() if hasattr(form, "service_arguments") else form.cleaned_data
        try:
            run(arguments)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, success)
            return form, True
    return form, False
