"""Reads remembered for the rest of one request, forgotten at the first write.

A page asks the same question many times: each section of the child's page asks whether the
user may see the child, and each clock on a worklist asks for the working calendar. Inside
`with request_memo():` (hearth.core.middleware.RequestMemoMiddleware opens one around every
request) `remembered(key, read)` reads once per key; outside such a block it reads every time.

Any row saved or deleted while the block is open (a service writing) forgets everything remembered,
so a read after a write in the same request reads afresh. An audit row (`AuditEvent`, marked
`changes_no_remembered_read`) does not: nothing remembered is read from the audit trail, and a page that
writes one per child (Annex A's export of restricted and sealed children) would otherwise read the
sealed records' ids again for every row.
Writes that bypass the model signals (queryset update(), bulk_create) must call forget() when
they change what a remembered read depends on.

A read of one table only may say so (`forgotten_on`: the models' labels): it is then forgotten only
by a write to one of those tables (or a forget() naming none), so a run of writes elsewhere reads it
once. The sealed adoption records' ids are read for every audit row about a child; the import of past
returns writes thousands of those, none of them a seal."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.db.models.signals import post_delete, post_save

T = TypeVar("T")

_held: ContextVar[dict | None] = ContextVar("hearth_request_memo", default=None)


@contextmanager
def request_memo() -> Iterator[None]:
    if _held.get() is not None:
        yield
        return
    token = _held.set({})
    try:
        yield
    finally:
        _held.reset(token)


_LASTING = ("reads forgotten only by a write to their own tables",)  # the held dict's key for them


def remembered(key: tuple, read: Callable[[], T], *, forgotten_on: tuple[str, ...] = ()) -> T:
    held = _held.get()
    if held is None:
        return read()
    if forgotten_on:
        lasting = held.setdefault(_LASTING, {})
        if key not in lasting:
            lasting[key] = (frozenset(label.lower() for label in forgotten_on), read())
        return lasting[key][1]
    if key not in held:
        held[key] = read()
    return held[key]


def forget(sender=None, **kwargs) -> None:
    # A model that says so (the audit trail: an appended row that no remembered read looks at) leaves
    # the memo as it is, so a page writing an audit row per child does not read everything again each time.
    if getattr(sender, "changes_no_remembered_read", False):
        return
    held = _held.get()
    if held is None:
        return
    lasting = held.get(_LASTING, {})
    held.clear()
    label = sender._meta.label_lower if sender is not None and hasattr(sender, "_meta") else None
    if label is not None:
        kept = {key: entry for key, entry in lasting.items() if label not in entry[0]}
        if kept:
            held[_LASTING] = kept


post_save.connect(forget, dispatch_uid="hearth_request_memo_save")
post_delete.connect(forget, dispatch_uid="hearth_request_memo_delete")
