from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from hearth.assessment import selectors, services
from hearth.assessment.forms import (
    AssessmentAuthoriseForm,
    AssessmentInternalReviewForm,
    AssessmentRecordForm,
    AssessmentReturnForm,
    AssessmentStartForm,
    AssessmentSubmitForm,
)
from hearth.assessment.models import NARRATIVE_SECTIONS, Assessment, AssessmentStatus
from hearth.audit.views_helpers import require_perm
from hearth.core import drafts
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


def _assessment(pk: int) -> Assessment:
    return get_object_or_404(selectors.assessments_with_details(), pk=pk)


def actions_for(user, assessment: Assessment) -> dict:
    """What this person may do next with the assessment, by its status and their permissions."""
    status = assessment.status
    return {
        "can_record": status == AssessmentStatus.OPEN and user.has_perm("assessment.record_assessment", assessment),
        "can_submit": status == AssessmentStatus.OPEN and user.has_perm("assessment.submit_assessment", assessment),
        "can_return": status == AssessmentStatus.SUBMITTED
        and user.has_perm("assessment.return_assessment", assessment),
        "can_authorise": status == AssessmentStatus.SUBMITTED
        and user.has_perm("assessment.authorise_assessment", assessment),
        "can_record_internal_review": user.has_perm("assessment.record_internal_review", assessment),
    }


def detail(request, pk: int):
    assessment = _assessment(pk)
    require_perm(request, "assessment.view_assessment", assessment)
    # The one due date every page shows for an assessment: Working Together's 45 working days from
    # the referral (T03), as the worklists show it; the DfE's start-to-authorisation measure (T03C)
    # is for the indicators (docs/timescales.md).
    referral_date = assessment.referral.referral_date
    assessment_clock = clock("T03")
    context = {
        "assessment": assessment,
        "due": assessment_clock.due(referral_date),
        "local_due": assessment_clock.local_due(referral_date),
        "clock": assessment_clock,
        **actions_for(request.user, assessment),
    }
    return render(request, "assessment/detail.html", context)


def _closed_to_change(request, assessment: Assessment, allowed: bool, explanation: str):
    """The page a person sees when the assessment's status does not allow this step now."""
    if allowed:
        return None
    return render(request, "assessment/not_now.html", {"assessment": assessment, "explanation": explanation})


def record(request, pk: int):
    """The worker's draft: factors, the child seen, their wishes and the narrative sections. Saved
    by "Save draft" and, with JavaScript, as the worker types (the case note's mechanism:
    hearth/core/drafts.py); a save from an older version keeps every word typed and shows theirs."""
    assessment = _assessment(pk)
    require_perm(request, "assessment.record_assessment", assessment)
    autosave = drafts.is_autosave(request)
    if assessment.status != AssessmentStatus.OPEN:
        if autosave:
            return drafts.refused(CLOSED_TO_RECORDING)
        return _closed_to_change(request, assessment, False, CLOSED_TO_RECORDING)
    initial = {
        "factors": [f.code for f in assessment.factors.all()],
        "wishes_and_feelings": assessment.wishes_and_feelings,
        "child_seen_on": assessment.child_seen_on,
        "child_seen_alone": assessment.child_seen_alone,
        "version": assessment.version,
        **{name: getattr(assessment, name) for name, _ in NARRATIVE_SECTIONS},
    }
    form = AssessmentRecordForm(request.POST or None, initial=initial)
    changes = []
    if request.method == "POST" and not form.is_valid() and autosave:
        return drafts.refused(_first_error(form))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.assessment_record(
                actor=request.user,
                assessment_id=assessment.pk,
                factor_codes=data["factors"],
                wishes_and_feelings=data["wishes_and_feelings"],
                child_seen_on=data["child_seen_on"],
                child_seen_alone=data["child_seen_alone"],
                narrative={name: data[name] for name, _ in NARRATIVE_SECTIONS},
                expected_version=data["version"],
            )
        except ValidationError as error:
            stale = _is_stale(error)
            if stale:
                assessment = _assessment(pk)
                changes = _changes_by_someone_else(form, assessment)
            if autosave and stale:
                return drafts.stale(request, message=error.messages[0], changes=changes)
            if autosave:
                return drafts.refused(" ".join(error.messages))
            form.add_service_error(error)
            if stale:
                # As a case note's draft: keep every word typed, show what the other person changed,
                # and carry the stored version, so saving again is a choice made having seen theirs.
                form.data = form.data.copy()
                form.data["version"] = str(assessment.version)
        else:
            if autosave:
                return drafts.saved(
                    version=saved.version,
                    saved_at=timezone.now(),
                    edit_url=reverse("assessment:record", args=[assessment.pk]),
                )
            messages.success(request, f"Draft saved at {timezone.localtime():%H:%M} (version {saved.version})")
            return redirect("assessment:record", pk=assessment.pk)
    return render(
        request,
        "assessment/record.html",
        {
            "form": form,
            "assessment": assessment,
            "changes": changes,
            "last_save": selectors.last_draft_save(assessment),
        },
    )


