"""The Returns pages, one a return (the SSDA903 at /returns/903/, the CIN census at /returns/cin/), all
one view: a collection year's return as the DfE's validator last found it, a run on demand with its
progress, and the exported files; the Reconciliation page (each return's figures beside the
catalogue's); and Ofsted's Annex A for a period, as a workbook."""

import io
import mimetypes
import zipfile

from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hearth.audit.services import audit_record
from hearth.audit.views_helpers import require_perm
from hearth.core.collection_years import latest_ended_year, year_end, year_has_ended
from hearth.returns import selectors, services
from hearth.returns.annex_a.export import annex_a_export, default_period
from hearth.returns.annex_a.lists import ALL_LISTS
from hearth.returns.annex_a.rows import Period
from hearth.returns.forms import AnnexAPeriodForm, CollectionYearForm, HolderFilterForm, ReconciliationYearForm
from hearth.returns.kinds import RETURN_KINDS, kind_of
from hearth.returns.models import ReconciliationRun, ReturnRun, RunStatus, collection_year_label
from hearth.returns.rules import may_run_returns
from hearth.returns.runner import run_reconciliation
from hearth.workforce.models import Team, Worker


def _chosen_year(request) -> tuple[CollectionYearForm, int]:
    # No year asked for (the first visit, or only a filter): the current one.
    form = CollectionYearForm({"year": request.GET.get("year") or services.current_collection_year()})
    year = form.cleaned_data["year"] if form.is_valid() else services.current_collection_year()
    return form, year


def _page(request, *, kind, year_form, year, run_form=None):
    latest = selectors.latest_run(year, kind.name)
    completed = selectors.latest_completed_run(year, kind.name)
    filters = HolderFilterForm(
        request.GET or None,
        workers=Worker.objects.filter(holds_cases=True).select_related("user").order_by("user__last_name"),
        teams=Team.objects.order_by("name"),
    )
    chosen = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    context = {
        "kind": kind,
        "other_returns": [other for other in RETURN_KINDS.values() if other != kind],
        "year": year,
        "year_label": collection_year_label(year),
        "year_end": year_end(year),
        "year_not_ended": not year_has_ended(year),
        "year_form": year_form,
        "run_form": run_form or CollectionYearForm(initial={"year": year}),
        "latest": latest,
        "completed": completed,
        "filters": filters,
        "filtered": bool(chosen.get("worker") or chosen.get("team")),
        # The Reconciliation page compares complete years only: the year shown, or the last complete one.
        "reconcile_year": min(year, latest_ended_year()),
    }
    if completed is not None:
        by_rule = selectors.failures_by_rule(completed)
        by_child = selectors.failures_by_child(
            completed, user=request.user, worker_id=chosen.get("worker"), team_id=chosen.get("team")
        )
        context.update(
            by_rule=by_rule,
            has_queries=any(group.is_query for group in by_rule),
            by_child=by_child,
            # The caption counts children; failures of the return as a whole (no child) are said apart.
            children_listed=sum(1 for group in by_child if group.reference),
            whole_listed=any(not group.reference for group in by_child),
            not_checked=list(completed.rules_not_checked.all()),
        )
    return render(request, "returns/return.html", context)


@require_GET
def return_page(request, return_name: str):
    require_perm(request, "returns.view_returns")
    year_form, year = _chosen_year(request)
    return _page(request, kind=kind_of(return_name), year_form=year_form, year=year)


