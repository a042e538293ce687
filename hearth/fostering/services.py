"""The only writers of approvals: a household approved, approved again on new terms, its status
changed, a young person staying put with it after 18 (and the arrangement ended), and a manager's
exemption for one child beyond its terms. Each validates,
writes and appends its audit row in one transaction; a refusal is a ValidationError whose messages
are the constants below, and writes nothing.

`placement_within_approval` is care's check on a placement (PLACEMENT_CHECKS in
hearth/care/services.py): a child placed with an approved household beyond its places or age range
is refused unless a manager has recorded an exemption for that child."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.care.models import Placement, Provider, ProviderKind
from hearth.core.roles import Role, has_role
from hearth.fostering.models import (
    ENDED_STATUSES,
    OLDEST_AGE,
    Approval,
    HouseholdStatus,
    PlacementExemption,
    StatusChange,
    StayingPut,
    TermsChange,
)
from hearth.fostering.selectors import (
    APPROVABLE_KINDS,
    FOSTER_KINDS,
    age_on,
    placed_on,
    status_on,
    staying_put_on,
    terms_on,
)
from hearth.people.models import Child, parse_hearth_id
from hearth.people.selectors import children_visible_to

ERROR_NOT_MANAGER = "Only a team manager or service manager can approve households or change their approval"
ERROR_NOT_WORKER = "Only a social worker or manager can record a young person staying put"
ERROR_NOT_APPROVABLE = "Choose foster carers or adopters from the register of placement providers"
ERROR_ALREADY_APPROVED = "{household} were approved on {date}: their approval is already recorded"
ERROR_DATE_IN_FUTURE = "The date must be today or in the past"
ERROR_PLACES = "Enter how many children the household is approved for, from 1 to 6"
ERROR_AGE = "Enter an age from 0 to 17"
ERROR_AGE_ORDER = "The oldest age must be the same as or more than the youngest"
ERROR_BEDROOMS = "Enter the bedrooms for children placed, from 0 to 10"
ERROR_STATUS = "Choose the household's status from the list"
ERROR_SAME_STATUS = "The household is already {status}: choose the new status"
ERROR_STATUS_BEFORE = "A change cannot be dated before {what} ({date})"
ERROR_STATUS_SAME_DAY = "The household's status already changed on {date}: one change a day"
ERROR_APPROVAL_ENDED = "{household} are {status} since {date}: their approval has ended. Nothing was changed"
ERROR_REASON_REQUIRED = "Say why the household was deregistered"
ERROR_STILL_PLACED = (
    "{count} still living with the household on {date}: move them or end the staying put arrangement before "
    "the approval ends"
)
ERROR_CHANGED_MEANWHILE = (
    "Someone else changed this household's approval since you opened the page. Check it and try again"
)
ERROR_CHILD_NOT_FOUND = "Enter the Hearth ID of a child you may see, like H0000123"
ERROR_EXEMPTION_REASON = "Say why the child may be placed beyond the household's approval"
ERROR_NOT_FOSTER_CARERS = "Staying put is with former foster carers: these are adopters"
ERROR_UNDER_18 = "{person} is not 18 until {date}: staying put starts on or after their 18th birthday"
ERROR_NOT_PLACED_THERE = "{person} was never placed with {household}: staying put is with former foster carers"
ERROR_ALREADY_STAYING_PUT = "{person} is already staying put with {household} from {date}"
ERROR_STAYING_PUT_END_BEFORE = "Staying put cannot end before it started ({date})"
ERROR_STAYING_PUT_ENDED = "This arrangement ended on {date}. Nothing was changed"
ERROR_STAYING_PUT_END_REASON = "Say why staying put ended"
ERROR_STAYING_PUT_CHOOSE = "Choose the young person whose staying put arrangement ended"
ERROR_TERMS_REASON = "Say why the household was approved on new terms (for example, the annual review)"
ERROR_TERMS_SAME = "These are the terms already in force: change the places, ages, bedrooms or terms"
ERROR_TERMS_BEFORE = "New terms are dated after {what} ({date})"
ERROR_TERMS_BELOW_LIVING = (
    "{count} living with the household on {date}: the new terms cannot give it fewer places than that. "
    "End a placement or the staying put arrangement first, or date the new terms after they leave"
)

# The refusals of a placement (care's PLACEMENT_CHECKS); on the placement form's provider field.
ERROR_PLACEMENT_NOT_APPROVED = "{household} are not approved on {date} ({status}): choose another provider"
ERROR_PLACEMENT_BEYOND_PLACES = (
    "{household} are approved for {places}; {taken} already living there on {date}. A manager can record an "
    "exemption for this child on the household's page"
)
ERROR_PLACEMENT_BEYOND_AGES = (
    "{household} are approved for children aged {ages}; the child is {age} on {date}. A manager can record an "
    "exemption for this child on the household's page"
)
MOST_PLACES = 6
MOST_BEDROOMS = 10


def _long(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _check_manager(actor) -> None:
    if not (actor.is_superuser or has_role(actor, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_NOT_MANAGER)


def _date_errors(field: str, day: datetime.date) -> dict[str, str]:
    return {field: ERROR_DATE_IN_FUTURE} if day > timezone.localdate() else {}


@dataclass(frozen=True)
class ApprovalTerms:
    """What a household is approved for."""

    places: int
    youngest_age: int
    oldest_age: int
    bedrooms: int
    terms: str = ""


def _terms_errors(terms: ApprovalTerms) -> dict[str, str]:
    errors = {}
    if not 1 <= terms.places <= MOST_PLACES:
        errors["places"] = ERROR_PLACES
    for name in ("youngest_age", "oldest_age"):
        if not 0 <= getattr(terms, name) <= OLDEST_AGE:
            errors[name] = ERROR_AGE
    if not errors and terms.oldest_age < terms.youngest_age:
        errors["oldest_age"] = ERROR_AGE_ORDER
    if not 0 <= terms.bedrooms <= MOST_BEDROOMS:
        errors["bedrooms"] = ERROR_BEDROOMS
    return errors


def household_approve(*, actor, provider_id: int | None, approved_on: datetime.date, terms: ApprovalTerms) -> Approval:
    """A household of the register (foster carers, the council's or an agency's, or adopters)
    approved on its terms; its status is active from that day."""
    _check_manager(actor)
    with transaction.atomic():
        provider = Provider.objects.select_for_update().filter(pk=provider_id, kind__in=APPROVABLE_KINDS).first()
        if provider is None:
            raise ValidationError({"provider": ERROR_NOT_APPROVABLE})
        existing = Approval.objects.filter(provider=provider).first()
        if existing is not None:
            raise ValidationError(
                {"provider": ERROR_ALREADY_APPROVED.format(household=provider.name, date=_long(existing.approved_on))}
            )
        errors = _date_errors("approved_on", approved_on) | _terms_errors(terms)
        if errors:
            raise ValidationError(errors)
        approval = Approval.objects.create(
            provider=provider,
            approved_on=approved_on,
            places=terms.places,
            youngest_age=terms.youngest_age,
            oldest_age=terms.oldest_age,
            bedrooms=terms.bedrooms,
            terms=terms.terms.strip(),
            recorded_by=actor,
        )
        StatusChange.objects.create(
            approval=approval, status=HouseholdStatus.ACTIVE, changed_on=approved_on, recorded_by=actor
        )
        audit_record(
            actor=actor,
            action="fostering.approve",
            obj=approval,
            detail={"places": terms.places, "ages": approval.age_range, "kind": provider.kind},
        )
    return approval


def _living_there(approval: Approval, day: datetime.date) -> int:
    placed = Placement.objects.filter(placed_on(day), provider_id=approval.provider_id).count()
    return placed + approval.staying_put.filter(staying_put_on(day)).count()


def household_status_change(
    *, actor, approval_id: int, version: int, status: str, changed_on: datetime.date, reason: str = ""
) -> StatusChange:
    """The household's status changes from a day: on hold, active again, or its approval ends
    (resigned, retired, deregistered with the reason). An approval ends only when no child is placed
    with the household and no young person is staying put there that day."""
    _check_manager(actor)
    with transaction.atomic():
        approval = Approval.objects.select_for_update().select_related("provider").get(pk=approval_id)
        if approval.version != version:
            raise ValidationError(ERROR_CHANGED_MEANWHILE)
        latest = approval.statuses.order_by("-changed_on", "-pk").first()
        name = approval.provider.name
        if latest.status in ENDED_STATUSES:
            raise ValidationError(
                ERROR_APPROVAL_ENDED.format(
                    household=name, status=latest.get_status_display().lower(), date=_long(latest.changed_on)
                )
            )
        errors = _date_errors("changed_on", changed_on)
        if status not in HouseholdStatus.values:
            errors["status"] = ERROR_STATUS
        elif status == latest.status:
            errors["status"] = ERROR_SAME_STATUS.format(status=latest.get_status_display().lower())
        if not errors and changed_on < latest.changed_on:
            what = "the approval" if latest.changed_on == approval.approved_on else "the current status began"
            errors["changed_on"] = ERROR_STATUS_BEFORE.format(what=what, date=_long(latest.changed_on))
        elif not errors and changed_on == latest.changed_on:
            errors["changed_on"] = ERROR_STATUS_SAME_DAY.format(date=_long(changed_on))
        if status == HouseholdStatus.DEREGISTERED and not reason.strip():
            errors["reason"] = ERROR_REASON_REQUIRED
        if not errors and status in ENDED_STATUSES:
            living = _living_there(approval, changed_on)
            if living:
                errors["status"] = ERROR_STILL_PLACED.format(
                    count=_plural(living, "child or young person is", "children or young people are"),
                    date=_long(changed_on),
                )
        if errors:
            raise ValidationError(errors)
        change = StatusChange.objects.create(
            approval=approval, status=status, changed_on=changed_on, reason=reason.strip(), recorded_by=actor
        )
        approval.version += 1
        approval.save(update_fields=["version"])
        audit_record(
            actor=actor,
            action="fostering.status_change",
            obj=approval,
            detail={"from": latest.status, "to": status, "on": changed_on.isoformat()},
        )
    return change


def _terms_change_errors(approval: Approval, changed_on: datetime.date, terms: ApprovalTerms) -> dict[str, str]:
    """New terms come after the terms in force (and after the approval), differ from them, and leave
    at least as many places as there are people living with the household that day."""
    in_force = approval.terms_changes.order_by("-changed_on", "-pk").first() or approval
    since = getattr(in_force, "changed_on", approval.approved_on)
    errors = _date_errors("changed_on", changed_on) | _terms_errors(terms)
    if "changed_on" not in errors and changed_on <= since:
        what = "the approval" if in_force is approval else "the terms in force"
        errors["changed_on"] = ERROR_TERMS_BEFORE.format(what=what, date=_long(since))
    now = (in_force.places, in_force.youngest_age, in_force.oldest_age, in_force.bedrooms, in_force.terms)
    if not errors and now == (terms.places, terms.youngest_age, terms.oldest_age, terms.bedrooms, terms.terms.strip()):
        errors["places"] = ERROR_TERMS_SAME
    if not errors:
        living = _living_there(approval, changed_on)
        if living > terms.places:
            errors["places"] = ERROR_TERMS_BELOW_LIVING.format(
                count=_plural(living, "child or young person is", "children or young people are"),
                date=_long(changed_on),
            )
    return errors


def household_terms_change(
    *, actor, approval_id: int, version: int, changed_on: datetime.date, terms: ApprovalTerms, reason: str
) -> TermsChange:
    """The household approved on new terms from a day (a review of its approval): the earlier terms
    stay on the record, and a placement is held to the terms in force on the day it starts."""
    _check_manager(actor)
    with transaction.atomic():
        approval = Approval.objects.select_for_update().select_related("provider").get(pk=approval_id)
        if approval.version != version:
            raise ValidationError(ERROR_CHANGED_MEANWHILE)
        latest = approval.statuses.order_by("-changed_on", "-pk").first()
        if latest.status in ENDED_STATUSES:
            raise ValidationError(
                ERROR_APPROVAL_ENDED.format(
                    household=approval.provider.name,
                    status=latest.get_status_display().lower(),
                    date=_long(latest.changed_on),
                )
            )
        errors = _terms_change_errors(approval, changed_on, terms)
        if not reason.strip():
            errors["reason"] = ERROR_TERMS_REASON
        if errors:
            raise ValidationError(errors)
        change = TermsChange.objects.create(
            approval=approval,
            changed_on=changed_on,
            places=terms.places,
            youngest_age=terms.youngest_age,
            oldest_age=terms.oldest_age,
            bedrooms=terms.bedrooms,
            terms=terms.terms.strip(),
            reason=reason.strip(),
            recorded_by=actor,
        )
        approval.version += 1
        approval.save(update_fields=["version"])
        audit_record(
            actor=actor,
            action="fostering.terms_change",
            obj=approval,
            detail={"on": changed_on.isoformat(), "places": terms.places, "ages": change.age_range},
        )
    return change


def _visible_child(actor, hearth_id: str) -> Child | None:
    pk = parse_hearth_id(hearth_id or "")
    return children_visible_to(actor).filter(pk=pk).first() if pk is not None else None


def placement_exemption_record(
    *, actor, approval_id: int, child_hearth_id: str, granted_on: datetime.date, reason: str
) -> PlacementExemption:
    """A manager's exemption: this child may be placed with the household beyond its places or age
    range, from the day granted."""
    _check_manager(actor)
    with transaction.atomic():
        approval = Approval.objects.select_for_update().select_related("provider").get(pk=approval_id)
        child = _visible_child(actor, child_hearth_id)
        errors = _date_errors("granted_on", granted_on)
        if child is None:
            errors["child_hearth_id"] = ERROR_CHILD_NOT_FOUND
        if not reason.strip():
            errors["reason"] = ERROR_EXEMPTION_REASON
        if errors:
            raise ValidationError(errors)
        exemption = PlacementExemption.objects.create(
            approval=approval, child=child, granted_on=granted_on, reason=reason.strip(), granted_by=actor
        )
        audit_record(actor=actor, action="fostering.exemption", obj=approval, child=child, detail={})
    return exemption


def staying_put_start(*, actor, approval_id: int, young_person_hearth_id: str, started_on: datetime.date) -> StayingPut:
    """A young person formerly placed with the foster carers stays with them after 18."""
    if not (actor.is_superuser or has_role(actor, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_NOT_WORKER)
    with transaction.atomic():
        approval = Approval.objects.select_for_update().select_related("provider").get(pk=approval_id)
        if approval.provider.kind not in FOSTER_KINDS:
            raise ValidationError(ERROR_NOT_FOSTER_CARERS)
        name = approval.provider.name
        person = _visible_child(actor, young_person_hearth_id)
        errors = _date_errors("started_on", started_on)
        if person is None:
            errors["young_person_hearth_id"] = ERROR_CHILD_NOT_FOUND
        if errors:
            raise ValidationError(errors)
        age = age_on(person, started_on)
        if age is not None and age < 18:
            eighteenth = person.date_of_birth.replace(year=person.date_of_birth.year + 18)
            raise ValidationError({"started_on": ERROR_UNDER_18.format(person=person, date=_long(eighteenth))})
        if not Placement.objects.filter(
            provider_id=approval.provider_id, period__child=person, started_on__lte=started_on
        ).exists():
            raise ValidationError(
                {"young_person_hearth_id": ERROR_NOT_PLACED_THERE.format(person=person, household=name)}
            )
        status = status_on(approval, started_on)
        if status is None or status in ENDED_STATUSES:
            raise ValidationError(
                {
                    "started_on": ERROR_PLACEMENT_NOT_APPROVED.format(
                        household=name, date=_long(started_on), status=_status_words(status)
                    )
                }
            )
        already = StayingPut.objects.filter(young_person=person, ended_on__isnull=True).first()
        if already is not None:
            raise ValidationError(
                ERROR_ALREADY_STAYING_PUT.format(person=person, household=name, date=_long(already.started_on))
            )
        arrangement = StayingPut.objects.create(
            approval=approval, young_person=person, started_on=started_on, recorded_by=actor
        )
        audit_record(actor=actor, action="fostering.staying_put_start", obj=approval, child=person, detail={})
    return arrangement


def staying_put_end(*, actor, arrangement_id: int | None, ended_on: datetime.date, reason: str) -> StayingPut:
    """A staying put arrangement ends on a day, with the reason: from that day the young person no
    longer takes one of the household's places. Only for a young person the actor may see."""
    if not (actor.is_superuser or has_role(actor, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_NOT_WORKER)
    with transaction.atomic():
        arrangement = (
            StayingPut.objects.select_for_update()
            .filter(pk=arrangement_id, young_person__in=children_visible_to(actor))
            .first()
        )
        if arrangement is None:
            raise ValidationError({"arrangement": ERROR_STAYING_PUT_CHOOSE})
        if arrangement.ended_on is not None:
            raise ValidationError(ERROR_STAYING_PUT_ENDED.format(date=_long(arrangement.ended_on)))
        errors = _date_errors("ended_on", ended_on)
        if not errors and ended_on < arrangement.started_on:
            errors["ended_on"] = ERROR_STAYING_PUT_END_BEFORE.format(date=_long(arrangement.started_on))
        if not reason.strip():
            errors["reason"] = ERROR_STAYING_PUT_END_REASON
        if errors:
            raise ValidationError(errors)
        arrangement.ended_on = ended_on
        arrangement.end_reason = reason.strip()
        arrangement.save(update_fields=["ended_on", "end_reason"])
        audit_record(
            actor=actor,
            action="fostering.staying_put_end",
            obj=arrangement.approval,
            child=arrangement.young_person,
            detail={"on": ended_on.isoformat()},
        )
    return arrangement


def _status_words(status: str | None) -> str:
    return HouseholdStatus(status).label.lower() if status else "not yet approved"


def placement_within_approval(
    *, provider, child, starts_on: datetime.date, placement_type: str = "", current=None
) -> dict[str, str]:
    """Care's check on a new placement (hearth/care/services.py PLACEMENT_CHECKS). A household with
    an approval recorded takes a child only while approved; beyond its places (counting the children
    placed and young people staying put that day, other than this child) or outside its age range
    only with a manager's exemption for the child. A household whose approval is not recorded in
    Hearth (the register before this record began) is not checked."""
    approval = Approval.objects.filter(provider_id=provider.pk).prefetch_related("statuses", "terms_changes").first()
    if approval is None:
        return {}
    words = {"household": provider.name, "date": _long(starts_on)}
    status = status_on(approval, starts_on)
    if status is None or status in ENDED_STATUSES or status == HouseholdStatus.ON_HOLD:
        return {"provider": ERROR_PLACEMENT_NOT_APPROVED.format(status=_status_words(status), **words)}
    exempt = approval.exemptions.filter(child=child, granted_on__lte=starts_on).exists()
    if exempt:
        return {}
    others = (
        Placement.objects.filter(placed_on(starts_on), provider_id=provider.pk).exclude(period__child=child).count()
    )
    others += approval.staying_put.filter(staying_put_on(starts_on)).exclude(young_person=child).count()
    terms = terms_on(approval, starts_on)
    if others >= terms.places:
        return {
            "provider": ERROR_PLACEMENT_BEYOND_PLACES.format(
                places=_plural(terms.places, "child", "children"),
                taken=_plural(others, "child or young person is", "children or young people are"),
                **words,
            )
        }
    age = age_on(child, starts_on)
    if age is not None and not terms.youngest_age <= age <= terms.oldest_age:
        return {"provider": ERROR_PLACEMENT_BEYOND_AGES.format(ages=terms.age_range, age=age, **words)}
    return {}


ERROR_ADOPTERS_NOT_APPROVED = "{household} are not approved on {date} ({status}): choose other adopters"


def adopters_approved_for_match(*, provider, child, matched_on: datetime.date) -> dict[str, str]:
    """Permanence's check on the adopters a match names (MATCH_ADOPTERS_CHECKS in
    hearth/permanence/services.py): adopters whose approval is recorded here must be approved and
    active on the day of the match. As for a placement, a household whose approval is not recorded
    in Hearth is not checked; the child's own foster carers are checked as foster carers are, by
    their placement."""
    if provider.kind != ProviderKind.ADOPTERS:
        return {}
    approval = Approval.objects.filter(provider_id=provider.pk).prefetch_related("statuses").first()
    if approval is None:
        return {}
    status = status_on(approval, matched_on)
    if status != HouseholdStatus.ACTIVE:
        return {
            "adopters": ERROR_ADOPTERS_NOT_APPROVED.format(
                household=provider.name, date=_long(matched_on), status=_status_words(status)
            )
        }
    return {}
