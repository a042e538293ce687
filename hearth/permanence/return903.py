"""The SSDA903 files built from permanence facts: AD1 (children adopted in the year), PlacedAdoption
(decisions that a child should be placed for adoption in force in the year) and PrevPerm (previous
permanence of children who started to be looked after in the year).

Each builder takes the collection year's first and last days and returns rows as the DfE's CSV has
them: keys the column names in the validator's order (csc-validator-be-903 0.1.17,
lac_validator.config.column_names), dates DD/MM/YYYY, CHILD the child's Hearth ID, empty strings for
blanks. Nothing is typed in for the return: every value is read from the record (the adoption's
milestones through selectors.journey_of, so the child's page and the return agree). Which children
belong, and why, is in docs/returns-903.md.
"""

import datetime

from django.db.models import Q

from hearth.care.codes import ADOPTION_END_REASONS
from hearth.care.models import PeriodOfCare
from hearth.people.models import format_hearth_id
from hearth.permanence.codes import WITH_CURRENT_FOSTER_CARERS
from hearth.permanence.models import AdoptionDecision, PreviousPermanence
from hearth.permanence.selectors import journey_of

AD1_COLUMNS = ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"]
PLACED_ADOPTION_COLUMNS = ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"]
PREV_PERM_COLUMNS = ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"]


def _date(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _decisions():
    return AdoptionDecision.objects.select_related("child", "period").prefetch_related(
        "period__legal_statuses", "period__placements", "matches"
    )


def ad1_rows(year_start: datetime.date, year_end: datetime.date) -> list[dict[str, str]]:
    """One row for each child adopted in the year (a period of care ended with E11 or E12 between
    the two days; rules 601, 602, INT31). The decision is the one in force when the order was made
    (or the period's latest), the match its latest; FOSTER_CARE is 1 when the placement for adoption
    the child was adopted from was with their foster carers (A3, A5), else 0 (rule 335). A missing
    decision or match leaves its columns empty, so the validator's rules 151 and 601 show it."""
    periods = (
        PeriodOfCare.objects.filter(
            end_reason__in=sorted(ADOPTION_END_REASONS), ended_on__gte=year_start, ended_on__lte=year_end
        )
        .select_related("child")
        .prefetch_related("placements")
        .order_by("child_id", "ended_on")
    )
    decisions = {}
    for decision in _decisions().filter(period__in=periods).order_by("decided_on", "pk"):
        current = decisions.get(decision.period_id)
        if current is None or current.reversed_on is not None:
            decisions[decision.period_id] = decision
    rows = {}
    for period in periods:
        last_placement = max(period.placements.all(), key=lambda p: p.started_on)
        decision = decisions.get(period.pk)
        journey = journey_of(decision) if decision else None
        match = journey.latest_match if journey else None
        rows[period.child.hearth_id] = {
            "CHILD": period.child.hearth_id,
            "DOB": _date(period.child.date_of_birth),
            "DATE_INT": _date(decision.decided_on) if decision else "",
            "DATE_MATCH": _date(match.matched_on) if match else "",
            "FOSTER_CARE": "1" if last_placement.placement_type in WITH_CURRENT_FOSTER_CARERS else "0",
            "NB_ADOPTR": str(match.adopters_number) if match else "",
            "SEX_ADOPTR": match.adopters_sex if match else "",
            "LS_ADOPTR": match.adopters_legal_status if match else "",
        }
    return list(rows.values())


def placed_adoption_rows(year_start: datetime.date, year_end: datetime.date) -> list[dict[str, str]]:
    """One row for each decision that a child should be placed for adoption that was in force at some
    time in the year: made by its last day, not reversed before its first, in a period of care the
    child was in during the year (so never for a child adopted or gone from care before it; rule
    1012). A reversal after the year's end is not yet part of that year's return (rule 117)."""
    # The decision's own dates are all the file needs: read as rows, not as decisions with their
    # period's facts and matches (_decisions, for AD1's journeys).
    decisions = (
        AdoptionDecision.objects.filter(decided_on__lte=year_end, period__started_on__lte=year_end)
        .filter(Q(reversed_on__isnull=True) | Q(reversed_on__gte=year_start))
        .filter(Q(period__ended_on__isnull=True) | Q(period__ended_on__gte=year_start))
        .order_by("child_id", "decided_on", "pk")
        .values_list("child_id", "child__date_of_birth", "decided_on", "reversed_on", "reversal_reason")
    )
    rows = []
    for child_id, born, decided_on, reversed_on, reversal_reason in decisions:
        reversed_in_year = reversed_on is not None and reversed_on <= year_end
        rows.append(
            {
                "CHILD": format_hearth_id(child_id),
                "DOB": _date(born),
                "DATE_PLACED": _date(decided_on),
                "DATE_PLACED_CEASED": _date(reversed_on) if reversed_in_year else "",
                "REASON_PLACED_CEASED": reversal_reason if reversed_in_year else "",
            }
        )
    return rows


def date_perm(record: PreviousPermanence) -> str:
    """DATE_PERM with the parts not known as ZZ (day, month) and ZZZZ (year), as the DfE allows."""
    if record.option == "Z1":
        return ""
    day = f"{record.order_day:02d}" if record.order_day else "ZZ"
    month = f"{record.order_month:02d}" if record.order_month else "ZZ"
    year = f"{record.order_year:04d}" if record.order_year else "ZZZZ"
    return f"{day}/{month}/{year}"


def prev_perm_rows(year_start: datetime.date, year_end: datetime.date) -> list[dict[str, str]]:
    """One row for each child who started to be looked after in the year and whose previous
    permanence is recorded (rules 630, INT35): for a child who started twice, the later period's.
    A child whose previous permanence is not recorded has no row, which rule 630 reports against
    their first episode. LA_PERM is empty when the council is not known (rule 630 asks for it)."""
    records = (
        PreviousPermanence.objects.filter(period__started_on__gte=year_start, period__started_on__lte=year_end)
        .select_related("child", "period")
        .order_by("child_id", "period__started_on")
    )
    rows = {}
    for record in records:
        rows[record.child.hearth_id] = {
            "CHILD": record.child.hearth_id,
            "DOB": _date(record.child.date_of_birth),
            "PREV_PERM": record.option,
            "LA_PERM": record.la_code,
            "DATE_PERM": date_perm(record),
        }
    return list(rows.values())
