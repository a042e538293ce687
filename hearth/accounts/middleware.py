from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.http import urlencode
from django_otp import user_has_device

from hearth.accounts.sso import signed_in_through_directory

# Pages a signed-in person can reach before giving their second factor.
OPEN_BEFORE_SECOND_FACTOR = {
    "login",
    "logout",
    "health",
    "accounts:second_factor_setup",
    "accounts:second_factor_verify",
    "api_openapi",
    "oidc_authentication_init",
    "oidc_authentication_callback",
    "sso_refused",
}


class SecondFactorRequiredMiddleware:
    """Every signed-in person gives a code from their authenticator app before any other page
    (django-otp's OTPMiddleware, before this one, says whether they have), unless they signed in
    through the council's directory, which asks for its own second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not settings.HEARTH_REQUIRE_SECOND_FACTOR or not user.is_authenticated or user.is_verified():
            return None
        if signed_in_through_directory(request):
            return None  # the council's directory asked for its own second factor (hearth/accounts/sso.py)
        if request.resolver_match and request.resolver_match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"error": "Give your second sign-in factor first"}, status=401)
        target = "accounts:second_factor_verify" if user_has_device(user) else "accounts:second_factor_setup"
        from django.urls import reverse

        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
