"""The weekly exceptions page (docs/workforce.md "Deficits taken up"): a team's overdue items grouped
by worker, each recorded as taken up with what was agreed, so next week's list shows what was chased
and what is still late."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from hearth.audit.views_helpers import require_perm
from hearth.core.roles import Role, has_role
from hearth.core.text import ASCII_DIGITS
from hearth.workforce import services
from hearth.workforce.exceptions import this_monday, weekly_exceptions
from hearth.workforce.models import Team


def _teams(user):
    if user.is_superuser or has_role(user, Role.SERVICE_MANAGER):
        return Team.objects.all()
    return Team.objects.filter(manager__user=user)


def weekly_exceptions_page(request):
    require_perm(request, "workforce.take_up_deficits")
    teams = _teams(request.user)
    chosen = request.POST.get("team") or request.GET.get("team")
    # A team the user may not review (or no such team) shows their first: the heading names the team shown.
    team = teams.filter(pk=chosen).first() if chosen and ASCII_DIGITS.fullmatch(chosen) else None
    team = team or teams.first()
    error, posted_key, posted_agreed = None, "", ""
    if request.method == "POST" and team is not None:
        posted_key, posted_agreed = request.POST.get("item_key", ""), request.POST.get("agreed", "")
        try:
            services.deficit_take_up(actor=request.user, team_id=team.pk, item_key=posted_key, agreed=posted_agreed)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, "Recorded as taken up")
            return redirect(f"{reverse('workforce:weekly_exceptions')}?team={team.pk}")
    context = {
        "teams": teams,
        "team": team,
        "groups": weekly_exceptions(team, user=request.user) if team is not None else [],
        "monday": this_monday(),
        "error": error,
        "posted_key": posted_key,
        "posted_agreed": posted_agreed,
    }
    return render(request, "workforce/weekly_exceptions.html", context)
