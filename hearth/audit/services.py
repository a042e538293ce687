"""The audit trail's one writer. Services call audit_record inside their own transaction, so a
write and its audit row are committed together or not at all."""

from hearth.audit.models import AuditEvent


def audit_record(*, actor, action: str, obj=None, child=None, detail: dict | None = None) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        child=child,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail or {},
    )


def child_view_record(*, actor, child, page: str) -> AuditEvent:
    """Seeing a child's record is audited like changing it (need-to-know access). Opening a record
    sealed by an adoption order says so, and names the opening (with its reason) it was seen
    under, so that the adoption team can say why each page of it was seen."""
    from hearth.people.models import SealedRecord
    from hearth.people.selectors import sealed_record_current_opening

    detail = {"page": page}
    if SealedRecord.objects.filter(child=child).exists():
        detail["sealed"] = True
        opening = sealed_record_current_opening(actor, child)
        if opening is not None:
            detail["opening"] = opening.pk
            detail["reason"] = opening.reason
    return audit_record(actor=actor, action="child.view", child=child, obj=child, detail=detail)
