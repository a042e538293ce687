"""The returns and the indicator catalogue, one set of facts proved (docs/returns-903.md and
docs/returns-cin.md, "The Reconciliation page").

For a collection year, each figure that is both in a return and in the catalogue: the return's count,
worked out from the exported files alone as the DfE would count it (hearth/returns/ssda903/measures.py,
hearth/returns/cin_census/measures.py), beside the catalogue's count for 31 March (its indicator's rows,
the drill-down behind the figure), and every child whose counts differ, with the reason: a known
difference of definition between the two readings where one explains it, else that none does (a
defect to report). A figure of a return with no catalogue entry to set beside it says so.

Both sides count by child (Hearth ID): children for a figure of children, and rows (referrals,
assessments, enquiries, plans) by child for a figure of rows, so a child with two referrals in the
return and one in the catalogue is listed."""

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from hearth.calendar.selectors import current_calendar
from hearth.calendar.workingdays import WorkingCalendar
from hearth.core import collection_years
from hearth.core.shared_reads import shared_reads
from hearth.people.geography import grid_references
from hearth.people.models import format_hearth_id
from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.returns.cin_census import measures as cin
from hearth.returns.cin_census.export import export_cin_census
from hearth.returns.models import ReturnName
from hearth.returns.ssda903 import measures as lac
from hearth.returns.ssda903.export import export_903

ROWS, COUNTED = "rows", "counted"

NO_DEFINITIONAL_DIFFERENCE = (
    "No difference of definition explains this child: the return and the catalogue read the record "
    "differently here, which is a defect to report."
)
UASC_HOME_POSTCODE_LEFT_OUT = (
    "Unaccompanied asylum-seeking this year or last: the return leaves HOME_POST out (rule 406), so the "
    "DfE counts the distance as not known; the catalogue measures it from the home postcode on the record."
)
DISTANCE_ROUNDED = (
    "Placed about 20 miles from home: the return's PL_DISTANCE is {miles} miles (metres / 1000 / 1.6093, to "
    "one decimal), the catalogue's distance is unrounded with 1,609.344 metres to the mile."
)


@dataclass(frozen=True)
class Source:
    """What the reconciliation reads for one collection year: the files the returns export."""

    collection_year: int
    files_903: dict[str, bytes]
    episode_history: dict[str, list[dict[str, str]]]  # the 903 episodes of the three years to 31 March
    census: list[cin.Episode]
    census_last_year: list[cin.Episode]
    calendar: WorkingCalendar

    @property
    def year_start(self) -> datetime.date:
        return collection_years.year_start(self.collection_year)

    @property
    def year_end(self) -> datetime.date:
        return collection_years.year_end(self.collection_year)


# Progress: report(stage, done, total), a stage one of these (the background run's progress bar).
EXPORTING_903, EXPORTING_CENSUS, COMPARING = "EXPORTING_903", "EXPORTING_CENSUS", "COMPARING"


def read_returns(collection_year: int, progress: Callable[[str, int, int], None] | None = None) -> Source:
    """Export the year's 903 (and the two years before, whose episodes L07 needs), and the year's
    census (and the year before's, which holds the referrals a re-referral may follow)."""
    report = progress or (lambda stage, done, total: None)
    years = (collection_year - 2, collection_year - 1, collection_year)
    years_903 = {}
    for index, year in enumerate(years):
        # Each year's files in turn: the bar moves a file at a time across the three years.
        years_903[year] = export_903(
            year, progress=lambda done, total, index=index: report(EXPORTING_903, index * total + done, 3 * total)
        )
    census = cin.episodes(
        export_cin_census(collection_year, progress=lambda done, total: report(EXPORTING_CENSUS, done, 2 * total))
    )
    census_last_year = cin.episodes(
        export_cin_census(
            collection_year - 1, progress=lambda done, total: report(EXPORTING_CENSUS, total + done, 2 * total)
        )
    )
    return Source(
        collection_year=collection_year,
        files_903=years_903[collection_year],
        episode_history=lac.episode_history(*years_903.values()),
        census=census,
        census_last_year=census_last_year,
        calendar=current_calendar(),
    )


def _children(children) -> Counter:
    return Counter({child: 1 for child in children})


# The definitional differences a child's difference may be explained by, pair by pair ------------------


