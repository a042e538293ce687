"""Reads shared within one computation: the scorecard asks thirty indicators for the same date, and
many of them start from the same rows (the plans open on the date, the clock of a rule).

Inside `with shared_reads():`, a function marked `@shared` runs once per distinct arguments and
every later call gets the same answer back; outside such a block it runs every time, as if
unmarked. The block is short-lived and local to its thread (a context variable), so nothing is
kept between pages, and a record changed after the block ends is read afresh by the next one.

A shared function must return something its callers only read (a list or a frozen object, never
a queryset a caller could refine into another query), and take hashable arguments (dates, ids).
"""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

_held: ContextVar[dict | None] = ContextVar("hearth_shared_reads", default=None)


@contextmanager
def shared_reads() -> Iterator[None]:
    """Within the block, each `@shared` read is done once per arguments. Nested blocks share the
    outer one's reads."""
    if _held.get() is not None:
        yield
        return
    token = _held.set({})
    try:
        yield
    finally:
        _held.reset(token)


def sharing() -> bool:
    """Whether a shared_reads block is open: a reader may then start from a shared read (ids read
    once) where on its own it would work the same rows out in its one query."""
    return _held.get() is not None


def shared(function: Callable[P, T]) -> Callable[P, T]:
    @functools.wraps(function)
    def read(*args: P.args, **kwargs: P.kwargs) -> T:
        held = _held.get()
        if held is None:
            return function(*args, **kwargs)
        key = (function, args, tuple(sorted(kwargs.items())))
        if key not in held:
            held[key] = function(*args, **kwargs)
        return held[key]

    return read
