import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from hearth.audit.views_helpers import require_perm
from hearth.core.pdf import html_to_pdf, stylesheet
from hearth.people.selectors import children_visible_to, sealed_children_openable_by
from hearth.performance import exports, reports, selectors, services
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
from hearth.performance.models import Benchmark, Commentary, ReportKind, Snapshot, Target
from hearth.performance.openapi import openapi_document


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
    # A row that is no child's (a worker's, docs/decisions/0009; a foster carer household's) is named
    # to whoever may drill down; a child's row only to those who may see the child. A sealed adoption
    # record is listed, as in search, only to those allowed to open sealed records, marked sealed and
    # linked to the page that asks why they open it (docs/security.md); to everyone else it is one of
    # the children not listed, still counted in the figure.
    child_ids = {r.child_id for r in result.rows if r.child_id is not None}
    # Unordered: a set of ids needs no sort by name (Child's default order) of thousands of children.
    visible = set(children_visible_to(request.user).filter(pk__in=child_ids).order_by().values_list("pk", flat=True))
    needs_reason = set(
        sealed_children_openable_by(request.user)
        .filter(pk__in=child_ids - visible)
        .order_by()
        .values_list("pk", flat=True)
    )
    listed_children = visible | needs_reason  # once, not for each row: F01 has thousands
    rows = [row for row in result.rows if row.child_id is None or row.child_id in listed_children]
    trend = selectors.monthly_trend(result.indicator, as_of, latest=result)
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
            "needs_reason": needs_reason,
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


def _aggregate_only(request) -> bool:
    return not request.user.has_perm("performance.view_drilldown")


def _published_snapshot(pk: int) -> Snapshot:
    return get_object_or_404(Snapshot.objects.select_related("published_by"), pk=pk)


def published_month(request, pk: int):
    """The published month's report, from its frozen figures only (reports.py): a few queries,
    whatever the council's size. Corrections since publication are on a page of their own."""
    require_perm(request, "performance.view_indicators")
    snapshot = _published_snapshot(pk)
    aggregate_only = _aggregate_only(request)
    kind = ReportKind.MONTH_AGGREGATE if aggregate_only else ReportKind.MONTH
    return render(
        request,
        "performance/published_month.html",
        reports.month_context(snapshot, aggregate_only=aggregate_only)
        | {"pdf": selectors.report_pdf_state(snapshot, kind), "pdf_report": "month"},
    )


def published_changes(request, pk: int):
    """Each published figure beside what the record gives for the same date today: corrections made
    since publication (the published figure never changes). The one page of a published month that
    works the figures out again, so it is asked for, not part of the report."""
    require_perm(request, "performance.view_indicators")
    snapshot = _published_snapshot(pk)
    return render(
        request,
        "performance/published_changes.html",
        {
            "snapshot": snapshot,
            "lines": selectors.published_with_live(snapshot),
            "aggregate_only": _aggregate_only(request),
            "small_numbers_up_to": settings.HEARTH_SMALL_NUMBERS_UP_TO,
        },
    )


