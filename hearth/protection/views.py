"""Child protection pages: adapters that check the permission, bind a form, call one service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from hearth.audit.views_helpers import require_perm
from hearth.cin.selectors import cin_plan_ended_by_protection_plan, open_cin_plan
from hearth.core.roles import Role, has_role
from hearth.frontdoor.models import Referral
from hearth.protection import forms, selectors, services
from hearth.protection.checklist import questions
from hearth.protection.models import Conference, ConferenceKind, EscalationStep, ProtectionPlan, Section47Enquiry
from hearth.protection.selectors import booked_review, icpc_due, plan_duties
from hearth.timescales.selectors import clock


def _form_page(request, form, *, template: str, call, success: str, child, context: dict):
    """Bind, call the service, and on success go back to the child's page with a message."""
    if request.method == "POST" and form.is_valid():
        try:
            result = call(form)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect("people:child_detail", pk=child.pk)
    return render(request, template, {"form": form, "child": child, **context})


def strategy_discussion(request, referral_id: int):
    referral = get_object_or_404(Referral.objects.select_related("child"), pk=referral_id)
    require_perm(request, "protection.record_strategy_discussion", referral)
    form = forms.StrategyDiscussionForm(
        request.POST or None, initial={"held_on": timezone.localdate(), "agencies": ["social_care"]}
    )
    return _form_page(
        request,
        form,
        template="protection/strategy_discussion.html",
        call=lambda f: services.strategy_discussion_record(
            actor=request.user, referral_id=referral.pk, **f.service_arguments()
        ),
        success="Strategy discussion recorded",
        child=referral.child,
        context={"referral": referral},
    )


def section47_outcome(request, pk: int):
    enquiry = get_object_or_404(Section47Enquiry.objects.select_related("child"), pk=pk)
    require_perm(request, "protection.conclude_section47", enquiry)
    form = forms.Section47OutcomeForm(
        request.POST or None, initial={"outcome_on": timezone.localdate(), "version": enquiry.version}
    )
    t05 = clock("T05")
    return _form_page(
        request,
        form,
        template="protection/section47_outcome.html",
        call=lambda f: services.section47_conclude(
            actor=request.user,
            enquiry_id=enquiry.pk,
            outcome=f.cleaned_data["outcome"],
            outcome_on=f.cleaned_data["outcome_on"],
            expected_version=f.cleaned_data["version"],
        ),
        success="Outcome of the section 47 enquiry recorded",
        child=enquiry.child,
        context={"enquiry": enquiry, "icpc_due": t05.due(enquiry.started_on), "clock": t05},
    )


def conference_book(request, pk: int):
    enquiry = get_object_or_404(Section47Enquiry.objects.select_related("child"), pk=pk)
    require_perm(request, "protection.book_conference", enquiry)
    form = forms.ConferenceBookForm(request.POST or None)
    return _form_page(
        request,
        form,
        template="protection/conference_book.html",
        call=lambda f: services.conference_book_initial(actor=request.user, enquiry_id=enquiry.pk, **f.cleaned_data),
        success="Initial child protection conference booked",
        child=enquiry.child,
        context={"enquiry": enquiry, "due": icpc_due(enquiry), "clock": clock("T05")},
    )


def conference_hold(request, pk: int):
    conference = get_object_or_404(
        Conference.objects.select_related("child", "section47", "chair"), pk=pk, kind=ConferenceKind.INITIAL
    )
    require_perm(request, "protection.hold_conference", conference)
    form = forms.ConferenceHoldForm(
        request.POST or None, initial={"held_on": conference.booked_for, "version": conference.version}
    )
    return _form_page(
        request,
        form,
        template="protection/conference_hold.html",
        call=lambda f: services.conference_hold_initial(
            actor=request.user,
            conference_id=conference.pk,
            held_on=f.cleaned_data["held_on"],
            attendance=f.cleaned_data["attendance"],
            child_views=f.cleaned_data["child_views"],
            decision=f.cleaned_data["decision"],
            category=f.cleaned_data["category"],
            decision_reasons=f.cleaned_data["decision_reasons"],
            expected_version=f.cleaned_data["version"],
        ),
        success=_conference_recorded,
        child=conference.child,
        context={
            "conference": conference,
            "due": clock("T05").due(conference.section47.started_on),
            "cin_plan": open_cin_plan(conference.child),
        },
    )


