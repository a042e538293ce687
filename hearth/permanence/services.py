"""Writers for permanence facts: the plan for permanence and its changes, a child's previous
permanence when a period of care starts, the decision that the child should be placed for
adoption, its reversal, and the match with adopters;
previous permanence recorded wrongly is corrected (with the version it was opened on).
Each is one transaction with its audit row; bad input changes nothing. Where the DfE's 903 rules
forbid a fact outright, it is refused here with a message naming the rule (docs/permanence.md lists
them); the rules that join several facts are shown on the child's page (selectors.py) and by the
validator on the return.
"""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from hearth.audit.services import audit_record
from hearth.care.codes import ADOPTION_END_REASONS, ADOPTION_PLACEMENTS
from hearth.care.models import PeriodOfCare, Provider, ProviderKind
from hearth.core.roles import Role, has_role
from hearth.people.models import Child
from hearth.permanence.codes import (
    COUPLE,
    LA_PERM_CODES,
    RULE_FOR_LEGAL_STATUS,
    SEXES_FOR_LEGAL_STATUS,
    SINGLE_ADOPTER,
    WITH_AN_ORDER,
    AdoptersLegalStatus,
    AdoptersSex,
    DecisionReversalReason,
    PermanencePlanType,
    PreviousPermanenceOption,
)
from hearth.permanence.models import AdoptionDecision, AdoptionMatch, PermanencePlan, PreviousPermanence

ERROR_NOT_CASE_WORKER = "Only a social worker or manager can record a child's permanence"
ERROR_DATE_IN_FUTURE = "The date must be today or in the past"

ERROR_PREVIOUS_ALREADY_RECORDED = (
    "Previous permanence for the period of care from {date} is already recorded ({option}). Nothing was changed"
)
ERROR_PREVIOUS_CHANGED_MEANWHILE = (
    "Someone else changed this previous permanence while you had the page open. Nothing was changed: read the "
    "record again and then make your correction"
)
ERROR_OPTION = "Choose whether the child was adopted or had an order before, or none"
ERROR_NONE_WITH_DETAILS = (
    "With 'none' there is no council or date of an order to record: leave them empty (SSDA903 rule 635)"
)
ERROR_LA_CODE = "Enter the council's three-digit DfE code (for example 316), or WAL, SCO, NIR or NUK (SSDA903 rule 633)"
ERROR_DAY_WITHOUT_MONTH = "A day of the order can be given only with its month"
ERROR_MONTH_WITHOUT_YEAR = "A month of the order can be given only with its year"
ERROR_MONTH = "Enter the month as a number from 1 to 12"
ERROR_YEAR = "Enter the year as four digits, for example 2019"
ERROR_DAY = "Enter a day that exists in that month"
ERROR_ORDER_NOT_BEFORE_CARE = (
    "The order must be before the child started this period of care on {date} (SSDA903 rule 632)"
)
ERROR_ORDER_BEFORE_BIRTH = "The order cannot be before the child was born ({date})"

