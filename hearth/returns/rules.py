"""Who may see and run the statutory returns, and export Ofsted's Annex A.

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


@rules.predicate
def prepares_for_inspection(user) -> bool:
    """Ofsted's Annex A names children: the performance officers who prepare the returns, and the
    service managers who prepare the council for an inspection (both already see every child,
    COUNCIL_WIDE_ROLES; restricted and sealed records stay out of their export as out of their
    lists, hearth/returns/annex_a/export.py)."""
    return has_role(user, Role.PERFORMANCE_OFFICER) or has_role(user, Role.SERVICE_MANAGER)


rules.add_perm("returns.export_annex_a", prepares_for_inspection | rules.is_superuser)
