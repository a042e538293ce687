"""audit_rows_kept(): inside the block each audit row is kept and all are written together when it
ends without an error; an error discards them, with the writes it undoes; outside a block each row
is written at once (the import of past returns writes each child's rows so: docs/performance.md)."""

import pytest
from django.db import transaction

from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record, audit_rows_kept

pytestmark = pytest.mark.django_db


def test_rows_are_written_together_when_the_block_ends():
    with audit_rows_kept():
        audit_record(actor=None, action="test.first")
        audit_record(actor=None, action="test.second")
        assert not AuditEvent.objects.exists()  # kept, not yet written
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == ["test.first", "test.second"]


def test_an_error_discards_the_kept_rows_with_the_savepoint():
    with pytest.raises(ValueError), transaction.atomic(), audit_rows_kept():
        audit_record(actor=None, action="test.undone")
        raise ValueError("a refusal")
    assert not AuditEvent.objects.exists()
    with audit_rows_kept():  # the next block starts empty
        audit_record(actor=None, action="test.next")
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["test.next"]


def test_outside_a_block_and_in_a_nested_one():
    audit_record(actor=None, action="test.at_once")
    assert AuditEvent.objects.count() == 1
    with audit_rows_kept():
        with audit_rows_kept():
            audit_record(actor=None, action="test.inner")
        assert AuditEvent.objects.count() == 1  # the inner block's row waits for the outer
    assert AuditEvent.objects.count() == 2