ERROR_NOT_LOOKED_AFTER_ON = (
    "{child} was not looked after on {date}: a decision that a child should be placed for adoption is made "
    "while they are looked after (SSDA903 rules 334 and 1003)"
)
ERROR_DECISION_IN_FORCE = (
    "A decision made on {date} is in force: record that it was reversed before recording a new one (SSDA903 rule 579)"
)
ERROR_DECISION_BEFORE_REVERSAL = (
    "The last decision was reversed on {date}: a new decision cannot be dated before that (SSDA903 rule 579)"
)
ERROR_DECISION_AFTER_PLACEMENT_ORDER = (
    "The placement order (legal status E1) began on {date}: the decision that the child should be placed "
    "for adoption comes on or before it (SSDA903 rule 554)"
)
ERROR_DECISION_AFTER_PLACED = (
    "{child} was placed for adoption ({code}) on {date}: the decision comes on or before the placement "
    "(SSDA903 rules 521 and 552)"
)
ERROR_DECISION_REVERSED = "This decision was reversed on {date}. Nothing was changed"
ERROR_CHANGED_MEANWHILE = (
    "Someone else changed this decision while you had it open. Nothing was changed: read the record again "
    "and then record yours"
)
ERROR_REVERSAL_REASON = "Choose why the decision was reversed (SSDA903 rule 119)"
ERROR_REVERSAL_BEFORE_DECISION = "The decision was made on {date}: it cannot be reversed before that (SSDA903 rule 522)"
ERROR_REVERSAL_AFTER_CARE = (
    "{child} stopped being looked after on {date}: a reversal is dated on or before that (SSDA903 rule 117)"
)
ERROR_REVERSAL_OF_ADOPTED = (
    "{child} was adopted on {date}: the decision that led to the adoption was not reversed (SSDA903 rules 525 and 558)"
)
ERROR_MATCH_BEFORE_DECISION = (
    "The decision that the child should be placed for adoption was made on {date}: the match comes on or "
    "after it (SSDA903 rule 333)"
)
ERROR_MATCH_AFTER_PLACED = (
    "{child} was placed for adoption ({code}) on {date}: the match comes on or before the placement (SSDA903 rule 331)"
)
ERROR_MATCH_ON_OR_AFTER_ADOPTION = (
    "{child} was adopted on {date}: the match comes before the adoption order (SSDA903 rules 331 and 582)"
)
ERROR_MATCH_AFTER_CARE = "{child} stopped being looked after on {date}: a match is dated on or before that"
ERROR_MATCH_SAME_DAY = "A match on {date} is already recorded for this decision"
ERROR_ADOPTERS_NUMBER = "Choose one adopter or two"
ERROR_ADOPTERS_SEX = "Choose the adopters' sex"
ERROR_ADOPTERS_LEGAL_STATUS = "Choose the adopters' legal status"
ERROR_TWO_ADOPTERS_SINGLE_SEX = "Two adopters are a couple: choose MM, FF or MF (SSDA903 rule 511)"
ERROR_ONE_ADOPTER_COUPLE_SEX = "One adopter is a single man (M1) or a single woman (F1)"
ERROR_LEGAL_STATUS_SEX = "The adopters' legal status {status} goes with {sexes} (SSDA903 rule {rule})"


