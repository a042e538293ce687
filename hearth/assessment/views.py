from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from hearth.assessment import services
from hearth.assessment.forms import AssessmentAuthoriseForm, AssessmentStartForm
from hearth.assessment.models import Assessment
from hearth.core.views_helpers import require_perm
from hearth.frontdoor.models import Referral
from hearth.timescales.selectors import clock


def start(request, referral_id: int):
    referral = get_object_or_404(Referral.objects.select_related("child"), pk=referral_id)
    require_perm(request, "assessment.start_assessment", referral)
    form = AssessmentStartForm(request.POST or None, initial={"started_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_start(actor=request.user, referral_id=referral.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Assessment started")
            return redirect("people:child_detail", pk=referral.child_id)
    assessment_clock = clock("T03")
    return render(
        request,
        "assessment/start.html",
        {
            "form": form,
            "referral": referral,
            "due": assessment_clock.due(referral.referral_date),
            "local_due": assessment_clock.local_due(referral.referral_date),
            "clock": assessment_clock,
        },
    )


def authorise(request, pk: int):
    assessment = get_object_or_404(Assessment.objects.select_related("child", "worker__user"), pk=pk)
    require_perm(request, "assessment.authorise_assessment", assessment)
    form = AssessmentAuthoriseForm(request.POST or None, initial={"authorised_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_authorise(actor=request.user, assessment_id=assessment.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Assessment authorised")
            return redirect("people:child_detail", pk=assessment.child_id)
    return render(request, "assessment/authorise.html", {"form": form, "assessment": assessment})
