"""Writers for periods of care: a child becomes looked after, their legal status or placement
changes, they cease to be looked after. Each is one transaction with its audit row; each change
raises the period's version, so a form opened before someone else's change is refused.

Care plans have their writer here too; the other facts about a looked-after child have theirs in
their own apps, in the same style (reviews and health checks: hearth/duties/services.py; the IRO:
hearth/iro/services.py; care leavers: hearth/leavers/services.py).
"""

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from hearth.audit.services import audit_record
from hearth.care.codes import (
    ADOPTION_END_REASONS,
    ADOPTION_PLACEMENTS,
    ADOPTION_WITH_CURRENT_CARERS,
    MINIMUM_AGE,
    NO_PROVIDER_CODE,
    NO_URN,
    PROVIDER_CANNOT_PROVIDE,
    REGIONAL_ADOPTION_AGENCY_URN,
    SHORT_BREAK_STATUSES,
    TEMPORARY_PLACEMENTS,
    URN_XXXXXXX_ALLOWED,
    CareEndReason,
    LegalStatus,
    PlacementChangeReason,
    PlacementProvider,
    PlacementType,
)
from hearth.care.models import CATEGORIES_OF_NEED, CareDecision, LegalStatusSpell, PeriodOfCare, Placement, Provider
from hearth.care.placement_area import COUNTRIES, placement_area
from hearth.core.roles import Role, has_role
from hearth.frontdoor.models import Referral
from hearth.people.models import Child

ERROR_NOT_CASE_WORKER = "Only a social worker or manager can record a child's care"
ERROR_CASE_CLOSED = "This case is closed: a child becomes looked after on an open case"
ERROR_ALREADY_LOOKED_AFTER = (
    "{child} is already looked after (from {date}). Record a change of placement or legal status"
)
ERROR_OVERLAPS_EARLIER_PERIOD = "{child} was looked after until {date}: a new period of care starts after that"
ERROR_BEFORE_REFERRAL = "The child cannot become looked after before the case's referral ({date})"
ERROR_DATE_IN_FUTURE = "The date must be today or in the past"
ERROR_DECISION_REQUIRED = "Choose who approved the decision to look after the child, or record that it was an emergency"
ERROR_DECISION_APPROVER = "The decision to look after a child is approved by {who} (the council's threshold)"
ERROR_DECISION_DATE_REQUIRED = "Enter the date the decision was approved"
ERROR_DECISION_AFTER_START = (
    "The decision must be approved on or before the day care starts ({date}): if the child had to be looked "
    "after first, record it as an emergency"
)
ERROR_DECISION_EMERGENCY_APPROVED = (
    "An emergency is approved afterwards: leave who approved it blank, and record the approval once it is given"
)
ERROR_DECISION_NOT_AWAITING = (
    "This decision to look after the child was already approved on {date}. Nothing was changed"
)
ERROR_DECISION_NONE = "No emergency decision to look after this child is awaiting approval"
ERROR_DECISION_BEFORE_START = "An emergency decision is approved on or after the day care started ({date})"
ERROR_CATEGORY_OF_NEED = "Choose the child's category of need (N1 to N8)"
ERROR_LEGAL_STATUS = "Choose a legal status from the list"
ERROR_PLACEMENT_TYPE = "Choose a placement type from the list"
ERROR_PROVIDER = "Choose who provides the placement from the register"
ERROR_POSTCODE_REQUIRED = "Enter the placement's postcode"
ERROR_POSTCODE_FORMAT = "Enter a real postcode, like LS1 4AP"
# The DfE's rules about one placement, refused when it is recorded (docs/returns-903.md, "Placements").
ERROR_PROVIDER_CODE_FOR_TYPE = (
    "{provider} is recorded as {code} provision, which cannot provide a {type} placement (SSDA903 rule {rule})"
)
ERROR_URN_REQUIRED = (
    "A {type} placement in England needs its provider's Ofsted URN, and {provider} has none in the register: "
    "add it there first (SSDA903 rule 218)"
)
ERROR_URN_XXXXXXX = (
    "The URN XXXXXXX (a regional adoption agency) is only for foster and adoption placements (SSDA903 rule 242)"
)
ERROR_URN_OUTSIDE_ENGLAND = (
    "The placement postcode is outside England, where settings have no Ofsted URN, but {provider} has one "
    "(SSDA903 rule 243)"
)
ERROR_SAME_POSTCODES = (
    "The placement postcode is the postcode of the home the child left: only a placement with parents (P1) can be "
    "there (SSDA903 rule 392d)"
)
ERROR_TOO_YOUNG = "A child must be at least {age} on the day a {type} placement starts (SSDA903 rule {rule})"
ERROR_ADOPTION_NOT_CURRENT_CARERS = (
    "A placement for adoption with the current foster carers (A3, A5) must be with the carers of the current "
    "placement, {provider} (SSDA903 rule 217): otherwise choose A4 or A6"
)
ERROR_LEGAL_STATUS_DURING_ADOPTION_WITH_CARERS = (
    "{child} has been placed for adoption with their current foster carers ({code}) since {date}: a change of "
    "legal status alone cannot be recorded during that placement, because its episode would start with L "
    "(SSDA903 rule 217: an A3 or A5 episode starts with S, T or U). If the placement changes too (for example "
    "A3 to A5 when a placement order is made), record that change of placement with the same carers first, "
    "on the same day, then the legal status"
)
# Rule 217 looks only at episodes starting on or after 1 April 2015 (DECOM).
RULE_217_FROM = datetime.date(2015, 4, 1)
ERROR_P1_SECTION_20 = (
    "A child accommodated under a single period of section 20 (V2) cannot be placed with parents (P1) "
    "(SSDA903 rule 378)"
)
ERROR_SHORT_BREAK_TEMPORARY = "A child on short breaks (V3, V4) cannot be in a temporary placement (SSDA903 rule 382)"
ERROR_SHORT_BREAK_LONG_TERM = (
    "A child on short breaks (V3, V4) cannot be in a long-term foster placement (U1, U4) (SSDA903 rule 384)"
)
ERROR_OWN_PROVISION_OUTSIDE = (
    "{provider} is this council's own provision (PR1), but the placement postcode is outside the council's "
    "area: only foster, adoption and supported accommodation placements can be (SSDA903 rule 1015)"
)
ERROR_PLACEMENT_UNCHANGED = (
    "This is the placement the child is in now: the same provider, placement type and postcode. A change of "
    "placement must change at least one of them (SSDA903 rule 435)"
)
ERROR_STARTS_TEMPORARY = "A period of care cannot start in a temporary placement (T0 to T4; SSDA903 rule 380)"
ERROR_ENDS_TEMPORARY = "A period of care cannot end in a temporary placement (T0 to T4; SSDA903 rule 381)"
ERROR_PERIOD_ENDED = "This period of care ended on {date}. Nothing was changed"
ERROR_CHANGED_MEANWHILE = (
    "Someone else changed this child's care while you had it open. Nothing was changed: read the record "
    "again and then record yours"
)
ERROR_CHANGE_BEFORE_CURRENT = "A change cannot be dated before the current {what} began ({date})"
ERROR_CHANGE_SAME_DAY = "The current {what} began on {date}: a second change on the same day cannot be recorded"
ERROR_SAME_LEGAL_STATUS = "The child is already looked after under {code}: choose the new legal status"
ERROR_CHANGE_REASON = "Choose why the placement ended"
ERROR_STATUS_ONLY_WITH_NEW_CARERS = (
    "'Change of placement status only' is for a child who stays with the same carers ({provider}): this "
    "change moves them to other carers, so choose why the placement with {provider} ended"
)
ERROR_DISTANCE_APPROVAL_REQUIRED = (
    "{postcode} is {miles:.1f} miles from the home the child left ({home}): a placement more than 20 miles from "
    "home is made only once a manager has approved it. Record who approved it, on what date, and the risk "
    "assessment"
)
ERROR_APPROVER = "Choose the team manager, service manager or director who approved the placement"
ERROR_APPROVED_ON_REQUIRED = "Enter the date the placement was approved"
ERROR_APPROVED_AFTER_START = (
    "The placement must be approved on or before the day it starts ({date}): it is not made until it is approved"
)
ERROR_RISK_ASSESSMENT_REQUIRED = (
    "Enter the risk assessment: why this placement so far from home is in the child's best interests, and how "
    "the risks of the distance will be managed"
)
# Those who may approve a placement far from home (reg 11 names a "nominated officer": a manager).
DISTANCE_APPROVERS = (Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.DIRECTOR)
ERROR_END_REASON = "Choose why the child ceased to be looked after"
ERROR_END_BEFORE_CHANGE = "The period of care cannot end before its last change ({date})"
ERROR_END_NOTE_REQUIRED = "Say why, when the reason is 'any other reason'"
ERROR_ADOPTED_NOT_PLACED = (
    "A child is adopted from a placement for adoption (A3 to A6): record the placement for adoption first "
    "(SSDA903 rule 390)"
)
ERROR_ADOPTED_AT_18 = "A child cannot be adopted on or after their 18th birthday (SSDA903 rule 386)"

