from django.http import Http404
from django.shortcuts import render

from hearth.core.views_helpers import require_perm
from hearth.people.selectors import children_visible_to
from hearth.performance import selectors
from hearth.performance.forms import AsOfForm


def index(request):
    require_perm(request, "performance.view_indicators")
    form = AsOfForm(request.GET or None)
    as_of = form.as_of_or_today()
    return render(
        request,
        "performance/index.html",
        {
            "form": form,
            "as_of": as_of,
            "results": selectors.all_results(as_of),
            "can_drill_down": request.user.has_perm("performance.view_drilldown"),
        },
    )


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
    return render(
        request,
        "performance/drilldown.html",
        {
            "form": form,
            "result": result,
            "as_of": as_of,
            "rows": rows,
            "not_counted": [row for row in rows if not row.counted],
            "hidden": len(result.rows) - len(rows),
        },
    )