def _distance_reason(source: Source, child: str, in_return: int, in_catalogue: int) -> str | None:
    """L08: the return's distance is PL_DISTANCE from the file's postcodes; the catalogue's is the
    record's, unrounded."""
    episode = lac.open_episodes(source.files_903).get(child)
    if episode is None:
        return None
    uasc = {row["CHILD"] for row in lac.rows(source.files_903, "UASC")}
    if in_catalogue > in_return and not episode["HOME_POST"] and child in uasc:
        return UASC_HOME_POSTCODE_LEFT_OUT
    located = grid_references([code for code in (episode["HOME_POST"], episode["PL_POST"]) if code])
    miles = lac.pl_distance(episode["HOME_POST"], episode["PL_POST"], located)
    if miles is not None and abs(miles - 20) <= 0.1:
        return DISTANCE_ROUNDED.format(miles=miles)
    return None


@dataclass(frozen=True)
class Pair:
    """One figure both in a return and (where it has one) in the catalogue."""

    key: str
    title: str
    return_name: str  # ReturnName
    reads: str  # how the return's count is read from its files
    from_return: Callable[[Source], Counter]
    indicator_id: str | None = None
    part: str = ROWS  # the indicator's rows (its denominator, or a rate's children) or those counted
    # No catalogue entry: why (and what in the catalogue comes nearest, if anything).
    no_entry: str = ""
    # A known difference of definition that may explain a child's difference, or None.
    explain: Callable[[Source, str, int, int], str | None] | None = None
    definition_note: str = ""  # a difference of definition that holds whatever the children

    @property
    def indicator(self):
        return CATALOGUE_BY_ID[self.indicator_id] if self.indicator_id else None

    @property
    def catalogue_reads(self) -> str:
        if self.indicator is None:
            return ""
        return "the children counted" if self.part == COUNTED else "the rows behind the figure"


def _oc3(counts=None, band=None):
    def measure(source: Source) -> Counter:
        found = lac.oc3(source.files_903, source.year_end, counts or (lambda r: True), band=band)
        return _children(found.numerator)

    return measure


OC2_BY_CONSTRUCTION = (
    "The OC2 file is built from the cohort L12-L15 and L20 count (the children looked after for the whole year), so "
    "who is in it agrees by construction; what each counts is read from the file's columns."
)


def _oc2(source: Source, column: str | None = None, member=lambda row: True) -> Counter:
    counts = lac.OC2_MEASURES[column] if column else (lambda row: True)
    found = lac.oc2(source.files_903, counts, member)
    return _children(found.numerator)


def _sdq_owed(source: Source):
    return lambda row: lac.sdq_owed(row, source.year_start, source.year_end)