# What else ends when care ends: each a function `(*, actor, period)` called inside care_end's
# transaction, with the period locked and already ended; a ValidationError from one refuses the
# whole end (nothing is written). Listed here once, as dotted paths, so care imports none of them.
CARE_END_STEPS: tuple[str, ...] = (
    # The child's IRO appointment ends the same day (hearth/iro/services.py).
    "hearth.iro.services.iro_appointment_end_with_care",
    # A child missing on their 18th birthday, when care ends, leaves with E8 (hearth/missing/services.py).
    "hearth.missing.services.missing_check_care_end",
)

# Checks of a new placement by the apps above care: each a function `(*, provider, child, starts_on,
# placement_type, current)` returning its errors by field ({} when the placement may go ahead), called
# when the placement's own facts are sound. Listed as dotted paths, so care imports none of them.
PLACEMENT_CHECKS: tuple[str, ...] = (
    # A household's approved places and age range, unless a manager exempted the child
    # (hearth/fostering/services.py).
    "hearth.fostering.services.placement_within_approval",
    # A placement for adoption (A3-A6) is with the adopters the child is matched with
    # (hearth/permanence/services.py).
    "hearth.permanence.services.placed_for_adoption_with_matched_adopters",
)

# The UK postcode shape (outward code, space optional, inward code); whether it exists is the ONS's
# to say, which a later change will check against the postcode directory.
POSTCODE_SHAPE = r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$"


@dataclass(frozen=True)
class PlacementDetails:
    """What describes a placement; a change to any of these is a change of placement (903 rule 436).
    The provider is an entry in the register (hearth/care/models.py Provider), whose code and URN the
    return reports; whether the placement is inside the council's area is derived from the postcode."""

    placement_type: str
    provider_id: int | None
    postcode: str
    home_postcode: str = ""
    long_term_until_18: bool = False
    # A manager's approval of a placement more than 20 miles from home, with the risk assessment
    # (refused without it: _distance_approval_errors). `distance_approval_held_in` instead names where
    # an approval made before Hearth is held (an imported return's line); no form offers it.
    distance_approved_by_id: int | None = None
    distance_approved_on: datetime.date | None = None
    distance_risk_assessment: str = ""
    distance_approval_held_in: str = ""


