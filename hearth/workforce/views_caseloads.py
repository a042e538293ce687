"""The workforce pages of issue 19: the workers' employment details (service manager or system
administrator) and the weekly caseload review (docs/workforce.md). Kept beside views.py so that each
stays small."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from hearth.audit.views_helpers import require_perm
from hearth.people.selectors import children_visible_to
from hearth.performance.charts import Point, line_chart
from hearth.workforce import services
from hearth.workforce.caseloads import (
    asye_caseload_threshold,
    average_caseload_by_team,
    caseload_threshold,
    monday_of,
    weekly_trend,
)
from hearth.workforce.forms_employment import TeamEstablishmentForm, WorkerEmploymentForm
from hearth.workforce.models import CaseloadWeek, Team, Worker
from hearth.workforce.selectors import vacancies_by_team


def workers(request):
    """Every worker with their employment details, by team."""
    require_perm(request, "workforce.record_employment")
    staff = Worker.objects.select_related("user", "team").order_by("team__name", "user__last_name", "user__first_name")
    today = timezone.localdate()
    context = {"workers": staff, "today": today, "vacancies": vacancies_by_team(today)}
    return render(request, "workforce/workers.html", context)


def worker_employment(request, worker_id: int):
    worker = get_object_or_404(Worker.objects.select_related("user", "team"), pk=worker_id)
    require_perm(request, "workforce.record_employment")
    initial = {
        "employment_type": worker.employment_type,
        "fte": worker.fte,
        "started_on": worker.started_on,
        "left_on": worker.left_on,
        "qualified_on": worker.qualified_on,
        "asye_started_on": worker.asye_started_on,
        "version": worker.version,
    }
    form = WorkerEmploymentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.worker_employment_update(
                actor=request.user,
                worker_id=worker.pk,
                employment_type=data["employment_type"],
                fte=data["fte"],
                qualified_on=data["qualified_on"],
                asye_started_on=data["asye_started_on"],
                started_on=data["started_on"],
                left_on=data["left_on"],
                expected_version=data["version"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Employment details saved for {worker}")
            return redirect("workforce:workers")
    return render(request, "workforce/worker_employment.html", {"form": form, "worker": worker})


def weekly_caseloads(request):
    """This week's frozen caseloads: the workers over their threshold with their children, and the
    last 12 weeks as a chart beside its table."""
    require_perm(request, "workforce.review_caseloads")
    today = timezone.localdate()
    week = (
        CaseloadWeek.objects.filter(week_starting=monday_of(today)).first()
        or CaseloadWeek.objects.filter(week_starting__lte=today).first()
    )
    over, by_team = [], []
    if week is not None:
        by_team = average_caseload_by_team(week)
        loads = list(week.caseloads.filter(over_threshold=True).select_related("worker__user", "team"))
        wanted = {child_id for load in loads for child_id in load.child_ids}
        visible = {c.pk: c for c in children_visible_to(request.user).filter(pk__in=wanted)}
        for load in loads:
            shown = [visible[i] for i in load.child_ids if i in visible]
            over.append({"load": load, "children": shown, "withheld": len(load.child_ids) - len(shown)})
    trend = weekly_trend(today)
    chart = line_chart(
        [Point(f"{w.week_starting:%-d %b}", Decimal(w.over_threshold) if w.frozen else None) for w in trend],
        title="Workers over their caseload threshold, each Monday of the last 12 weeks",
        unit="count",
    )
    context = {
        "week": week,
        "this_week": monday_of(today),
        "over": over,
        "by_team": by_team,
        "trend": trend,
        "chart": chart,
        "threshold": caseload_threshold(),
        "asye_threshold": asye_caseload_threshold(),
    }
    return render(request, "workforce/weekly_caseloads.html", context)


def team_establishment(request, team_id: int):
    """A team's funded social worker posts, which its vacancies are read against."""
    team = get_object_or_404(Team, pk=team_id)
    require_perm(request, "workforce.record_employment")
    form = TeamEstablishmentForm(request.POST or None, initial={"funded_fte": team.funded_fte})
    if request.method == "POST" and form.is_valid():
        try:
            services.team_establishment_set(actor=request.user, team_id=team.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Funded posts saved for {team}")
            return redirect("workforce:workers")
    return render(request, "workforce/team_establishment.html", {"form": form, "team": team})
