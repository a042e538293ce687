"""What one child's import reads and writes over and over, done once per child (docs/performance.md,
"Importing past returns": "Making it cheaper"): the child's characteristic recordings, read once and
kept current as the import records more, so each year's "what does the record say on 31 March?"
asks the database nothing; the marks of where each fact came from (ImportedFact), kept until the
child is written and then written in one statement, inside the child's savepoint (a child left out
leaves no mark); and the placement postcodes, looked up in the ONS directory all at once.

Every fact is still written through its service, one call a fact, with its rules and audit row:
only the import's own reads and marks are gathered."""

import datetime

from django.db.models import prefetch_related_objects

from hearth.migration.models import ImportedFact
from hearth.people.characteristics_selectors import (
    CensusIdentifiers,
    Characteristics,
    census_identifiers_from_history,
    characteristics_from_history,
    characteristics_history,
    own_children_of,
)
from hearth.people.geography import grid_references
from hearth.people.models import Child

# The history's key for each characteristic service's recording (newest first in the history).
HISTORY_KEYS = {
    "EthnicityRecord": "ethnicity",
    "UpnUnknownRecord": "upn_unknown",
    "DisabilityRecord": "disabilities",
    "UascRecord": "uasc",
    "FormerUpnRecord": "former_upn",
    "ExpectedBirthRecord": "expected_birth",
    "DeathRecord": "death",
}


class HeldCharacteristics:
    """A child's characteristic recordings, read once (seven queries and the family links) and then
    answered from memory. The import tells it of each recording it makes (`recorded`): a service's
    new recording is the child's newest, so it goes first in its list, as a fresh read would put it.
    Only the import writes the child's record while it runs (one import at a time, in its own
    transaction), so nothing else can change what was read."""

    def __init__(self):
        self.history: dict[str, list] | None = None  # read at the first question
        self.own_children: list = []

    def _read(self, child: Child) -> dict[str, list]:
        if self.history is None:
            self.history = characteristics_history(child)
            self.own_children = own_children_of(child)
        return self.history

    def on(self, child: Child, day: datetime.date) -> Characteristics:
        """As characteristics_on(child, day) would read them. `child` is the import's current copy of
        the child (the UPN is read from it)."""
        return characteristics_from_history(child, day, self._read(child), self.own_children)

    def identifiers_on(self, child: Child, day: datetime.date) -> CensusIdentifiers:
        """As census_identifiers_of([child], day)[child.pk] would read them."""
        return census_identifiers_from_history(day, self._read(child))

    def recorded(self, record) -> None:
        """The import recorded this characteristic for the child (through its service)."""
        key = HISTORY_KEYS.get(type(record).__name__)
        if key is None:
            self.history = None  # not a recording kept here: read everything again at the next question
        if self.history is None:
            return  # not read yet: the first question reads it with this recording
        if key == "disabilities":
            prefetch_related_objects([record], "disabilities")  # read once, as the history's are
        self.history[key].insert(0, record)


class Marks:
    """The ImportedFact rows of one child's import, written together when the child is done (or
    before anything reads them: `write`)."""

    def __init__(self):
        self.pending: list[ImportedFact] = []

    def add(self, mark: ImportedFact) -> None:
        self.pending.append(mark)

    def write(self) -> None:
        if self.pending:
            ImportedFact.objects.bulk_create(self.pending)
            self.pending = []


def locate_postcodes(plan) -> None:
    """Every placement postcode of the 903's episodes looked up in the ONS directory at once, before
    any is written. The care services find each new placement's area (in or out of the council's:
    hearth/care/placement_area.py), and the directory finds a postcode by reading the whole file of
    its first letter: asked one placement at a time, each new postcode read a letter's file again
    (half a second each: two fifths of the import's processor time in the benchmark); asked
    together, each letter is read once and every postcode is then remembered for the process."""
    placed_at = {fact.values["PL_POST"] for child in plan.children.values() for fact in child.episodes}
    grid_references(placed_at - {""})
