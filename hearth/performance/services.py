"""Writers for the performance team's data: targets and published benchmarks."""

import csv
import datetime
import io
import unicodedata
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from hearth.audit.services import audit_record
from hearth.calendar.workingdays import add_months
from hearth.core.roles import Role, has_role
from hearth.performance.catalogue import CATALOGUE_BY_ID, Polarity
from hearth.performance.models import (
    AGGREGATE_KINDS,
    PER_READER_KINDS,
    Benchmark,
    Commentary,
    Geography,
    ReportFile,
    ReportKind,
    ReportStage,
    ReportStatus,
    Snapshot,
    SnapshotFigure,
    SnapshotRow,
    Target,
)
from hearth.performance.selectors import (
    published_quarter,
    quarter_of,
    report_made_from,
    scorecard,
    workbook_made_from,
)

ERROR_NOT_PERFORMANCE_TEAM = "Only the performance and quality team or a service manager can change this"
ERROR_UNKNOWN_INDICATOR = "There is no indicator {id}"
ERROR_CONTEXTUAL = "{id} is a contextual measure: it has no target"
ERROR_PERCENT_RANGE = "A percentage target must be between 0 and 100"
ERROR_NEGATIVE = "Must be 0 or more"
ERROR_YEAR = "Enter a year between 2000 and 2100"
ERROR_STALE_TARGET = (
    "Someone else changed this target while you were editing it (it is now {target}, tolerance "
    "{tolerance}, set by {who}). Nothing was saved: check it and try again"
)
ERROR_TARGET_CHANGED_MEANWHILE = "Someone else changed this target while you were editing it. Nothing was saved"
BENCHMARK_COLUMNS = ["indicator_id", "year", "geography", "value", "source", "published_on"]


def _check_performance_team(actor) -> None:
    # actor None: an administrator at the server's command line (manage.py), recorded as the system.
    if actor is not None and not (
        actor.is_superuser or has_role(actor, Role.PERFORMANCE_OFFICER, Role.SERVICE_MANAGER)
    ):
        raise ValidationError(ERROR_NOT_PERFORMANCE_TEAM)


def target_set(
    *, actor, indicator_id: str, year: int, target: Decimal, tolerance: Decimal, expected_version: int | None = None
) -> Target:
    """Set (or change) an indicator's target for a year. A change made from a stale page
    (expected_version no longer current) is refused, never silently overwritten."""
    _check_performance_team(actor)
    indicator = CATALOGUE_BY_ID.get(indicator_id)
    errors = {}
    if indicator is None:
        errors["indicator_id"] = ERROR_UNKNOWN_INDICATOR.format(id=indicator_id)
    elif indicator.polarity is Polarity.CONTEXT:
        errors["indicator_id"] = ERROR_CONTEXTUAL.format(id=indicator_id)
    elif indicator.unit == "%" and not Decimal(0) <= target <= Decimal(100):
        errors["target"] = ERROR_PERCENT_RANGE
    elif target < 0:
        errors["target"] = ERROR_NEGATIVE
    if tolerance < 0:
        errors["tolerance"] = ERROR_NEGATIVE
    if not 2000 <= year <= 2100:
        errors["year"] = ERROR_YEAR
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = Target.objects.select_for_update().filter(indicator_id=indicator_id, year=year).first()
        if current is not None and expected_version is not None and current.version != expected_version:
            raise ValidationError(
                ERROR_STALE_TARGET.format(
                    target=current.target,
                    tolerance=current.tolerance,
                    who=current.set_by.get_full_name() or current.set_by.username,
                )
            )
        if current is None:
            current = Target.objects.create(
                indicator_id=indicator_id, year=year, target=target, tolerance=tolerance, set_by=actor
            )
        else:
            current.target, current.tolerance, current.set_by = target, tolerance, actor
            current.version += 1
            current.save()
        audit_record(
            actor=actor,
            action="target.set",
            obj=current,
            detail={"indicator": indicator_id, "year": year, "target": str(target), "tolerance": str(tolerance)},
        )
    return current


def parse_benchmark_csv(text: str) -> list[dict]:
    """Every row checked before anything is loaded; the first problems are reported by row number."""
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or [f.strip() for f in reader.fieldnames] != BENCHMARK_COLUMNS:
        raise ValidationError(f"The first line must name the columns {','.join(BENCHMARK_COLUMNS)}")
    rows, problems, seen = [], [], set()
    for number, raw in enumerate(reader, start=2):
        row, problem = _benchmark_row(raw)
        key = (row or {}).get("indicator_id"), (row or {}).get("year"), (row or {}).get("geography")
        if problem is None and key in seen:
            problem = "the same indicator, year and geography appear twice"
        if problem:
            problems.append(f"Row {number}: {problem}")
        else:
            seen.add(key)
            rows.append(row)
    if problems:
        raise ValidationError(problems[:20])
    if not rows:
        raise ValidationError("The file has no rows")
    return rows


