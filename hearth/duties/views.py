"""Pages to record a looked-after child's reviews and health checks: each validates its form, calls
one service and renders, showing what is due next (hearth/duties/selectors.py); and the IRO's list
of the children they review, with what is due for each."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from hearth.audit.views_helpers import require_perm
from hearth.care.models import PeriodOfCare
from hearth.duties import selectors, services
from hearth.duties.checklist import questions as review_questions
from hearth.duties.forms import (
    CareReviewForm,
    ConvictionCorrectForm,
    ConvictionForm,
    HealthCheckForm,
    HealthPlanCorrectForm,
    HealthPlanForm,
    HealthStatusCorrectForm,
    HealthStatusForm,
    PepCorrectForm,
    PepForm,
    ReviewChecklistForm,
    ReviewConcernForm,
    SdqCorrectForm,
    SdqForm,
    SubstanceMisuseCorrectForm,
    SubstanceMisuseForm,
)
from hearth.duties.models import (
    CareReview,
    Conviction,
    HealthCheck,
    HealthPlan,
    HealthStatus,
    PersonalEducationPlan,
    Sdq,
    SubstanceMisuse,
)
from hearth.duties.selectors import period_duties, period_history
from hearth.iro.selectors import current_appointment


def _period(period_id: int) -> PeriodOfCare:
    return get_object_or_404(
        PeriodOfCare.objects.select_related("child", "referral__team").prefetch_related(
            "reviews", "health_checks", "peps", "sdqs", "health_statuses", "convictions", "substance_misuse"
        ),
        pk=period_id,
    )


def _record(request, period_id: int, *, perm, form_class, service, template, done, initial=None):
    period = _period(period_id)
    require_perm(request, perm, period)
    form = form_class(request.POST or None, initial=initial(period) if initial else None)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, period_id=period.pk, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, done)
            return redirect("people:child_detail", pk=period.child_id)
    context = {
        "form": form,
        "period": period,
        "duties": period_duties(period) if period.is_open else [],
        "today": timezone.localdate(),
        "can_correct_outcomes": request.user.has_perm("duties.record_outcomes", period),
        "can_correct_pep": request.user.has_perm("duties.record_pep", period),
        "can_record_check": request.user.has_perm("duties.record_health_check", period),
    }
    return render(request, template, context | period_history(period))


def _chaired_by_the_appointed_iro(period: PeriodOfCare) -> dict:
    """The review's chair defaults to the child's IRO now (any IRO may still be chosen: a review
    may be chaired by another when the appointed one is away)."""
    current = current_appointment(period)
    return {"chair": current.iro_id} if current else {}


def review_record(request, period_id: int):
    return _record(
        request,
        period_id,
        perm="duties.record_review",
        form_class=CareReviewForm,
        service=services.care_review_record,
        template="duties/review_record.html",
        done="Looked-after review recorded",
        initial=_chaired_by_the_appointed_iro,
    )


def health_check_record(request, period_id: int):
    return _record(
        request,
        period_id,
        perm="duties.record_health_check",
        form_class=HealthCheckForm,
        service=services.health_check_record,
        template="duties/health_check_record.html",
        done="Health check recorded",
    )


def pep_record(request, period_id: int):
    return _record(
        request,
        period_id,
        perm="duties.record_pep",
        form_class=PepForm,
        service=services.pep_record,
        template="duties/pep_record.html",
        done="Personal education plan recorded",
    )


def _health_plan_page(request, assessment: HealthCheck, form, plan=None):
    period = _period(assessment.period_id)
    back_url = reverse("duties:health_check_record", args=[period.pk])
    context = {"form": form, "period": period, "assessment": assessment, "plan": plan, "back_url": back_url}
    return render(request, "duties/health_plan_record.html", context)


def health_plan_record(request, assessment_id: int):
    """The health plan from a health assessment: recorded from the health checks page."""
    assessment = get_object_or_404(HealthCheck, pk=assessment_id)
    require_perm(request, "duties.record_health_check", _period(assessment.period_id))
    form = HealthPlanForm(request.POST or None, initial={"agreed_on": assessment.done_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.health_plan_record(actor=request.user, assessment_id=assessment.pk, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Health plan recorded")
            return redirect("duties:health_check_record", period_id=assessment.period_id)
    return _health_plan_page(request, assessment, form)


def health_plan_correct(request, pk: int):
    plan = get_object_or_404(HealthPlan.objects.select_related("assessment"), pk=pk)
    require_perm(request, "duties.record_health_check", _period(plan.assessment.period_id))
    initial = {"version": plan.version} | HealthPlanCorrectForm.initial_for(plan)
    form = HealthPlanCorrectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.health_plan_correct(actor=request.user, health_plan_id=plan.pk, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Health plan corrected")
            return redirect("duties:health_check_record", period_id=plan.assessment.period_id)
    return _health_plan_page(request, plan.assessment, form, plan)


# The OC2 facts: one page per kind, each showing the period's OC2 history (hearth/duties/return903.py
# reads them for the return).
OC2_PAGES = {
    "sdq": (SdqForm, services.sdq_record, "SDQ recorded"),
    "health_status": (HealthStatusForm, services.health_status_record, "Health record status recorded"),
    "conviction": (ConvictionForm, services.conviction_record, "Conviction recorded"),
    "substance_misuse": (SubstanceMisuseForm, services.substance_misuse_record, "Substance misuse recorded"),
}


def _oc2_view(kind: str):
    form_class, service, done = OC2_PAGES[kind]

    def view(request, period_id: int):
        return _record(
            request,
            period_id,
            perm="duties.record_outcomes",
            form_class=form_class,
            service=service,
            template=f"duties/oc2_{kind}.html",
            done=done,
        )

    view.__name__ = f"{kind}_record"
    return view


sdq_record = _oc2_view("sdq")
health_status_record = _oc2_view("health_status")
conviction_record = _oc2_view("conviction")
substance_misuse_record = _oc2_view("substance_misuse")


# Corrections of an OC2 fact recorded wrongly: one page per kind, the form filled with what is recorded.
OC2_CORRECTIONS = {
    "sdq": (Sdq, SdqCorrectForm, services.sdq_correct, "sdq_id", "an SDQ", "SDQ corrected"),
    "health_status": (
        HealthStatus,
        HealthStatusCorrectForm,
        services.health_status_correct,
        "health_status_id",
        "immunisations or development checks",
        "Health record status corrected",
    ),
    "conviction": (
        Conviction,
        ConvictionCorrectForm,
        services.conviction_correct,
        "conviction_id",
        "a conviction",
        "Conviction corrected",
    ),
    "substance_misuse": (
        SubstanceMisuse,
        SubstanceMisuseCorrectForm,
        services.substance_misuse_correct,
        "substance_misuse_id",
        "substance misuse",
        "Substance misuse corrected",
    ),
    "pep": (
        PersonalEducationPlan,
        PepCorrectForm,
        services.pep_correct,
        "pep_id",
        "a personal education plan",
        "Personal education plan corrected",
    ),
}


def _oc2_correct_view(kind: str, perm: str = "duties.record_outcomes"):
    model, form_class, service, id_argument, what, done = OC2_CORRECTIONS[kind]

    def view(request, pk: int):
        fact = get_object_or_404(model, pk=pk)
        period = _period(fact.period_id)
        require_perm(request, perm, period)
        form = form_class(request.POST or None, initial={"version": fact.version} | form_class.initial_for(fact))
        if request.method == "POST" and form.is_valid():
            try:
                service(actor=request.user, **{id_argument: fact.pk}, **form.service_arguments())
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, done)
                return redirect(reverse(f"duties:{kind}_record", args=[period.pk]))
        back_url = reverse(f"duties:{kind}_record", args=[period.pk])
        context = {"form": form, "period": period, "fact": fact, "what": what, "back_url": back_url}
        return render(request, "duties/oc2_correct.html", context | period_history(period))

    view.__name__ = f"{kind}_correct"
    return view


sdq_correct = _oc2_correct_view("sdq")
health_status_correct = _oc2_correct_view("health_status")
conviction_correct = _oc2_correct_view("conviction")
substance_misuse_correct = _oc2_correct_view("substance_misuse")
pep_correct = _oc2_correct_view("pep", perm="duties.record_pep")


def children_i_review(request):
    """The IRO's own list: the looked-after children they are appointed to, and what is due."""
    require_perm(request, "duties.view_children_i_review")
    return render(request, "duties/children_i_review.html", {"rows": selectors.children_i_review(request.user)})


