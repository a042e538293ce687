"""Sign-in throttling (django-axes): by the address a sign-in comes from, and by username at that
address, never by username alone.

- Five failures for one username from one address lock that username at that address for an hour:
  guessing one account's password is slow, but nobody elsewhere can lock a duty worker out of their
  own account by typing wrong passwords for it (a lockout by username alone let anyone do that with
  five requests).
- Thirty failures from one address, whatever the usernames, lock that address for an hour: password
  spraying (one common password tried against many accounts) from one place is slow too. The limit
  is higher because a council's staff can share an outgoing address; `HEARTH_SIGN_IN_FAILURES_PER_ADDRESS`
  changes it.
The trade-off (docs/security.md): guessing spread over many addresses is not stopped by this, and is
left to the second factor every account must give after its password.
"""

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def client_address(request) -> str:
    """The address a request comes from. Behind the council's TLS proxy (HEARTH_BEHIND_TLS_PROXY) that
    is the last address in X-Forwarded-For, the one the proxy itself appended: earlier entries are
    whatever the browser sent and cannot be trusted."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


def _failures(**where) -> int:
    return AccessAttempt.objects.filter(**where).aggregate(total=Sum("failures_since_start"))["total"] or 0


def failure_limit(request, credentials) -> int:
    """axes compares one number, the larger of the two counts (AXES_LOCKOUT_PARAMETERS: username at
    this address, and this address), with this limit. The address's count is always the larger, so
    the limit given is what locks exactly when either count reaches its own limit: the address's
    count itself once the username has had its five here, else the address limit."""
    address = client_address(request)
    username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD) or request.POST.get("username", "")
    at_address = _failures(ip_address=address)
    if _failures(ip_address=address, username=username) >= settings.HEARTH_SIGN_IN_FAILURES_PER_ACCOUNT:
        return max(at_address, 1)
    return settings.HEARTH_SIGN_IN_FAILURES_PER_ADDRESS