def _check_writer(actor) -> None:
    if not (actor.is_superuser or has_role(actor, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_NOT_CASE_WORKER)


def _long(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def _future(field: str, day: datetime.date) -> dict[str, str]:
    return {field: ERROR_DATE_IN_FUTURE} if day > timezone.localdate() else {}


# Previous permanence ---------------------------------------------------------------------------


def order_date_bounds(year: int | None, month: int | None, day: int | None):
    """The earliest and latest day a partly known date can be (None, None when the year is not known)."""
    if year is None:
        return None, None
    if month is None:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if day is None:
        return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day), datetime.date(year, month, day)


def _order_date_errors(year, month, day) -> dict[str, str]:
    if day is not None and month is None:
        return {"order_day": ERROR_DAY_WITHOUT_MONTH}
    if month is not None and year is None:
        return {"order_month": ERROR_MONTH_WITHOUT_YEAR}
    if year is not None and not 1900 <= year <= 9999:
        return {"order_year": ERROR_YEAR}
    if month is not None and not 1 <= month <= 12:
        return {"order_month": ERROR_MONTH}
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return {"order_day": ERROR_DAY}
    return {}


def _previous_permanence_errors(period: PeriodOfCare, option, la_code, order_year, order_month, order_day) -> dict:
    """The checks of previous permanence, the same when it is recorded and when it is corrected."""
    errors = {}
    if option not in PreviousPermanenceOption.values:
        errors["option"] = ERROR_OPTION
    elif option not in WITH_AN_ORDER:
        if la_code or order_year is not None or order_month is not None or order_day is not None:
            errors["option"] = ERROR_NONE_WITH_DETAILS
    if la_code and la_code not in LA_PERM_CODES:
        errors["la_code"] = ERROR_LA_CODE
    errors |= _order_date_errors(order_year, order_month, order_day)
    if not errors:
        earliest, latest = order_date_bounds(order_year, order_month, order_day)
        born = period.child.date_of_birth
        if latest is not None and latest >= period.started_on:
            errors["order_year"] = ERROR_ORDER_NOT_BEFORE_CARE.format(date=_long(period.started_on))
        elif latest is not None and born is not None and latest < born:
            errors["order_year"] = ERROR_ORDER_BEFORE_BIRTH.format(date=_long(born))
    return errors


def previous_permanence_record(
    *,
    actor,
    period_id: int,
    option: str,
    la_code: str = "",
    order_year: int | None = None,
    order_month: int | None = None,
    order_day: int | None = None,
) -> PreviousPermanence:
    """What was found, for this period of care, about an earlier adoption, special guardianship
    order or child arrangements order: recorded once per period (903 PrevPerm). The council and any
    part of the order's date may be left empty when not known."""
    _check_writer(actor)
    la_code = la_code.strip().upper()
    with transaction.atomic():
        period = PeriodOfCare.objects.select_for_update().select_related("child").get(pk=period_id)
        existing = PreviousPermanence.objects.filter(period=period).first()
        if existing is not None:
            raise ValidationError(
                ERROR_PREVIOUS_ALREADY_RECORDED.format(
                    date=_long(period.started_on), option=existing.get_option_display()
                )
            )
        errors = _previous_permanence_errors(period, option, la_code, order_year, order_month, order_day)
        if errors:
            raise ValidationError(errors)
        record = PreviousPermanence.objects.create(
            period=period,
            child=period.child,
            option=option,
            la_code=la_code,
            order_year=order_year,
            order_month=order_month,
            order_day=order_day,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="permanence.previous_permanence",
            obj=record,
            child=period.child,
            detail={"option": option},
        )
    return record


def previous_permanence_correct(
    *,
    actor,
    previous_permanence_id: int,
    version: int,
    option: str,
    la_code: str = "",
    order_year: int | None = None,
    order_month: int | None = None,
    order_day: int | None = None,
) -> PreviousPermanence:
    """Previous permanence recorded wrongly is corrected: the same checks as recording it, refused if it
    changed since the page was opened (its version); the change and its audit row in one transaction."""
    _check_writer(actor)
    la_code = la_code.strip().upper()
    with transaction.atomic():
        period_id = PreviousPermanence.objects.values_list("period_id", flat=True).get(pk=previous_permanence_id)
        period = PeriodOfCare.objects.select_for_update().select_related("child").get(pk=period_id)
        record = PreviousPermanence.objects.select_for_update().get(pk=previous_permanence_id)
        if record.version != version:
            raise ValidationError(ERROR_PREVIOUS_CHANGED_MEANWHILE)
        errors = _previous_permanence_errors(period, option, la_code, order_year, order_month, order_day)
        if errors:
            raise ValidationError(errors)
        values = {
            "option": option,
            "la_code": la_code,
            "order_year": order_year,
            "order_month": order_month,
            "order_day": order_day,
        }
        changed = sorted(name for name, value in values.items() if getattr(record, name) != value)
        for name, value in values.items():
            setattr(record, name, value)
        record.version += 1
        record.save(update_fields=[*values, "version"])
        audit_record(
            actor=actor,
            action="permanence.previous_permanence_correct",
            obj=record,
            child=period.child,
            detail={"changed": changed},
        )
    return record


# Adoption: the decision, its reversal, the match -----------------------------------------------


def _first_placement_for_adoption(period: PeriodOfCare):
    return period.placements.filter(placement_type__in=ADOPTION_PLACEMENTS).order_by("started_on").first()


def adoption_decision_record(*, actor, child_id: int, decided_on: datetime.date) -> AdoptionDecision:
    """The agency decision maker decided that the child should be placed for adoption. It belongs to
    the period of care the child was in that day, and comes on or before the placement order and the
    placement for adoption."""
    _check_writer(actor)
    errors = _future("decided_on", decided_on)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        child = Child.objects.select_for_update().get(pk=child_id)
        period = (
            PeriodOfCare.objects.filter(child=child, started_on__lte=decided_on)
            .exclude(ended_on__lt=decided_on)
            .first()
        )
        if period is None:
            raise ValidationError({"decided_on": ERROR_NOT_LOOKED_AFTER_ON.format(child=child, date=_long(decided_on))})
        in_force = (
            AdoptionDecision.objects.filter(child=child, reversed_on__isnull=True)
            .exclude(period__end_reason__in=sorted(ADOPTION_END_REASONS))
            .first()
        )
        if in_force is not None:
            raise ValidationError({"decided_on": ERROR_DECISION_IN_FORCE.format(date=_long(in_force.decided_on))})
        last_reversed = (
            AdoptionDecision.objects.filter(child=child, reversed_on__isnull=False).order_by("-reversed_on").first()
        )
        if last_reversed is not None and decided_on < last_reversed.reversed_on:
            raise ValidationError(
                {"decided_on": ERROR_DECISION_BEFORE_REVERSAL.format(date=_long(last_reversed.reversed_on))}
            )
        order = period.legal_statuses.filter(legal_status="E1").order_by("started_on").first()
        if order is not None and order.started_on < decided_on:
            raise ValidationError(
                {"decided_on": ERROR_DECISION_AFTER_PLACEMENT_ORDER.format(date=_long(order.started_on))}
            )
        placed = _first_placement_for_adoption(period)
        if placed is not None and placed.started_on < decided_on:
            raise ValidationError(
                {
                    "decided_on": ERROR_DECISION_AFTER_PLACED.format(
                        child=child, code=placed.placement_type, date=_long(placed.started_on)
                    )
                }
            )
        decision = AdoptionDecision.objects.create(child=child, period=period, decided_on=decided_on, recorded_by=actor)
        audit_record(actor=actor, action="permanence.adoption_decision", obj=decision, child=child, detail={})
    return decision


def _decision_for_change(decision_id: int, version: int | None = None) -> AdoptionDecision:
    decision = AdoptionDecision.objects.select_for_update().select_related("child", "period").get(pk=decision_id)
    if decision.reversed_on is not None:
        raise ValidationError(ERROR_DECISION_REVERSED.format(date=_long(decision.reversed_on)))
    if version is not None and decision.version != version:
        raise ValidationError(ERROR_CHANGED_MEANWHILE)
    return decision


def adoption_decision_reverse(
    *, actor, decision_id: int, version: int, reversed_on: datetime.date, reason: str
) -> AdoptionDecision:
    """The decision that the child should be placed for adoption was reversed, on a day and for a
    reason (903 DATE_PLACED_CEASED and REASON_PLACED_CEASED, always together)."""
    _check_writer(actor)
    with transaction.atomic():
        decision = _decision_for_change(decision_id, version)
        period, child = decision.period, decision.child
        errors = _future("reversed_on", reversed_on)
        if reason not in DecisionReversalReason.values:
            errors["reason"] = ERROR_REVERSAL_REASON
        if period.end_reason in ADOPTION_END_REASONS:
            raise ValidationError(ERROR_REVERSAL_OF_ADOPTED.format(child=child, date=_long(period.ended_on)))
        if "reversed_on" not in errors:
            if reversed_on < decision.decided_on:
                errors["reversed_on"] = ERROR_REVERSAL_BEFORE_DECISION.format(date=_long(decision.decided_on))
            elif period.ended_on is not None and reversed_on > period.ended_on:
                errors["reversed_on"] = ERROR_REVERSAL_AFTER_CARE.format(child=child, date=_long(period.ended_on))
        if errors:
            raise ValidationError(errors)
        decision.reversed_on, decision.reversal_reason, decision.reversed_by = reversed_on, reason, actor
        decision.version += 1
        decision.save(update_fields=["reversed_on", "reversal_reason", "reversed_by", "version"])
        audit_record(
            actor=actor,
            action="permanence.adoption_decision_reverse",
            obj=decision,
            child=child,
            detail={"reason": reason},
        )
    return decision


ERROR_ADOPTERS_CHOICE = (
    "Choose the adopters from the register of placement providers, or the foster carers {child} lives with "
    "on the day of the match"
)
FOSTER_CARER_KINDS = (ProviderKind.COUNCIL_FOSTER_CARERS, ProviderKind.AGENCY_FOSTER_CARERS)

# Checks of the adopters named in a match by the apps above permanence: each a function
# `(*, provider, child, matched_on)` returning its errors by field ({} when the match may go ahead).
# Listed as dotted paths, so permanence imports none of them.
MATCH_ADOPTERS_CHECKS: tuple[str, ...] = (
    # Adopters whose approval is recorded must be approved and active on the day of the match
    # (hearth/fostering/services.py).
    "hearth.fostering.services.adopters_approved_for_match",
)


def foster_carers_on(period: PeriodOfCare, day: datetime.date):
    """The register entries of the foster carers the child lives with on the day (a child adopted
    by their own foster carers is matched with them)."""
    placed = period.placements.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day), started_on__lte=day, provider__kind__in=FOSTER_CARER_KINDS
    )
    return Provider.objects.filter(pk__in=placed.values("provider_id"))


