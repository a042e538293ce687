"""Opening a sealed adoption record is for reading (docs/security.md "Sealed adoption records"):
every permission that would change a sealed child's record is refused, whatever else grants it,
unless the person also holds "May change sealed adoption records they have opened". One place for
every area's permissions: this backend sits before the rules backend (settings
AUTHENTICATION_BACKENDS) and refuses outright, which ends Django's search through the backends.

Which permissions read is said by their names: `view_...`, `export_...` and `open_sealed_record`
read; every other permission asked about a record of a child changes it. A new permission is
therefore a change unless named as a read, so a new write is refused on a sealed record by
default (hearth/people/tests/test_sealed_record_writes.py lists them)."""

import re

from django.core.exceptions import PermissionDenied

from hearth.people.models import Child
from hearth.people.selectors import child_is_sealed

CHANGE_SEALED_RECORDS = "people.change_sealed_adoption_records"
READING = re.compile(r"[a-z_]+\.(view_[a-z_]+|export_[a-z_]+|open_sealed_record)")


def is_reading(perm: str) -> bool:
    return READING.fullmatch(perm) is not None


def children_of(obj) -> list[Child]:
    """The children whose record an object is part of: the child; each child a case note is about;
    a record's `child`."""
    if isinstance(obj, Child):
        return [obj]
    if obj._meta.label_lower == "records.casenote":
        return list(obj.children.all())
    child = getattr(obj, "child", None)
    return [child] if isinstance(child, Child) else []


class SealedRecordsAreReadOnly:
    """Grants nothing; refuses a change to a sealed record to anyone without the second permission.
    It signs nobody in and has no `get_user`, so a session never names it as its backend."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        if obj is None or is_reading(perm) or not user_obj.is_active:
            return False
        if any(child_is_sealed(child) for child in children_of(obj)) and not user_obj.has_perm(CHANGE_SEALED_RECORDS):
            raise PermissionDenied
        return False
