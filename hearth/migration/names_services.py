"""Writing a council's extract of its children's names and addresses (names_reading.py) onto the
children Hearth holds: each row matched by the identifiers the returns carried (CHILD, the child's
ID in the returns, else UPN; never by name), its date of birth and sex checked against the record,
and the child's name and home postcode recorded through `child_identity_update`, as a worker's
correction of the child's details is, with its audit row, and marked with the file and line it came
from. Nothing held is overwritten: a name a worker has given, or another postcode, is a conflict,
reported, not guessed (docs/migration.md, "Names and addresses")."""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.migration.models import ImportedFact
from hearth.migration.names_reading import NameRow, NamesFile
from hearth.migration.reading import Problem
from hearth.migration.selectors import children_by_legacy_id
from hearth.migration.services import ERROR_NOT_ADMINISTRATOR, ImportRefused, ImportReport, RowRefused
from hearth.people.models import Child, Sex
from hearth.people.services import child_identity_update

# The names the returns' import gives a child (the returns carry none): "Not known" and the return's
# name and the child's CHILD ("SSDA903 1234", "CIN census 1234"). Only these are replaced.
PLACEHOLDER_FIRST_NAME = "Not known"
PLACEHOLDER_LAST_NAMES = ("SSDA903 ", "CIN census ")

ERROR_NOT_HELD = (
    "No child Hearth holds has {identifiers}: import their returns first (the extract names the children they made)"
)
ERROR_TWO_CHILDREN = "CHILD {legacy} is {first} in Hearth but UPN {upn} is {second}: the file names two children"
ERROR_KNOWN_BY_ANOTHER_CHILD_ID = "The child with UPN {upn} ({hearth_id}) is CHILD {held} in the returns, not {legacy}"
ERROR_DIFFERS = "The record holds this child ({hearth_id}, matched by {matched_by}) with {what} {held}, not {value}"

FIELD_COLUMNS = {
    "first_name": "FORENAME",
    "last_name": "SURNAME",
    "date_of_birth": "DOB",
    "sex": "SEX",
    "postcode": "POSTCODE",
    "upn": "UPN",
}


