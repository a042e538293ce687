"""Who may start, change and read a child's period of care. Loaded from CareConfig.ready().

The IRO reads the child's record but never makes the social worker's changes (DOMAIN 1.1: the IRO's
independence): start, legal status, placement, care plan and end stay with works_the_case. Who
appoints the IRO is the IRO app's rule (hearth/iro/rules.py)."""

import rules

from hearth.cin.rules import works_the_case
from hearth.people.selectors import child_can_be_seen_by


@rules.predicate
def sees_the_child(user, record) -> bool:
    """Anyone who may open the child's record may read the child's care (a period has .child)."""
    return record is not None and child_can_be_seen_by(user, record.child)


rules.add_perm("care.start_care", works_the_case | rules.is_superuser)
rules.add_perm("care.change_care", works_the_case | rules.is_superuser)
rules.add_perm("care.view_care", sees_the_child | rules.is_superuser)
