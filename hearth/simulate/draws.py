"""Keys for the generator's per-case random draws.

A case's details are drawn from a generator of its own, seeded from the case, so that adding a draw
to one case does not change every case after it. The key must be fixed by the build's seed alone:
a database id is not (PostgreSQL's sequences are not rolled back, so ids depend on what the database
held before), and a draw seeded from an id made the same seed build a different council in a
database that had held rows before (the bulk comparison test found it: its council took a different
path in the whole suite than alone)."""

import datetime


def child_key(child) -> str:
    """A child by what the seed drew for it: its name and date of birth."""
    return f"{child.first_name}|{child.last_name}|{child.date_of_birth}"


def case_key(child, opened_on: datetime.date) -> str:
    """One case of a child: the child and the day its referral (or assessment) began."""
    return f"{child_key(child)}|{opened_on.isoformat()}"