def _check_writer(actor) -> None:
    if not (actor.is_superuser or has_role(actor, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_NOT_CASE_WORKER)


def _long(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def normalise_postcode(text: str) -> str:
    """'ls14ap ' -> 'LS1 4AP': upper case, one space before the inward code."""
    compact = "".join(text.split()).upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def _placement_errors(
    details: PlacementDetails, *, child, starts_on: datetime.date, legal_status: str, current=None
) -> dict[str, str]:
    """The placement's own facts, and the DfE rules about one placement (its type, provider, URN,
    postcodes, the child's age and legal status on the day it starts, and for A3/A5 the placement
    it follows). Returns the errors by field; the provider is read from the register."""
    errors = {}
    if details.placement_type not in PlacementType.values:
        errors["placement_type"] = ERROR_PLACEMENT_TYPE
    provider = Provider.objects.select_related("agency").filter(pk=details.provider_id).first()
    if provider is None:
        errors["provider"] = ERROR_PROVIDER
    if not details.postcode.strip():
        errors["postcode"] = ERROR_POSTCODE_REQUIRED
    elif not re.fullmatch(POSTCODE_SHAPE, normalise_postcode(details.postcode)):
        errors["postcode"] = ERROR_POSTCODE_FORMAT
    if details.home_postcode.strip() and not re.fullmatch(POSTCODE_SHAPE, normalise_postcode(details.home_postcode)):
        errors["home_postcode"] = ERROR_POSTCODE_FORMAT
    if errors:
        return errors
    kind, postcode = details.placement_type, normalise_postcode(details.postcode)
    words = {"type": kind, "provider": provider.name}
    code, urn = provider.code_for_return, provider.urn_for_return
    area = placement_area(postcode)
    rule_and_types = PROVIDER_CANNOT_PROVIDE.get(code)
    if kind not in NO_PROVIDER_CODE and rule_and_types and kind in rule_and_types[1]:
        errors["provider"] = ERROR_PROVIDER_CODE_FOR_TYPE.format(code=code, rule=rule_and_types[0], **words)
    elif kind not in NO_URN and not urn and area.local_authority not in COUNTRIES.values():
        errors["provider"] = ERROR_URN_REQUIRED.format(**words)
    elif urn == REGIONAL_ADOPTION_AGENCY_URN and kind not in URN_XXXXXXX_ALLOWED:
        errors["provider"] = ERROR_URN_XXXXXXX
    elif urn and kind not in NO_URN and area.local_authority in COUNTRIES.values():
        errors["provider"] = ERROR_URN_OUTSIDE_ENGLAND.format(**words)
    elif (
        code == "PR1"
        and area.inside_council_area is False
        and kind not in ADOPTION_PLACEMENTS | {"U1", "U2", "U3", "U4", "U5", "U6", "K3"}
        and legal_status not in SHORT_BREAK_STATUSES
    ):
        errors["provider"] = ERROR_OWN_PROVISION_OUTSIDE.format(**words)
    if kind != "P1" and details.home_postcode.strip() and normalise_postcode(details.home_postcode) == postcode:
        errors["postcode"] = ERROR_SAME_POSTCODES
    errors |= _type_errors(kind, child=child, starts_on=starts_on, legal_status=legal_status)
    if kind in ADOPTION_WITH_CURRENT_CARERS and current is not None and current.provider_id != provider.pk:
        errors.setdefault("placement_type", ERROR_ADOPTION_NOT_CURRENT_CARERS.format(provider=current.provider.name))
    if "provider" not in errors:
        for check in PLACEMENT_CHECKS:
            errors |= import_string(check)(
                provider=provider, child=child, starts_on=starts_on, placement_type=kind, current=current
            )
    return errors


def _home_postcode_for(details: PlacementDetails, period: PeriodOfCare | None, starts_on: datetime.date) -> str:
    """The home the child left, as the distance reads it (placement_distance.home_postcode): the one
    given, else the latest recorded on the period's placements before this one."""
    if details.home_postcode.strip():
        return normalise_postcode(details.home_postcode)
    if period is None:
        return ""
    earlier = period.placements.filter(started_on__lte=starts_on).exclude(home_postcode="")
    return earlier.order_by("-started_on", "-id").values_list("home_postcode", flat=True).first() or ""


def _distance_approval_errors(
    details: PlacementDetails, *, period: PeriodOfCare | None, starts_on: datetime.date, current=None
) -> dict[str, str]:
    """A placement more than 20 miles from home needs a manager's approval given by the day it starts
    and the risk assessment (CPPCR reg 11(1): an out-of-area placement "must not be put into effect
    until it has been approved"; the 20 miles are the council's, seed 000). An approval given is
    checked whatever the distance, and a child staying at the same postcode is not moving away."""
    from django.contrib.auth import get_user_model

    from hearth.care.placement_distance import NEAR_HOME_MILES
    from hearth.people.geography import distance_in_miles, grid_references

    given = (
        details.distance_approved_by_id is not None
        or details.distance_approved_on is not None
        or details.distance_risk_assessment.strip()
    )
    errors = {}
    if given:
        approver = get_user_model().objects.filter(pk=details.distance_approved_by_id, is_active=True).first()
        if approver is None or not has_role(approver, *DISTANCE_APPROVERS):
            errors["distance_approved_by"] = ERROR_APPROVER
        if details.distance_approved_on is None:
            errors["distance_approved_on"] = ERROR_APPROVED_ON_REQUIRED
        elif details.distance_approved_on > starts_on:
            errors["distance_approved_on"] = ERROR_APPROVED_AFTER_START.format(date=_long(starts_on))
        if not details.distance_risk_assessment.strip():
            errors["distance_risk_assessment"] = ERROR_RISK_ASSESSMENT_REQUIRED
        return errors
    if details.distance_approval_held_in.strip():
        return {}
    postcode = normalise_postcode(details.postcode)
    if current is not None and normalise_postcode(current.postcode) == postcode:
        return {}  # the child stays in the same home: no move away to approve
    home = _home_postcode_for(details, period, starts_on)
    located = grid_references([home, postcode])
    miles = distance_in_miles(located.get(home), located.get(postcode))
    if miles is not None and miles > NEAR_HOME_MILES:
        errors["distance_approved_by"] = ERROR_DISTANCE_APPROVAL_REQUIRED.format(
            postcode=postcode, miles=miles, home=home
        )
    return errors


def _approval_detail(details: PlacementDetails) -> dict:
    """The audit row names the manager who approved a placement far from home."""
    if details.distance_approved_by_id is None:
        return {}
    return {
        "distance_approved_by": details.distance_approved_by_id,
        "distance_approved_on": str(details.distance_approved_on),
    }


def _type_errors(kind: str, *, child, starts_on: datetime.date, legal_status: str) -> dict[str, str]:
    """The placement type against the child's age and legal status on the day (903 rules 371-374,
    378, 382, 384)."""
    from hearth.calendar.workingdays import add_months

    if kind in MINIMUM_AGE and child.date_of_birth is not None:
        age, rule = MINIMUM_AGE[kind]
        if starts_on < add_months(child.date_of_birth, 12 * age):
            return {"placement_type": ERROR_TOO_YOUNG.format(age=age, type=kind, rule=rule)}
    if kind == "P1" and legal_status == "V2":
        return {"placement_type": ERROR_P1_SECTION_20}
    if legal_status in SHORT_BREAK_STATUSES and kind in TEMPORARY_PLACEMENTS:
        return {"placement_type": ERROR_SHORT_BREAK_TEMPORARY}
    if legal_status in SHORT_BREAK_STATUSES and kind in ("U1", "U4"):
        return {"placement_type": ERROR_SHORT_BREAK_LONG_TERM}
    return {}


def _date_errors(field: str, day: datetime.date) -> dict[str, str]:
    return {field: ERROR_DATE_IN_FUTURE} if day > timezone.localdate() else {}


def _create_placement(*, actor, period: PeriodOfCare, details: PlacementDetails, started_on) -> Placement:
    postcode = normalise_postcode(details.postcode)
    area = placement_area(postcode)
    return Placement.objects.create(
        period=period,
        placement_type=details.placement_type,
        provider_id=details.provider_id,
        postcode=postcode,
        home_postcode=normalise_postcode(details.home_postcode) if details.home_postcode.strip() else "",
        local_authority=area.local_authority,
        inside_council_area=area.inside_council_area,
        long_term_until_18=details.long_term_until_18,
        started_on=started_on,
        recorded_by=actor,
        distance_approved_by_id=details.distance_approved_by_id,
        distance_approved_on=details.distance_approved_on,
        distance_risk_assessment=details.distance_risk_assessment.strip(),
        distance_approval_held_in=details.distance_approval_held_in.strip(),
    )


@dataclass(frozen=True)
class StartDecision:
    """The decision to look after the child, given with the start of care: approved by whom and
    when, or an emergency (approved afterwards, care_decision_approve)."""

    emergency: bool = False
    approved_by_id: int | None = None
    approved_on: datetime.date | None = None
    # A past period whose decision Hearth never held (a council's past returns imported, the demo's
    # histories from before its simulated months): no decision is written, and none is owed.
    not_held: bool = False


DECISION_NOT_HELD = StartDecision(not_held=True)


# Who may approve the decision, by the council's threshold (settings.HEARTH_CARE_DECISION_BY).
DECISION_APPROVERS = {
    "service_manager": ((Role.SERVICE_MANAGER, Role.DIRECTOR), "a service manager or the director"),
    "director": ((Role.DIRECTOR,), "the director"),
}


def approvers_named() -> str:
    return DECISION_APPROVERS[settings.HEARTH_CARE_DECISION_BY][1]


def may_approve_care_decisions(user) -> bool:
    roles, _ = DECISION_APPROVERS[settings.HEARTH_CARE_DECISION_BY]
    return user is not None and user.is_active and has_role(user, *roles)


def _decision_errors(decision: StartDecision | None, started_on: datetime.date) -> dict[str, str]:
    if decision is not None and decision.not_held:
        return {}
    if decision is None or (not decision.emergency and decision.approved_by_id is None):
        return {"approved_by": ERROR_DECISION_REQUIRED}
    if decision.emergency:
        if decision.approved_by_id is not None or decision.approved_on is not None:
            return {"approved_by": ERROR_DECISION_EMERGENCY_APPROVED}
        return {}
    errors = {}
    approver = get_user_model().objects.filter(pk=decision.approved_by_id).first()
    if not may_approve_care_decisions(approver):
        errors["approved_by"] = ERROR_DECISION_APPROVER.format(
            who=DECISION_APPROVERS[settings.HEARTH_CARE_DECISION_BY][1]
        )
    if decision.approved_on is None:
        errors["approved_on"] = ERROR_DECISION_DATE_REQUIRED
    elif decision.approved_on > timezone.localdate():
        errors["approved_on"] = ERROR_DATE_IN_FUTURE
    elif decision.approved_on > started_on:
        errors["approved_on"] = ERROR_DECISION_AFTER_START.format(date=_long(started_on))
    return errors


def care_start(
    *,
    actor,
    referral_id: int,
    started_on: datetime.date,
    category_of_need: str,
    legal_status: str,
    placement: PlacementDetails,
    decision: StartDecision | None = None,
) -> PeriodOfCare:
    """The child becomes looked after on an open case: the period of care, its first legal status
    and its first placement, all from the same day, with the decision to look after the child (who
    approved it and when, or an emergency to approve afterwards). An open child in need plan ends
    that day (a looked-after child's plan is the care plan)."""
    from hearth.cin.models import PlanEndReason
    from hearth.cin.services import cin_plan_end_for

    _check_writer(actor)
    with transaction.atomic():
        referral = Referral.objects.select_for_update().select_related("child").get(pk=referral_id)
        if referral.closed_on is not None:
            raise ValidationError(ERROR_CASE_CLOSED)
        child = Child.objects.select_for_update().get(pk=referral.child_id)
        open_period = PeriodOfCare.objects.filter(child=child, ended_on__isnull=True).first()
        if open_period is not None:
            raise ValidationError(ERROR_ALREADY_LOOKED_AFTER.format(child=child, date=_long(open_period.started_on)))
        errors = _date_errors("started_on", started_on)
        if not errors and started_on < referral.referral_date:
            errors["started_on"] = ERROR_BEFORE_REFERRAL.format(date=_long(referral.referral_date))
        if not errors:
            earlier = PeriodOfCare.objects.filter(child=child, ended_on__gte=started_on).order_by("-ended_on").first()
            if earlier is not None:
                errors["started_on"] = ERROR_OVERLAPS_EARLIER_PERIOD.format(child=child, date=_long(earlier.ended_on))
        if category_of_need not in dict(CATEGORIES_OF_NEED):
            errors["category_of_need"] = ERROR_CATEGORY_OF_NEED
        if legal_status not in LegalStatus.values:
            errors["legal_status"] = ERROR_LEGAL_STATUS
        errors |= _placement_errors(placement, child=child, starts_on=started_on, legal_status=legal_status)
        if "postcode" not in errors and "home_postcode" not in errors:
            errors |= _distance_approval_errors(placement, period=None, starts_on=started_on)
        if "placement_type" not in errors and placement.placement_type in TEMPORARY_PLACEMENTS:
            errors["placement_type"] = ERROR_STARTS_TEMPORARY
        errors |= _decision_errors(decision, started_on)
        if errors:
            raise ValidationError(errors)
        period = PeriodOfCare.objects.create(
            child=child,
            referral=referral,
            started_on=started_on,
            category_of_need=category_of_need,
            started_by=actor,
        )
        if not decision.not_held:
            CareDecision.objects.create(
                period=period,
                emergency=decision.emergency,
                approved_by_id=decision.approved_by_id,
                approved_on=decision.approved_on,
                recorded_by=actor,
            )
        LegalStatusSpell.objects.create(
            period=period, legal_status=legal_status, started_on=started_on, recorded_by=actor
        )
        _create_placement(actor=actor, period=period, details=placement, started_on=started_on)
        audit_record(
            actor=actor,
            action="care.start",
            obj=period,
            child=child,
            detail={"legal_status": legal_status, "emergency": decision.emergency} | _approval_detail(placement),
        )
        cin_plan_end_for(
            actor=actor,
            child_id=child.pk,
            ended_on=started_on,
            reason=PlanEndReason.LOOKED_AFTER,
            field="started_on",
        )
    return period


def care_decision_approve(*, actor, period_id: int, approved_on: datetime.date, version: int) -> CareDecision:
    """The approver (by the council's threshold) approves the decision to look after a child who
    became looked after in an emergency (T51: due the next working day)."""
    if not may_approve_care_decisions(actor):
        raise ValidationError(ERROR_DECISION_APPROVER.format(who=approvers_named()))
    with transaction.atomic():
        decision = (
            CareDecision.objects.select_for_update(of=("self",))
            .select_related("period__child")
            .filter(period_id=period_id)
            .first()
        )
        if decision is None or not decision.emergency:
            raise ValidationError(ERROR_DECISION_NONE)
        if not decision.awaiting_approval:
            raise ValidationError(ERROR_DECISION_NOT_AWAITING.format(date=_long(decision.approved_on)))
        if decision.version != version:
            raise ValidationError(ERROR_CHANGED_MEANWHILE)
        errors = _date_errors("approved_on", approved_on)
        if not errors and approved_on < decision.period.started_on:
            errors["approved_on"] = ERROR_DECISION_BEFORE_START.format(date=_long(decision.period.started_on))
        if errors:
            raise ValidationError(errors)
        decision.approved_by, decision.approved_on = actor, approved_on
        decision.version += 1
        decision.save(update_fields=["approved_by", "approved_on", "version"])
        audit_record(actor=actor, action="care.decision_approve", obj=decision, child=decision.period.child)
    return decision


def _open_period_for_change(period_id: int, version: int) -> PeriodOfCare:
    """The period, locked, refused if it ended or changed since the form was opened."""
    period = PeriodOfCare.objects.select_for_update().select_related("child").get(pk=period_id)
    if period.ended_on is not None:
        raise ValidationError(ERROR_PERIOD_ENDED.format(date=_long(period.ended_on)))
    if period.version != version:
        raise ValidationError(ERROR_CHANGED_MEANWHILE)
    return period


def _bump(period: PeriodOfCare) -> None:
    period.version += 1
    period.save(update_fields=["version"])


def _change_date_errors(changed_on: datetime.date, current, what: str) -> dict[str, str]:
    errors = _date_errors("changed_on", changed_on)
    if errors:
        return errors
    if changed_on < current.started_on:
        return {"changed_on": ERROR_CHANGE_BEFORE_CURRENT.format(what=what, date=_long(current.started_on))}
    if changed_on == current.started_on:
        return {"changed_on": ERROR_CHANGE_SAME_DAY.format(what=what, date=_long(current.started_on))}
    return {}


def legal_status_change(
    *, actor, period_id: int, version: int, changed_on: datetime.date, legal_status: str
) -> LegalStatusSpell:
    """The child's legal status changes (e.g. an interim care order becomes a full care order); the
    placement is unchanged, so the 903 derives a new episode with reason L."""
    _check_writer(actor)
    with transaction.atomic():
        period = _open_period_for_change(period_id, version)
        current = period.legal_statuses.select_for_update().get(ended_on__isnull=True)
        errors = _change_date_errors(changed_on, current, "legal status")
        if legal_status not in LegalStatus.values:
            errors["legal_status"] = ERROR_LEGAL_STATUS
        elif legal_status == current.legal_status:
            errors["legal_status"] = ERROR_SAME_LEGAL_STATUS.format(code=current.legal_status)
        else:
            placement = period.placements.get(ended_on__isnull=True)
            # The placement the child is in on the day (the current one, unless the change is dated
            # before it began): in A3 or A5 since an earlier day, the new episode would start with L
            # (rule 217). On the placement's first day the two changes make one episode, U.
            then = period.placements.filter(started_on__lte=changed_on).order_by("-started_on", "-pk").first()
            if (
                then is not None
                and then.placement_type in ADOPTION_WITH_CURRENT_CARERS
                and then.started_on < changed_on
                and changed_on >= RULE_217_FROM
            ):
                errors["legal_status"] = ERROR_LEGAL_STATUS_DURING_ADOPTION_WITH_CARERS.format(
                    child=period.child.first_name, code=then.placement_type, date=_long(then.started_on)
                )
            type_errors = _type_errors(
                placement.placement_type, child=period.child, starts_on=changed_on, legal_status=legal_status
            )
            if (
                "legal_status" not in errors
                and type_errors
                and not _type_errors(
                    placement.placement_type, child=period.child, starts_on=changed_on, legal_status=""
                )
            ):  # the new status does not fit the placement the child is in (rules 378, 382, 384)
                errors["legal_status"] = type_errors["placement_type"]
        if errors:
            raise ValidationError(errors)
        current.ended_on = changed_on
        current.save(update_fields=["ended_on"])
        spell = LegalStatusSpell.objects.create(
            period=period, legal_status=legal_status, started_on=changed_on, recorded_by=actor
        )
        _bump(period)
        audit_record(
            actor=actor,
            action="care.legal_status_change",
            obj=spell,
            child=period.child,
            detail={"from": current.legal_status, "to": legal_status},
        )
    return spell


def _changes_nothing_the_return_sees(current: Placement, new: PlacementDetails) -> bool:
    """A new placement with the same provider, type and postcode as the current one would be a new 903
    episode (T: same carer) with nothing in it changed, which rule 435 refuses."""
    return (
        new.provider_id == current.provider_id
        and new.placement_type == current.placement_type
        and normalise_postcode(new.postcode) == normalise_postcode(current.postcode)
    )


def placement_change(
    *,
    actor,
    period_id: int,
    version: int,
    changed_on: datetime.date,
    reason: str,
    placement: PlacementDetails,
) -> Placement:
    """The child moves to a new placement (or the placement's details change): the current one ends
    that day with the reason it ended, and the new one starts."""
    _check_writer(actor)
    with transaction.atomic():
        period = _open_period_for_change(period_id, version)
        current = period.placements.select_for_update().get(ended_on__isnull=True)
        errors = _change_date_errors(changed_on, current, "placement")
        if reason not in PlacementChangeReason.values:
            errors["reason"] = ERROR_CHANGE_REASON
        status = period.legal_statuses.get(ended_on__isnull=True)
        errors |= _placement_errors(
            placement, child=period.child, starts_on=changed_on, legal_status=status.legal_status, current=current
        )
        if "postcode" not in errors and "home_postcode" not in errors:
            errors |= _distance_approval_errors(placement, period=period, starts_on=changed_on, current=current)
        if _changes_nothing_the_return_sees(current, placement):
            errors.setdefault("provider", ERROR_PLACEMENT_UNCHANGED)
        if forbidden := _orders_forbid(period, placement.placement_type, changed_on):
            errors.setdefault("placement_type", forbidden)
        if reason == PlacementChangeReason.PLACE and placement.provider_id != current.provider_id:
            errors.setdefault("reason", ERROR_STATUS_ONLY_WITH_NEW_CARERS.format(provider=current.provider.name))
        if errors:
            raise ValidationError(errors)
        current.ended_on, current.change_reason = changed_on, reason
        current.save(update_fields=["ended_on", "change_reason"])
        new = _create_placement(actor=actor, period=period, details=placement, started_on=changed_on)
        _bump(period)
        audit_record(
            actor=actor,
            action="care.placement_change",
            obj=new,
            child=period.child,
            detail={"from": current.placement_type, "to": new.placement_type, "reason": reason}
            | _approval_detail(placement),
        )
    return new


def care_end(
    *, actor, period_id: int, version: int, ended_on: datetime.date, reason: str, note: str = ""
) -> PeriodOfCare:
    """The child ceases to be looked after: the period, its legal status and its placement end that
    day with the 903 reason (REC)."""
    _check_writer(actor)
    with transaction.atomic():
        period = _open_period_for_change(period_id, version)
        placement = period.placements.select_for_update().get(ended_on__isnull=True)
        status = period.legal_statuses.select_for_update().get(ended_on__isnull=True)
        errors = _date_errors("ended_on", ended_on)
        latest_change = max(placement.started_on, status.started_on)
        if not errors and ended_on < latest_change:
            errors["ended_on"] = ERROR_END_BEFORE_CHANGE.format(date=_long(latest_change))
        if reason not in CareEndReason.values:
            errors["reason"] = ERROR_END_REASON
        elif reason == CareEndReason.E8 and not note.strip():
            errors["note"] = ERROR_END_NOTE_REQUIRED
        elif reason in ADOPTION_END_REASONS:
            errors |= _adoption_errors(period, placement, ended_on)
        if placement.placement_type in TEMPORARY_PLACEMENTS:
            errors["ended_on"] = ERROR_ENDS_TEMPORARY
        if errors:
            raise ValidationError(errors)
        for spell in (placement, status):
            spell.ended_on = ended_on
            spell.save(update_fields=["ended_on"])
        period.ended_on, period.end_reason, period.end_note, period.ended_by = ended_on, reason, note.strip(), actor
        period.version += 1
        period.save(update_fields=["ended_on", "end_reason", "end_note", "ended_by", "version"])
        audit_record(actor=actor, action="care.end", obj=period, child=period.child, detail={"reason": reason})
        for step in CARE_END_STEPS:
            import_string(step)(actor=actor, period=period)
        if reason in ADOPTION_END_REASONS:
            from hearth.people.services import child_seal_after_adoption

            child_seal_after_adoption(actor=actor, period=period)
    return period


def _adoption_errors(period: PeriodOfCare, placement: Placement, ended_on: datetime.date) -> dict[str, str]:
    """An adoption order ends care only from a placement for adoption, and only before 18."""
    from hearth.calendar.workingdays import add_months

    if placement.placement_type not in ADOPTION_PLACEMENTS:
        return {"reason": ERROR_ADOPTED_NOT_PLACED}
    born = period.child.date_of_birth
    if born is not None and ended_on >= add_months(born, 18 * 12):
        return {"reason": ERROR_ADOPTED_AT_18}
    return {}


def looked_after_on(day: datetime.date) -> Q:
    """A filter for periods of care open on a day (started on or before it, not ended before it)."""
    return Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gte=day))