PAIRS: tuple[Pair, ...] = (
    # The SSDA903 ------------------------------------------------------------------------------------
    Pair(
        "lac-31-march",
        "Looked after on 31 March",
        ReturnName.SSDA903,
        "Children with an Episodes row open on 31 March (DEC blank), LS not V3 or V4",
        lambda s: _children(lac.l01(s.files_903).denominator),
        "L01",
    ),
    Pair(
        "lac-started",
        "Started to be looked after in the year",
        ReturnName.SSDA903,
        "Children with an episode that began a period of care (RNE S) from 1 April, LS not V3 or V4",
        lambda s: _children(lac.started_in_year(s.files_903, s.year_start)),
        no_entry="The catalogue has no figure of children who started to be looked after. L16 counts the "
        "periods of care started since 1 April whose 20 working days have run out, a different figure.",
    ),
    Pair(
        "lac-ceased",
        "Ceased to be looked after in the year",
        ReturnName.SSDA903,
        "Children with an episode that ended a period of care in the year (REC other than X1), LS not V3 or V4",
        lambda s: _children(lac.ceased_in_year(s.files_903)),
        no_entry="The catalogue has no figure of children who ceased to be looked after.",
    ),
    Pair(
        "lac-three-placements",
        "Looked after on 31 March with 3 or more placements in the year",
        ReturnName.SSDA903,
        "Of those looked after on 31 March, the placement held on 1 April and each later episode with RNE S, "
        "P or B, temporary placements (T0-T4) left out: 3 or more",
        lambda s: _children(lac.l06(s.files_903, s.year_start).numerator),
        "L06",
        COUNTED,
    ),
    Pair(
        "lac-long-term",
        "Under 16, looked after 2.5 years or more",
        ReturnName.SSDA903,
        "Of those looked after on 31 March, under 16 (Header DOB), whose episodes run back without a break to "
        "a DECOM 2.5 years or more before (the three years' returns)",
        lambda s: _children(lac.l07(s.files_903, s.episode_history, s.year_end).denominator),
        "L07",
    ),
    Pair(
        "lac-long-term-stable",
        "Of them, in the same placement 2 years or more",
        ReturnName.SSDA903,
        "Of those, whose episodes run back over RNE L, T and U only to a DECOM 2 years or more before",
        lambda s: _children(lac.l07(s.files_903, s.episode_history, s.year_end).numerator),
        "L07",
        COUNTED,
    ),
    Pair(
        "lac-distance-known",
        "Looked after on 31 March, distance from home known",
        ReturnName.SSDA903,
        "Of those looked after on 31 March, whose open episode's HOME_POST and PL_POST are both in the ONS "
        "Postcode Directory",
        lambda s: _children(lac.l08(s.files_903).denominator),
        "L08",
        explain=_distance_reason,
    ),
    Pair(
        "lac-over-20-miles",
        "Of them, placed more than 20 miles from home",
        ReturnName.SSDA903,
        "Of those, whose PL_DISTANCE (as the DfE's validator derives it) is over 20 miles",
        lambda s: _children(lac.l08(s.files_903).numerator),
        "L08",
        COUNTED,
        explain=_distance_reason,
    ),
    # The OC2 file: looked after for the 12 months to 31 March -------------------------------------------
    Pair(
        "oc2-cohort",
        "Looked after for the 12 months to 31 March (the OC2 rows)",
        ReturnName.SSDA903,
        "The OC2 rows: children looked after continuously from 1 April, not on a short break (V3, V4) in the year",
        lambda s: _oc2(s),
        "L12",
        definition_note=OC2_BY_CONSTRUCTION,
    ),
    Pair(
        "oc2-health-assessment",
        "Of them, health assessments up to date",
        ReturnName.SSDA903,
        "The OC2 rows with HEALTH_ASSESSMENT 1",
        lambda s: _oc2(s, "HEALTH_ASSESSMENT"),
        "L12",
        COUNTED,
        definition_note="L10 (health assessments up to date) is not compared: it counts every child looked after "
        "on the date, however long, where the return counts the 12 months' cohort. The two differ on purpose.",
    ),
    Pair(
        "oc2-teeth-check",
        "Of them, teeth checked in the year",
        ReturnName.SSDA903,
        "The OC2 rows with TEETH_CHECK 1",
        lambda s: _oc2(s, "TEETH_CHECK"),
        "L13",
        COUNTED,
        definition_note="L11 (dental checks up to date) is not compared: it counts every child looked after on the "
        "date and asks whether the next check is overdue, not whether one was done in the 12 months.",
    ),
    Pair(
        "oc2-immunisations",
        "Of them, immunisations up to date",
        ReturnName.SSDA903,
        "The OC2 rows with IMMUNISATIONS 1",
        lambda s: _oc2(s, "IMMUNISATIONS"),
        "L14",
        COUNTED,
    ),
    Pair(
        "oc2-sdq-owed",
        "Of them, aged 4 to 16 (owed an SDQ)",
        ReturnName.SSDA903,
        "The OC2 rows whose DOB makes the child 4 or over on 1 April and under 17 on 31 March (rule 186)",
        lambda s: _oc2(s, member=_sdq_owed(s)),
        "L15",
    ),
    Pair(
        "oc2-sdq-score",
        "Of them, with an SDQ score",
        ReturnName.SSDA903,
        "Of those, the rows with an SDQ_SCORE",
        lambda s: _oc2(s, "SDQ_SCORE", member=_sdq_owed(s)),
        "L15",
        COUNTED,
    ),
    Pair(
        "oc2-sdq-concern",
        "Of them, an SDQ score that is a cause for concern",
        ReturnName.SSDA903,
        "Of those with a score, SDQ_SCORE 17 or more",
        lambda s: _oc2(s, "SDQ_CONCERN", member=_sdq_owed(s)),
        "L20",
        COUNTED,
    ),
    Pair(
        "oc2-health-check",
        "Of them, under 5 with development checks up to date",
        ReturnName.SSDA903,
        "The OC2 rows with HEALTH_CHECK 1",
        lambda s: _oc2(s, "HEALTH_CHECK"),
        no_entry="The catalogue has no figure of under-5s' development checks.",
    ),
    Pair(
        "oc2-convicted",
        "Of them, convicted in the year",
        ReturnName.SSDA903,
        "The OC2 rows with CONVICTED 1 (children 10 or over)",
        lambda s: _oc2(s, "CONVICTED"),
        no_entry="The catalogue has no figure of convictions.",
    ),
    Pair(
        "oc2-substance-misuse",
        "Of them, a substance misuse problem identified in the year",
        ReturnName.SSDA903,
        "The OC2 rows with SUBSTANCE_MISUSE 1",
        lambda s: _oc2(s, "SUBSTANCE_MISUSE"),
        no_entry="The catalogue has no figure of substance misuse.",
    ),
    # The Missing file ---------------------------------------------------------------------------------
    Pair(
        "missing-children",
        "Children missing or away from placement in the year",
        ReturnName.SSDA903,
        "Children with a Missing row whose MIS_START is from 1 April",
        lambda s: _children(r["CHILD"] for r in lac.missing_episodes(s.files_903, s.year_start)),
        "L18",
    ),
    Pair(
        "missing-episodes",
        "Missing and away episodes started in the year",
        ReturnName.SSDA903,
        "Missing rows whose MIS_START is from 1 April",
        lambda s: Counter(r["CHILD"] for r in lac.missing_episodes(s.files_903, s.year_start)),
        "L18E",
    ),
    Pair(
        "missing-rows",
        "Missing and away episodes in the return",
        ReturnName.SSDA903,
        "Every Missing row, those open on 1 April that began the year before included (rule 576)",
        lambda s: Counter(r["CHILD"] for r in lac.missing_episodes(s.files_903)),
        no_entry="Not compared, on purpose: the return also holds the episodes that began before 1 April and were "
        "still open on it; L18E counts the episodes started since 1 April (the row above). L19 (return home "
        "interviews within 72 hours) has no figure in the return: the Missing file has no column for interviews.",
    ),
    Pair(
        "leavers",
        "Care leavers whose 17th to 21st birthday fell in the year",
        ReturnName.SSDA903,
        "The OC3 rows",
        _oc3(),
        "C02",
        definition_note="The OC3 file is built from the cohort the C indicators count, so who is in it agrees "
        "by construction; what each counts is read from the file's codes.",
    ),
    Pair(
        "leavers-in-touch",
        "Care leavers in touch",
        ReturnName.SSDA903,
        "The OC3 rows with IN_TOUCH YES",
        _oc3(lac.OC3_MEASURES["C02"]),
        "C02",
        COUNTED,
    ),
    Pair(
        "leavers-in-touch-17-18",
        "Care leavers in touch, aged 17-18",
        ReturnName.SSDA903,
        "The OC3 rows of young people 17 or 18 on 31 March with IN_TOUCH YES",
        _oc3(lac.OC3_MEASURES["C02"], "17-18"),
        "C02a",
        COUNTED,
    ),
    Pair(
        "leavers-in-touch-19-21",
        "Care leavers in touch, aged 19-21",
        ReturnName.SSDA903,
        "The OC3 rows of young people 19 to 21 on 31 March with IN_TOUCH YES",
        _oc3(lac.OC3_MEASURES["C02"], "19-21"),
        "C02b",
        COUNTED,
    ),
    Pair(
        "leavers-suitable",
        "Care leavers in suitable accommodation",
        ReturnName.SSDA903,
        "The OC3 rows whose ACCOM ends in 1",
        _oc3(lac.OC3_MEASURES["C03"]),
        "C03",
        COUNTED,
    ),
    Pair(
        "leavers-eet",
        "Care leavers in education, employment or training",
        ReturnName.SSDA903,
        "The OC3 rows whose ACTIV is F1, P1, F2, P2, F4, P4, F5 or P5",
        _oc3(lac.OC3_MEASURES["C04"]),
        "C04",
        COUNTED,
    ),
    Pair(
        "leavers-neet",
        "Care leavers not in education, employment or training",
        ReturnName.SSDA903,
        "The OC3 rows whose ACTIV is G4, G5 or G6",
        _oc3(lac.OC3_MEASURES["C05"]),
        "C05",
        COUNTED,
    ),
    # The children in need census -------------------------------------------------------------------
    Pair(
        "cin-31-march",
        "Children in need on 31 March",
        ReturnName.CIN,
        "Children with a CINdetails not closed by 31 March (no CINclosureDate)",
        lambda s: cin.children_in_need_at_year_end(s.census),
        "N03",
    ),
    Pair(
        "referrals",
        "Referrals in the year",
        ReturnName.CIN,
        "CINdetails with a CINreferralDate from 1 April",
        lambda s: cin.referrals(s.census, s.year_start),
        "R03",
    ),
    Pair(
        "re-referrals",
        "Re-referrals within 12 months of a previous referral",
        ReturnName.CIN,
        "Of those, the ones referred within 12 months of another CINdetails of the same child referred on or "
        "before the day (this year's census and last year's)",
        lambda s: cin.re_referrals(s.census, s.census_last_year, s.year_start),
        "R03",
        COUNTED,
    ),
    Pair(
        "referrals-nfa",
        "Referrals with no further action",
        ReturnName.CIN,
        "CINdetails referred from 1 April with ReferralNFA true",
        lambda s: cin.referrals_nfa(s.census, s.year_start),
        no_entry="The catalogue has no figure with the census's definition. R02 counts the referrals whose "
        "assessment concluded no further action; ReferralNFA marks a referral closed with nothing ever done "
        "on it (no assessment, enquiry or plan). The two differ by definition, so they are not compared.",
    ),
    Pair(
        "assessments",
        "Assessments completed in the year",
        ReturnName.CIN,
        "Assessments with an AssessmentAuthorisationDate from 1 April",
        lambda s: cin.assessments_completed(s.census, s.year_start),
        "A01",
    ),
    Pair(
        "assessments-45",
        "Of them, completed within 45 working days",
        ReturnName.CIN,
        "Of those, authorised within 45 working days of AssessmentActualStartDate (England's bank holidays)",
        lambda s: cin.assessments_in_45_working_days(s.census, s.year_start, s.calendar),
        "A01",
        COUNTED,
    ),
    Pair(
        "section-47s",
        "Section 47 enquiries started in the year",
        ReturnName.CIN,
        "Section47 blocks with an S47ActualStartDate from 1 April",
        lambda s: cin.section47s_started(s.census, s.year_start),
        "S01",
    ),
    Pair(
        "icpcs",
        "Initial child protection conferences in the year",
        ReturnName.CIN,
        "Section47 blocks with a DateOfInitialCPC from 1 April",
        lambda s: cin.initial_conferences(s.census, s.year_start),
        "S02",
    ),
    Pair(
        "icpcs-in-15",
        "Of them, within 15 working days of the strategy discussion",
        ReturnName.CIN,
        "Of those, a DateOfInitialCPC on or before the InitialCPCtarget",
        lambda s: cin.initial_conferences(s.census, s.year_start, in_time_only=True),
        "S02",
        COUNTED,
    ),
    Pair(
        "cp-31-march",
        "On a child protection plan on 31 March",
        ReturnName.CIN,
        "ChildProtectionPlans with no CPPendDate",
        lambda s: cin.plans_open_at_year_end(s.census),
        "P01",
    ),
    *(
        Pair(
            f"cp-category-{code.lower()}",
            f"On a plan on 31 March, latest category {label}",
            ReturnName.CIN,
            f"ChildProtectionPlans with no CPPendDate and LatestCategoryOfAbuse {code}",
            lambda s, code=code: cin.plans_open_at_year_end(s.census, code),
            f"P02{code}",
            COUNTED,
        )
        for code, label in (
            ("NEG", "neglect"),
            ("PHY", "physical abuse"),
            ("SAB", "sexual abuse"),
            ("EMO", "emotional abuse"),
            ("MUL", "multiple"),
        )
    ),
    Pair(
        "cp-started",
        "Child protection plans started in the year",
        ReturnName.CIN,
        "ChildProtectionPlans with a CPPstartDate from 1 April",
        lambda s: cin.plans_started(s.census, s.year_start),
        "P04",
    ),
    Pair(
        "cp-second",
        "Of them, second or subsequent plans",
        ReturnName.CIN,
        "Of those, NumberOfPreviousCPP 1 or more",
        lambda s: cin.plans_started(s.census, s.year_start, second_only=True),
        "P04",
        COUNTED,
    ),
    Pair(
        "cp-ended",
        "Child protection plans ended in the year",
        ReturnName.CIN,
        "ChildProtectionPlans with a CPPendDate from 1 April",
        lambda s: cin.plans_ended(s.census, s.year_start),
        "P03",
    ),
    Pair(
        "cp-ended-two-years",
        "Of them, lasting 2 years or more",
        ReturnName.CIN,
        "Of those, a CPPendDate on or after the same date two years after CPPstartDate",
        lambda s: cin.plans_ended(s.census, s.year_start, two_years_only=True),
        "P03",
        COUNTED,
    ),
)
PAIRS_BY_KEY = {pair.key: pair for pair in PAIRS}


