"""Who may upload and open a child's documents: exactly those who may see the child."""

import rules

from hearth.core.roles import Role, has_role
from hearth.people.selectors import child_can_be_seen_by


@rules.predicate
def can_see_child(user, child) -> bool:
    return child is not None and child_can_be_seen_by(user, child)


@rules.predicate
def can_see_documents_child(user, document) -> bool:
    return document is not None and child_can_be_seen_by(user, document.child)


@rules.predicate
def uploads_documents(user) -> bool:
    return has_role(user, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.MASH_SCREENER)


rules.add_perm("documents.upload_document", (uploads_documents & can_see_child) | rules.is_superuser)
rules.add_perm("documents.view_document", can_see_documents_child)