# Care plans (the care record) ----------------------------------------------------------------------

ERROR_CARE_PLAN_BEFORE_PERIOD = "A care plan cannot be agreed before the child became looked after ({date})"
ERROR_CARE_PLAN_SAME_DAY = "A care plan agreed on {date} is already recorded: one care plan a day"
ERROR_PERMANENCE_PLAN_REQUIRED = "Enter the permanence plan"
ERROR_CARE_PLAN_SUMMARY_REQUIRED = "Enter what the care plan says"
ERROR_CARE_PLAN_AFTER_PERIOD = "A care plan cannot be agreed after the period of care ended ({date})"


def care_plan_record(
    *, actor, period_id: int, agreed_on: datetime.date, permanence_plan: str, summary: str, child_voice: str = ""
):
    """A care plan agreed (or updated) on a day: the latest is the one in force. It is a new fact,
    never an edit of the last plan, so the record keeps every version the child's review saw."""
    from hearth.care.models import CarePlan

    _check_writer(actor)
    with transaction.atomic():
        period = PeriodOfCare.objects.select_for_update().select_related("child").get(pk=period_id)
        errors = _date_errors("agreed_on", agreed_on)
        if not errors and agreed_on < period.started_on:
            errors["agreed_on"] = ERROR_CARE_PLAN_BEFORE_PERIOD.format(date=_long(period.started_on))
        elif not errors and period.ended_on is not None and agreed_on > period.ended_on:
            errors["agreed_on"] = ERROR_CARE_PLAN_AFTER_PERIOD.format(date=_long(period.ended_on))
        elif not errors and period.care_plans.filter(agreed_on=agreed_on).exists():
            errors["agreed_on"] = ERROR_CARE_PLAN_SAME_DAY.format(date=_long(agreed_on))
        if not permanence_plan.strip():
            errors["permanence_plan"] = ERROR_PERMANENCE_PLAN_REQUIRED
        if not summary.strip():
            errors["summary"] = ERROR_CARE_PLAN_SUMMARY_REQUIRED
        if errors:
            raise ValidationError(errors)
        plan = CarePlan.objects.create(
            period=period,
            agreed_on=agreed_on,
            permanence_plan=permanence_plan.strip(),
            summary=summary.strip(),
            child_voice=child_voice.strip(),
            recorded_by=actor,
        )
        audit_record(actor=actor, action="care.care_plan_record", obj=plan, child=period.child)
    return plan


