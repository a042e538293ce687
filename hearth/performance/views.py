import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from hearth.audit.views_helpers import require_perm
from hearth.core.pdf import html_to_pdf, stylesheet
from hearth.people.selectors import children_visible_to
from hearth.performance import exports, selectors, services
from hearth.performance.catalogue import CATALOGUE, CATALOGUE_BY_ID
from hearth.performance.charts import line_chart
from hearth.performance.forms import (
    AsOfForm,
    BenchmarkUploadForm,
    CommentaryForm,
    PopulationForm,
    PublishForm,
    QuarterForm,
    TargetForm,
)
from hearth.performance.indicator import EARLIEST_AS_OF
from hearth.performance.models import Benchmark, Commentary, Snapshot, SnapshotRow, Target
from hearth.performance.openapi import openapi_document

REPORT_STYLESHEET = "hearth/report-print.css"


def index(request):
    require_perm(request, "performance.view_indicators")
    form = AsOfForm(request.GET or None)
    as_of = form.as_of_or_today()
    lines = selectors.scorecard(as_of)
    return render(
        request,
        "performance/index.html",
        {
            "form": form,
            "as_of": as_of,
            "lines": lines,
            "published_comparisons": selectors.published_comparisons(lines),
            "period_start": selectors.year_start(as_of),
            "last_year": selectors.same_day_last_year(as_of),
            "last_period": selectors.end_of_last_period(as_of),
            "can_drill_down": request.user.has_perm("performance.view_drilldown"),
            "can_set_targets": request.user.has_perm("performance.set_targets"),
            "aggregate_only": not request.user.has_perm("performance.view_drilldown"),
            "small_numbers_up_to": settings.HEARTH_SMALL_NUMBERS_UP_TO,
        },
    )


# "Behind the figure" lists this many children a page (a large council's F01 has thousands of contacts).
DRILLDOWN_ROWS_PER_PAGE = 100


def drilldown(request, indicator_id: str):
    require_perm(request, "performance.view_drilldown")
    form = AsOfForm(request.GET or None)
    as_of = form.as_of_or_today()
    result = selectors.result_by_id(indicator_id, as_of)
    if result is None:
        raise Http404("No such indicator")
    visible = set(
        children_visible_to(request.user).filter(pk__in={r.child_id for r in result.rows}).values_list("pk", flat=True)
    )
    rows = [row for row in result.rows if row.child_id in visible]
    trend = selectors.monthly_trend(result.indicator, as_of)
    target = Target.objects.filter(indicator_id=indicator_id, year=selectors.statutory_year(as_of)).first()
    chart = line_chart(
        trend,
        unit=result.indicator.unit,
        target=target.target if target else None,
        title=f"{result.indicator.id} {result.indicator.title}: the last 12 months",
    )
    return render(
        request,
        "performance/drilldown.html",
        {
            "form": form,
            "result": result,
            "as_of": as_of,
            "rows": rows,
            "workers": selectors.by_worker(rows),
            "trend": trend,
            "chart": mark_safe(chart),  # noqa: S308 (built from numbers and escaped text in charts.py)
            "listed": Paginator(
                [row for row in rows if not row.counted] + [row for row in rows if row.counted], DRILLDOWN_ROWS_PER_PAGE
            ).get_page(request.GET.get("page")),
            "hidden": len(result.rows) - len(rows),
        },
    )


@login_not_required
@require_GET
def indicators_json(request):
    """Every indicator's value, numerator and denominator for a date, for the council's data
    warehouse and for checks: GET /api/indicators/?as_of=2026-03-31 (today if omitted). Figures
    only, never a child. A caller not signed in gets 401 in JSON, not the sign-in page."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Sign in first"}, status=401)
    require_perm(request, "performance.view_indicators")
    try:
        as_of = datetime.date.fromisoformat(request.GET["as_of"]) if "as_of" in request.GET else timezone.localdate()
    except ValueError:
        return JsonResponse({"error": "as_of must be a date written 2026-03-31"}, status=400)
    if as_of > timezone.localdate():
        return JsonResponse({"error": "as_of must be today or in the past"}, status=400)
    if as_of < EARLIEST_AS_OF:
        return JsonResponse({"error": f"as_of must be on or after {EARLIEST_AS_OF.isoformat()}"}, status=400)
    return JsonResponse(
        selectors.indicators_as_data(as_of, aggregate_only=not request.user.has_perm("performance.view_drilldown"))
    )


@login_not_required
@require_GET
def openapi_json(request):
    """The description of the JSON API (OpenAPI 3), for whoever builds on it."""
    return JsonResponse(openapi_document(), json_dumps_params={"indent": 2})


def targets(request):
    """This statutory year's targets for every indicator, and the benchmark file upload."""
    require_perm(request, "performance.set_targets")
    year = selectors.statutory_year(timezone.localdate())
    upload = BenchmarkUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload.is_valid():
        try:
            loaded = services.benchmarks_load(actor=request.user, text=upload.cleaned_data["file"])
        except ValidationError as error:
            upload.add_error("file", error)
        else:
            messages.success(request, f"{loaded} benchmark figures loaded")
            return redirect("performance:targets")
    held = {t.indicator_id: t for t in Target.objects.filter(year=year).select_related("set_by")}
    return render(
        request,
        "performance/targets.html",
        {
            "year": year,
            "form": upload,
            "indicators": [(indicator, held.get(indicator.id)) for indicator in CATALOGUE],
            "benchmarks": Benchmark.objects.all()[:200],
        },
    )


