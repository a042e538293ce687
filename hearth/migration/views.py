"""The Import page (/migration/): a system administrator uploads a council's past returns, chooses a
dry run or a load and what to do with children whose rows are refused, and follows the import in
the background to its report: what was created, what was already held, every refusal with its file,
line, column and reason, and the children left out (docs/migration.md)."""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hearth.audit.views_helpers import require_perm
from hearth.migration.forms import BAD_LEAVE_OUT, MODE_DRY_RUN, ImportForm
from hearth.migration.import_runs import import_run_request
from hearth.migration.models import ImportRun
from hearth.migration.selectors import recent_import_runs

PERMISSION = "migration.import_returns"


@require_http_methods(["GET", "POST"])
def import_page(request):
    require_perm(request, PERMISSION)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            run = import_run_request(
                actor=request.user,
                upload=upload.read(),
                upload_name=upload.name,
                dry_run=form.cleaned_data["mode"] == MODE_DRY_RUN,
                leave_out_bad_children=form.cleaned_data["bad_children"] == BAD_LEAVE_OUT,
                team_id=form.cleaned_data["team"].pk,
                worker_id=form.cleaned_data["worker"].pk,
                chair_id=form.cleaned_data["chair"].pk,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return redirect("migration:run", pk=run.pk)
    return render(request, "migration/import.html", {"form": form, "runs": recent_import_runs()})


@require_GET
def import_run_page(request, pk: int):
    """The run's progress while it runs; its report when it has finished."""
    require_perm(request, PERMISSION)
    run = get_object_or_404(ImportRun.objects.defer("upload").select_related("requested_by", "team", "chair"), pk=pk)
    return render(request, "migration/run.html", {"run": run, "report": run.report})


@require_GET
def import_run_progress(request, pk: int):
    """How far an import has got, for the progress bar's script (the page works without it)."""
    require_perm(request, PERMISSION)
    run = get_object_or_404(ImportRun.objects.defer("upload"), pk=pk)
    return JsonResponse(
        {
            "status": run.status,
            "finished": not run.is_unfinished,
            "stage": run.get_status_display(),
            "percent": run.percent,
            "done": run.progress_done,
            "total": run.progress_total,
        }
    )