# The register of placement providers -------------------------------------------------------------

ERROR_NOT_REGISTER_KEEPER = (
    "Only a team manager, service manager or performance officer can change the register of providers"
)
ERROR_PROVIDER_NAME = "Enter the carers' names, or the name of the home or setting"
ERROR_PROVIDER_KIND = "Choose what kind of provider this is"
ERROR_PROVIDER_CODE = "Choose the provider code (PR0 to PR5)"
ERROR_PROVIDER_CODE_FOR_KIND = "{kind} can be recorded as {codes} only"
ERROR_URN_FORMAT = (
    "Enter an Ofsted URN as Ofsted writes it: SC and six digits (SC123456), six or seven digits, or XXXXXXX for a "
    "regional adoption agency"
)
ERROR_AGENCY_REQUIRED = "Choose the foster carers' independent fostering agency from the register"
ERROR_AGENCY_ONLY_FOR_AGENCY_CARERS = "Only an agency's foster carers name their agency"
ERROR_PROVIDER_CHANGED_MEANWHILE = (
    "Someone else changed this provider while you had the page open. Nothing was changed: read it again and then "
    "make your change"
)
# Ofsted's URNs for social care settings and agencies: SC and six digits, or (newer) all digits.
URN_SHAPE = r"^(SC[0-9]{6}|[0-9]{6,7}|XXXXXXX)$"