def target_edit(request, indicator_id: str, year: int):
    require_perm(request, "performance.set_targets")
    indicator = CATALOGUE_BY_ID.get(indicator_id)
    if indicator is None:
        raise Http404("No such indicator")
    current = Target.objects.filter(indicator_id=indicator_id, year=year).first()
    initial = (
        {"target": current.target, "tolerance": current.tolerance, "version": current.version}
        if current
        else {"version": 0}
    )
    form = TargetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_set(
                actor=request.user,
                indicator_id=indicator_id,
                year=year,
                target=form.cleaned_data["target"],
                tolerance=form.cleaned_data["tolerance"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Target for {indicator_id} saved")
            return redirect("performance:targets")
    return render(
        request,
        "performance/target_form.html",
        {"form": form, "indicator": indicator, "year": year, "current": current},
    )


def published(request):
    """Published months, and publishing the last one (performance team)."""
    require_perm(request, "performance.view_indicators")
    form = PublishForm(request.POST or None) if request.user.has_perm("performance.set_targets") else None
    if request.method == "POST":
        require_perm(request, "performance.set_targets")
        if form.is_valid():
            try:
                snapshot = services.snapshot_publish(actor=request.user, month=form.cleaned_data["month"])
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, f"{snapshot.month:%B %Y} published")
                return redirect("performance:published_month", pk=snapshot.pk)
    return render(request, "performance/published.html", {"form": form, "snapshots": Snapshot.objects.all()})


def _published_month_context(request, pk: int) -> dict:
    snapshot = get_object_or_404(Snapshot.objects.select_related("published_by"), pk=pk)
    lines = selectors.published_with_live(snapshot)
    benchmarks = selectors.latest_benchmarks(selectors.statutory_year(snapshot.as_of))
    aggregate_only = not request.user.has_perm("performance.view_drilldown")
    trend = selectors.published_trend(snapshot, aggregate_only=aggregate_only)
    return {
        "snapshot": snapshot,
        "lines": [
            (line, benchmarks.get(line.figure.indicator_id, {}), _trend_chart(line.figure, trend)) for line in lines
        ],
        **selectors.strengths_and_concerns([line.figure for line in lines]),
        "aggregate_only": not request.user.has_perm("performance.view_drilldown"),
        "small_numbers_up_to": settings.HEARTH_SMALL_NUMBERS_UP_TO,
    }


def _trend_chart(figure, trend: dict) -> tuple[str, list]:
    """The figure's last 12 published months as a chart, with the values shown in its table."""
    points, shown = trend.get(figure.indicator_id, ([], []))
    title = f"{figure.indicator_id} {figure.title}: the last 12 published months"
    chart = line_chart(points, title=title, unit=figure.unit, target=figure.target) if points else ""
    return mark_safe(chart), shown  # noqa: S308 (line_chart escapes every text it writes)


def published_month(request, pk: int):
    require_perm(request, "performance.view_indicators")
    return render(request, "performance/published_month.html", _published_month_context(request, pk))


def published_month_pdf(request, pk: int):
    """The published month's report as a PDF, from the same template and the same frozen figures
    as the page (small numbers suppressed for aggregate-only readers, as there)."""
    require_perm(request, "performance.view_indicators")
    context = _published_month_context(request, pk)
    return _pdf_response(request, "performance/published_month_pdf.html", context, f"{context['snapshot'].month:%Y-%m}")


def _pdf_response(request, template: str, context: dict, name: str) -> HttpResponse:
    context |= {
        "stylesheet": stylesheet(REPORT_STYLESHEET),
        "printed_at": timezone.localtime(),
        "printed_by": request.user.get_full_name() or request.user.username,
    }
    response = HttpResponse(html_to_pdf(render_to_string(template, context, request=request)), "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="hearth-performance-{name}.pdf"'
    return response


def commentary_edit(request, indicator_id: str, month: str):
    require_perm(request, "performance.set_targets")
    indicator = CATALOGUE_BY_ID.get(indicator_id)
    try:
        first_day = datetime.date.fromisoformat(f"{month}-01")
    except ValueError:
        raise Http404("No such month") from None
    if indicator is None:
        raise Http404("No such indicator")
    current = Commentary.objects.filter(indicator_id=indicator_id, month=first_day).first()
    form = CommentaryForm(
        request.POST or None, initial={"text": current.text, "version": current.version} if current else {"version": 0}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.commentary_write(
                actor=request.user,
                indicator_id=indicator_id,
                month=first_day,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Commentary on {indicator_id} saved")
            return redirect("performance:index")
    return render(
        request, "performance/commentary_form.html", {"form": form, "indicator": indicator, "month": first_day}
    )


def published_workbook(request, pk: int):
    require_perm(request, "performance.view_indicators")
    snapshot = get_object_or_404(Snapshot, pk=pk)
    aggregate_only = not request.user.has_perm("performance.view_drilldown")
    child_ids = set(SnapshotRow.objects.filter(figure__snapshot=snapshot).values_list("child_id", flat=True))
    visible = (
        set()
        if aggregate_only
        else set(children_visible_to(request.user).filter(pk__in=child_ids).values_list("pk", flat=True))
    )
    content = exports.published_workbook(snapshot, aggregate_only=aggregate_only, visible_child_ids=visible)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="hearth-performance-{snapshot.month:%Y-%m}.xlsx"'
    return response


def _quarterly_context(request) -> dict:
    form = QuarterForm(request.GET or None)
    chosen = form.chosen()
    lines = selectors.quarter_report(*chosen) if chosen else []
    return {
        "form": form,
        "chosen": chosen,
        "lines": lines,
        "ends": selectors.quarter_month_ends(*chosen) if chosen else [],
        **selectors.strengths_and_concerns(lines),
        "aggregate_only": not request.user.has_perm("performance.view_drilldown"),
        "small_numbers_up_to": settings.HEARTH_SMALL_NUMBERS_UP_TO,
    }


def quarterly(request):
    """The quarterly performance indicator report for the partnership board."""
    require_perm(request, "performance.view_indicators")
    return render(request, "performance/quarterly.html", _quarterly_context(request))


def quarterly_pdf(request):
    """The quarterly report as a PDF, from the same template and figures as the page."""
    require_perm(request, "performance.view_indicators")
    context = _quarterly_context(request)
    if not context["chosen"]:
        raise Http404("No quarter has ended yet")
    year, quarter = context["chosen"]
    return _pdf_response(request, "performance/quarterly_pdf.html", context, f"{year}-q{quarter}")


def quarterly_workbook(request):
    """The quarterly report as an Excel workbook, from the same figures as the page."""
    require_perm(request, "performance.view_indicators")
    context = _quarterly_context(request)
    if not context["chosen"]:
        raise Http404("No quarter has ended yet")
    year, quarter = context["chosen"]
    content = exports.quarterly_workbook(
        year, quarter, context["lines"], context["ends"], aggregate_only=context["aggregate_only"]
    )
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="hearth-performance-{year}-q{quarter}.xlsx"'
    return response


def population(request):
    """The council's population of children aged 0-17 per year: the denominator of every rate per
    10,000 children. Kept by the performance team; a stale edit is refused."""
    from hearth.performance.models import ChildPopulation

    require_perm(request, "performance.set_targets")
    year = request.GET.get("year", "")
    current = ChildPopulation.objects.filter(year=int(year)).first() if year.isdigit() and len(year) == 4 else None
    initial = (
        {"year": current.year, "children": current.children, "source": current.source, "version": current.version}
        if current
        else {"year": selectors.statutory_year(timezone.localdate()), "version": 0}
    )
    form = PopulationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.population_set(
                actor=request.user,
                year=form.cleaned_data["year"],
                children=form.cleaned_data["children"],
                source=form.cleaned_data["source"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Population for {form.cleaned_data['year']} saved")
            return redirect("performance:population")
    return render(
        request,
        "performance/population.html",
        {"form": form, "estimates": ChildPopulation.objects.select_related("set_by")},
    )


# The Corporate Parenting Panel report (issue 7): the published month's looked-after and care leaver
# figures, aggregate for every reader, as a page, a PDF and a workbook from the same snapshot.


def corporate_parenting(request, pk: int):
    from hearth.performance.corporate_parenting import panel_context

    require_perm(request, "performance.view_indicators")
    return render(request, "performance/corporate_parenting.html", panel_context(pk))


def corporate_parenting_pdf(request, pk: int):
    from hearth.performance.corporate_parenting import panel_context

    require_perm(request, "performance.view_indicators")
    context = panel_context(pk)
    name = f"corporate-parenting-{context['snapshot'].month:%Y-%m}"
    return _pdf_response(request, "performance/corporate_parenting_pdf.html", context, name)


def corporate_parenting_workbook(request, pk: int):
    from hearth.performance.corporate_parenting import panel_context, panel_workbook

    require_perm(request, "performance.view_indicators")
    context = panel_context(pk)
    snapshot = context["snapshot"]
    content = panel_workbook(snapshot, context["sections"], context["small_numbers_up_to"])
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="hearth-corporate-parenting-{snapshot.month:%Y-%m}.xlsx"'
    return response
