"""Reads of children, each limited to what the user may see (the one access rule lives here)."""

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.module_loading import import_string

from hearth.core.request_memo import remembered
from hearth.core.roles import COUNCIL_WIDE_ROLES, Role, roles_of
from hearth.core.shared_reads import shared
from hearth.people.models import (
    Child,
    NameKey,
    RecordRestriction,
    Relationship,
    SealedRecord,
    SealedRecordOpening,
)
from hearth.people.names import sound_key
from hearth.people.rows_held import may_hold
from hearth.people.search import SearchTerms, search_terms


def children_visible_to(user) -> QuerySet[Child]:
    """Need to know: council-wide roles see all; team roles see children with an open case held by
    one of their teams; MASH screeners see children who have come through the front door;
    councillors and everyone else see none. A restricted record is seen only by the people named
    on it, whatever their role (system administrators apart). A record sealed by an adoption order
    is seen only by the people allowed to open sealed adoption records, while they hold an unexpired
    opening of it made with a reason, and by them whatever their relationship to the child (the case
    is closed by then)."""
    if not user.is_authenticated:
        return Child.objects.none()
    if user.is_superuser:
        return Child.objects.all()
    return Child.objects.filter(_by_relationship_or_seal(user), _not_restricted_from(user))


def _by_relationship_or_seal(user) -> Q:
    """A sealed record is open to someone allowed to open sealed records only while they have an
    unexpired opening of it, made with a reason (DOMAIN 1.2: "opened only by the adoption team
    with a recorded reason"); without one, they are answered as anyone else is."""
    sealed = Q(Exists(SealedRecord.objects.filter(child=OuterRef("pk"))))
    if opens_sealed_records(user):
        return (_by_relationship(user) & ~sealed) | (sealed & _opened_with_a_reason_by(user))
    return _by_relationship(user) & ~sealed


def _opened_with_a_reason_by(user) -> Q:
    current = SealedRecordOpening.objects.filter(child=OuterRef("pk"), opened_by=user, expires_at__gt=timezone.now())
    return Q(Exists(current))


def sealed_children_openable_by(user) -> QuerySet[Child]:
    """Sealed records this person may open by giving a reason: every one, to people allowed to open
    sealed adoption records (a restriction still applies on top); none to anyone else. Search
    offers these, marked sealed; their pages stay shut until a reason is given."""
    if not opens_sealed_records(user):
        return Child.objects.none()
    sealed = Exists(SealedRecord.objects.filter(child=OuterRef("pk")))
    return Child.objects.filter(sealed, _not_restricted_from(user))


def children_found_by(user) -> QuerySet[Child]:
    """Children a person may find by name (search, the retention report): those they may see, and
    the sealed records they may open by giving a reason."""
    return children_visible_to(user) | sealed_children_openable_by(user)


def sealed_record_can_be_opened_by(user, child: Child) -> bool:
    return sealed_children_openable_by(user).filter(pk=child.pk).exists()


def sealed_record_current_opening(user, child: Child) -> SealedRecordOpening | None:
    """This person's latest unexpired opening of the child's sealed record, if any."""
    if not user.is_authenticated:
        return None
    return (
        SealedRecordOpening.objects.filter(child=child, opened_by=user, expires_at__gt=timezone.now())
        .order_by("-opened_at", "-id")
        .first()
    )


def child_is_sealed(child: Child) -> bool:
    """Whether the child's record is sealed by an adoption order. The sealed records are few (the
    council's adoptions), so their ids are read once per request, whatever the page asks about (and
    whatever it writes, but a seal); a child read with its seal (the child's page) answers from it."""
    if Child.seal.related.is_cached(child):
        return Child.seal.related.get_cached_value(child) is not None
    sealed = remembered(
        ("sealed_child_ids",),
        lambda: frozenset(SealedRecord.objects.values_list("child_id", flat=True)),
        forgotten_on=("people.SealedRecord",),  # only a seal changes it: kept across a run of other writes
    )
    return child.pk in sealed


def sealed_record_view_detail(actor, child: Child) -> dict:
    """What a view of a sealed adoption record adds to its audit row: that it is sealed, and the
    opening (with its reason) it was seen under (registered in audit's CHILD_VIEW_DETAIL_SOURCES)."""
    if not child_is_sealed(child):
        return {}
    detail = {"sealed": True}
    opening = sealed_record_current_opening(actor, child)
    if opening is not None:
        detail["opening"] = opening.pk
        detail["reason"] = opening.reason
    return detail


