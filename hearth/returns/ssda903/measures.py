"""The looked-after and care leaver measures worked out from the SSDA903 files alone, as the DfE
works them out from the returns it collects (docs/returns-903.md, "The return and the indicators"),
for the Reconciliation page (hearth/returns/reconciliation.py) and test_returns_of_a_built_council.py
to set beside the catalogue's figures for 31 March. Nothing here reads Hearth's record: only the CSV
bytes export_903 made, and the ONS Postcode Directory the DfE's tool also locates postcodes in. Each
measure is a set of children (Hearth IDs): the denominator, and the numerator within it."""

import csv
import datetime
import io
import math
from collections import defaultdict
from dataclasses import dataclass

from hearth.calendar.workingdays import add_months, age_on
from hearth.people.geography import grid_references

SHORT_BREAKS = {"V3", "V4"}
TEMPORARY = {"T0", "T1", "T2", "T3", "T4"}
NEW_PLACEMENT = {"S", "P", "B"}  # RNE: started, new placement, both; L, T and U keep the placement
EDUCATION_EMPLOYMENT_OR_TRAINING = {"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"}
NOT_IN_EDUCATION_EMPLOYMENT_OR_TRAINING = {"G4", "G5", "G6"}


@dataclass(frozen=True)
class Measure:
    denominator: frozenset[str]
    numerator: frozenset[str]


def rows(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[f"{name}.csv"].decode("utf-8"))))


def day(text: str) -> datetime.date | None:
    return datetime.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def episode_history(*returns: dict[str, bytes]) -> dict[str, list[dict[str, str]]]:
    """Each child's episodes from several years' returns (oldest first): an episode open at one
    year's end is in the next year's return too, with its DEC, which replaces the earlier row."""
    latest: dict[tuple[str, str], dict[str, str]] = {}
    for files in returns:
        for row in rows(files, "Episodes"):
            latest[(row["CHILD"], row["DECOM"])] = row
    history: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in latest.values():
        history[row["CHILD"]].append(row)
    return {child: sorted(episodes, key=lambda r: day(r["DECOM"])) for child, episodes in history.items()}


def open_episodes(files: dict[str, bytes]) -> dict[str, dict[str, str]]:
    """L01's cohort: the children with an episode open on 31 March (DEC blank), not under a short
    breaks legal status (V3, V4), each with that episode."""
    return {r["CHILD"]: r for r in rows(files, "Episodes") if not r["DEC"] and r["LS"] not in SHORT_BREAKS}


def started_in_year(files: dict[str, bytes], year_start: datetime.date) -> frozenset[str]:
    """The children who started to be looked after in the year: an episode beginning a period of care
    (RNE S) with DECOM from 1 April, not under a short breaks legal status (V3, V4)."""
    return frozenset(
        r["CHILD"]
        for r in rows(files, "Episodes")
        if r["RNE"] == "S" and day(r["DECOM"]) >= year_start and r["LS"] not in SHORT_BREAKS
    )


def ceased_in_year(files: dict[str, bytes]) -> frozenset[str]:
    """The children who ceased to be looked after in the year: an episode ending a period of care (a
    DEC in the year, REC other than X1), not under a short breaks legal status (V3, V4)."""
    return frozenset(
        r["CHILD"]
        for r in rows(files, "Episodes")
        if r["DEC"] and r["REC"] and r["REC"] != "X1" and r["LS"] not in SHORT_BREAKS
    )


def l01(files: dict[str, bytes]) -> Measure:
    children = frozenset(open_episodes(files))
    return Measure(children, children)


def placements_in_year(episodes: list[dict[str, str]], year_start: datetime.date) -> int:
    """Placements in the year: the placement the child was in on 1 April (the episode that began
    before it) and each later episode that began a new placement (RNE S, P or B), temporary
    placements (T0-T4) left out."""
    return sum(
        1
        for r in episodes
        if r["PLACE"] not in TEMPORARY and (day(r["DECOM"]) < year_start or r["RNE"] in NEW_PLACEMENT)
    )


def l06(files: dict[str, bytes], year_start: datetime.date) -> Measure:
    cohort = open_episodes(files)
    by_child: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows(files, "Episodes"):
        by_child[r["CHILD"]].append(r)
    counted = {child for child in cohort if placements_in_year(by_child[child], year_start) >= 3}
    return Measure(frozenset(cohort), frozenset(counted))


def _follows(earlier: dict[str, str], later: dict[str, str]) -> bool:
    """The later episode carries on the same period of care (REC X1 and no day between)."""
    return earlier["REC"] == "X1" and earlier["DEC"] == later["DECOM"]


def _run_back(episodes: list[dict[str, str]], keeps) -> datetime.date:
    """From the last episode back over episodes that follow the one before without a break (its
    REC is X1 and its DEC their DECOM) and that `keeps`: the DECOM the run began on."""
    index = len(episodes) - 1
    while index > 0 and _follows(episodes[index - 1], episodes[index]) and keeps(episodes[index]):
        index -= 1
    return day(episodes[index]["DECOM"])


