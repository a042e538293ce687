"""The Episodes file: one row per 903 episode open at some time in the year (docs/returns-903.md,
"Episodes"). Episodes are derived by hearth.care.selectors.episodes from the legal statuses and
placements; the placement's columns come from hearth.care.return903.episode_placement_columns."""

import datetime

from hearth.care.return903 import episode_placement_columns
from hearth.people.geography import grid_references
from hearth.returns.ssda903.common import characteristics_on_31_march, dfe_date, episodes_in_year, reads_shared

COLUMNS = [
    "CHILD",
    "DECOM",
    "RNE",
    "LS",
    "CIN",
    "PLACE",
    "PLACE_PROVIDER",
    "DEC",
    "REC",
    "REASON_PLACE_CHANGE",
    "HOME_POST",
    "PL_POST",
    "URN",
]


def uasc_in_years(uasc, since: datetime.date) -> bool:
    """Whether a child's UASC status (as read on 31 March) ran on any day from `since`."""
    return uasc is not None and (uasc.duc is None or uasc.duc >= since)


@reads_shared
def episode_rows(year_start: datetime.date, year_end: datetime.date) -> list[dict[str, str]]:
    items = episodes_in_year(year_start, year_end)
    # Locate every placement postcode in one batch (the directory is read once a letter, not once a
    # postcode); episode_placement_columns then finds each in the directory's cache.
    placements = [item.episode.placement for item in items]
    grid_references({p.postcode for p in placements} | {p.home_postcode for p in placements if p.home_postcode})
    characteristics = characteristics_on_31_march(year_start, year_end)
    # UASC this year or last (the two years the DfE's tool sees): no distance from a home abroad.
    two_years_back = year_start.replace(year=year_start.year - 1)
    rows = []
    for item in items:
        episode = item.episode
        ceased = episode.ended_on if episode.ended_on is not None and episode.ended_on <= year_end else None
        row = {
            "CHILD": item.child.hearth_id,
            "DECOM": dfe_date(episode.started_on),
            "RNE": episode.rne,
            "LS": episode.legal_status.legal_status,
            "CIN": item.period.category_of_need,
            "DEC": dfe_date(ceased),
            "REC": episode.rec if ceased else "",
            "REASON_PLACE_CHANGE": episode.reason_place_change if ceased else "",
        }
        row |= episode_placement_columns(
            episode.placement,
            legal_status=episode.legal_status.legal_status,
            uasc=uasc_in_years(characteristics[item.child.pk].uasc, two_years_back),
        )
        rows.append({column: row[column] for column in COLUMNS})
    return rows
