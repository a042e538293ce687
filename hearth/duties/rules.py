"""Who may record a looked-after child's reviews and health checks: the people working the case,
and for reviews also the child's appointed IRO, who chairs them (health checks stay the social
worker's); and who sees the list of the children they review (an IRO). Loaded from
DutiesConfig.ready()."""

import rules

from hearth.cin.rules import works_the_case
from hearth.core.roles import Role, has_role
from hearth.iro.rules import is_an_iro, is_the_appointed_iro
from hearth.people.selectors import child_can_be_seen_by

rules.add_perm("duties.record_review", works_the_case | is_the_appointed_iro | rules.is_superuser)
rules.add_perm("duties.record_health_check", works_the_case | rules.is_superuser)
rules.add_perm("duties.view_children_i_review", is_an_iro)
# The OC2 facts (SDQ, health record statuses, convictions, substance misuse): the case's workers.
rules.add_perm("duties.record_outcomes", works_the_case | rules.is_superuser)
# Personal education plans: the case's workers (the social worker records the PEP meeting).
rules.add_perm("duties.record_pep", works_the_case | rules.is_superuser)


@rules.predicate
def sees_the_review(user, review) -> bool:
    return review is not None and child_can_be_seen_by(user, review.period.child)


@rules.predicate
def chaired_the_review(user, review) -> bool:
    """The IRO who chaired the review (and may see the child): their checklist, their concerns."""
    return (
        review is not None
        and review.chair_id == user.pk
        and has_role(user, Role.IRO)
        and child_can_be_seen_by(user, review.period.child)
    )


# A review's page (its checklist and the concerns raised from it): anyone who may open the child.
rules.add_perm("duties.view_review", sees_the_review | rules.is_superuser)
# The quality checklist and raising a concern: the chairing IRO's own (as a conference's chair's).
rules.add_perm("duties.challenge_review", chaired_the_review | rules.is_superuser)