def adopters_offered(period: PeriodOfCare, day: datetime.date):
    """Whom a match may name: adopters in the register, and the child's own foster carers that day."""
    return Provider.objects.filter(
        Q(kind=ProviderKind.ADOPTERS) | Q(pk__in=foster_carers_on(period, day).values("pk"))
    ).order_by("name", "pk")


def _named_adopters_errors(adopters_id: int | None, period: PeriodOfCare, child: Child, matched_on) -> dict:
    if adopters_id is None:
        return {}  # a match read from a past 903 return, which does not name the adopters
    provider = adopters_offered(period, matched_on).filter(pk=adopters_id).first()
    if provider is None:
        return {"adopters": ERROR_ADOPTERS_CHOICE.format(child=child)}
    errors = {}
    for check in MATCH_ADOPTERS_CHECKS:
        errors |= import_string(check)(provider=provider, child=child, matched_on=matched_on)
    return errors


ERROR_PLACED_NOT_WITH_MATCHED_ADOPTERS = (
    "{child} is matched with {adopters} (the match of {date}): a placement for adoption ({code}) is with the "
    "matched adopters. Choose {adopters}, or record the new match first"
)
ERROR_MATCH_NOT_THE_PLACEMENT = (
    "{child} was placed for adoption ({code}) with {household} on {date}: the match names the household the child "
    "was placed with. Choose {household}"
)