def _kept_pdf_or_its_page(snapshot: Snapshot, kind: str, report: str, name: str):
    """The kept PDF, at once; if it is not made yet (or no longer the report), its page, where it is
    made in the background with its progress shown."""
    content = selectors.kept_report_pdf(snapshot, kind)
    if content is None:
        return redirect("performance:report_pdf", pk=snapshot.pk, report=report)
    response = HttpResponse(content, "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="hearth-performance-{name}.pdf"'
    return response


def published_month_pdf(request, pk: int):
    """The published month's report as a PDF: the same template and frozen figures as the page (small
    numbers suppressed for aggregate-only readers, as there), made once and kept."""
    require_perm(request, "performance.view_indicators")
    snapshot = _published_snapshot(pk)
    kind = ReportKind.MONTH_AGGREGATE if _aggregate_only(request) else ReportKind.MONTH
    return _kept_pdf_or_its_page(snapshot, kind, "month", f"{snapshot.month:%Y-%m}")


# The reports kept as PDFs, by the name in their progress page's address: (the kind for readers with
# the drill-down, the kind for the others, the report's title).
PDF_REPORTS = {
    "month": (ReportKind.MONTH, ReportKind.MONTH_AGGREGATE, "Performance"),
    "corporate-parenting": (ReportKind.PANEL, ReportKind.PANEL, "Corporate Parenting Panel report"),
    "quarterly": (ReportKind.QUARTER, ReportKind.QUARTER_AGGREGATE, "Quarterly performance indicator report"),
    # A large month's workbook with the children behind its figures, made for its reader (readers
    # without the drill-down get the figures alone, at once: no page of their own).
    "workbook": (ReportKind.MONTH_WORKBOOK, None, "Performance workbook"),
}
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# While a PDF is being made its page loads itself again this often (no script needed).
PDF_PAGE_REFRESH_SECONDS = 3


def report_pdf(request, pk: int, report: str):
    """A published month's report as a kept PDF: made by the background task when asked for (POST),
    its progress shown while it is made (the page refreshes itself), then downloaded at once."""
    require_perm(request, "performance.view_indicators")
    if report not in PDF_REPORTS:
        raise Http404("No such report")
    snapshot = _published_snapshot(pk)
    full, aggregate, title = PDF_REPORTS[report]
    kind = aggregate if _aggregate_only(request) else full
    if kind is None:
        raise Http404("This report has no file for readers of figures alone")
    quarter = selectors.quarter_of(snapshot.as_of) if report == "quarterly" else None
    if report == "quarterly" and (quarter is None or selectors.published_quarter(*quarter) is None):
        raise Http404("No quarter whose three months were published ends with this month")
    error = None
    if request.method == "POST":
        try:
            services.report_pdf_request(actor=request.user, snapshot=snapshot, kind=kind)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            return redirect("performance:report_pdf", pk=snapshot.pk, report=report)
    state = selectors.report_pdf_state(snapshot, kind, request.user)
    if report in ("month", "workbook"):
        download, back = (
            reverse(
                "performance:published_month_pdf" if report == "month" else "performance:published_workbook", args=[pk]
            ),
            reverse("performance:published_month", args=[pk]),
        )
    elif report == "corporate-parenting":
        download, back = (
            reverse("performance:corporate_parenting_pdf", args=[pk]),
            reverse("performance:corporate_parenting", args=[pk]),
        )
    else:
        query = f"?quarter={quarter[0]}-Q{quarter[1]}"
        download = reverse("performance:quarterly_pdf") + query
        back = reverse("performance:quarterly") + query
    heading = f"Q{quarter[1]} {quarter[0]}-{(quarter[0] + 1) % 100:02d}" if quarter else f"{snapshot.month:%B %Y}"
    return render(
        request,
        "performance/report_pdf.html",
        {
            "snapshot": snapshot,
            "title": f"{title}, {heading}",
            "state": state,
            "download": download,
            "back": back,
            "error": error,
            "refresh_seconds": PDF_PAGE_REFRESH_SECONDS,
            "file_name": "workbook" if report == "workbook" else "PDF",
        },
    )


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
    """The published month as an Excel workbook: its figures, and for readers with the drill-down
    the children behind them they may see. Written while the reader waits when it is short; a large
    council's month (hundreds of thousands of rows) is made in the background and kept for the
    reader, its progress shown on the page this sends them to."""
    require_perm(request, "performance.view_indicators")
    snapshot = get_object_or_404(Snapshot, pk=pk)
    if _aggregate_only(request):
        return _workbook_response(snapshot, exports.published_workbook(snapshot, aggregate_only=True))
    kept = selectors.kept_report_pdf(snapshot, ReportKind.MONTH_WORKBOOK, request.user)
    if kept is not None:
        return _workbook_response(snapshot, kept)
    visible = children_visible_to(request.user)
    if selectors.rows_behind(snapshot, visible).count() <= settings.HEARTH_WORKBOOK_ROWS_MADE_AT_ONCE:
        return _workbook_response(
            snapshot, exports.published_workbook(snapshot, aggregate_only=False, visible_children=visible)
        )
    return redirect("performance:report_pdf", pk=snapshot.pk, report="workbook")


def _workbook_response(snapshot: Snapshot, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="hearth-performance-{snapshot.month:%Y-%m}.xlsx"'
    return response


def _quarterly_context(request) -> dict:
    form = QuarterForm(request.GET or None)
    chosen = form.chosen()
    aggregate_only = _aggregate_only(request)
    if not chosen:
        return {"form": form, "chosen": None, "aggregate_only": aggregate_only}
    context = reports.quarter_context(*chosen, aggregate_only=aggregate_only) | {"form": form}
    if context["frozen"]:
        # The quarter's three months were published: its PDF is kept, like a published month's.
        last = selectors.published_quarter(*chosen)[-1]
        kind = ReportKind.QUARTER_AGGREGATE if aggregate_only else ReportKind.QUARTER
        context |= {
            "pdf": selectors.report_pdf_state(last, kind),
            "pdf_snapshot": last,
            "pdf_report": "quarterly",
            "pdf_download": f"{reverse('performance:quarterly_pdf')}?quarter={chosen[0]}-Q{chosen[1]}",
        }
    return context


def quarterly(request):
    """The quarterly performance indicator report for the partnership board."""
    require_perm(request, "performance.view_indicators")
    return render(request, "performance/quarterly.html", _quarterly_context(request))


def quarterly_pdf(request):
    """The quarterly report as a PDF, from the same template and figures as the page. A quarter whose
    three months were published is made once and kept (its progress page makes it); one with a month
    not published is worked out from the record, so it is made in the request, as the page is."""
    require_perm(request, "performance.view_indicators")
    form = QuarterForm(request.GET or None)
    chosen = form.chosen()
    if not chosen:
        raise Http404("No quarter has ended yet")
    year, quarter = chosen
    name = f"{year}-q{quarter}"
    published = selectors.published_quarter(year, quarter)
    aggregate_only = _aggregate_only(request)
    if published is not None:
        kind = ReportKind.QUARTER_AGGREGATE if aggregate_only else ReportKind.QUARTER
        return _kept_pdf_or_its_page(published[-1], kind, "quarterly", name)
    context = reports.quarter_context(year, quarter, aggregate_only=aggregate_only) | {
        "stylesheet": stylesheet(selectors.REPORT_STYLESHEET),
        "made_at": timezone.localtime(),
        "printed_by": request.user.get_full_name() or request.user.username,
    }
    response = HttpResponse(html_to_pdf(render_to_string("performance/quarterly_pdf.html", context)), "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="hearth-performance-{name}.pdf"'
    return response


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
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
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
    context = panel_context(pk)
    return render(
        request,
        "performance/corporate_parenting.html",
        context
        | {
            "pdf": selectors.report_pdf_state(context["snapshot"], ReportKind.PANEL),
            "pdf_report": "corporate-parenting",
        },
    )


def corporate_parenting_pdf(request, pk: int):
    """The panel's report as a PDF, made once and kept (the same document for every reader)."""
    require_perm(request, "performance.view_indicators")
    snapshot = _published_snapshot(pk)
    return _kept_pdf_or_its_page(
        snapshot, ReportKind.PANEL, "corporate-parenting", f"corporate-parenting-{snapshot.month:%Y-%m}"
    )


def corporate_parenting_workbook(request, pk: int):
    from hearth.performance.corporate_parenting import panel_context, panel_workbook

    require_perm(request, "performance.view_indicators")
    context = panel_context(pk)
    snapshot = context["snapshot"]
    content = panel_workbook(snapshot, context["sections"], context["small_numbers_up_to"])
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="hearth-corporate-parenting-{snapshot.month:%Y-%m}.xlsx"'
    return response