def l07(files: dict[str, bytes], history: dict[str, list[dict[str, str]]], year_end: datetime.date) -> Measure:
    """Children under 16 on 31 March looked after continuously for 2.5 years or more, counted when in
    the same placement for 2 years or more (a placement for adoption with their foster carers, RNE T,
    carries the foster placement on). `history` must hold every episode open since 2.5 years before
    31 March (the returns of the three years to 31 March)."""
    born = {r["CHILD"]: day(r["DOB"]) for r in rows(files, "Header")}
    denominator, numerator = set(), set()
    for child in open_episodes(files):
        episodes = history[child]
        if age_on(born[child], year_end) >= 16 or _run_back(episodes, lambda r: True) > add_months(year_end, -30):
            continue
        denominator.add(child)
        if _run_back(episodes, lambda r: r["RNE"] not in NEW_PLACEMENT) <= add_months(year_end, -24):
            numerator.add(child)
    return Measure(frozenset(denominator), frozenset(numerator))


def pl_distance(home: str, placed: str, located) -> float | None:
    """PL_DISTANCE as the DfE's guide works it out (and its validator): the straight line between
    the two postcodes' grid references, metres / 1000 / 1.6093, to one decimal."""
    start, end = located.get(home), located.get(placed)
    if not home or not placed or start is None or end is None:
        return None
    return round(math.hypot(end.easting - start.easting, end.northing - start.northing) / 1000 / 1.6093, 1)


def l08(files: dict[str, bytes]) -> Measure:
    cohort = open_episodes(files)
    located = grid_references({code for r in cohort.values() for code in (r["HOME_POST"], r["PL_POST"]) if code})
    distances = {child: pl_distance(r["HOME_POST"], r["PL_POST"], located) for child, r in cohort.items()}
    known = {child: miles for child, miles in distances.items() if miles is not None}
    return Measure(frozenset(known), frozenset(child for child, miles in known.items() if miles > 20))


def oc3(files: dict[str, bytes], year_end: datetime.date, counts, band: str | None = None) -> Measure:
    """The OC3 rows (of one age band: "17-18" or "19-21", the age on the birthday in the year, which
    is the age on 31 March); counted when `counts(row)`."""
    chosen = [
        r for r in rows(files, "OC3") if band is None or (age_on(day(r["DOB"]), year_end) <= 18) == (band == "17-18")
    ]
    return Measure(frozenset(r["CHILD"] for r in chosen), frozenset(r["CHILD"] for r in chosen if counts(r)))


OC3_MEASURES = {
    "C02": lambda r: r["IN_TOUCH"] == "YES",
    "C03": lambda r: r["ACCOM"].endswith("1"),
    "C04": lambda r: r["ACTIV"] in EDUCATION_EMPLOYMENT_OR_TRAINING,
    "C05": lambda r: r["ACTIV"] in NOT_IN_EDUCATION_EMPLOYMENT_OR_TRAINING,
}


# The OC2 file: children looked after for the 12 months to 31 March -------------------------------------

SDQ_CONCERN = 17  # an SDQ total of 17 or more is a cause for concern (the DfE's band)


def sdq_owed(row: dict[str, str], year_start: datetime.date, year_end: datetime.date) -> bool:
    """Owed an SDQ (903 rule 186's band, from the row's DOB): 4 or over on 1 April, under 17 on 31 March."""
    born = day(row["DOB"])
    return born is not None and add_months(born, 48) <= year_start and year_end < add_months(born, 204)


def oc2(files: dict[str, bytes], counts, member=lambda row: True) -> Measure:
    """The OC2 rows (those that are `member`s); counted when `counts(row)`."""
    chosen = [r for r in rows(files, "OC2") if member(r)]
    return Measure(frozenset(r["CHILD"] for r in chosen), frozenset(r["CHILD"] for r in chosen if counts(r)))


OC2_MEASURES = {
    "HEALTH_ASSESSMENT": lambda r: r["HEALTH_ASSESSMENT"] == "1",
    "TEETH_CHECK": lambda r: r["TEETH_CHECK"] == "1",
    "IMMUNISATIONS": lambda r: r["IMMUNISATIONS"] == "1",
    "HEALTH_CHECK": lambda r: r["HEALTH_CHECK"] == "1",
    "CONVICTED": lambda r: r["CONVICTED"] == "1",
    "SUBSTANCE_MISUSE": lambda r: r["SUBSTANCE_MISUSE"] == "1",
    "SDQ_SCORE": lambda r: r["SDQ_SCORE"] != "",
    "SDQ_CONCERN": lambda r: r["SDQ_SCORE"] != "" and int(r["SDQ_SCORE"]) >= SDQ_CONCERN,
}


# The Missing file: each missing or away episode the year holds --------------------------------------


def missing_episodes(files: dict[str, bytes], year_start: datetime.date | None = None) -> list[dict[str, str]]:
    """The Missing rows; with year_start, only the episodes that started from then (MIS_START from 1
    April), leaving out those open on 1 April that began the year before (rule 576 keeps them in)."""
    return [r for r in rows(files, "Missing") if year_start is None or day(r["MIS_START"]) >= year_start]
