"""Who may see and run the statutory returns.

The Returns page names children and their failing records, and running a return reads every child's
record: it belongs to the performance and quality officers, who prepare the returns and already see
every child (COUNCIL_WIDE_ROLES). Councillors never see it (they see aggregates only); a worker sees
their own children's failures on their worklist, not the council's."""

import rules

from hearth.core.roles import Role, has_role


def may_run_returns(user) -> bool:
    return user.is_superuser or has_role(user, Role.PERFORMANCE_OFFICER)


@rules.predicate
def prepares_returns(user) -> bool:
    return has_role(user, Role.PERFORMANCE_OFFICER)


rules.add_perm("returns.view_returns", prepares_returns | rules.is_superuser)
rules.add_perm("returns.run_returns", prepares_returns | rules.is_superuser)
