"""Which of a child's record tables hold any row, asked in one query by a page that shows many of
them (the child's page: hearth/records/child_page.py), so that a section whose table holds nothing
for the child reads nothing. Most children have no former names, missing episodes, documents,
adoption decisions or case audits; a page that read each table anyway made a query for each.

`with_rows_held(children, tables)` annotates a Child queryset with one EXISTS per table (model label
-> the lookup from that model to the child); `rows_held(child)` turns the annotations of a fetched
child into what it holds. `may_hold(child, label)` is False only when the table was asked about and
holds nothing for the child: a child read any other way may hold anything, so its sections read as
before. People sits below the areas, so the tables are named by label, not imported."""

from collections.abc import Iterable

from django.apps import apps
from django.db.models import Exists, OuterRef, QuerySet

from hearth.people.models import Child


def _annotation(label: str) -> str:
    return "holds_" + label.replace(".", "_").lower()


def with_rows_held(children: QuerySet[Child], tables: dict[str, str]) -> QuerySet[Child]:
    return children.annotate(
        **{
            _annotation(label): Exists(apps.get_model(label).objects.filter(**{lookup: OuterRef("pk")}))
            for label, lookup in tables.items()
        }
    )


def rows_held(child: Child, tables: dict[str, str]) -> Child:
    """Records on the child (fetched through with_rows_held) which of the tables hold a row for it."""
    child.tables_asked = frozenset(tables)
    child.tables_holding = frozenset(label for label in tables if getattr(child, _annotation(label)))
    return child


def may_hold(child: Child, label: str) -> bool:
    asked = getattr(child, "tables_asked", frozenset())
    return label not in asked or label in child.tables_holding


def any_may_hold(children: Iterable[Child], label: str) -> bool:
    return any(may_hold(child, label) for child in children)


def cases_may_hold(cases, label: str) -> bool:
    """Whether any of these cases' (or other records') children may hold a row of the table: a
    record whose child was not read with it may, so a worklist of many cases reads as before."""
    for case in cases:
        field = case._meta.get_field("child")
        if not field.is_cached(case) or may_hold(field.get_cached_value(case), label):
            return True
    return False


def the_page_child(cases) -> Child | None:
    """The child whose page these cases were read for (every case carries that one child, read by
    the page with what it holds), so an area can take their rows from the reads the page shares
    about the child (hearth/core/shared_reads.py) rather than reading them again; None otherwise."""
    children = []
    for case in cases:
        field = case._meta.get_field("child")
        if not field.is_cached(case):
            return None
        children.append(field.get_cached_value(case))
    if not children or any(child is not children[0] for child in children):
        return None
    return children[0] if hasattr(children[0], "tables_asked") else None
