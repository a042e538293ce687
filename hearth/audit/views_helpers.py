"""Small pieces every area's views share: permission checks that audit refusals, and the note of
which child's record a page shows, so that seeing it is audited. They live with the audit trail (the
bottom of the layers) because a refusal and a view are audit rows, so every app may use them."""

from django.core.exceptions import PermissionDenied

from hearth.audit.services import audit_record

# The children whose records this request's page shows, by id: written to the audit trail as one
# `child.view` row each when the page is answered (hearth.audit.middleware.ChildViewAuditMiddleware).
CHILDREN_SHOWN = "hearth_children_shown"


def require_perm(request, perm: str, obj=None) -> None:
    """Refuse with 403 (the generic page: nothing about the record) and log the attempt. Allowed,
    the child the object belongs to is noted as shown: a page checked against a record of a child
    shows that child's record, so seeing it is audited without each view saying so."""
    if not request.user.has_perm(perm, obj):
        detail = {
            "perm": perm,
            "path": request.path,
            "object": f"{obj._meta.label_lower}:{obj.pk}" if obj is not None else "",
        }
        for child in _children_refused(obj):
            audit_record(actor=request.user, action="access.refused", child=child, detail=detail)
        raise PermissionDenied
    child = _child_of(obj)
    if child is not None:
        shows_children(request, child)


def shows_children(request, *children) -> None:
    """The page shows these children's records (as well as any its permission check named): for
    a page about several children at once, such as a note about brothers and sisters."""
    shown = getattr(request, CHILDREN_SHOWN, None)
    if shown is None:
        shown = {}
        setattr(request, CHILDREN_SHOWN, shown)
    for child in children:
        shown.setdefault(child.pk, child)


def _child_of(obj):
    """The child an object belongs to, so a refusal shows on that child's access log and a view is
    recorded against it. Known by the model's label, not by importing people (which sits above the
    audit trail); a record of a child has a `child` (a field, or a property naming it)."""
    if obj is not None and obj._meta.label_lower == "people.child":
        return obj
    return getattr(obj, "child", None)


def _children_refused(obj) -> list:
    """Whose access log a refusal shows on: the record's child; each child a case note is about (a
    note about brothers and sisters is on each one's record); or nobody (one row, no child)."""
    if obj is not None and obj._meta.label_lower == "records.casenote":
        return list(obj.children.all()) or [None]
    return [_child_of(obj)]
