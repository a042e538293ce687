"""The children in need measures worked out from the census file alone, as the DfE works them out from
the censuses it collects (docs/returns-cin.md, "The census and the indicators"), for the
Reconciliation page (hearth/returns/reconciliation.py) to set beside the catalogue's figures for 31
March. Nothing here reads Hearth's record: only the XML export_cin_census made, and England's working
days (the DfE counts its 45 working days with them). Each measure counts rows (referrals,
assessments, enquiries, plans) by child: a Counter of Hearth IDs."""

import datetime
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass

from hearth.calendar.workingdays import WorkingCalendar, add_months

# The DfE's measure of an assessment completed in time: authorised within 45 working days of its start.
ASSESSMENT_WORKING_DAYS = 45


def _day(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


@dataclass(frozen=True)
class Assessment:
    started: datetime.date | None
    authorised: datetime.date | None


@dataclass(frozen=True)
class Section47:
    started: datetime.date | None
    target: datetime.date | None  # InitialCPCtarget
    icpc: datetime.date | None


@dataclass(frozen=True)
class ProtectionPlan:
    started: datetime.date | None
    ended: datetime.date | None
    latest_category: str
    previous_plans: int


@dataclass(frozen=True)
class Episode:
    """One CINdetails block: the child's episode (a referral) with what was recorded on it."""

    child: str  # LAchildID, the Hearth ID
    referred: datetime.date | None
    closed: datetime.date | None
    referral_nfa: bool
    assessments: tuple[Assessment, ...]
    section47s: tuple[Section47, ...]
    plans: tuple[ProtectionPlan, ...]


def episodes(content: bytes) -> list[Episode]:
    """Every CINdetails of the census, in the file's order."""
    found = []
    for child in ET.fromstring(content).find("Children"):  # noqa: S314 (Hearth's own export)
        reference = child.findtext("ChildIdentifiers/LAchildID", "")
        for details in child.findall("CINdetails"):
            found.append(
                Episode(
                    child=reference,
                    referred=_day(details.findtext("CINreferralDate")),
                    closed=_day(details.findtext("CINclosureDate")),
                    referral_nfa=details.findtext("ReferralNFA") == "true",
                    assessments=tuple(
                        Assessment(
                            started=_day(a.findtext("AssessmentActualStartDate")),
                            authorised=_day(a.findtext("AssessmentAuthorisationDate")),
                        )
                        for a in details.findall("Assessments")
                    ),
                    section47s=tuple(
                        Section47(
                            started=_day(s.findtext("S47ActualStartDate")),
                            target=_day(s.findtext("InitialCPCtarget")),
                            icpc=_day(s.findtext("DateOfInitialCPC")),
                        )
                        for s in details.findall("Section47")
                    ),
                    plans=tuple(
                        ProtectionPlan(
                            started=_day(p.findtext("CPPstartDate")),
                            ended=_day(p.findtext("CPPendDate")),
                            latest_category=p.findtext("LatestCategoryOfAbuse", ""),
                            previous_plans=int(p.findtext("NumberOfPreviousCPP") or 0),
                        )
                        for p in details.findall("ChildProtectionPlans")
                    ),
                )
            )
    return found


def _in(day: datetime.date | None, year_start: datetime.date) -> bool:
    # The census holds nothing after its 31 March, so "in the year" is "from 1 April".
    return day is not None and day >= year_start


def referrals(census: list[Episode], year_start: datetime.date) -> Counter:
    """Referrals in the year: the episodes whose CINreferralDate is from 1 April."""
    return Counter(e.child for e in census if _in(e.referred, year_start))


def re_referrals(census: list[Episode], last_year: list[Episode], year_start: datetime.date) -> Counter:
    """Of the referrals in the year, those within 12 months of a previous referral of the same child
    (another episode referred on or before the day). A previous referral within 12 months of one in
    the year was open in this year or the year before, so the two censuses hold it; an episode open
    in both years is in both, counted once."""
    this_year = {(e.child, e.referred) for e in census}
    history = [(e.child, e.referred) for e in census]
    history += [(e.child, e.referred) for e in last_year if (e.child, e.referred) not in this_year]
    by_child: dict[str, list[datetime.date]] = {}
    for child, referred in history:
        by_child.setdefault(child, []).append(referred)
    counted = Counter()
    for episode in census:
        if not _in(episode.referred, year_start):
            continue
        dates = list(by_child[episode.child])
        dates.remove(episode.referred)  # this referral itself; another the same day stays
        if any(d <= episode.referred <= add_months(d, 12) for d in dates):
            counted[episode.child] += 1
    return counted


def assessments_completed(census: list[Episode], year_start: datetime.date) -> Counter:
    """Assessments authorised in the year (AssessmentAuthorisationDate from 1 April)."""
    return Counter(e.child for e in census for a in e.assessments if _in(a.authorised, year_start))


def assessments_in_45_working_days(census: list[Episode], year_start: datetime.date, calendar: WorkingCalendar):
    """Of those, the ones authorised within 45 working days of their start (England's bank holidays)."""
    return Counter(
        e.child
        for e in census
        for a in e.assessments
        if _in(a.authorised, year_start)
        and a.authorised <= calendar.add_working_days(a.started, ASSESSMENT_WORKING_DAYS)
    )


def section47s_started(census: list[Episode], year_start: datetime.date) -> Counter:
    """Section 47 enquiries started in the year (S47ActualStartDate from 1 April)."""
    return Counter(e.child for e in census for s in e.section47s if _in(s.started, year_start))


def initial_conferences(census: list[Episode], year_start: datetime.date, *, in_time_only: bool = False) -> Counter:
    """Initial child protection conferences held in the year (DateOfInitialCPC from 1 April); with
    in_time_only, those held by the census's own InitialCPCtarget (15 working days)."""
    return Counter(
        e.child
        for e in census
        for s in e.section47s
        if _in(s.icpc, year_start) and (not in_time_only or (s.target is not None and s.icpc <= s.target))
    )


def plans_open_at_year_end(census: list[Episode], category: str | None = None) -> Counter:
    """Child protection plans open on 31 March (no CPPendDate), of the LatestCategoryOfAbuse given."""
    return Counter(
        e.child
        for e in census
        for p in e.plans
        if p.ended is None and (category is None or p.latest_category == category)
    )


def plans_started(census: list[Episode], year_start: datetime.date, *, second_only: bool = False) -> Counter:
    """Child protection plans started in the year; with second_only, those with NumberOfPreviousCPP
    of 1 or more."""
    return Counter(
        e.child
        for e in census
        for p in e.plans
        if _in(p.started, year_start) and (not second_only or p.previous_plans >= 1)
    )


def plans_ended(census: list[Episode], year_start: datetime.date, *, two_years_only: bool = False) -> Counter:
    """Child protection plans ended in the year; with two_years_only, those that lasted 2 years or
    more (ended on or after the same date two years after they started)."""
    return Counter(
        e.child
        for e in census
        for p in e.plans
        if _in(p.ended, year_start) and (not two_years_only or p.ended >= add_months(p.started, 24))
    )


def children_in_need_at_year_end(census: list[Episode]) -> Counter:
    """Children in need on 31 March: children with an episode not closed by then (each once)."""
    return Counter({child: 1 for child in {e.child for e in census if e.closed is None}})


def referrals_nfa(census: list[Episode], year_start: datetime.date) -> Counter:
    """Referrals in the year marked ReferralNFA (closed with nothing ever done on them)."""
    return Counter(e.child for e in census if _in(e.referred, year_start) and e.referral_nfa)