@dataclass(frozen=True)
class ProviderDetails:
    kind: str
    name: str
    provider_code: str
    urn: str = ""
    postcode: str = ""
    agency_id: int | None = None


def _check_register_keeper(actor) -> None:
    if not (actor.is_superuser or has_role(actor, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.PERFORMANCE_OFFICER)):
        raise ValidationError(ERROR_NOT_REGISTER_KEEPER)


def _provider_errors(details: ProviderDetails) -> dict[str, str]:
    from hearth.care.models import KIND_PROVIDER_CODES, ProviderKind

    errors = {}
    if not details.name.strip():
        errors["name"] = ERROR_PROVIDER_NAME
    if details.kind not in ProviderKind.values:
        errors["kind"] = ERROR_PROVIDER_KIND
    elif details.kind == ProviderKind.AGENCY_FOSTER_CARERS:
        if not Provider.objects.filter(pk=details.agency_id, kind=ProviderKind.FOSTERING_AGENCY).exists():
            errors["agency"] = ERROR_AGENCY_REQUIRED
    elif details.agency_id is not None:
        errors["agency"] = ERROR_AGENCY_ONLY_FOR_AGENCY_CARERS
    if details.provider_code not in PlacementProvider.values:
        errors["provider_code"] = ERROR_PROVIDER_CODE
    elif "kind" not in errors and details.provider_code not in KIND_PROVIDER_CODES[details.kind]:
        errors["provider_code"] = ERROR_PROVIDER_CODE_FOR_KIND.format(
            kind=ProviderKind(details.kind).label, codes=", ".join(KIND_PROVIDER_CODES[details.kind])
        )
    urn = details.urn.strip().upper()
    if urn and not re.fullmatch(URN_SHAPE, urn):
        errors["urn"] = ERROR_URN_FORMAT
    if details.postcode.strip() and not re.fullmatch(POSTCODE_SHAPE, normalise_postcode(details.postcode)):
        errors["postcode"] = ERROR_POSTCODE_FORMAT
    return errors


