"""A remembered read of one table (`forgotten_on`) outlasts writes to other tables, and is read
again after a write to its own (hearth/core/request_memo.py): the sealed records' ids, read for each
audit row about a child, once in a run of writes that seal nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.core.request_memo import forget, remembered, request_memo
from hearth.people.models import Child, SealedRecord
from hearth.people.selectors import child_is_sealed
from hearth.testing.journeys import make_staff, new_child

pytestmark = pytest.mark.django_db


def test_a_lasting_read_is_kept_across_other_writes_and_forgotten_by_its_own_table():
    reads = []

    def read():
        reads.append(1)
        return len(reads)

    with request_memo():
        assert remembered(("k",), read, forgotten_on=("people.SealedRecord",)) == 1
        forget(sender=Child)
        assert remembered(("k",), read, forgotten_on=("people.SealedRecord",)) == 1
        forget(sender=SealedRecord)
        assert remembered(("k",), read, forgotten_on=("people.SealedRecord",)) == 2
        forget()  # a write that names no table (a bulk write) forgets everything
        assert remembered(("k",), read, forgotten_on=("people.SealedRecord",)) == 3


def test_the_sealed_records_are_read_once_while_children_are_written():
    staff = make_staff()
    with request_memo():
        first = new_child(staff)
        assert child_is_sealed(first) is False
        second = new_child(staff, first_name="Sam")  # saves a child and its audit row
        with CaptureQueriesContext(connection) as queries:
            assert child_is_sealed(second) is False
        assert len(queries.captured_queries) == 0
