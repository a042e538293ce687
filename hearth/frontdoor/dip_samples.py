"""The monthly no-further-action dip sample: draw, review, act on disagreements (the writers).

The sample is reproducible: the same month's NFA contacts, in the same order, drawn with a random
generator seeded by the month, give the same sample every time, so an auditor can re-draw it.
"""

import datetime
import random

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.calendar.workingdays import add_months
from hearth.core.roles import Role, has_role
from hearth.core.services import london_datetime
from hearth.frontdoor.models import Contact, DipSample, DipSampleAction, DipSampleItem, ScreeningDecision, Verdict

ERROR_NOT_QUALITY_STAFF = "Only a performance and quality officer or a service manager can do this"
ERROR_MONTH_NOT_ENDED = "The month has not ended yet: sample it once it has"
ERROR_ALREADY_DRAWN = "The {month} sample was already drawn on {when}. Nothing was changed"
ERROR_SIZE = "Enter a sample size between 1 and 200"
ERROR_REVIEWER = "Choose a performance and quality officer or a service manager to review the sample"
ERROR_NOT_THE_REVIEWER = "Only the reviewer named on this sample can record its reviews"
ERROR_ALREADY_REVIEWED = "This contact was already reviewed on {when}. Nothing was changed"
ERROR_VERDICT = "Choose agree or disagree"
ERROR_REASON = "Enter why you agree or disagree with the decision"
ERROR_ACTION_NEEDED = "A disagreement needs an action: say what must happen, who will do it and by when"
ERROR_DUE_IN_PAST = "The action's due date must be today or later"
ERROR_NOT_ACTION_OWNER = "Only the action's owner or the reviewer can complete it"
ERROR_ACTION_DONE = "This action was already completed on {date}. Nothing was changed"
ERROR_COMPLETION_NOTE = "Enter what was done"
ERROR_COMPLETED_IN_FUTURE = "The completion date must be today or in the past"

QUALITY_ROLES = (Role.PERFORMANCE_OFFICER, Role.SERVICE_MANAGER)


def month_nfa_contacts(month: datetime.date):
    """The month's no-further-action contacts, by decision time, in a fixed order."""
    start = london_datetime(month, datetime.time(0, 0))
    end = london_datetime(add_months(month, 1), datetime.time(0, 0))
    return Contact.objects.filter(
        decision=ScreeningDecision.NO_FURTHER_ACTION, decided_at__gte=start, decided_at__lt=end
    ).order_by("pk")


def draw(contact_ids: list[int], month: datetime.date, size: int) -> list[int]:
    """The reproducible part: the same ids, month and size always give the same sample."""
    generator = random.Random(f"hearth-nfa-dip-sample-{month:%Y-%m}")  # noqa: S311 (sampling, not security)
    return sorted(generator.sample(sorted(contact_ids), min(size, len(contact_ids))))


def dip_sample_draw(*, actor, month: datetime.date, size: int, reviewer) -> DipSample:
    month = month.replace(day=1)
    if not (actor.is_superuser or has_role(actor, *QUALITY_ROLES)):
        raise ValidationError(ERROR_NOT_QUALITY_STAFF)
    errors = {}
    if add_months(month, 1) > timezone.localdate():
        errors["month"] = ERROR_MONTH_NOT_ENDED
    if not 1 <= size <= 200:
        errors["size"] = ERROR_SIZE
    if reviewer is None or not has_role(reviewer, *QUALITY_ROLES):
        errors["reviewer"] = ERROR_REVIEWER
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        existing = DipSample.objects.select_for_update().filter(month=month).first()
        if existing is not None:
            raise ValidationError(
                ERROR_ALREADY_DRAWN.format(
                    month=f"{month:%B %Y}", when=f"{timezone.localtime(existing.drawn_at):%-d %B %Y}"
                )
            )
        sample = DipSample.objects.create(month=month, size=size, reviewer=reviewer, drawn_by=actor)
        chosen = draw(list(month_nfa_contacts(month).values_list("pk", flat=True)), month, size)
        DipSampleItem.objects.bulk_create(DipSampleItem(sample=sample, contact_id=pk) for pk in chosen)
        audit_record(
            actor=actor,
            action="dip_sample.draw",
            obj=sample,
            detail={"month": f"{month:%Y-%m}", "size": size, "drawn": len(chosen)},
        )
    return sample


def dip_sample_review(
    *,
    actor,
    item_id: int,
    verdict: str,
    reason: str,
    action_description: str = "",
    action_owner=None,
    action_due_on: datetime.date | None = None,
) -> DipSampleItem:
    """The reviewer's verdict on one sampled contact; a disagreement opens an action."""
    with transaction.atomic():
        item = DipSampleItem.objects.select_for_update().select_related("sample", "contact__child").get(pk=item_id)
        if item.sample.reviewer_id != actor.pk:
            raise ValidationError(ERROR_NOT_THE_REVIEWER)
        if item.verdict:
            raise ValidationError(
                ERROR_ALREADY_REVIEWED.format(when=f"{timezone.localtime(item.reviewed_at):%-d %B %Y}")
            )
        errors = {}
        if verdict not in Verdict.values:
            errors["verdict"] = ERROR_VERDICT
        if not reason.strip():
            errors["reason"] = ERROR_REASON
        if verdict == Verdict.DISAGREE:
            if not action_description.strip() or action_owner is None or action_due_on is None:
                errors["action_description"] = ERROR_ACTION_NEEDED
            elif action_due_on < timezone.localdate():
                errors["action_due_on"] = ERROR_DUE_IN_PAST
        if errors:
            raise ValidationError(errors)
        item.verdict, item.reason, item.reviewed_at = verdict, reason.strip(), timezone.now()
        item.save(update_fields=["verdict", "reason", "reviewed_at"])
        audit_record(
            actor=actor, action="dip_sample.review", obj=item, child=item.contact.child, detail={"verdict": verdict}
        )
        if verdict == Verdict.DISAGREE:
            action = DipSampleAction.objects.create(
                item=item, description=action_description.strip(), owner=action_owner, due_on=action_due_on
            )
            audit_record(actor=actor, action="dip_sample.action_open", obj=action, child=item.contact.child)
    return item


def dip_sample_action_complete(*, actor, action_id: int, completed_on: datetime.date, note: str) -> DipSampleAction:
    with transaction.atomic():
        action = (
            DipSampleAction.objects.select_for_update()
            .select_related("item__sample", "item__contact__child")
            .get(pk=action_id)
        )
        if actor.pk not in (action.owner_id, action.item.sample.reviewer_id):
            raise ValidationError(ERROR_NOT_ACTION_OWNER)
        if action.completed_on is not None:
            raise ValidationError(ERROR_ACTION_DONE.format(date=f"{action.completed_on:%-d %B %Y}"))
        errors = {}
        if completed_on > timezone.localdate():
            errors["completed_on"] = ERROR_COMPLETED_IN_FUTURE
        if not note.strip():
            errors["note"] = ERROR_COMPLETION_NOTE
        if errors:
            raise ValidationError(errors)
        action.completed_on, action.completion_note = completed_on, note.strip()
        action.save(update_fields=["completed_on", "completion_note"])
        audit_record(actor=actor, action="dip_sample.action_complete", obj=action, child=action.item.contact.child)
    return action