def _provider_values(details: ProviderDetails) -> dict:
    return {
        "kind": details.kind,
        "name": " ".join(details.name.split()),
        "provider_code": details.provider_code,
        "urn": details.urn.strip().upper(),
        "postcode": normalise_postcode(details.postcode) if details.postcode.strip() else "",
        "agency_id": details.agency_id,
    }


def provider_record(*, actor, details: ProviderDetails) -> Provider:
    """A new entry in the register of placement providers."""
    _check_register_keeper(actor)
    with transaction.atomic():
        errors = _provider_errors(details)
        if errors:
            raise ValidationError(errors)
        provider = Provider.objects.create(recorded_by=actor, **_provider_values(details))
        audit_record(actor=actor, action="care.provider_record", obj=provider, detail={"kind": provider.kind})
    return provider


def provider_update(*, actor, provider_id: int, version: int, details: ProviderDetails) -> Provider:
    """A correction or change to a provider's entry (its name, code, URN, postcode, agency). The
    placements naming it read the new values: the register holds what the provider is now."""
    _check_register_keeper(actor)
    with transaction.atomic():
        provider = Provider.objects.select_for_update().get(pk=provider_id)
        if provider.version != version:
            raise ValidationError(ERROR_PROVIDER_CHANGED_MEANWHILE)
        errors = _provider_errors(details)
        if details.agency_id == provider.pk:
            errors["agency"] = ERROR_AGENCY_REQUIRED
        if errors:
            raise ValidationError(errors)
        before = {field: getattr(provider, field) for field in _provider_values(details)}
        for field, value in _provider_values(details).items():
            setattr(provider, field, value)
        provider.version += 1
        provider.save()
        audit_record(
            actor=actor,
            action="care.provider_update",
            obj=provider,
            detail={"changed": sorted(f for f, v in before.items() if v != getattr(provider, f))},
        )
    return provider


