"""Pages to record permanence facts: previous permanence for a period of care (and its correction), the
decision that a child should be placed for adoption, its reversal, and the match. Adapters: check the permission,
bind a form, call one service, render. The facts are shown on the child's page (selectors.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from hearth.audit.views_helpers import require_perm
from hearth.care.models import PeriodOfCare
from hearth.people.models import Child
from hearth.permanence import selectors, services
from hearth.permanence.codes import PermanencePlanType
from hearth.permanence.forms import (
    AdoptionDecisionForm,
    AdoptionDecisionReverseForm,
    AdoptionMatchForm,
    PermanencePlanForm,
    PreviousPermanenceCorrectForm,
    PreviousPermanenceForm,
)
from hearth.permanence.models import AdoptionDecision, PreviousPermanence
from hearth.permanence.selectors import journey_of

PERM = "permanence.record_permanence"


def _done(request, child, text: str):
    messages.success(request, text)
    return redirect("people:child_detail", pk=child.pk)


def previous_permanence(request, period_id: int):
    period = get_object_or_404(PeriodOfCare.objects.select_related("child"), pk=period_id)
    require_perm(request, PERM, period.child)
    form = PreviousPermanenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.previous_permanence_record(actor=request.user, period_id=period.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Previous permanence recorded")
            return redirect("care:period", pk=period.pk)
    return render(
        request, "permanence/previous_permanence.html", {"form": form, "period": period, "child": period.child}
    )


def previous_permanence_correct(request, pk: int):
    record = get_object_or_404(PreviousPermanence.objects.select_related("period__child"), pk=pk)
    period = record.period
    require_perm(request, PERM, period.child)
    initial = {"version": record.version} | PreviousPermanenceCorrectForm.initial_for(record)
    form = PreviousPermanenceCorrectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.previous_permanence_correct(
                actor=request.user, previous_permanence_id=record.pk, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Previous permanence corrected")
            return redirect("care:period", pk=period.pk)
    return render(
        request,
        "permanence/previous_permanence_correct.html",
        {"form": form, "period": period, "child": period.child, "record": record},
    )


def adoption_decision(request, child_id: int):
    child = get_object_or_404(Child, pk=child_id)
    require_perm(request, PERM, child)
    form = AdoptionDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.adoption_decision_record(actor=request.user, child_id=child.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, child, "Decision that the child should be placed for adoption recorded")
    return render(request, "permanence/adoption_decision.html", {"form": form, "child": child})


def _decision(request, decision_id: int) -> AdoptionDecision:
    decision = get_object_or_404(AdoptionDecision.objects.select_related("child", "period"), pk=decision_id)
    require_perm(request, PERM, decision.child)
    return decision


def adoption_decision_reverse(request, decision_id: int):
    decision = _decision(request, decision_id)
    form = AdoptionDecisionReverseForm(request.POST or None, initial={"version": decision.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.adoption_decision_reverse(actor=request.user, decision_id=decision.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, decision.child, "Reversal of the decision recorded")
    return render(
        request,
        "permanence/adoption_decision_reverse.html",
        {"form": form, "decision": decision, "child": decision.child},
    )


def adoption_match(request, decision_id: int):
    decision = _decision(request, decision_id)
    offered = services.adopters_offered(decision.period, timezone.localdate())
    form = AdoptionMatchForm(request.POST or None, adopters=offered)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["adopters_id"] = data.pop("adopters").pk
        try:
            services.adoption_match_record(actor=request.user, decision_id=decision.pk, **data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, decision.child, "Match with adopters recorded")
    return render(
        request,
        "permanence/adoption_match.html",
        {"form": form, "decision": decision, "journey": journey_of(decision), "child": decision.child},
    )


def permanence_plan(request, child_id: int):
    """Record the plan for permanence agreed for a looked-after child, or a change to it."""
    child = get_object_or_404(Child, pk=child_id)
    require_perm(request, PERM, child)
    period = child.periods_of_care.filter(ended_on__isnull=True).first()
    current = period.permanence_plans.first() if period else None
    version = services.plan_version(period) if period else 0
    form = PermanencePlanForm(request.POST or None, initial={"version": version})
    if request.method == "POST" and form.is_valid():
        try:
            services.permanence_plan_record(actor=request.user, child_id=child.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, child, "Plan for permanence recorded")
    return render(
        request,
        "permanence/permanence_plan.html",
        {"form": form, "child": child, "period": period, "current": current},
    )


def tracker(request):
    """The matching panel's permanence tracker, filtered by plan and team (both optional)."""
    require_perm(request, "permanence.view_tracker")
    plan = request.GET.get("plan", "")
    if plan not in PermanencePlanType.values:
        plan = ""
    teams = selectors.tracker_teams()
    team_id = request.GET.get("team", "")
    team_id = int(team_id) if team_id.isdigit() and any(team.pk == int(team_id) for team in teams) else None
    today = timezone.localdate()
    rows = selectors.permanence_tracker(request.user, today, plan=plan, team_id=team_id)
    return render(
        request,
        "permanence/tracker.html",
        {
            "rows": rows,
            "past_target": sum(1 for row in rows if row.past_target),
            "target_days": selectors.permanence_target_days(),
            "plans": PermanencePlanType.choices,
            "plan": plan,
            "teams": teams,
            "team_id": team_id,
            "today": today,
        },
    )