def _conference_recorded(conference: Conference) -> str:
    """The message after an initial conference: and, when its plan ended a child in need plan, says so."""
    ended = cin_plan_ended_by_protection_plan(conference.child, conference.held_on)
    if ended is None:
        return "Initial conference recorded"
    return (
        f"Initial conference recorded. The child in need plan from {ended.started_on:%-d %B %Y} ended on "
        f"{ended.ended_on:%-d %B %Y}: a child protection plan started"
    )


def review_book(request, pk: int):
    """Book the plan's next review conference for a date ahead (the chair or a manager)."""
    plan = get_object_or_404(ProtectionPlan.objects.select_related("child"), pk=pk)
    require_perm(request, "protection.record_review", plan)
    form = forms.ReviewBookForm(
        request.POST or None, initial={"chair": request.user.pk} if has_role(request.user, Role.IRO) else {}
    )
    return _form_page(
        request,
        form,
        template="protection/review_book.html",
        call=lambda f: services.review_conference_book(actor=request.user, plan_id=plan.pk, **f.cleaned_data),
        success="Review child protection conference booked",
        child=plan.child,
        context={"plan": plan, "duties": plan_duties(plan) if plan.is_open else [], "booked": booked_review(plan)},
    )


def review_conference(request, pk: int):
    plan = get_object_or_404(ProtectionPlan.objects.select_related("child"), pk=pk)
    require_perm(request, "protection.record_review", plan)
    booked = booked_review(plan)
    initial = {"held_on": timezone.localdate(), "version": plan.version, "category": plan.latest_category}
    if booked is not None:  # the booking's date and chair, to correct if it sat otherwise
        initial |= {"held_on": booked.booked_for, "chair": booked.chair_id}
    elif has_role(request.user, Role.IRO):
        initial["chair"] = request.user.pk
    form = forms.ReviewConferenceForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form,
        template="protection/review_conference.html",
        call=lambda f: services.review_conference_record(
            actor=request.user,
            plan_id=plan.pk,
            held_on=f.cleaned_data["held_on"],
            chair=f.cleaned_data["chair"],
            attendance=f.cleaned_data["attendance"],
            child_views=f.cleaned_data["child_views"],
            decision=f.cleaned_data["decision"],
            category=f.cleaned_data["category"],
            decision_reasons=f.cleaned_data["decision_reasons"],
            expected_version=f.cleaned_data["version"],
        ),
        success="Review conference recorded",
        child=plan.child,
        context={"plan": plan, "duties": plan_duties(plan) if plan.is_open else [], "booked": booked},
    )


def plan_end(request, pk: int):
    plan = get_object_or_404(ProtectionPlan.objects.select_related("child"), pk=pk)
    require_perm(request, "protection.end_plan", plan)
    form = forms.PlanEndForm(request.POST or None, initial={"ended_on": timezone.localdate(), "version": plan.version})
    return _form_page(
        request,
        form,
        template="protection/plan_end.html",
        call=lambda f: services.protection_plan_end(
            actor=request.user,
            plan_id=plan.pk,
            ended_on=f.cleaned_data["ended_on"],
            reason=f.cleaned_data["reason"],
            expected_version=f.cleaned_data["version"],
        ),
        success="Child protection plan ended",
        child=plan.child,
        context={"plan": plan},
    )


def core_group(request, pk: int):
    plan = get_object_or_404(ProtectionPlan.objects.select_related("child"), pk=pk)
    require_perm(request, "protection.record_core_group", plan)
    form = forms.CoreGroupForm(request.POST or None, initial={"held_on": timezone.localdate()})
    return _form_page(
        request,
        form,
        template="protection/core_group.html",
        call=lambda f: services.core_group_record(actor=request.user, plan_id=plan.pk, **f.cleaned_data),
        success="Core group recorded",
        child=plan.child,
        context={"plan": plan, "duties": plan_duties(plan) if plan.is_open else []},
    )