# Deprivation of liberty orders (the SSDA903's DoLo file from 2026-27) -------------------------------

ERROR_DOLO_BEFORE_PERIOD = (
    "An order recorded on this period of care cannot start before the child became looked after ({date})"
)
ERROR_DOLO_AFTER_PERIOD = "This period of care ended on {date}: an order recorded on it starts before that"
ERROR_DOLO_ALREADY_OPEN = "An order made on {date} has no end recorded: record its end before a new order"
ERROR_DOLO_OVERLAPS = "The child's last order ended on {date}: a new order cannot start before that (SSDA903 rule 705)"
ERROR_DOLO_NONE_OPEN = "There is no order without an end to end"
ERROR_DOLO_END_NOT_AFTER_START = "The order was made on {date}: it ends after that (SSDA903 rule 702)"
# Rule 710 (2026-27): a child under an order "can not be placed in secure children's homes, with
# parents, young offender institutions, or supported accommodation". The DfE's validator 0.1.17
# cannot run the rule (it reads a column the Episodes file does not have), so Hearth refuses it here.
# Overlap is the rule's: an order and a placement overlap when each starts on or before the other ends.
PLACEMENTS_FORBIDDEN_UNDER_AN_ORDER = frozenset({"K1", "P1", "R5", "K3"})
ERROR_DOLO_IN_FORBIDDEN_PLACEMENT = (
    "The child is placed {placement} ({code}) from {date}: a child under a deprivation of liberty order cannot "
    "be placed in a secure children's home, with parents, in a young offender institution or in supported "
    "accommodation (SSDA903 rule 710)"
)
ERROR_PLACEMENT_FORBIDDEN_UNDER_AN_ORDER = (
    "The child is under a deprivation of liberty order made on {date}: they cannot be placed in a secure "
    "children's home, with parents, in a young offender institution or in supported accommodation while it "
    "lasts (SSDA903 rule 710)"
)


def _orders_forbid(period, placement_type: str, starts_on: datetime.date) -> str | None:
    """The error when a placement of this type from `starts_on` (open) would overlap an order."""
    from hearth.care.models import DeprivationOfLiberty

    if placement_type not in PLACEMENTS_FORBIDDEN_UNDER_AN_ORDER:
        return None
    order = (
        DeprivationOfLiberty.objects.filter(period__child_id=period.child_id)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=starts_on))
        .order_by("started_on")
        .first()
    )
    return ERROR_PLACEMENT_FORBIDDEN_UNDER_AN_ORDER.format(date=_long(order.started_on)) if order else None


def deprivation_of_liberty_record(*, actor, period_id: int, started_on: datetime.date):
    """An order depriving the looked-after child of their liberty, made on `started_on` (its end is
    recorded when it ends). One order at a time: it cannot overlap the child's earlier orders."""
    from hearth.care.models import DeprivationOfLiberty

    _check_writer(actor)
    with transaction.atomic():
        period = PeriodOfCare.objects.select_for_update().select_related("child").get(pk=period_id)
        errors = _date_errors("started_on", started_on)
        orders = DeprivationOfLiberty.objects.filter(period__child=period.child)
        still_open = orders.filter(ended_on__isnull=True).first()
        last_end = max((order.ended_on for order in orders if order.ended_on is not None), default=None)
        if errors:
            pass
        elif started_on < period.started_on:
            errors["started_on"] = ERROR_DOLO_BEFORE_PERIOD.format(date=_long(period.started_on))
        elif period.ended_on is not None and started_on >= period.ended_on:
            errors["started_on"] = ERROR_DOLO_AFTER_PERIOD.format(date=_long(period.ended_on))
        elif still_open is not None:
            errors["started_on"] = ERROR_DOLO_ALREADY_OPEN.format(date=_long(still_open.started_on))
        elif last_end is not None and started_on < last_end:
            errors["started_on"] = ERROR_DOLO_OVERLAPS.format(date=_long(last_end))
        elif forbidden := _placement_forbidding_an_order(period, started_on):
            errors["started_on"] = ERROR_DOLO_IN_FORBIDDEN_PLACEMENT.format(
                placement=forbidden.get_placement_type_display().split(": ", 1)[-1],
                code=forbidden.placement_type,
                date=_long(forbidden.started_on),
            )
        if errors:
            raise ValidationError(errors)
        order = DeprivationOfLiberty.objects.create(period=period, started_on=started_on, recorded_by=actor)
        audit_record(actor=actor, action="care.deprivation_of_liberty_record", obj=order, child=period.child)
    return order


def _placement_forbidding_an_order(period, started_on: datetime.date):
    """The period's first placement that an order from `started_on` (still open) would overlap and
    whose type rule 710 forbids under an order, if any."""
    return (
        period.placements.filter(placement_type__in=PLACEMENTS_FORBIDDEN_UNDER_AN_ORDER)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=started_on))
        .order_by("started_on")
        .first()
    )


def deprivation_of_liberty_end(*, actor, period_id: int, ended_on: datetime.date):
    """The day the period's open order ended."""
    from hearth.care.models import DeprivationOfLiberty

    _check_writer(actor)
    with transaction.atomic():
        period = PeriodOfCare.objects.select_for_update().select_related("child").get(pk=period_id)
        order = DeprivationOfLiberty.objects.filter(period=period, ended_on__isnull=True).first()
        if order is None:
            raise ValidationError(ERROR_DOLO_NONE_OPEN)
        errors = _date_errors("ended_on", ended_on)
        if not errors and ended_on <= order.started_on:
            errors["ended_on"] = ERROR_DOLO_END_NOT_AFTER_START.format(date=_long(order.started_on))
        if errors:
            raise ValidationError(errors)
        order.ended_on = ended_on
        order.save(update_fields=["ended_on"])
        audit_record(actor=actor, action="care.deprivation_of_liberty_end", obj=order, child=period.child)
    return order