def _benchmark_row(raw: dict) -> tuple[dict | None, str | None]:
    values = {key: (raw.get(key) or "").strip() for key in BENCHMARK_COLUMNS}
    if None in raw:
        return None, "more values than columns"
    if values["indicator_id"] not in CATALOGUE_BY_ID:
        return None, f"unknown indicator id '{values['indicator_id']}'"
    if values["geography"] not in Geography.values:
        return None, f"geography must be one of {', '.join(Geography.values)}"
    try:
        year = int(values["year"])
        value = Decimal(values["value"])
        published_on = datetime.date.fromisoformat(values["published_on"])
    except (ValueError, InvalidOperation):
        return None, "year must be a whole number, value a number and published_on a date like 2025-12-11"
    if not 2000 <= year <= 2100 or not value.is_finite() or value < 0:
        return None, "year must be between 2000 and 2100 and value 0 or more"
    if not values["source"]:
        return None, "source is empty"
    return {**values, "year": year, "value": value, "published_on": published_on}, None


def benchmarks_load(*, actor, text: str) -> int:
    """Load a benchmark file whole, or not at all: rows for an indicator, year and geography
    already held replace the old figures."""
    _check_performance_team(actor)
    rows = parse_benchmark_csv(text)
    with transaction.atomic():
        for row in rows:
            Benchmark.objects.update_or_create(
                indicator_id=row["indicator_id"],
                year=row["year"],
                geography=row["geography"],
                defaults={"value": row["value"], "source": row["source"], "published_on": row["published_on"]},
            )
        audit_record(actor=actor, action="benchmarks.load", detail={"rows": len(rows)})
    return len(rows)


ERROR_MONTH_NOT_ENDED = "{month} has not ended: publish it once it has"
ERROR_ALREADY_PUBLISHED = "{month} was already published on {when}. A published month is never republished"
ERROR_COMMENTARY_EMPTY = "Enter the commentary"
ERROR_STALE_COMMENTARY = "Someone else changed this commentary while you were editing it. Nothing was saved"


def snapshot_publish(*, actor, month: datetime.date) -> Snapshot:
    """Freeze a month's figures (as of its last day), with their commentary and the children behind
    them. Publishing a month twice is refused: the first publication stands."""
    _check_performance_team(actor)
    month = month.replace(day=1)
    as_of = add_months(month, 1) - datetime.timedelta(days=1)
    if as_of >= timezone.localdate():
        raise ValidationError({"month": ERROR_MONTH_NOT_ENDED.format(month=f"{month:%B %Y}")})
    lines = scorecard(as_of)  # computed before the lock: reading takes a while, writing does not
    commentary = {c.indicator_id: c.text for c in Commentary.objects.filter(month=month)}
    with transaction.atomic():
        existing = Snapshot.objects.select_for_update().filter(month=month).first()
        if existing is not None:
            raise ValidationError(
                {
                    "month": ERROR_ALREADY_PUBLISHED.format(
                        month=f"{month:%B %Y}", when=f"{timezone.localtime(existing.published_at):%-d %B %Y}"
                    )
                }
            )
        snapshot = Snapshot.objects.create(month=month, as_of=as_of, published_by=actor)
        for line in lines:
            indicator, result = line.result.indicator, line.result
            figure = SnapshotFigure.objects.create(
                snapshot=snapshot,
                indicator_id=indicator.id,
                title=indicator.title,
                unit=indicator.unit,
                numerator=result.numerator,
                denominator=result.denominator,
                value=line.value,
                target=line.target.target if line.target else None,
                rag=line.rag or "",
                last_year_value=line.last_year_value,
                travel=line.travel or "",
                commentary=commentary.get(indicator.id, ""),
            )
            SnapshotRow.objects.bulk_create(
                SnapshotRow(
                    figure=figure,
                    subject=_fits(row.subject if row.child_id else f"{row.child_name}: {row.subject}"),
                    child_id=row.child_id,
                    worker=_fits(row.worker),
                    team=_fits(row.team),
                    counted=row.counted,
                )
                for row in result.rows
            )
        audit_record(actor=actor, action="snapshot.publish", obj=snapshot, detail={"month": f"{month:%Y-%m}"})
    return snapshot


