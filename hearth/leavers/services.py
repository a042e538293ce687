"""Writers for care leavers: a personal adviser's contact (with the young person's circumstances as
found: the OC3 items) and a pathway plan agreed or reviewed. Each is one transaction with its audit
row; bad input changes nothing. Only for young people owed a pathway plan (eligible, relevant or
former relevant on the day), with a message saying why not otherwise.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.core.roles import Role, has_role
from hearth.leavers.codes import Accommodation, Activity, ContactMethod, InTouch
from hearth.leavers.models import CareLeaverContact, PathwayPlanReview, SupportTo25Request, SupportTo25Withdrawal
from hearth.leavers.selectors import periods_prefetch, spells_of, status_of
from hearth.leavers.status import LeaverStatus, birthday, leaver_status
from hearth.people.models import Child

ERROR_NOT_CASE_WORKER = "Only a social worker, personal adviser's manager or team manager can record this"
ERROR_DATE_IN_FUTURE = "The date must be today or in the past"
ERROR_NOT_OWED = (
    "{child} was not eligible, relevant or former relevant on {date} ({reason}), so there is no pathway "
    "plan or personal adviser's contact to record for that day"
)
ERROR_METHOD = "Choose how the contact was made"
ERROR_IN_TOUCH = "Choose whether the young person was in touch"
ERROR_ACTIVITY = "Choose the young person's main activity"
ERROR_ACCOMMODATION = "Choose where the young person lives"
ERROR_NOT_IN_TOUCH_ACTIVITY = "When the young person is not in touch, their activity is '0: no information'"
ERROR_NOT_IN_TOUCH_ACCOMMODATION = "When the young person is not in touch, their accommodation is '0: no information'"
ERROR_SUITABILITY_REQUIRED = "Say whether the accommodation is suitable"
ERROR_SUITABILITY_WITHOUT_ACCOMMODATION = "Leave suitability empty when there is no information about accommodation"
ERROR_ADVISER_REQUIRED = "Enter the young person's personal adviser"
ERROR_SUMMARY_REQUIRED = "Enter what the plan says and what changed"
ERROR_REVIEW_SAME_DAY = "A pathway plan review is already recorded on {date}"
ERROR_NOT_FORMER_RELEVANT_FOR_25 = (
    "{child} could not ask for support to 25 on {date} ({reason}): it is for a young person who was eligible or "
    "relevant (a former relevant care leaver), from their 18th birthday to the day before their 25th"
)
ERROR_ALREADY_ASKED = "{child} asked for support to 25 on {date}: it continues from then, so nothing was recorded"
ERROR_ASKED_AGAIN_TOO_EARLY = (
    "{child} said on {date} that they no longer want support to 25: the day they asked again must be after that"
)
ERROR_NOT_ASKED = "{child} has not asked for support to 25, so there is no support to stop"
ERROR_ALREADY_WITHDRAWN = (
    "{child} already said on {date} that they no longer want support to 25, so nothing was recorded (if they have "
    "asked again since, record that first)"
)
ERROR_WITHDRAWN_BEFORE_ASKED = (
    "{child} asked for support to 25 on {date}: the day they said they no longer want it must be after that"
)
ERROR_WITHDRAWN_AT_25 = "{child} turned 25 on {date}: support to 25 had already ended then"
ERROR_WITHDRAWAL_REASON = "Enter what the young person said, or why they no longer want support"
ERROR_WITHDRAWN_BEFORE_RECORDED_WORK = (
    "A {what} is recorded on {date}, past 21 and after that day, so the young person still had support then: "
    "the day they said they no longer want it is after {date}"
)


def _check_writer(actor) -> None:
    if not (actor.is_superuser or has_role(actor, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_NOT_CASE_WORKER)


def _locked_child_owed_a_plan(child_id: int, day: datetime.date, field: str) -> Child:
    """The child, locked; refused (with the reason) unless owed a pathway plan on `day`."""
    child = Child.objects.select_for_update().get(pk=child_id)
    child = Child.objects.prefetch_related(periods_prefetch()).get(pk=child.pk)
    status = status_of(child, day)
    if not status.owed_pathway_plan:
        reason = status.reason[0].lower() + status.reason[1:] if status.reason else "no status"
        raise ValidationError({field: ERROR_NOT_OWED.format(child=child, date=f"{day:%-d %B %Y}", reason=reason)})
    return child


def _circumstance_errors(in_touch, activity, accommodation, suitable) -> dict[str, str]:
    errors = {}
    if in_touch not in InTouch.values:
        errors["in_touch"] = ERROR_IN_TOUCH
    if activity not in Activity.values:
        errors["activity"] = ERROR_ACTIVITY
    if accommodation not in Accommodation.values:
        errors["accommodation"] = ERROR_ACCOMMODATION
    if errors:
        return errors
    if in_touch != InTouch.YES:
        if activity != Activity.NONE:
            errors["activity"] = ERROR_NOT_IN_TOUCH_ACTIVITY
        if accommodation != Accommodation.NONE:
            errors["accommodation"] = ERROR_NOT_IN_TOUCH_ACCOMMODATION
    if "accommodation" not in errors:
        if accommodation != Accommodation.NONE and suitable is None:
            errors["accommodation_suitable"] = ERROR_SUITABILITY_REQUIRED
        elif accommodation == Accommodation.NONE and suitable is not None:
            errors["accommodation_suitable"] = ERROR_SUITABILITY_WITHOUT_ACCOMMODATION
    return errors


def care_leaver_contact_record(
    *,
    actor,
    child_id: int,
    contacted_on: datetime.date,
    method: str,
    in_touch: str,
    activity: str,
    accommodation: str,
    accommodation_suitable: bool | None,
    note: str = "",
) -> CareLeaverContact:
    """A contact with a care leaver and their circumstances as found. Not in touch means nothing is
    known: activity and accommodation are '0 no information' (as the OC3 return has it)."""
    _check_writer(actor)
    errors = {"contacted_on": ERROR_DATE_IN_FUTURE} if contacted_on > timezone.localdate() else {}
    if method not in ContactMethod.values:
        errors["method"] = ERROR_METHOD
    errors |= _circumstance_errors(in_touch, activity, accommodation, accommodation_suitable)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        child = _locked_child_owed_a_plan(child_id, contacted_on, "contacted_on")
        contact = CareLeaverContact.objects.create(
            child=child,
            contacted_on=contacted_on,
            method=method,
            in_touch=in_touch,
            activity=activity,
            accommodation=accommodation,
            accommodation_suitable=accommodation_suitable,
            note=note.strip(),
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="care.leaver_contact",
            obj=contact,
            child=child,
            detail={"in_touch": in_touch, "activity": activity, "accommodation": accommodation},
        )
    return contact


def pathway_plan_review_record(
    *, actor, child_id: int, reviewed_on: datetime.date, personal_adviser: str, summary: str, child_voice: str = ""
) -> PathwayPlanReview:
    """A pathway plan agreed or reviewed with the young person, naming their personal adviser."""
    _check_writer(actor)
    errors = {"reviewed_on": ERROR_DATE_IN_FUTURE} if reviewed_on > timezone.localdate() else {}
    if not personal_adviser.strip():
        errors["personal_adviser"] = ERROR_ADVISER_REQUIRED
    if not summary.strip():
        errors["summary"] = ERROR_SUMMARY_REQUIRED
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        child = _locked_child_owed_a_plan(child_id, reviewed_on, "reviewed_on")
        if PathwayPlanReview.objects.filter(child=child, reviewed_on=reviewed_on).exists():
            raise ValidationError({"reviewed_on": ERROR_REVIEW_SAME_DAY.format(date=f"{reviewed_on:%-d %B %Y}")})
        try:
            with transaction.atomic():
                review = PathwayPlanReview.objects.create(
                    child=child,
                    reviewed_on=reviewed_on,
                    personal_adviser=personal_adviser.strip(),
                    summary=summary.strip(),
                    child_voice=child_voice.strip(),
                    recorded_by=actor,
                )
        except IntegrityError:
            raise ValidationError(
                {"reviewed_on": ERROR_REVIEW_SAME_DAY.format(date=f"{reviewed_on:%-d %B %Y}")}
            ) from None
        audit_record(actor=actor, action="care.pathway_plan_review", obj=review, child=child, detail={})
    return review


def support_to_25_request_record(
    *, actor, child_id: int, requested_on: datetime.date, note: str = ""
) -> SupportTo25Request:
    """A former relevant young person asked for a personal adviser's support after 21 (s23CZB). From
    that day to their 25th birthday they keep the former relevant status, so their contacts and pathway
    plan go on being recorded, and are due, as before 21, until they say they no longer want it. Asked
    once while it lasts: the duty runs from the first day; after they said they no longer want it, they
    may ask again (dated after that)."""
    _check_writer(actor)
    if requested_on > timezone.localdate():
        raise ValidationError({"requested_on": ERROR_DATE_IN_FUTURE})
    with transaction.atomic():
        child = Child.objects.select_for_update().get(pk=child_id)
        child = Child.objects.prefetch_related(periods_prefetch()).get(pk=child.pk)
        asked, withdrawn = _last_words_on_support_to_25(child)
        if asked is not None and (withdrawn is None or withdrawn.withdrawn_on < asked.requested_on):
            raise ValidationError(
                {"requested_on": ERROR_ALREADY_ASKED.format(child=child, date=f"{asked.requested_on:%-d %B %Y}")}
            )
        if withdrawn is not None and requested_on <= withdrawn.withdrawn_on:
            raise ValidationError(
                {
                    "requested_on": ERROR_ASKED_AGAIN_TOO_EARLY.format(
                        child=child, date=f"{withdrawn.withdrawn_on:%-d %B %Y}"
                    )
                }
            )
        status = leaver_status(child.date_of_birth, spells_of(child.periods_of_care.all()), requested_on, requested_on)
        if status.status != LeaverStatus.FORMER_RELEVANT:
            reason = status.reason[0].lower() + status.reason[1:] if status.reason else status.status or "no status"
            raise ValidationError(
                {
                    "requested_on": ERROR_NOT_FORMER_RELEVANT_FOR_25.format(
                        child=child, date=f"{requested_on:%-d %B %Y}", reason=reason
                    )
                }
            )
        try:
            with transaction.atomic():
                request = SupportTo25Request.objects.create(
                    child=child, requested_on=requested_on, note=note.strip(), recorded_by=actor
                )
        except IntegrityError:  # asked and recorded by someone else meanwhile
            raise ValidationError(
                {"requested_on": ERROR_ALREADY_ASKED.format(child=child, date="another day")}
            ) from None
        audit_record(
            actor=actor,
            action="care.support_to_25_request",
            obj=request,
            child=child,
            detail={"requested_on": str(requested_on)},
        )
    return request


def _last_words_on_support_to_25(child: Child) -> tuple:
    """The young person's latest request for support to 25 and latest withdrawal of it (either None)."""
    asked = SupportTo25Request.objects.filter(child=child).order_by("-requested_on", "-pk").first()
    withdrawn = SupportTo25Withdrawal.objects.filter(child=child).order_by("-withdrawn_on", "-pk").first()
    return asked, withdrawn


