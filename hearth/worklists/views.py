from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from hearth.audit.views_helpers import require_perm
from hearth.core.roles import Role, has_role
from hearth.core.text import ASCII_DIGITS
from hearth.workforce.caseloads import caseload_threshold
from hearth.workforce.models import Team, Worker
from hearth.workforce.selectors import supervision_for_team
from hearth.worklists import selectors


def mine(request):
    require_perm(request, "worklists.view_own")
    worker = Worker.objects.filter(user=request.user).select_related("team").first()
    items = selectors.worklist_for_worker(worker, user=request.user) if worker else []
    put_right = selectors.to_put_right_for_worker(worker, user=request.user) if worker else []
    actions = selectors.own_actions(worker) if worker else []
    context = {"worker": worker, "items": items, "put_right": put_right, "own_actions": actions}
    context |= {"now": timezone.now(), "today": timezone.localdate()}
    return render(request, "worklists/mine.html", context)


def team(request):
    """A team's worklist, unallocated cases and caseloads. Team managers see their own team;
    service managers choose any team."""
    require_perm(request, "worklists.view_team")
    if has_role(request.user, Role.SERVICE_MANAGER) or request.user.is_superuser:
        teams = Team.objects.all()
    else:
        teams = Team.objects.filter(workers__user=request.user)
    chosen = request.GET.get("team")
    current = get_object_or_404(teams, pk=chosen) if chosen and ASCII_DIGITS.fullmatch(chosen) else teams.first()
    context = {"teams": teams, "team": current}
    if current is not None:
        context.update(
            items=selectors.worklist_for_team(current, user=request.user),
            unallocated=selectors.unallocated_cases(current, user=request.user),
            caseloads=selectors.caseloads(current),
            threshold=caseload_threshold(),
            supervision=[
                (due, request.user.has_perm("workforce.supervise_worker", due.worker))
                for due in supervision_for_team(current, timezone.localdate())
            ],
        )
    return render(request, "worklists/team.html", context)
