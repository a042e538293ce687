"""Reads of children, each limited to what the user may see (the one access rule lives here)."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from hearth.core.roles import COUNCIL_WIDE_ROLES, Role, roles_of
from hearth.people.models import Child, RecordRestriction, parse_hearth_id


def children_visible_to(user) -> QuerySet[Child]:
    """Need to know: council-wide roles see all; team roles see children with an open case held by
    one of their teams; MASH screeners see children who have come through the front door;
    councillors and everyone else see none. A restricted record is seen only by the people named
    on it, whatever their role (system administrators apart)."""
    if not user.is_authenticated:
        return Child.objects.none()
    if user.is_superuser:
        return Child.objects.all()
    return Child.objects.filter(_by_relationship(user), _not_restricted_from(user))


def _by_relationship(user) -> Q:
    from hearth.frontdoor.models import Contact, Referral
    from hearth.workforce.models import Worker

    roles = roles_of(user)
    if roles & COUNCIL_WIDE_ROLES:
        return Q()
    condition = Q(pk__in=[])
    if roles & {Role.SOCIAL_WORKER, Role.TEAM_MANAGER}:
        teams = Worker.objects.filter(user=user).values("team_id")
        open_case_in_team = Referral.objects.filter(child=OuterRef("pk"), closed_on__isnull=True, team__in=teams)
        condition |= Q(Exists(open_case_in_team))
    if Role.MASH_SCREENER in roles:
        condition |= Q(Exists(Contact.objects.filter(child=OuterRef("pk"))))
    if Role.IRO in roles:
        # The child's conference chair (DOMAIN 1.2): children whose conferences they chair.
        from hearth.protection.models import Conference

        condition |= Q(Exists(Conference.objects.filter(child=OuterRef("pk"), chair=user)))
    return condition


def _not_restricted_from(user) -> Q:
    restricted = RecordRestriction.objects.filter(child=OuterRef("pk"))
    named = restricted.filter(allowed_users=user)
    return ~Q(Exists(restricted)) | Q(Exists(named))


def child_can_be_seen_by(user, child: Child) -> bool:
    return children_visible_to(user).filter(pk=child.pk).exists()


def child_search(*, user, query: str, limit: int = 50) -> QuerySet[Child]:
    """Children the user may see whose Hearth ID, or name words, match the query."""
    children = children_visible_to(user)
    query = query.strip()
    if not query:
        return children.none()
    pk = parse_hearth_id(query)
    if pk is not None:
        return children.filter(pk=pk)
    for word in query.split():
        children = children.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return children.order_by("last_name", "first_name", "id")[:limit]


def child_record(*, user, child: Child) -> dict:
    """Everything the child's page shows, with what this user may do next."""
    from hearth.worklists.selectors import worklist_for_child

    contacts = list(child.contacts.select_related("source", "decided_by").order_by("-received_at"))
    referrals = list(
        child.referrals.select_related("team")
        .prefetch_related("allocations__worker__user", "assessments__worker__user")
        .order_by("-referral_date")
    )
    open_case = next((r for r in referrals if r.closed_on is None), None)
    current_allocation = None
    open_assessment = None
    if open_case is not None:
        current_allocation = next((a for a in open_case.allocations.all() if a.ended_on is None), None)
        open_assessment = next((a for a in open_case.assessments.all() if a.is_open), None)
    return {
        "child": child,
        "contacts": contacts,
        "referrals": referrals,
        "assessments": [a for r in referrals for a in r.assessments.all()],
        "open_case": open_case,
        "current_allocation": current_allocation,
        "open_assessment": open_assessment,
        "due_items": worklist_for_child(child, user=user),
        "can_allocate": open_case is not None and user.has_perm("workforce.allocate_case", open_case),
        "can_start_assessment": (
            open_case is not None
            and current_allocation is not None
            and open_assessment is None
            and user.has_perm("assessment.start_assessment", open_case)
        ),
        "can_authorise": open_assessment is not None
        and user.has_perm("assessment.authorise_assessment", open_assessment),
        "can_record_contact": user.has_perm("frontdoor.record_contact"),
        "can_see_access_log": user.has_perm("audit.view_child_access_log", child),
        "restriction": getattr(child, "restriction", None),
        "can_restrict": user.has_perm("people.restrict_child", child),
        "can_export": user.has_perm("people.export_subject_access", child),
    }