def conference_detail(request, pk: int):
    conference = get_object_or_404(
        Conference.objects.select_related("child", "chair", "section47", "plan", "recorded_by"), pk=pk
    )
    require_perm(request, "protection.view_conference", conference)
    checklist = getattr(conference, "checklist", None)
    answered = []
    if checklist is not None:
        answered = [(text, checklist.answers.get(key)) for key, text in questions(checklist.questions_version)]
    escalations = conference.escalations.prefetch_related("steps").select_related("raised_by")
    return render(
        request,
        "protection/conference_detail.html",
        {
            "conference": conference,
            "child": conference.child,
            "checklist": checklist,
            "answered": answered,
            "escalations": escalations,
            "can_hold": not conference.is_held
            and conference.kind == ConferenceKind.INITIAL
            and request.user.has_perm("protection.hold_conference", conference),
            "can_record_review": not conference.is_held
            and conference.kind == ConferenceKind.REVIEW
            and conference.plan.is_open
            and request.user.has_perm("protection.record_review", conference.plan),
            "can_checklist": conference.is_held
            and checklist is None
            and request.user.has_perm("protection.complete_checklist", conference),
            "can_escalate": conference.is_held and request.user.has_perm("protection.escalate", conference),
        },
    )


def checklist(request, pk: int):
    conference = get_object_or_404(Conference.objects.select_related("child", "chair"), pk=pk)
    require_perm(request, "protection.complete_checklist", conference)
    form = forms.ChecklistForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.checklist_complete(
                actor=request.user,
                conference_id=conference.pk,
                answers=form.answers(),
                comments=form.cleaned_data["comments"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Quality checklist completed")
            return redirect("protection:conference_detail", pk=conference.pk)
    return render(request, "protection/checklist.html", {"form": form, "conference": conference})


def escalation_raise(request, pk: int):
    conference = get_object_or_404(Conference.objects.select_related("child", "chair"), pk=pk)
    require_perm(request, "protection.escalate", conference)
    form = forms.EscalationRaiseForm(request.POST or None, initial={"raised_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.escalation_raise(actor=request.user, conference_id=conference.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Concern raised at the informal stage")
            return redirect("protection:conference_detail", pk=conference.pk)
    return render(request, "protection/escalation_raise.html", {"form": form, "conference": conference})


def escalation_step(request, pk: int):
    step = get_object_or_404(
        EscalationStep.objects.select_related("escalation__conference__chair", "escalation__child"), pk=pk
    )
    escalation = step.escalation
    require_perm(request, "protection.progress_escalation", escalation)
    form = forms.EscalationStepForm(
        request.POST or None, initial={"closed_on": timezone.localdate(), "version": step.version}
    )
    back_url = _back_to(request, escalation)
    if request.method == "POST" and form.is_valid():
        try:
            current = services.escalation_step_close(
                actor=request.user,
                step_id=step.pk,
                closed_on=form.cleaned_data["closed_on"],
                outcome=form.cleaned_data["outcome"],
                outcome_detail=form.cleaned_data["outcome_detail"],
                next_with_whom=form.cleaned_data["next_with_whom"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                f"Concern escalated: now at {current.get_stage_display().lower()}"
                if current.pk != step.pk
                else "Concern resolved",
            )
            return redirect(back_url)
    context = {"form": form, "step": step, "conference": escalation.conference, "back_url": back_url}
    return render(request, "protection/escalation_step.html", context)


def _back_to(request, escalation) -> str:
    """Where the concern was raised: its conference's page, or the page that sent the chair here (a
    looked-after review's, passed as ?next=, kept only if it is a path on this site)."""
    if escalation.conference_id:
        return reverse("protection:conference_detail", args=[escalation.conference_id])
    following = request.GET.get("next", "")
    if following.startswith("/") and url_has_allowed_host_and_scheme(following, allowed_hosts={request.get_host()}):
        return following
    return reverse("people:child_detail", args=[escalation.child_id])


def chairs_work(request):
    """A conference chair's own list: conferences booked, children's next reviews, checklists to
    complete, concerns still open."""
    require_perm(request, "protection.chair_conferences")
    context = {**selectors.chairs_work(request.user), "today": timezone.localdate()}
    return render(request, "protection/chairs_work.html", context)
