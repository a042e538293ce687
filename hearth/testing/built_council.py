"""A synthetic council built once for a test module and rolled back after its last test: the
suite's time goes on building councils, so the checks on one council share one build."""

import contextlib
import datetime

import time_machine
from django.db import transaction


@contextlib.contextmanager
def council_for_the_module(django_db_blocker, build, *, today: datetime.date):
    """Run `build()` on the council's `today` (6 pm) inside a transaction the module's tests see
    (each test's own transaction is a savepoint in it) and roll it all back when they are done.
    Use from a module-scoped fixture: `with council_for_the_module(django_db_blocker, ...) as built`."""
    with django_db_blocker.unblock(), transaction.atomic():
        evening = datetime.datetime.combine(today, datetime.time(18), tzinfo=datetime.UTC)
        with time_machine.travel(evening):
            built = build()
        yield built
        transaction.set_rollback(True)
