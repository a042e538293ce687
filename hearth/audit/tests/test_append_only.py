import pytest
from django.db import DatabaseError, connection, transaction

from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the guard is a PostgreSQL trigger")


def test_audit_rows_cannot_be_changed(staff):
    event = audit_record(actor=staff.screener, action="child.view")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="nothing to see")
    assert AuditEvent.objects.get(pk=event.pk).action == "child.view"


def test_audit_rows_cannot_be_deleted(staff):
    event = audit_record(actor=staff.screener, action="child.view")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()