def _fits(text: str, length: int = 200) -> str:
    """A published row's label within its column: a long one (a household's carers, several workers)
    ends with an ellipsis rather than refusing the month's publication. Most labels fit, and are kept
    as Truncator would give them back without asking it: it looks up the ellipsis's translation and
    walks every character, three times a row for every row of a large council's month."""
    if len(text) <= length and unicodedata.is_normalized("NFC", text):
        return text
    return Truncator(text).chars(length)


def commentary_write(
    *, actor, indicator_id: str, month: datetime.date, text: str, expected_version: int | None = None
) -> Commentary:
    _check_performance_team(actor)
    if indicator_id not in CATALOGUE_BY_ID:
        raise ValidationError({"indicator_id": ERROR_UNKNOWN_INDICATOR.format(id=indicator_id)})
    if not text.strip():
        raise ValidationError({"text": ERROR_COMMENTARY_EMPTY})
    with transaction.atomic():
        current = Commentary.objects.select_for_update().filter(indicator_id=indicator_id, month=month).first()
        if expected_version is not None and (current.version if current else 0) != expected_version:
            raise ValidationError(ERROR_STALE_COMMENTARY)
        if current is None:
            current = Commentary.objects.create(
                indicator_id=indicator_id, month=month, text=text.strip(), written_by=actor
            )
        else:
            current.text, current.written_by = text.strip(), actor
            current.version += 1
            current.save()
        audit_record(actor=actor, action="commentary.write", obj=current, detail={"indicator": indicator_id})
    return current


ERROR_POPULATION_POSITIVE = "Enter the number of children aged 0 to 17 (more than 0)"
ERROR_POPULATION_SOURCE = "Say where the figure comes from, for example the ONS mid-year estimate"
ERROR_STALE_POPULATION = (
    "Someone else changed this year's population while you were editing it (it is now {children}). "
    "Nothing was saved: check it and try again"
)


def population_set(*, actor, year: int, children: int, source: str, expected_version: int | None = None):
    """Set (or correct) the council's population of children aged 0-17 for a statutory year: the
    denominator of the rates per 10,000. A stale edit is refused, never silently overwritten."""
    from hearth.performance.models import ChildPopulation

    _check_performance_team(actor)
    errors = {}
    if not 2000 <= year <= 2100:
        errors["year"] = ERROR_YEAR
    if children is None or children <= 0:
        errors["children"] = ERROR_POPULATION_POSITIVE
    if not source.strip():
        errors["source"] = ERROR_POPULATION_SOURCE
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = ChildPopulation.objects.select_for_update().filter(year=year).first()
        if expected_version is not None and (current.version if current else 0) != expected_version:
            raise ValidationError(ERROR_STALE_POPULATION.format(children=current.children if current else "not set"))
        if current is None:
            current = ChildPopulation.objects.create(year=year, children=children, source=source.strip(), set_by=actor)
        else:
            current.children, current.source, current.set_by = children, source.strip(), actor
            current.version += 1
            current.save()
        audit_record(actor=actor, action="population.set", obj=current, detail={"year": year, "children": children})
    return current


# Kept PDFs of published months' reports (ReportFile): asked for from the report's page, made by the
# background task (report_pdfs.py), kept for every later download.

# A file still being made this long after it started has lost its worker (a restart, a crash): the
# next request makes it again rather than waiting on it for ever.
REPORT_STALE_AFTER = datetime.timedelta(minutes=30)
ERROR_MAY_NOT_READ = "You may not read this report"
ERROR_NOT_A_PUBLISHED_QUARTER = "{month} does not end a quarter whose three months were all published"
ERROR_WORKBOOK_NEEDS_A_READER = "A workbook with the children behind the figures is made for the person who asks for it"


def _check_may_read_report(actor, kind: str) -> None:
    # actor None: the server's command line or a benchmark, recorded as the system.
    if actor is None:
        return
    if not actor.has_perm("performance.view_indicators"):
        raise ValidationError(ERROR_MAY_NOT_READ)
    if kind not in AGGREGATE_KINDS and not actor.has_perm("performance.view_drilldown"):
        raise ValidationError(ERROR_MAY_NOT_READ)