@dataclass(frozen=True)
class ChildDifference:
    reference: str  # the Hearth ID
    in_return: int
    in_catalogue: int
    reason: str
    definitional: bool  # a known difference of definition (not a defect)


@dataclass(frozen=True)
class Line:
    pair: Pair
    return_count: int
    catalogue_count: int | None  # None: no catalogue entry
    differences: list[ChildDifference] = field(default_factory=list)

    @property
    def compared(self) -> bool:
        return self.catalogue_count is not None

    @property
    def agrees(self) -> bool:
        return self.compared and not self.differences


def catalogue_counts(indicator_id: str, as_of: datetime.date) -> tuple[Counter, Counter]:
    """The indicator's rows as of the date (its drill-down), by child (Hearth ID): all of them, and
    those counted."""
    rows = CATALOGUE_BY_ID[indicator_id].rows(as_of)
    return (
        Counter(format_hearth_id(row.child_id) for row in rows),
        Counter(format_hearth_id(row.child_id) for row in rows if row.counted),
    )


def compare(pair: Pair, source: Source, from_return: Counter, from_catalogue: Counter) -> list[ChildDifference]:
    """Each child whose counts differ, with the reason."""
    differences = []
    for child in sorted(from_return.keys() | from_catalogue.keys()):
        in_return, in_catalogue = from_return[child], from_catalogue[child]
        if in_return == in_catalogue:
            continue
        reason = pair.explain(source, child, in_return, in_catalogue) if pair.explain else None
        differences.append(
            ChildDifference(
                reference=child,
                in_return=in_return,
                in_catalogue=in_catalogue,
                reason=reason or NO_DEFINITIONAL_DIFFERENCE,
                definitional=reason is not None,
            )
        )
    return differences


