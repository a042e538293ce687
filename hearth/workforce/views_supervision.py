"""A worker's supervision: the record of past supervisions with their decisions, when the next is
due, and the form to record one (docs/workforce.md "Supervision")."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from hearth.audit.views_helpers import require_perm
from hearth.workforce import services
from hearth.workforce.forms_supervision import SupervisionForm
from hearth.workforce.models import Worker
from hearth.workforce.selectors import supervision_of


def worker_supervision(request, worker_id: int):
    worker = get_object_or_404(
        Worker.objects.select_related("user", "team__manager").prefetch_related("supervisions__supervisor"),
        pk=worker_id,
    )
    require_perm(request, "workforce.supervise_worker", worker)
    today = timezone.localdate()
    form = SupervisionForm(request.POST or None, initial={"held_on": today})
    if request.method == "POST" and form.is_valid():
        try:
            services.supervision_record(actor=request.user, worker_id=worker.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Supervision recorded for {worker}")
            return redirect("workforce:worker_supervision", worker_id=worker.pk)
    context = {
        "form": form,
        "worker": worker,
        "due": supervision_of(worker, today),
        "supervisions": worker.supervisions.all(),
    }
    return render(request, "workforce/worker_supervision.html", context)