def match_in_force(child, day: datetime.date) -> AdoptionMatch | None:
    """The latest match on or before the day under the child's decision in force that day (made by
    the day and not reversed before it), or None."""
    return (
        AdoptionMatch.objects.filter(decision__child=child, decision__decided_on__lte=day, matched_on__lte=day)
        .filter(Q(decision__reversed_on__isnull=True) | Q(decision__reversed_on__gt=day))
        .select_related("adopters")
        .order_by("-matched_on", "-pk")
        .first()
    )


def placed_for_adoption_with_matched_adopters(
    *, provider, child, starts_on: datetime.date, placement_type: str, current=None
) -> dict[str, str]:
    """Care's check on a new placement (PLACEMENT_CHECKS in hearth/care/services.py): a placement for
    adoption (A3-A6) while the decision in force has a match naming the adopters is with them. A
    match imported from a past 903 return names none, and a placement with no match is the
    validator's to report (rules 551, 331: shown on the child's page), so neither is refused here."""
    if placement_type not in ADOPTION_PLACEMENTS:
        return {}
    match = match_in_force(child, starts_on)
    if match is None or match.adopters_id is None or match.adopters_id == provider.pk:
        return {}
    return {
        "provider": ERROR_PLACED_NOT_WITH_MATCHED_ADOPTERS.format(
            child=child, adopters=match.adopters.name, date=_long(match.matched_on), code=placement_type
        )
    }


