"""The Header file (one row a child) and the UASC file (docs/returns-903.md, "Header and UASC")."""

import datetime

from hearth.leavers.indicators import oc3_cohort
from hearth.people.characteristics_selectors import characteristics_of
from hearth.returns.ssda903.common import dfe_date, looked_after_in_year

HEADER_COLUMNS = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
UASC_COLUMNS = ["CHILD", "SEX", "DOB", "DUC"]


def header_rows(year_start: datetime.date, year_end: datetime.date) -> list[dict[str, str]]:
    looked_after = looked_after_in_year(year_start, year_end)
    leavers = {member.child.pk: member.child for member in oc3_cohort(year_end)}
    children = {pk: entry["child"] for pk, entry in looked_after.items()} | {
        pk: child for pk, child in leavers.items() if pk not in looked_after
    }
    on_31_march = characteristics_of(children.values(), year_end)
    rows = []
    for pk in sorted(children):
        child = children[pk]
        now = on_31_march[pk]
        entry = looked_after.get(pk)
        mother, mc_dob = "", ""
        # MOTHER and MC_DOB for a girl looked after in the year other than only for short breaks
        # (rules 393, 399, 607, 628), read as on the day her care ended if before 31 March (625).
        if entry is not None and not entry["short_breaks_only"] and now.mother is not None:
            day = year_end if entry["open"] else min(year_end, entry["last_ended_on"])
            then = now if day == year_end else characteristics_of([child], day)[pk]
            mother = then.mother or ""
            mc_dob = dfe_date(then.mother_child_born_on) if then.mother == "1" else ""
        rows.append(
            {
                "CHILD": child.hearth_id,
                "SEX": child.sex,
                "DOB": dfe_date(child.date_of_birth),
                "ETHNIC": now.ethnicity or "",
                "UPN": now.upn or "",
                "MOTHER": mother,
                "MC_DOB": mc_dob,
            }
        )
    return rows


def uasc_rows(year_start: datetime.date, year_end: datetime.date) -> list[dict[str, str]]:
    """The children in the Header whose UASC status had started by 31 March and had not ended
    before 1 April (rule 104: DUC not before the year starts)."""
    looked_after = looked_after_in_year(year_start, year_end)
    leavers = {member.child.pk: member.child for member in oc3_cohort(year_end)}
    children = {pk: entry["child"] for pk, entry in looked_after.items()} | leavers
    on_31_march = characteristics_of(children.values(), year_end)
    rows = []
    for pk in sorted(children):
        uasc = on_31_march[pk].uasc
        if uasc is None or (uasc.duc is not None and uasc.duc < year_start):
            continue
        child = children[pk]
        rows.append(
            {
                "CHILD": child.hearth_id,
                "SEX": child.sex,
                "DOB": dfe_date(child.date_of_birth),
                "DUC": dfe_date(uasc.duc),
            }
        )
    return rows
