"""One entry of a child's chronology, as every area gives it (the chronology itself is composed in
hearth/records/chronology.py). It lives here, at the bottom, so that an area below the records,
such as people, can add its facts to the chronology without importing anything above it."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone


@dataclass(frozen=True)
class ChronologyEntry:
    when: datetime.date | datetime.datetime  # when it happened (a date, or an aware time)
    kind: str  # what sort of fact, for filtering: "contact", "assessment", "conference", "note", ...
    title: str  # one line: "Initial child protection conference: child protection plan (neglect)"
    detail: str = ""  # a sentence or two more, if any
    by: str = ""  # who did or recorded it
    url: str = ""  # where the fact itself can be read, if it has a page
    # What that page asks of its reader beyond seeing the child (an open plan's review page asks to
    # work the case): the chronology links the entry only for readers it would let in.
    permission: str = ""
    permission_object: object = field(default=None, compare=False)

    def may_be_opened_by(self, user) -> bool:
        return not self.permission or user.has_perm(self.permission, self.permission_object)

    @property
    def day(self) -> datetime.date:
        return timezone.localdate(self.when) if isinstance(self.when, datetime.datetime) else self.when
