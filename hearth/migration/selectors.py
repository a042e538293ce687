"""Reads of what was imported: where a child's imported facts came from."""

from hearth.migration.models import ImportedFact


def imported_facts_of(child) -> list[ImportedFact]:
    """The facts created for the child from past returns, each with its file and line, oldest first."""
    return list(ImportedFact.objects.filter(child=child).select_related("imported_by").order_by("fact_on", "id"))


def children_by_legacy_id() -> dict[str, int]:
    """The CHILD id each imported child had in the returns -> the child's id in Hearth."""
    return dict(
        ImportedFact.objects.filter(content_type__model="child", content_type__app_label="people")
        .order_by("id")
        .values_list("legacy_child_id", "child_id")
    )


def recent_import_runs(limit: int = 20):
    """The latest imports asked for on the Import page, newest first (without their uploads)."""
    from hearth.migration.models import ImportRun

    return list(ImportRun.objects.defer("upload", "report").select_related("requested_by")[:limit])
