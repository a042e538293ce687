import rules

from hearth.core.roles import Role, has_role
from hearth.workforce.models import Worker


@rules.predicate
def manages_case_team(user, referral) -> bool:
    """A team manager of the team holding the case, or any service manager."""
    if has_role(user, Role.SERVICE_MANAGER):
        return True
    if referral is None or not has_role(user, Role.TEAM_MANAGER):
        return False
    return Worker.objects.filter(user=user, team_id=referral.team_id).exists()


rules.add_perm("workforce.allocate_case", manages_case_team | rules.is_superuser)