def opens_sealed_records(user) -> bool:
    """Holds the permission an administrator grants to named people, and a role that works with
    children's records: a councillor given it by mistake still sees no child."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.has_perm("people.open_sealed_adoption_records") and bool(roles_of(user) - {Role.COUNCILLOR})


# Through which facts a person comes to see a child, beyond the council-wide roles (DOMAIN 1.2):
# each area that holds such a fact gives one `(user, roles) -> Q` over children, named here by its
# dotted path, because people sits below every area and imports none of them.
ACCESS_SOURCES: tuple[str, ...] = (
    "hearth.frontdoor.access.children_through_the_front_door",  # their teams' open cases; MASH contacts
    "hearth.protection.access.children_whose_conferences_they_chair",
    "hearth.iro.access.children_they_are_the_iro_for",
)


def _by_relationship(user) -> Q:
    roles = roles_of(user)
    if roles & COUNCIL_WIDE_ROLES:
        return Q()
    condition = Q(pk__in=[])
    for path in ACCESS_SOURCES:
        condition |= import_string(path)(user, roles)
    return condition


def _not_restricted_from(user) -> Q:
    restricted = RecordRestriction.objects.filter(child=OuterRef("pk"))
    named = restricted.filter(allowed_users=user)
    return ~Q(Exists(restricted)) | Q(Exists(named))


def child_can_be_seen_by(user, child: Child) -> bool:
    """Asked by many sections of one page: answered once per request until the request writes
    (hearth.core.request_memo). A child read with `seen_by(user)` (the child's page) answers it."""
    seen = getattr(child, "seen_by_user", None)
    if seen is not None and seen[0] == user.pk:
        return remembered(("child seen by", user.pk, child.pk), lambda: seen[1])
    return remembered(
        ("child seen by", user.pk, child.pk), lambda: children_visible_to(user).filter(pk=child.pk).exists()
    )


def remember_seen(user, child_ids) -> None:
    """Children the page has just read through children_visible_to(user) (a worklist's cases): the
    rest of the request knows the user may see them without asking again."""
    for child_id in child_ids:
        remembered(("child seen by", user.pk, child_id), lambda: True)


def with_seen_by(children: QuerySet[Child], user) -> QuerySet[Child]:
    """Children read with whether this user may see each (the one access rule, children_visible_to),
    for child_can_be_seen_by to answer without asking again."""
    return children.annotate(may_be_seen=Exists(children_visible_to(user).filter(pk=OuterRef("pk"))))


def seen_by(user, child: Child) -> Child:
    """Records on a child read through with_seen_by whom the answer is for."""
    child.seen_by_user = (user.pk, child.may_be_seen)
    return child


def child_search(*, user, query: str, limit: int = 50) -> list[Child]:
    """Children the user may see who match what was typed: a Hearth ID, NHS number or UPN exactly;
    a date of birth however it was written; each name word by its start (Jo finds Joanne) or its
    sound (Jon Smyth finds John Smith), in current or former names. Closest first: every word
    exactly, then by the start of the word, then by sound alone."""
    terms = search_terms(query, timezone.localdate())
    if terms.is_empty:
        return []
    # Sealed records a person may open with a reason are found too: shown as sealed, with the way
    # to open them (needs_reason_to_open), never with their pages open.
    children = _matching(children_found_by(user), terms)
    if terms.words:
        children = children.annotate(closeness=sum(_closeness(word) for word in terms.words)).order_by(
            "-closeness", "last_name", "first_name", "id"
        )
    else:
        children = children.order_by("last_name", "first_name", "id")
    found = list(children.select_related("seal").prefetch_related("former_names")[:limit])
    open_to_them = set(children_visible_to(user).filter(pk__in=[c.pk for c in found]).values_list("pk", flat=True))
    for child in found:
        child.needs_reason_to_open = child.pk not in open_to_them
    return found


def _matching(children: QuerySet[Child], terms: SearchTerms) -> QuerySet[Child]:
    if terms.hearth_id is not None:
        children = children.filter(pk=terms.hearth_id)
    if terms.nhs_number:
        children = children.filter(nhs_number=terms.nhs_number)
    if terms.upn:
        children = children.filter(upn=terms.upn)
    if terms.date_of_birth:
        children = children.filter(date_of_birth=terms.date_of_birth)
    for word in terms.words:
        alike = Q(word__startswith=word) if len(word) < 2 else Q(word__startswith=word) | Q(sound=sound_key(word))
        children = children.filter(pk__in=NameKey.objects.filter(alike).values("child_id"))
    return children


def _closeness(word: str):
    keys = NameKey.objects.filter(child=OuterRef("pk"))
    return Case(
        When(Exists(keys.filter(word=word, is_former=False)), then=Value(4)),
        When(Exists(keys.filter(word=word)), then=Value(3)),
        When(Exists(keys.filter(word__startswith=word)), then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )


def child_page_record_status(user, child: Child) -> dict:
    """The child's page (hearth/records/child_page.py): restriction and seal, and what this user may
    do with the record as a whole."""
    return {
        "can_see_access_log": user.has_perm("people.view_child_access_log", child),
        "restriction": getattr(child, "restriction", None),
        "seal": getattr(child, "seal", None),
        "sealed_opening": sealed_record_current_opening(user, child) if hasattr(child, "seal") else None,
        "can_restrict": user.has_perm("people.restrict_child", child),
        "can_export": user.has_perm("people.export_subject_access", child),
    }


def child_page_people_area(user, child: Child) -> dict:
    """The child's page: identifiers, former names and family."""
    return {
        "people_area": {
            "former_names": list(child.former_names.all()) if may_hold(child, "people.FormerName") else [],
            "family": child_family(user=user, child=child),
            "can_edit_identity": user.has_perm("people.change_child_identity", child),
            "can_change_family": user.has_perm("people.change_family", child),
        }
    }


@shared  # the child's page reads them for the family, the young person's own children and siblings in care
def relationships_of(child: Child) -> list[Relationship]:
    """Every link recorded for the child, in the family's order (kind, then as recorded), each with
    its kind, person, other child and who recorded it."""
    if not may_hold(child, "people.Relationship"):
        return []
    return list(
        Relationship.objects.filter(child=child)
        .select_related("relationship_type", "person", "other_child", "recorded_by")
        .order_by("relationship_type__order", "id")
    )


def child_family(*, user, child: Child) -> dict:
    """The people linked to the child, now and before: the household (everyone living with the
    child), parents and family, siblings (with their case and worker where this user may see them,
    or only that a sibling exists where not) and professionals."""
    links = relationships_of(child)
    current = [link for link in links if link.ended_on is None]
    visible_siblings = set(
        children_visible_to(user)
        .filter(pk__in=[link.other_child_id for link in current if link.other_child_id])
        .values_list("pk", flat=True)
    )
    siblings = [_sibling(link, link.other_child_id in visible_siblings) for link in current if link.other_child_id]
    people = [link for link in current if link.person_id]
    return {
        "household": [link for link in people if link.lives_in_household]
        + [s["link"] for s in siblings if s["link"].lives_in_household and s["visible"]],
        "unseen_siblings_in_household": sum(1 for s in siblings if s["link"].lives_in_household and not s["visible"]),
        "family": [link for link in people if link.relationship_type.kind != "PROFESSIONAL"],
        "professionals": [link for link in people if link.relationship_type.kind == "PROFESSIONAL"],
        "siblings": siblings,
        "ended": [
            link
            for link in links
            if link.ended_on is not None and (link.person_id or link.other_child_id in visible_siblings)
        ],
        "parental_responsibility": [link for link in people if link.has_parental_responsibility],
    }


def _sibling(link: Relationship, visible: bool) -> dict:
    """A sibling as this user may see them: their open case and worker, or nothing but that they exist."""
    if not visible:
        return {"link": link, "visible": False, "open_case": None, "worker": None}
    open_case = link.other_child.referrals.filter(closed_on__isnull=True).select_related("team").first()
    worker = None
    if open_case is not None:
        allocation = open_case.allocations.filter(ended_on__isnull=True).select_related("worker__user").first()
        worker = allocation.worker if allocation else None
    return {"link": link, "visible": True, "open_case": open_case, "worker": worker}