CLOSED_TO_RECORDING = (
    "This assessment has been submitted or authorised, so it cannot be changed. A manager can return a "
    "submitted assessment to the worker."
)


def _first_error(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return "The draft could not be saved"


def _is_stale(error: ValidationError) -> bool:
    return getattr(error, "code", None) == "stale"


def _changes_by_someone_else(form, assessment: Assessment) -> list[dict]:
    """Each answer where what is stored now differs from what this person typed: the factors, the
    child seen, their wishes and every narrative section."""
    typed = form.cleaned_data
    labels = {name: field.label for name, field in form.fields.items()}
    seen_on, typed_seen_on = assessment.child_seen_on, typed.get("child_seen_on")
    fields = [
        (
            labels["factors"],
            ", ".join(sorted(f.code for f in assessment.factors.all())),
            ", ".join(sorted(typed.get("factors") or [])),
        ),
        (
            labels["child_seen_on"],
            f"{seen_on:%-d %B %Y}" if seen_on else "",
            f"{typed_seen_on:%-d %B %Y}" if typed_seen_on else "",
        ),
        (
            labels["child_seen_alone"],
            "Yes" if assessment.child_seen_alone else "No",
            "Yes" if typed.get("child_seen_alone") else "No",
        ),
    ]
    sections = [("wishes_and_feelings", labels["wishes_and_feelings"]), *NARRATIVE_SECTIONS]
    fields += [(label, getattr(assessment, name), (typed.get(name) or "").strip()) for name, label in sections]
    return drafts.changes(fields)


def _dated_step(request, pk: int, *, perm, status, explanation, form_class, service, date_field, done, template):
    """Submit, return and authorise share one shape: a date (and more), the version, one service."""
    assessment = _assessment(pk)
    require_perm(request, perm, assessment)
    closed = _closed_to_change(request, assessment, assessment.status == status, explanation)
    if closed:
        return closed
    form = form_class(request.POST or None, initial={date_field: timezone.localdate(), "version": assessment.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            service(actor=request.user, assessment_id=assessment.pk, expected_version=version, **data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, done)
            return redirect("people:child_detail", pk=assessment.child_id)
    return render(request, template, {"form": form, "assessment": assessment})


def submit(request, pk: int):
    return _dated_step(
        request,
        pk,
        perm="assessment.submit_assessment",
        status=AssessmentStatus.OPEN,
        explanation="This assessment has already been submitted or authorised.",
        form_class=AssessmentSubmitForm,
        service=services.assessment_submit,
        date_field="submitted_on",
        done="Assessment submitted for authorisation",
        template="assessment/submit.html",
    )


def return_to_worker(request, pk: int):
    return _dated_step(
        request,
        pk,
        perm="assessment.return_assessment",
        status=AssessmentStatus.SUBMITTED,
        explanation="Only an assessment submitted for authorisation can be returned, and this one is not.",
        form_class=AssessmentReturnForm,
        service=services.assessment_return,
        date_field="returned_on",
        done="Assessment returned to the worker",
        template="assessment/return.html",
    )


def authorise(request, pk: int):
    return _dated_step(
        request,
        pk,
        perm="assessment.authorise_assessment",
        status=AssessmentStatus.SUBMITTED,
        explanation="Only an assessment submitted for authorisation can be authorised, and this one is not. "
        "The worker submits it when their recording is complete.",
        form_class=AssessmentAuthoriseForm,
        service=services.assessment_authorise,
        date_field="authorised_on",
        done="Assessment authorised",
        template="assessment/authorise.html",
    )


def internal_review(request, pk: int):
    """The manager records (or corrects) the day they reviewed the assessment internally; at any
    status, since it may be recorded after the assessment was authorised."""
    assessment = _assessment(pk)
    require_perm(request, "assessment.record_internal_review", assessment)
    initial = {
        "internal_review_on": assessment.internal_review_on or timezone.localdate(),
        "version": assessment.version,
    }
    form = AssessmentInternalReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_internal_review_record(
                actor=request.user,
                assessment_id=assessment.pk,
                internal_review_on=form.cleaned_data["internal_review_on"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Internal review recorded")
            return redirect("assessment:detail", pk=assessment.pk)
    return render(request, "assessment/internal_review.html", {"form": form, "assessment": assessment})


def backlog(request):
    require_perm(request, "assessment.view_backlog")
    return render(
        request,
        "assessment/backlog.html",
        {"backlog": selectors.backlog(user=request.user, as_of=timezone.localdate())},
    )