def _adopters_errors(number, sex: str, legal_status: str) -> dict[str, str]:
    errors = {}
    if number not in (1, 2):
        errors["adopters_number"] = ERROR_ADOPTERS_NUMBER
    if sex not in AdoptersSex.values:
        errors["adopters_sex"] = ERROR_ADOPTERS_SEX
    if legal_status not in AdoptersLegalStatus.values:
        errors["adopters_legal_status"] = ERROR_ADOPTERS_LEGAL_STATUS
    if errors:
        return errors
    if number == 2 and sex in SINGLE_ADOPTER:
        errors["adopters_sex"] = ERROR_TWO_ADOPTERS_SINGLE_SEX
    elif number == 1 and sex in COUPLE:
        errors["adopters_sex"] = ERROR_ONE_ADOPTER_COUPLE_SEX
    elif sex not in SEXES_FOR_LEGAL_STATUS[legal_status]:
        errors["adopters_legal_status"] = ERROR_LEGAL_STATUS_SEX.format(
            status=legal_status,
            sexes=" or ".join(sorted(SEXES_FOR_LEGAL_STATUS[legal_status])),
            rule=RULE_FOR_LEGAL_STATUS[legal_status],
        )
    return errors


def adoption_match_record(
    *,
    actor,
    decision_id: int,
    matched_on: datetime.date,
    adopters_number: int,
    adopters_sex: str,
    adopters_legal_status: str,
    adopters_id: int | None,
) -> AdoptionMatch:
    """The child was matched with prospective adopters under the decision in force: on or after the
    decision, on or before the placement for adoption, before the adoption order. The match names
    the adopters' household (`adopters_id`: adopters in the register, or the child's own foster
    carers); None only for a match read from a past 903 return, which does not name them."""
    _check_writer(actor)
    errors = _future("matched_on", matched_on) | _adopters_errors(adopters_number, adopters_sex, adopters_legal_status)
    with transaction.atomic():
        decision = _decision_for_change(decision_id)
        period, child = decision.period, decision.child
        if "matched_on" not in errors:
            placed = _first_placement_for_adoption(period)
            if matched_on < decision.decided_on:
                errors["matched_on"] = ERROR_MATCH_BEFORE_DECISION.format(date=_long(decision.decided_on))
            elif period.end_reason in ADOPTION_END_REASONS and matched_on >= period.ended_on:
                errors["matched_on"] = ERROR_MATCH_ON_OR_AFTER_ADOPTION.format(child=child, date=_long(period.ended_on))
            elif period.ended_on is not None and matched_on > period.ended_on:
                errors["matched_on"] = ERROR_MATCH_AFTER_CARE.format(child=child, date=_long(period.ended_on))
            elif placed is not None and matched_on > placed.started_on:
                errors["matched_on"] = ERROR_MATCH_AFTER_PLACED.format(
                    child=child, code=placed.placement_type, date=_long(placed.started_on)
                )
            elif decision.matches.filter(matched_on=matched_on).exists():
                errors["matched_on"] = ERROR_MATCH_SAME_DAY.format(date=_long(matched_on))
            elif placed is not None and adopters_id is not None and adopters_id != placed.provider_id:
                errors["adopters"] = ERROR_MATCH_NOT_THE_PLACEMENT.format(
                    child=child,
                    code=placed.placement_type,
                    household=placed.provider.name,
                    date=_long(placed.started_on),
                )
            else:
                errors |= _named_adopters_errors(adopters_id, period, child, matched_on)
        if errors:
            raise ValidationError(errors)
        try:
            with transaction.atomic():
                match = AdoptionMatch.objects.create(
                    decision=decision,
                    matched_on=matched_on,
                    adopters_number=adopters_number,
                    adopters_sex=adopters_sex,
                    adopters_legal_status=adopters_legal_status,
                    adopters_id=adopters_id,
                    recorded_by=actor,
                )
        except IntegrityError:
            raise ValidationError({"matched_on": ERROR_MATCH_SAME_DAY.format(date=_long(matched_on))}) from None
        audit_record(
            actor=actor,
            action="permanence.adoption_match",
            obj=match,
            child=child,
            detail={
                "adopters_sex": adopters_sex,
                "adopters_legal_status": adopters_legal_status,
                "adopters": adopters_id,
            },
        )
    return match