def names_import(
    *,
    actor,
    names: NamesFile,
    leave_out_bad_children: bool,
    report: ImportReport,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Write the extract's good rows, each child in a savepoint, inside the caller's transaction
    (after the returns: a child the same import creates is matched). Refused whole (ImportRefused)
    on a problem of the file itself, or on any problem unless `leave_out_bad_children`: then each
    child whose row is refused is listed in the report and left as it was."""
    if not actor.is_superuser:
        raise ValidationError(ERROR_NOT_ADMINISTRATOR)
    if any(not problem.child for problem in names.problems) or (names.problems and not leave_out_bad_children):
        raise ImportRefused(names.problems)
    refused = list(names.problems)
    legacy_ids = children_by_legacy_id()  # CHILD -> child id, read once for the whole file
    children = _children_of(names.rows, legacy_ids)
    known = (
        legacy_ids,
        {pk: legacy for legacy, pk in legacy_ids.items() if legacy},  # child -> CHILD
        {child.upn: pk for pk, child in children.items() if child.upn},  # UPN -> child
    )
    for done, row in enumerate(names.rows, start=1):
        try:
            with transaction.atomic():
                _write(actor, row, known, children, report)
        except RowRefused as refusal:
            refused.append(refusal.problem)
        if progress:
            progress(done, len(names.rows))
    if refused and not leave_out_bad_children:
        raise ImportRefused(refused)
    for problem in refused:
        report.left_out.setdefault(problem.child, []).append(problem)
    audit_record(
        actor=actor,
        action="migration.names_import",
        detail={"dry_run": report.dry_run, "file": names.path, "rows": len(names.rows), "left_out": len(refused)},
    )


def _children_of(rows: list[NameRow], legacy_ids: dict[str, int]) -> dict[int, Child]:
    """Every child a row may be about (by CHILD or UPN), read at once; by their id, and by UPN."""
    ids = {legacy_ids[row.legacy_id] for row in rows if row.legacy_id in legacy_ids}
    upns = {row.upn for row in rows if row.upn}
    found = Child.objects.filter(pk__in=ids) | Child.objects.filter(upn__in=upns)
    return {child.pk: child for child in found}


def _matched(
    row: NameRow, legacy_ids: dict[str, int], known_as: dict[int, str], upns: dict[str, int], children: dict
) -> tuple[Child, str, str]:
    """The child the row is about, how they were matched, and their CHILD in the returns."""
    by_upn = children.get(upns.get(row.upn)) if row.upn else None
    child_id = legacy_ids.get(row.legacy_id) if row.legacy_id else None
    by_child = children.get(child_id) if child_id else None
    if by_child is not None:
        if by_upn is not None and by_upn.pk != by_child.pk:
            reason = ERROR_TWO_CHILDREN.format(
                legacy=row.legacy_id, first=by_child.hearth_id, upn=row.upn, second=by_upn.hearth_id
            )
            raise RowRefused(row.problem("UPN", reason))
        if row.upn and by_child.upn and by_child.upn != row.upn:
            raise RowRefused(row.problem("UPN", _differs(by_child, "CHILD", "UPN", by_child.upn, row.upn)))
        return by_child, "CHILD", row.legacy_id
    if by_upn is None:
        said = " or ".join(
            f"{column} {value}" for column, value in (("CHILD", row.legacy_id), ("UPN", row.upn)) if value
        )
        raise RowRefused(row.problem("CHILD" if row.legacy_id else "UPN", ERROR_NOT_HELD.format(identifiers=said)))
    held = known_as.get(by_upn.pk, "")
    if row.legacy_id and held and held != row.legacy_id:
        reason = ERROR_KNOWN_BY_ANOTHER_CHILD_ID.format(
            upn=row.upn, hearth_id=by_upn.hearth_id, held=held, legacy=row.legacy_id
        )
        raise RowRefused(row.problem("CHILD", reason))
    return by_upn, "UPN", row.legacy_id or held


def _differs(child: Child, matched_by: str, what: str, held, value) -> str:
    return ERROR_DIFFERS.format(hearth_id=child.hearth_id, matched_by=matched_by, what=what, held=held, value=value)


def has_placeholder_name(child: Child) -> bool:
    """Whether the child still has the name the returns' import gave them, for a worker to replace."""
    return child.first_name == PLACEHOLDER_FIRST_NAME and child.last_name.startswith(PLACEHOLDER_LAST_NAMES)


def _write(actor, row: NameRow, known: tuple, children: dict[int, Child], report: ImportReport) -> None:
    child, matched_by, legacy = _matched(row, *known, children)
    if child.date_of_birth and child.date_of_birth != row.born:
        held, value = f"{child.date_of_birth:%d/%m/%Y}", f"{row.born:%d/%m/%Y}"
        raise RowRefused(row.problem("DOB", _differs(child, matched_by, "date of birth", held, value)))
    if child.sex != Sex.UNKNOWN and row.sex != Sex.UNKNOWN and child.sex != row.sex:
        raise RowRefused(row.problem("SEX", _differs(child, matched_by, "sex", child.sex, row.sex)))
    name = (row.forename, row.surname)
    if not has_placeholder_name(child) and (child.first_name, child.last_name) != name:
        held = f"{child.first_name} {child.last_name}"
        raise RowRefused(row.problem("SURNAME", _differs(child, matched_by, "the name", held, " ".join(name))))
    if child.postcode and row.postcode and child.postcode != row.postcode:
        raise RowRefused(
            row.problem("POSTCODE", _differs(child, matched_by, "home postcode", child.postcode, row.postcode))
        )
    changes = {
        "names": has_placeholder_name(child),
        "dates of birth": child.date_of_birth is None,
        "sexes": child.sex == Sex.UNKNOWN and row.sex != Sex.UNKNOWN,
        "home postcodes": not child.postcode and bool(row.postcode),
    }
    for kind, changed in changes.items():
        given = kind in ("names", "dates of birth", "sexes") or row.postcode
        if not changed and given:
            report.already_held[kind] += 1
    if not any(changes.values()):
        return
    try:
        updated = child_identity_update(
            actor=actor,
            child_id=child.pk,
            expected_version=child.version,
            first_name=row.forename,
            last_name=row.surname,
            date_of_birth=row.born,
            sex=row.sex if changes["sexes"] else child.sex,
            nhs_number=child.nhs_number,
            upn=child.upn,
            postcode=row.postcode or child.postcode,
        )
    except ValidationError as error:
        raise RowRefused(_problem_from(row, error)) from error
    children[child.pk] = updated
    what = [kind for kind, changed in changes.items() if changed]
    for kind in what:
        report.created[kind] += 1
    ImportedFact.objects.create(
        child=updated,
        legacy_child_id=legacy,
        content_type=ContentType.objects.get_for_model(Child),
        object_id=updated.pk,
        fact_on=timezone.localdate(),
        description=f"Child's details from the council's extract: {', '.join(_singular(kind) for kind in what)}",
        collection_year="",
        file_name=row.path.rsplit("/", 1)[-1][:100],
        line=row.line,
        imported_by=actor,
    )


def _singular(kind: str) -> str:
    return {"names": "name", "dates of birth": "date of birth", "sexes": "sex", "home postcodes": "home postcode"}[kind]


def _problem_from(row: NameRow, error: ValidationError) -> Problem:
    if hasattr(error, "error_dict"):
        name, errors = next(iter(error.message_dict.items()))
        return row.problem(FIELD_COLUMNS.get(name, ""), errors[0])
    return row.problem("", error.messages[0])