# A looked-after review's page, and the chairing IRO's challenge: the quality checklist and concerns
# raised through the dispute resolution procedure (protection's escalations: one mechanism).


def _review(pk: int) -> CareReview:
    reviews = CareReview.objects.select_related("period__child", "period__referral__team", "chair")
    return get_object_or_404(reviews, pk=pk)


def review_detail(request, pk: int):
    review = _review(pk)
    require_perm(request, "duties.view_review", review)
    checklist = getattr(review, "checklist", None)
    answered = []
    if checklist is not None:
        answered = [(text, checklist.answers.get(key)) for key, text in review_questions(checklist.questions_version)]
    concerns = [
        concern.escalation
        for concern in review.concerns.select_related("escalation__raised_by").prefetch_related("escalation__steps")
    ]
    may_challenge = request.user.has_perm("duties.challenge_review", review)
    context = {
        "review": review,
        "period": review.period,
        "child": review.period.child,
        "checklist": checklist,
        "answered": answered,
        "concerns": concerns,
        "can_checklist": checklist is None and may_challenge,
        "can_raise": may_challenge,
        "can_progress": may_challenge,
        "can_record_reviews": request.user.has_perm("duties.record_review", review.period),
    }
    return render(request, "duties/review_detail.html", context)


def review_checklist(request, pk: int):
    review = _review(pk)
    require_perm(request, "duties.challenge_review", review)
    form = ReviewChecklistForm(request.POST or None, initial={"completed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.review_checklist_complete(
                actor=request.user,
                review_id=review.pk,
                completed_on=form.cleaned_data["completed_on"],
                answers=form.answers(),
                comments=form.cleaned_data["comments"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Quality checklist completed")
            return redirect("duties:review_detail", pk=review.pk)
    return render(request, "duties/review_checklist.html", {"form": form, "review": review})


def review_concern_raise(request, pk: int):
    review = _review(pk)
    require_perm(request, "duties.challenge_review", review)
    form = ReviewConcernForm(request.POST or None, initial={"raised_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.review_concern_raise(actor=request.user, review_id=review.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Concern raised at the informal stage")
            return redirect("duties:review_detail", pk=review.pk)
    return render(request, "duties/review_concern_raise.html", {"form": form, "review": review})
