"""The Header file (one row a child) and the UASC file (docs/returns-903.md, "Header and UASC")."""

import datetime

from hearth.people.characteristics_selectors import first_births
from hearth.people.codes import CIN_CENSUS_ONLY_UPN_REASONS
from hearth.returns.ssda903.common import (
    characteristics_on_31_march,
    children_in_header,
    dfe_date,
    looked_after_in_year,
    reads_shared,
)

HEADER_COLUMNS = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
UASC_COLUMNS = ["CHILD", "SEX", "DOB", "DUC"]


@reads_shared
def header_rows(year_start: datetime.date, year_end: datetime.date) -> list[dict[str, str]]:
    children = children_in_header(year_start, year_end)
    on_31_march = characteristics_on_31_march(year_start, year_end)
    motherhood = _motherhood(year_start, year_end)
    rows = []
    for pk in sorted(children):
        child = children[pk]
        now = on_31_march[pk]
        mother, mc_dob = motherhood.get(pk, ("", ""))
        rows.append(
            {
                "CHILD": child.hearth_id,
                "SEX": child.sex,
                "DOB": dfe_date(child.date_of_birth),
                "ETHNIC": now.ethnicity or "",
                "UPN": upn_903(now.upn),
                "MOTHER": mother,
                "MC_DOB": mc_dob,
            }
        )
    return rows


def upn_903(upn: str | None) -> str:
    """The 903's UPN column: the UPN, or the reason it is not known among UN1 to UN5 (rule 168). A
    reason only the CIN census accepts (UN6, UN7: not looked after; referral with no further action)
    cannot be true of a looked-after child: it is left out, so the 903's validator asks for the UPN
    or a reason the 903 accepts, on the worker's worklist."""
    if not upn or upn in CIN_CENSUS_ONLY_UPN_REASONS:
        return ""
    return upn


def _motherhood(year_start: datetime.date, year_end: datetime.date) -> dict[int, tuple[str, str]]:
    """(MOTHER, MC_DOB) by child id, for each girl looked after in the year other than only for short
    breaks (rules 393, 399, 607, 628), read as on the day her care ended if before 31 March (625):
    her own children born by then, all such girls' in one query."""
    on_31_march = characteristics_on_31_march(year_start, year_end)
    girls = {
        pk: year_end if entry["open"] else min(year_end, entry["last_ended_on"])
        for pk, entry in looked_after_in_year(year_start, year_end).items()
        if not entry["short_breaks_only"] and on_31_march[pk].mother is not None  # MOTHER is asked of girls only
    }
    left_care = first_births({pk: day for pk, day in girls.items() if day != year_end})
    motherhood = {}
    for pk, day in girls.items():
        if day == year_end:
            born = on_31_march[pk].mother_child_born_on
        else:
            born = left_care.get(pk)
        motherhood[pk] = ("1", dfe_date(born)) if born is not None else ("0", "")
    return motherhood


@reads_shared
def uasc_rows(year_start: datetime.date, year_end: datetime.date) -> list[dict[str, str]]:
    """The children in the Header whose UASC status had started by 31 March and had not ended
    before 1 April (rule 104: DUC not before the year starts)."""
    children = children_in_header(year_start, year_end)
    on_31_march = characteristics_on_31_march(year_start, year_end)
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
