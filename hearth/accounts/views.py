import base64

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import login as otp_login
from django_otp import user_has_device

from hearth.accounts import services
from hearth.accounts.forms import CodeForm, EnrolmentCodeForm


def _next_page(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


# The authenticator app this session started setting up with an enrolment code.
ENROLMENT_SESSION_KEY = "hearth_enrolment_device"


def second_factor_setup(request):
    """Set up an authenticator app, in two steps: the one-time enrolment code an administrator gave
    the person (a password alone sets nothing up), then the QR code (or the key to type), confirmed
    with a code from the app. The key is shown only after the enrolment code is accepted."""
    if user_has_device(request.user):
        return redirect("accounts:second_factor_verify")
    device = services.second_factor_pending_device(
        user=request.user, device_id=request.session.get(ENROLMENT_SESSION_KEY)
    )
    if device is None:
        return _enrolment_code_step(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.second_factor_confirm(
                user=request.user, device_id=device.pk, token=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            request.session.pop(ENROLMENT_SESSION_KEY, None)
            otp_login(request, device)
            messages.success(request, "Your authenticator app is set up. Sign-in will ask for a code from it")
            return redirect(_next_page(request))
    # Authenticator apps take a typed key in base32 (as the QR code's otpauth:// URL carries it), not
    # the hex django-otp stores.
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "accounts/setup.html",
        {
            "form": form,
            "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=4),
            "key_groups": [key[i : i + 4] for i in range(0, len(key), 4)],
            "next": _next_page(request),
        },
    )


def _enrolment_code_step(request):
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.enrolment_code_redeem(user=request.user, code=form.cleaned_data["enrolment_code"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            request.session[ENROLMENT_SESSION_KEY] = device.pk
            return redirect(f"{reverse('accounts:second_factor_setup')}?{urlencode({'next': _next_page(request)})}")
    return render(request, "accounts/enrolment_code.html", {"form": form, "next": _next_page(request)})


def second_factor_verify(request):
    if not user_has_device(request.user):
        return redirect("accounts:second_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.second_factor_check(user=request.user, token=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            otp_login(request, device)
            return redirect(_next_page(request))
    return render(request, "accounts/verify.html", {"form": form, "next": _next_page(request)})
