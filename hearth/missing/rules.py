"""Who records a looked-after child's missing episodes and return home interviews (the people working
the case, as for the rest of the child's care), and who reads them (anyone who may open the child's
record: the child's page's own rule). Loaded from MissingConfig.ready()."""

import rules

from hearth.cin.rules import works_the_case
from hearth.people.selectors import child_can_be_seen_by


@rules.predicate
def sees_the_child(user, record) -> bool:
    """A period of care or an episode (each has .child) of a child this user may see."""
    return record is not None and child_can_be_seen_by(user, record.child)


rules.add_perm("missing.record_missing", works_the_case | rules.is_superuser)
rules.add_perm("missing.view_missing", sees_the_child | rules.is_superuser)