def reconcile(
    source: Source, pairs: tuple[Pair, ...] = PAIRS, progress: Callable[[str, int, int], None] | None = None
) -> list[Line]:
    """Every pair for the source's year, in order."""
    report = progress or (lambda stage, done, total: None)
    lines = []
    held: dict[str, tuple[Counter, Counter]] = {}
    with shared_reads():
        for done, pair in enumerate(pairs, start=1):
            from_return = pair.from_return(source)
            if pair.indicator_id is None:
                lines.append(Line(pair, sum(from_return.values()), None))
            else:
                if pair.indicator_id not in held:
                    held[pair.indicator_id] = catalogue_counts(pair.indicator_id, source.year_end)
                rows, counted = held[pair.indicator_id]
                from_catalogue = counted if pair.part == COUNTED else rows
                lines.append(
                    Line(
                        pair,
                        sum(from_return.values()),
                        sum(from_catalogue.values()),
                        compare(pair, source, from_return, from_catalogue),
                    )
                )
            report(COMPARING, done, len(pairs))
    return lines


# Kept with a background run (ReconciliationRun.lines) and read back for the page ---------------------


def lines_as_data(lines: list[Line]) -> list[dict]:
    """The lines as JSON: each figure by its pair's key, with its counts and differing children."""
    return [
        {
            "key": line.pair.key,
            "return_count": line.return_count,
            "catalogue_count": line.catalogue_count,
            "differences": [
                [d.reference, d.in_return, d.in_catalogue, d.reason, d.definitional] for d in line.differences
            ],
        }
        for line in lines
    ]


def lines_from_data(data: list[dict]) -> list[Line] | None:
    """The lines kept by lines_as_data, in the page's order; None when they are not every figure the
    page now has (kept before a figure was added or renamed): the result must be worked out again."""
    if [item["key"] for item in data] != [pair.key for pair in PAIRS]:
        return None
    return [
        Line(
            PAIRS_BY_KEY[item["key"]],
            item["return_count"],
            item["catalogue_count"],
            [ChildDifference(*difference) for difference in item["differences"]],
        )
        for item in data
    ]