ERROR_PLAN_NOT_LOOKED_AFTER = "{child} is not looked after now: a plan for permanence belongs to a period of care"
ERROR_PLAN_TYPE = "Choose the plan for permanence"
ERROR_PLAN_BEFORE_CARE = "The plan cannot be agreed before {child} started to be looked after on {date}"
ERROR_PLAN_NOT_AFTER_CURRENT = (
    "The plan now ({plan}) was agreed on {date}: a change of plan is dated after it. Nothing was changed"
)
ERROR_PLAN_SAME = "The plan for permanence is already {plan}: choose the plan that was agreed"
ERROR_PLAN_REASON = "Say why the plan for permanence changed"
ERROR_PLAN_CHANGED_MEANWHILE = (
    "Someone else recorded a plan for permanence while you had the page open. Nothing was changed: read the "
    "plan now and then record yours"
)


def plan_version(period: PeriodOfCare) -> int:
    """The version of a period's plan for permanence: how many plans are recorded for it. A form
    carries it, so a plan recorded on a page opened before someone else's is refused."""
    return PermanencePlan.objects.filter(period=period).count()


def permanence_plan_record(
    *, actor, child_id: int, plan: str, agreed_on: datetime.date, version: int, reason: str = ""
) -> PermanencePlan:
    """The plan for permanence agreed for a looked-after child (their first, or a change of plan,
    which says why): on a day inside the open period of care, after the plan now."""
    _check_writer(actor)
    reason = (reason or "").strip()
    errors = _future("agreed_on", agreed_on)
    if plan not in PermanencePlanType.values:
        errors["plan"] = ERROR_PLAN_TYPE
    with transaction.atomic():
        child = Child.objects.get(pk=child_id)
        period = PeriodOfCare.objects.select_for_update().filter(child=child, ended_on__isnull=True).first()
        if period is None:
            raise ValidationError(ERROR_PLAN_NOT_LOOKED_AFTER.format(child=child))
        if plan_version(period) != version:
            raise ValidationError(ERROR_PLAN_CHANGED_MEANWHILE)
        current = PermanencePlan.objects.filter(period=period).first()
        if "agreed_on" not in errors:
            if agreed_on < period.started_on:
                errors["agreed_on"] = ERROR_PLAN_BEFORE_CARE.format(child=child, date=_long(period.started_on))
            elif current is not None and agreed_on <= current.agreed_on:
                errors["agreed_on"] = ERROR_PLAN_NOT_AFTER_CURRENT.format(
                    plan=current.get_plan_display().lower(), date=_long(current.agreed_on)
                )
        if current is not None and "plan" not in errors:
            if plan == current.plan:
                errors["plan"] = ERROR_PLAN_SAME.format(plan=current.get_plan_display().lower())
            elif not reason:
                errors["reason"] = ERROR_PLAN_REASON
        if errors:
            raise ValidationError(errors)
        record = PermanencePlan.objects.create(
            child=child, period=period, plan=plan, agreed_on=agreed_on, reason=reason, recorded_by=actor
        )
        audit_record(
            actor=actor,
            action="permanence.plan",
            obj=record,
            child=child,
            detail={"plan": plan, "changed_from": current.plan if current else ""},
        )
    return record
