from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from hearth.assessment.models import AssessmentOutcome
from hearth.audit.views_helpers import require_perm
from hearth.cin import services
from hearth.cin.forms import CinPlanEndForm, CinPlanReviewForm, CinPlanStartForm
from hearth.cin.models import CinPlan, CinPlanReview
from hearth.cin.plan_types import MONTHS_LOOKED_BACK, up_to_date_by_plan_type
from hearth.cin.timeliness import REVIEW_RULE, describe_local_standard, plan_up_to_date, review_due
from hearth.frontdoor.models import Referral
from hearth.performance.forms import AsOfForm
from hearth.timescales.selectors import clock


def start(request, referral_id: int):
    referral = get_object_or_404(Referral.objects.select_related("child", "team"), pk=referral_id)
    require_perm(request, "cin.start_plan", referral)
    assessment = referral.assessments.filter(authorised_on__isnull=False).order_by("-authorised_on", "-pk").first()
    form = CinPlanStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cin_plan_start(actor=request.user, referral_id=referral.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Child in need plan started")
            return redirect("people:child_detail", pk=referral.child_id)
    return render(
        request,
        "cin/start.html",
        {
            "form": form,
            "referral": referral,
            "assessment": assessment,
            "assessment_concluded_plan": assessment is not None and assessment.outcome == AssessmentOutcome.CIN_PLAN,
            "review_rule": describe_local_standard(clock(REVIEW_RULE)),
        },
    )


def _plan(pk: int) -> CinPlan:
    return get_object_or_404(
        CinPlan.objects.select_related("child", "referral__team", "started_by").prefetch_related(
            Prefetch("reviews", queryset=CinPlanReview.objects.order_by("-reviewed_on").select_related("recorded_by"))
        ),
        pk=pk,
    )


def review(request, pk: int):
    """The plan itself, with its reviews, and the form to record the next review."""
    plan = _plan(pk)
    require_perm(request, "cin.change_plan", plan)
    form = CinPlanReviewForm(request.POST or None, initial={"version": plan.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.cin_plan_review(actor=request.user, plan_id=plan.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Review recorded")
            return redirect("people:child_detail", pk=plan.child_id)
    today = timezone.localdate()
    review_clock = clock(REVIEW_RULE)
    dates = [r.reviewed_on for r in plan.reviews.all()]
    return render(
        request,
        "cin/review.html",
        {
            "form": form,
            "plan": plan,
            "due": review_due(plan.started_on, dates, today, review_clock) if plan.is_open else None,
            "up_to_date": plan.is_open and plan_up_to_date(plan.started_on, dates, today, review_clock),
            "review_rule": describe_local_standard(review_clock),
        },
    )


def end(request, pk: int):
    plan = _plan(pk)
    require_perm(request, "cin.change_plan", plan)
    form = CinPlanEndForm(request.POST or None, initial={"version": plan.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.cin_plan_end(actor=request.user, plan_id=plan.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Child in need plan ended")
            return redirect("people:child_detail", pk=plan.child_id)
    return render(request, "cin/end.html", {"form": form, "plan": plan})


def up_to_date_plans(request):
    """The Commissioner's table: % of plans up to date now and the lowest point in 12 months."""
    require_perm(request, "cin.view_up_to_date_plans")
    form = AsOfForm(request.GET or None)
    as_of = form.as_of_or_today()
    return render(
        request,
        "cin/up_to_date_plans.html",
        {
            "form": form,
            "as_of": as_of,
            "lines": up_to_date_by_plan_type(as_of),
            "months": MONTHS_LOOKED_BACK,
            "can_drill_down": request.user.has_perm("performance.view_drilldown"),
        },
    )