@require_POST
def return_run_now(request, return_name: str):
    """Run now: ask the background worker for a run of the chosen year, then show its progress."""
    require_perm(request, "returns.run_returns")
    kind = kind_of(return_name)
    form = CollectionYearForm(request.POST)
    if form.is_valid():
        try:
            services.return_run_request(
                actor=request.user, collection_year=form.cleaned_data["year"], return_name=kind.name
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return redirect(f"{reverse(kind.page)}?year={form.cleaned_data['year']}")
    year = form.cleaned_data.get("year") if hasattr(form, "cleaned_data") else None
    year = year or services.current_collection_year()
    return _page(request, kind=kind, year_form=CollectionYearForm({"year": year}), year=year, run_form=form)


@require_GET
def run_progress(request, pk: int):
    """How far a run has got, for the progress bar's script (the page itself works without it)."""
    require_perm(request, "returns.view_returns")
    run = get_object_or_404(ReturnRun.objects.defer("files_zip"), pk=pk)
    return JsonResponse(
        {
            "status": run.status,
            "finished": not run.is_unfinished,
            "stage": run.get_stage_display() if run.stage else run.get_status_display(),
            "percent": run.percent,
            "done": run.progress_done,
            "total": run.progress_total,
        }
    )


@require_GET
def run_files(request, pk: int):
    """The run's files: the 903's CSV files as one zip, the census's XML file as it is. They name
    children, so each download is on the audit trail."""
    require_perm(request, "returns.view_returns")
    run = get_object_or_404(ReturnRun, pk=pk, status=RunStatus.DONE)
    kind = kind_of(run.return_name)
    audit_record(
        actor=request.user, action="returns.files_downloaded", obj=run, detail={"collection_year": run.collection_year}
    )
    stored = bytes(run.files_zip)
    if kind.download_as_zip:
        content, content_type, extension = stored, "application/zip", "zip"
    else:
        with zipfile.ZipFile(io.BytesIO(stored)) as archive:
            (file_name,) = archive.namelist()
            content = archive.read(file_name)
        content_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        extension = file_name.rsplit(".", 1)[-1]
    finished = timezone.localtime(run.finished_at)
    provisional = "-provisional" if run.is_provisional else ""
    download = f"{kind.download_prefix}-{run.year_label}{provisional}-run-{run.pk}-{finished:%Y%m%d-%H%M}.{extension}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{download}"'
    return response


def _reconciliation_year(data) -> tuple[ReconciliationYearForm, int]:
    last_complete = latest_ended_year()
    form = ReconciliationYearForm({"year": data.get("year") or last_complete})
    return form, form.cleaned_data["year"] if form.is_valid() else last_complete


def _reconciliation_page(request, *, year_form, year, run_form=None):
    """The year's figures as last worked out, with when and whether the record has changed since; a
    run in progress with its bar. A small council's page is worked out now when it has none for the
    record as it stands (HEARTH_RECONCILIATION_INLINE_CHILDREN); a large council's waits for the button."""
    latest = selectors.latest_reconciliation_run(year)
    kept = selectors.latest_reconciliation(year)
    state = services.record_state()
    running = latest is not None and latest.is_unfinished
    current = kept is not None and kept[0].record_state == state
    inline = selectors.reconciliation_inline()
    if inline and not current and not running and year_form.is_valid() and may_run_returns(request.user):
        try:
            run = services.reconciliation_run_request(actor=request.user, collection_year=year, enqueue=False)
        except ValidationError:
            pass  # someone else's run of the year started a moment ago: its progress is shown
        else:
            run_reconciliation(run.pk)
        latest, kept = selectors.latest_reconciliation_run(year), selectors.latest_reconciliation(year)
        running = latest is not None and latest.is_unfinished
        current = kept is not None and kept[0].record_state == services.record_state()
    run, lines = kept if kept is not None else (None, None)
    context = {
        "year_form": year_form,
        "run_form": run_form or ReconciliationYearForm(initial={"year": year}),
        "year": year,
        "year_label": collection_year_label(year),
        "year_end": year_end(year),
        "latest": latest,
        "running": running,
        "run": run,
        "current": current,
        "reconciliation": selectors.reconciliation_of_lines(year, lines, user=request.user) if lines else None,
        "return_kinds": list(RETURN_KINDS.values()),
    }
    return render(request, "returns/reconciliation.html", context)


@require_GET
def reconciliation(request):
    """A complete collection year's returns, exported from the record, beside the catalogue's figures
    for its 31 March, with every child whose counts differ and why: as last worked out."""
    require_perm(request, "returns.view_returns")
    year_form, year = _reconciliation_year(request.GET)
    return _reconciliation_page(request, year_form=year_form, year=year)


@require_POST
def reconciliation_run_now(request):
    """Work the year's figures out again: in the background (then its progress), or at once on a
    small council."""
    require_perm(request, "returns.run_returns")
    form = ReconciliationYearForm(request.POST)
    if form.is_valid():
        year = form.cleaned_data["year"]
        inline = selectors.reconciliation_inline()
        try:
            run = services.reconciliation_run_request(actor=request.user, collection_year=year, enqueue=not inline)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if inline:
                run_reconciliation(run.pk)
            return redirect(f"{reverse('returns:reconciliation')}?year={year}")
    year_form, year = _reconciliation_year(request.POST)
    return _reconciliation_page(request, year_form=year_form, year=year, run_form=form)


@require_GET
def reconciliation_progress(request, pk: int):
    """How far a reconciliation run has got, for the progress bar's script."""
    require_perm(request, "returns.view_returns")
    run = get_object_or_404(ReconciliationRun.objects.defer("lines"), pk=pk)
    return JsonResponse(
        {
            "status": run.status,
            "finished": not run.is_unfinished,
            "stage": run.get_stage_display() if run.stage else run.get_status_display(),
            "percent": run.percent,
            "done": run.progress_done,
            "total": run.progress_total,
        }
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_http_methods(["GET", "POST"])
def annex_a(request):
    """Ofsted's Annex A: choose the period (the six months before today unless changed), then
    download the lists as one workbook. The download writes the export's audit rows, so it is a POST."""
    require_perm(request, "returns.export_annex_a")
    if request.method == "POST":
        form = AnnexAPeriodForm(request.POST)
        if form.is_valid():
            period = Period(form.cleaned_data["period_start"], form.cleaned_data["period_end"])
            export = annex_a_export(actor=request.user, period=period)
            response = HttpResponse(export.content, content_type=XLSX)
            response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
            return response
    else:
        default = default_period()
        form = AnnexAPeriodForm(initial={"period_start": default.start, "period_end": default.end})
    return render(request, "returns/annex_a.html", {"form": form, "lists": ALL_LISTS})
