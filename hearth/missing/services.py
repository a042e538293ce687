"""Writers for a looked-after child's missing episodes: the child went missing or away from their
placement (with the return, if already known), came back, and was offered a return home interview,
which they accepted or declined. One transaction each with its audit row; bad input writes nothing.

The DfE's rules about one episode are refused here, when the worker records it, with the rule's
number in the message (csc-validator-be-903 0.1.17, the 2025-26 rules; docs/returns-903.md):
564 and 565 (the start and whether missing or away, together), 567 (the return not before the
start), 574 (no episode starting while another is open, none overlapping), 578 and 581 (it starts
while the child is looked after), 586 (after the child's birth), the same when an episode recorded
wrongly is corrected (`missing_episode_correct`). An edit carries the version of the episode it was
opened on; a change made meanwhile is refused, never overwritten.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.calendar.workingdays import add_months
from hearth.care.models import PeriodOfCare
from hearth.core.roles import Role, has_role
from hearth.core.services import london_datetime
from hearth.missing.codes import InterviewResponse, MissingKind
from hearth.missing.models import MissingEpisode
from hearth.people.models import Child

ERROR_NOT_CASE_WORKER = "Only a social worker or manager can record a child's missing episodes"
ERROR_KIND_REQUIRED = "Say whether the child was missing or away from placement without authorisation (DfE rule 565)"
ERROR_START_REQUIRED = "Enter when the child went missing or away (DfE rule 564)"
ERROR_IN_FUTURE = "The time must be now or in the past"
ERROR_BEFORE_BIRTH = "The child cannot go missing before they were born ({date}; DfE rule 586)"
ERROR_NOT_LOOKED_AFTER = (
    "The child was not looked after on {date}: missing episodes are recorded from the day a child becomes "
    "looked after to the day care ends (DfE rules 578 and 581)"
)
ERROR_RETURN_BEFORE_START = "The child cannot come back before they went missing ({start}; DfE rule 567)"
ERROR_ANOTHER_OPEN = (
    "{name} is already recorded as missing or away since {start}: record their return first. A new episode "
    "cannot start while another is open (DfE rule 574)"
)
ERROR_OVERLAPS = "This overlaps the episode from {start} to {end}: missing episodes cannot overlap (DfE rule 574)"
ERROR_ALREADY_RETURNED = "The child's return is already recorded ({date})"
ERROR_NOT_RETURNED = "Record the child's return first: a return home interview is offered after the child comes back"
ERROR_OFFER_REQUIRED = "Enter when the return home interview was offered"
ERROR_OFFER_BEFORE_RETURN = "The interview cannot be offered before the child came back ({date})"
ERROR_RESPONSE = "Choose whether the child accepted the interview, declined it, or it is not known yet"
ERROR_RETURN_REQUIRED = "Enter when the child came back"
ERROR_MISSING_AT_18 = (
    "{name} is recorded as missing or away since {start}, and care ends on their 18th birthday: the reason "
    "must be E8 (ceased for any other reason; DfE rule 580), or record their return first"
)
ERROR_RETURN_NEEDED_FOR_INTERVIEW = (
    "A return home interview was offered on {date}, after the child came back: the return cannot be taken off"
)
ERROR_RETURN_AFTER_INTERVIEW = (
    "A return home interview was offered on {date}: the child came back before that, so the return cannot be "
    "later (correct the interview first if its time is wrong)"
)
ERROR_CHANGED_MEANWHILE = (
    "Someone else changed this missing episode while you had the page open. Nothing was changed: read the "
    "page again and then record yours"
)


def _check_writer(actor) -> None:
    if not (actor.is_superuser or has_role(actor, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_NOT_CASE_WORKER)


def _long(moment: datetime.date | datetime.datetime) -> str:
    if isinstance(moment, datetime.datetime):
        return timezone.localtime(moment).strftime("%-d %B %Y at %H:%M")
    return f"{moment:%-d %B %Y}"


def _day(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


def _future(moment: datetime.datetime | None) -> bool:
    return moment is not None and moment > timezone.now()


def _overlap_errors(child: Child, started_at, returned_at, *, field: str, exclude: int | None = None) -> dict:
    """DfE rule 574: no episode starts while another is open, and none overlap. At the 903's
    resolution (dates) an episode may start the day the last one ended, as it may here by the hour."""
    others = child.missing_episodes.select_for_update().exclude(pk=exclude)
    for other in others:
        if other.returned_at is None:
            if returned_at is None or returned_at > other.started_at:
                return {field: ERROR_ANOTHER_OPEN.format(name=child.first_name, start=_long(other.started_at))}
        elif started_at < other.returned_at and (returned_at is None or returned_at > other.started_at):
            return {field: ERROR_OVERLAPS.format(start=_long(other.started_at), end=_long(other.returned_at))}
    return {}


def _episode_errors(child: Child, period: PeriodOfCare, kind: str, started_at, returned_at) -> dict:
    """The checks of one episode on its own, the same when it is recorded and when it is corrected."""
    errors = {}
    if kind not in MissingKind.values:
        errors["kind"] = ERROR_KIND_REQUIRED
    if started_at is None:
        errors["started_at"] = ERROR_START_REQUIRED
    elif _future(started_at):
        errors["started_at"] = ERROR_IN_FUTURE
    elif child.date_of_birth is not None and _day(started_at) <= child.date_of_birth:
        errors["started_at"] = ERROR_BEFORE_BIRTH.format(date=_long(child.date_of_birth))
    elif _day(started_at) < period.started_on or (period.ended_on is not None and _day(started_at) > period.ended_on):
        errors["started_at"] = ERROR_NOT_LOOKED_AFTER.format(date=_long(_day(started_at)))
    if returned_at is not None:
        if _future(returned_at):
            errors["returned_at"] = ERROR_IN_FUTURE
        elif started_at is not None and returned_at < started_at:
            errors["returned_at"] = ERROR_RETURN_BEFORE_START.format(start=_long(started_at))
    return errors


def missing_episode_record(
    *,
    actor,
    period_id: int,
    kind: str,
    started_at: datetime.datetime | None,
    returned_at: datetime.datetime | None = None,
) -> MissingEpisode:
    """A looked-after child went missing, or away from their placement without authorisation; the
    return too, if it is already known."""
    _check_writer(actor)
    with transaction.atomic():
        period = PeriodOfCare.objects.select_related("child").get(pk=period_id)
        child = Child.objects.select_for_update().get(pk=period.child_id)  # one writer of a child's episodes
        errors = _episode_errors(child, period, kind, started_at, returned_at)
        if not errors:
            errors = _overlap_errors(child, started_at, returned_at, field="started_at")
        if errors:
            raise ValidationError(errors)
        episode = MissingEpisode.objects.create(
            child=child, period=period, kind=kind, started_at=started_at, returned_at=returned_at, recorded_by=actor
        )
        audit_record(
            actor=actor,
            action="missing.start",
            obj=episode,
            child=child,
            detail={"kind": kind, "returned": returned_at is not None},
        )
    return episode


def _episode_for_change(episode_id: int, version: int) -> MissingEpisode:
    episode = MissingEpisode.objects.select_related("child", "period").get(pk=episode_id)
    Child.objects.select_for_update().get(pk=episode.child_id)
    episode = MissingEpisode.objects.select_for_update().select_related("child", "period").get(pk=episode_id)
    if episode.version != version:
        raise ValidationError(ERROR_CHANGED_MEANWHILE)
    return episode


def _save(episode: MissingEpisode, *fields: str) -> None:
    episode.version += 1
    episode.save(update_fields=[*fields, "version"])


def missing_episode_correct(
    *,
    actor,
    episode_id: int,
    version: int,
    kind: str,
    started_at: datetime.datetime | None,
    returned_at: datetime.datetime | None,
) -> MissingEpisode:
    """An episode recorded wrongly is corrected: missing or away, when it started, when the child came
    back (or that they have not: a return recorded in error is taken off, unless a return home
    interview was offered after it). The same checks as recording it, and the interview, if one was
    offered, still comes after the return."""
    _check_writer(actor)
    with transaction.atomic():
        episode = _episode_for_change(episode_id, version)
        child, period = episode.child, episode.period
        errors = _episode_errors(child, period, kind, started_at, returned_at)
        offered = episode.interview_offered_at
        if "returned_at" not in errors and offered is not None:
            if returned_at is None:
                errors["returned_at"] = ERROR_RETURN_NEEDED_FOR_INTERVIEW.format(date=_long(offered))
            elif returned_at > offered:
                errors["returned_at"] = ERROR_RETURN_AFTER_INTERVIEW.format(date=_long(offered))
        if not errors:
            errors = _overlap_errors(child, started_at, returned_at, field="started_at", exclude=episode.pk)
        if errors:
            raise ValidationError(errors)
        values = {"kind": kind, "started_at": started_at, "returned_at": returned_at}
        changed = sorted(name for name, value in values.items() if getattr(episode, name) != value)
        for name, value in values.items():
            setattr(episode, name, value)
        _save(episode, *values)
        audit_record(actor=actor, action="missing.correct", obj=episode, child=child, detail={"changed": changed})
    return episode


def missing_return_record(
    *, actor, episode_id: int, version: int, returned_at: datetime.datetime | None
) -> MissingEpisode:
    """The child came back (or was found): the episode ends, and the 72 hours for the return home
    interview start (T30)."""
    _check_writer(actor)
    with transaction.atomic():
        episode = _episode_for_change(episode_id, version)
        errors = {}
        if episode.returned_at is not None:
            errors["returned_at"] = ERROR_ALREADY_RETURNED.format(date=_long(episode.returned_at))
        elif returned_at is None:
            errors["returned_at"] = ERROR_RETURN_REQUIRED
        elif _future(returned_at):
            errors["returned_at"] = ERROR_IN_FUTURE
        elif returned_at < episode.started_at:
            errors["returned_at"] = ERROR_RETURN_BEFORE_START.format(start=_long(episode.started_at))
        else:
            errors = _overlap_errors(
                episode.child, episode.started_at, returned_at, field="returned_at", exclude=episode.pk
            )
        if errors:
            raise ValidationError(errors)
        episode.returned_at = returned_at
        _save(episode, "returned_at")
        audit_record(actor=actor, action="missing.return", obj=episode, child=episode.child)
    return episode


def missing_interview_record(
    *, actor, episode_id: int, version: int, offered_at: datetime.datetime | None, response: str
) -> MissingEpisode:
    """The return home interview was offered (when), and accepted, declined or not answered yet. Recorded
    again to give the child's answer later, or to correct the time it was offered."""
    _check_writer(actor)
    with transaction.atomic():
        episode = _episode_for_change(episode_id, version)
        errors = {}
        if episode.returned_at is None:
            raise ValidationError(ERROR_NOT_RETURNED)
        if offered_at is None:
            errors["offered_at"] = ERROR_OFFER_REQUIRED
        elif _future(offered_at):
            errors["offered_at"] = ERROR_IN_FUTURE
        elif offered_at < episode.returned_at:
            errors["offered_at"] = ERROR_OFFER_BEFORE_RETURN.format(date=_long(episode.returned_at))
        if response not in InterviewResponse.values:
            errors["response"] = ERROR_RESPONSE
        if errors:
            raise ValidationError(errors)
        episode.interview_offered_at = offered_at
        episode.interview_response = response
        _save(episode, "interview_offered_at", "interview_response")
        audit_record(
            actor=actor, action="missing.interview", obj=episode, child=episode.child, detail={"response": response}
        )
    return episode


def missing_check_care_end(*, actor, period: PeriodOfCare) -> None:
    """Care is ending (called inside care_end's transaction, the period already ended): a child still
    missing on the day care ends at their 18th birthday leaves care with E8 (DfE rule 580: the 903
    shows the episode ending that day, the end of care). Anything else is refused, nothing written."""
    born = period.child.date_of_birth
    if born is None or period.ended_on != add_months(born, 18 * 12) or period.end_reason == "E8":
        return
    end_of_day = london_datetime(period.ended_on + datetime.timedelta(days=1), datetime.time(0, 0))
    open_then = (
        period.child.missing_episodes.filter(started_at__lt=end_of_day)
        .filter(Q(returned_at__isnull=True) | Q(returned_at__gte=end_of_day))
        .first()
    )
    if open_then is not None:
        message = ERROR_MISSING_AT_18.format(name=period.child.first_name, start=_long(open_then.started_at))
        raise ValidationError({"reason": message})