def support_to_25_withdrawal_record(
    *, actor, child_id: int, withdrawn_on: datetime.date, reason: str
) -> SupportTo25Withdrawal:
    """A young person who asked for support to 25 says they no longer want it: from that day their
    contacts and pathway plan past 21 are no longer owed (nor recorded), until they ask again. Refused
    unless asking is their last word and the day is after it, before their 25th birthday, not in the
    future. Said before 21 (from the day after they asked), it changes nothing until their 21st birthday:
    the duties to 21 are not theirs to stop (our reading)."""
    _check_writer(actor)
    errors = {"withdrawn_on": ERROR_DATE_IN_FUTURE} if withdrawn_on > timezone.localdate() else {}
    if not reason.strip():
        errors["reason"] = ERROR_WITHDRAWAL_REASON
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        child = Child.objects.select_for_update().get(pk=child_id)  # one word at a time on the young person
        asked, withdrawn = _last_words_on_support_to_25(child)
        if asked is None:
            raise ValidationError({"withdrawn_on": ERROR_NOT_ASKED.format(child=child)})
        if withdrawn is not None and withdrawn.withdrawn_on >= asked.requested_on:
            raise ValidationError(
                {
                    "withdrawn_on": ERROR_ALREADY_WITHDRAWN.format(
                        child=child, date=f"{withdrawn.withdrawn_on:%-d %B %Y}"
                    )
                }
            )
        if withdrawn_on <= asked.requested_on:
            raise ValidationError(
                {
                    "withdrawn_on": ERROR_WITHDRAWN_BEFORE_ASKED.format(
                        child=child, date=f"{asked.requested_on:%-d %B %Y}"
                    )
                }
            )
        if child.date_of_birth is not None and withdrawn_on >= birthday(child.date_of_birth, 25):
            turned_25 = birthday(child.date_of_birth, 25)
            raise ValidationError(
                {"withdrawn_on": ERROR_WITHDRAWN_AT_25.format(child=child, date=f"{turned_25:%-d %B %Y}")}
            )
        _check_no_support_recorded_after(child, withdrawn_on)
        withdrawal = SupportTo25Withdrawal.objects.create(
            child=child, withdrawn_on=withdrawn_on, reason=reason.strip(), recorded_by=actor
        )
        audit_record(
            actor=actor,
            action="care.support_to_25_withdrawal",
            obj=withdrawal,
            child=child,
            detail={"withdrawn_on": str(withdrawn_on), "asked_on": str(asked.requested_on)},
        )
    return withdrawal


def _check_no_support_recorded_after(child: Child, withdrawn_on: datetime.date) -> None:
    """A contact or pathway plan review past 21 on or after the day of the withdrawal would be support
    given after the young person said they wanted none: the facts would not agree, so it is refused."""
    if child.date_of_birth is None:
        return
    from_day = max(withdrawn_on, birthday(child.date_of_birth, 21))
    contact = (
        CareLeaverContact.objects.filter(child=child, contacted_on__gte=from_day).order_by("-contacted_on").first()
    )
    review = PathwayPlanReview.objects.filter(child=child, reviewed_on__gte=from_day).order_by("-reviewed_on").first()
    found = []
    if contact is not None:
        found.append(("personal adviser's contact", contact.contacted_on))
    if review is not None:
        found.append(("pathway plan review", review.reviewed_on))
    latest = max(found, key=lambda each: each[1], default=None)
    if latest is not None:
        what, day = latest
        raise ValidationError(
            {"withdrawn_on": ERROR_WITHDRAWN_BEFORE_RECORDED_WORK.format(what=what, date=f"{day:%-d %B %Y}")}
        )