def report_pdf_request(*, actor, snapshot: Snapshot, kind: str, enqueue: bool = True) -> ReportFile:
    """Ask for the PDF of a published month's report (for a quarter: the quarter's last month), or
    for the month's workbook with the rows behind its figures (made for `actor`, the children they
    may see). Already kept and still the report: nothing to do. Being made: that one (one at a time
    per month, kind and reader). Otherwise (never made, failed, lost its worker, or made from what
    has changed since: a month republished, benchmarks loaded, the children the reader may see) it
    is made again by the background task."""
    _check_may_read_report(actor, kind)
    if kind in (ReportKind.QUARTER, ReportKind.QUARTER_AGGREGATE):
        chosen = quarter_of(snapshot.as_of)
        if chosen is None or published_quarter(*chosen) is None:
            raise ValidationError(ERROR_NOT_A_PUBLISHED_QUARTER.format(month=f"{snapshot.month:%B %Y}"))
    per_reader = kind in PER_READER_KINDS
    if per_reader and actor is None:
        raise ValidationError(ERROR_WORKBOOK_NEEDS_A_READER)
    reader = actor if per_reader else None
    made_from = workbook_made_from(snapshot, reader) if per_reader else report_made_from(snapshot, kind)
    now = timezone.now()
    with transaction.atomic():
        Snapshot.objects.select_for_update().get(pk=snapshot.pk)  # one request at a time per month
        kept = (
            ReportFile.objects.select_for_update()
            .defer("content")
            .filter(snapshot=snapshot, kind=kind, reader=reader)
            .first()
        )
        if kept is not None:
            if kept.status == ReportStatus.DONE and kept.made_from == made_from:
                return kept
            if kept.is_unfinished and now - (kept.started_at or kept.requested_at) < REPORT_STALE_AFTER:
                return kept
        else:
            kept = ReportFile(snapshot=snapshot, kind=kind, reader=reader)
        kept.status, kept.stage, kept.made_from = ReportStatus.QUEUED, ReportStage.WAITING, made_from
        kept.requested_by, kept.requested_at, kept.started_at, kept.finished_at = actor, now, None, None
        kept.content, kept.size, kept.error, kept.rows_percent = None, 0, "", 0
        kept.save()
        audit_record(
            actor=actor,
            action="report_pdf.requested",
            obj=kept,
            detail={"month": f"{snapshot.month:%Y-%m}", "kind": kind},
        )
        if enqueue:
            from hearth.performance.tasks import make_report_pdf_task

            transaction.on_commit(lambda: make_report_pdf_task.enqueue(kept.pk))
    return kept


def report_pdf_start(file_id: int) -> ReportFile | None:
    """The task takes the file it was asked to make; None if it is not waiting (another task has
    it, or it was made meanwhile): then there is nothing to do."""
    with transaction.atomic():
        kept = ReportFile.objects.select_for_update().defer("content").select_related("snapshot").get(pk=file_id)
        if kept.status != ReportStatus.QUEUED:
            return None
        kept.status, kept.started_at = ReportStatus.RUNNING, timezone.now()
        kept.save(update_fields=["status", "started_at"])
    return kept


def report_pdf_progress_record(file_id: int, *, stage: str, rows_percent: int = 0) -> None:
    """Where the making has got to (the progress page reads it): the stage, and for a workbook how
    much of its rows are written. Progress is not a fact about anyone: no audit row."""
    if stage not in ReportStage.values:
        raise ValueError(f"Unknown stage {stage!r}")
    if not 0 <= rows_percent <= 100:
        raise ValueError(f"Rows written out of range: {rows_percent}%")
    ReportFile.objects.filter(pk=file_id, status=ReportStatus.RUNNING).update(stage=stage, rows_percent=rows_percent)


def report_pdf_store(file_id: int, *, content: bytes, made_from: str) -> ReportFile:
    """Keep the PDF: every later download is these bytes, until what it is made from changes."""
    with transaction.atomic():
        kept = ReportFile.objects.select_for_update().defer("content").select_related("snapshot").get(pk=file_id)
        kept.content, kept.size, kept.made_from = content, len(content), made_from
        kept.status, kept.finished_at = ReportStatus.DONE, timezone.now()
        kept.save(update_fields=["content", "size", "made_from", "status", "finished_at"])
        audit_record(
            actor=None,
            action="report_pdf.made",
            obj=kept,
            detail={"month": f"{kept.snapshot.month:%Y-%m}", "kind": kept.kind, "bytes": len(content)},
        )
    return kept


def report_pdf_failure_record(file_id: int, *, error: str) -> None:
    """Making it failed: said on its progress page, where it can be asked for again."""
    with transaction.atomic():
        kept = ReportFile.objects.select_for_update().defer("content").select_related("snapshot").get(pk=file_id)
        kept.status, kept.error, kept.finished_at = ReportStatus.FAILED, error, timezone.now()
        kept.save(update_fields=["status", "error", "finished_at"])
        audit_record(
            actor=None,
            action="report_pdf.failed",
            obj=kept,
            detail={"month": f"{kept.snapshot.month:%Y-%m}", "kind": kept.kind, "error": error[:500]},
        )
