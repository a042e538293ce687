"""Small pieces every area's views share: permission checks that audit refusals. They live with the
audit trail (the bottom of the layers) because a refusal is an audit row, so every app may use them."""

from django.core.exceptions import PermissionDenied

from hearth.audit.services import audit_record


def require_perm(request, perm: str, obj=None) -> None:
    """Refuse with 403 (the generic page: nothing about the record) and log the attempt."""
    if not request.user.has_perm(perm, obj):
        audit_record(
            actor=request.user,
            action="access.refused",
            child=_child_of(obj),
            detail={
                "perm": perm,
                "path": request.path,
                "object": f"{obj._meta.label_lower}:{obj.pk}" if obj is not None else "",
            },
        )
        raise PermissionDenied


def _child_of(obj):
    """The child a refused object belongs to, so the refusal shows on that child's access log. Known by
    the model's label, not by importing people (which sits above the audit trail)."""
    if obj is not None and obj._meta.label_lower == "people.child":
        return obj
    return getattr(obj, "child", None)
