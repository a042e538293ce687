"""Pages for a looked-after child's missing episodes: record one (with the return if known), the
episode's page, record the return, record the return home interview offered and the child's answer,
correct an episode recorded wrongly.
Each validates its form, calls one service and renders; a refusal is shown on the form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from hearth.audit.views_helpers import require_perm
from hearth.care.models import PeriodOfCare
from hearth.missing import services
from hearth.missing.forms import InterviewForm, MissingEpisodeCorrectForm, MissingEpisodeForm, MissingReturnForm
from hearth.missing.models import MissingEpisode
from hearth.missing.selectors import episodes_for_child, interview_due, interview_offered_in_time


def _episode(pk: int) -> MissingEpisode:
    return get_object_or_404(MissingEpisode.objects.select_related("child", "period__referral__team"), pk=pk)


def _episode_context(episode: MissingEpisode) -> dict:
    return {
        "episode": episode,
        "interview_due": interview_due(episode),
        "offered_in_time": interview_offered_in_time(episode),
    }


def episode_record(request, period_id: int):
    period = get_object_or_404(PeriodOfCare.objects.select_related("child", "referral__team"), pk=period_id)
    require_perm(request, "missing.record_missing", period)
    form = MissingEpisodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            episode = services.missing_episode_record(
                actor=request.user, period_id=period.pk, **form.service_arguments()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Missing episode recorded")
            return redirect("missing:episode", pk=episode.pk)
    context = {"form": form, "period": period, "episodes": episodes_for_child(period.child)}
    return render(request, "missing/episode_record.html", context)


def episode(request, pk: int):
    episode = _episode(pk)
    require_perm(request, "missing.view_missing", episode)
    can_record = request.user.has_perm("missing.record_missing", episode)
    return render(request, "missing/episode.html", _episode_context(episode) | {"can_record": can_record})


def _change(request, pk: int, *, form_class, service, initial, template, done):
    episode = _episode(pk)
    require_perm(request, "missing.record_missing", episode)
    form = form_class(request.POST or None, initial={"version": episode.version} | initial(episode))
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, episode_id=episode.pk, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, done)
            return redirect("missing:episode", pk=episode.pk)
    return render(request, template, _episode_context(episode) | {"form": form})


def return_record(request, pk: int):
    return _change(
        request,
        pk,
        form_class=MissingReturnForm,
        service=services.missing_return_record,
        initial=lambda episode: {},
        template="missing/return_record.html",
        done="Return recorded",
    )


def interview_record(request, pk: int):
    def initial(episode):
        if episode.interview_offered_at is None:
            return {}
        offered = timezone.localtime(episode.interview_offered_at)
        return {
            "offered_on": offered.date(),
            "offered_time": offered.strftime("%H:%M"),
            "response": episode.interview_response or "unknown",
        }

    return _change(
        request,
        pk,
        form_class=InterviewForm,
        service=services.missing_interview_record,
        initial=initial,
        template="missing/interview_record.html",
        done="Return home interview recorded",
    )


def episode_correct(request, pk: int):
    return _change(
        request,
        pk,
        form_class=MissingEpisodeCorrectForm,
        service=services.missing_episode_correct,
        initial=MissingEpisodeCorrectForm.initial_for,
        template="missing/episode_correct.html",
        done="Missing episode corrected",
    )
