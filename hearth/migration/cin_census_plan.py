"""Checking the census files before anything is written: each element's value against the DfE's
code lists and formats, then each child's elements across every year brought together (the same
referral, assessment, enquiry or plan seen in two years is one; the same fact told two ways is a
conflict, reported, not guessed). The result is a plan per child for the writer
(cin_census_services.py), or the problems. Each fact keeps the element it came from: a SourceRow
whose file is the census file, whose line is the element's and whose "columns" are element names."""

import datetime
from dataclasses import dataclass, field

from hearth.assessment.codes import sort_key as factor_order
from hearth.core import collection_years
from hearth.frontdoor.models import ClosureReason, PrimaryNeed
from hearth.migration.cin_census_reading import CensusFile, Element
from hearth.migration.reading import Problem, SourceRow, collection_label
from hearth.people.codes import Disability, Ethnicity, UpnUnknownReason
from hearth.people.identifiers import upn_is_valid
from hearth.protection.models import Category

FILE_NAME = "CIN census"  # how the chronology names the source: "2024-25 CIN census line 48"

ERROR_REQUIRED = "A value is needed here"
ERROR_DATE = "{value!r} is not a date: the census writes dates as YYYY-MM-DD, like 2024-04-07"
ERROR_CODE = "{value!r} is not one of the DfE's codes for {element}"
ERROR_BOOLEAN = "{value!r} is neither true nor false"
ERROR_NUMBER = "{value!r} is not a whole number"
ERROR_UPN = "{value!r} is not a valid UPN (a letter and 12 more characters, its check letter right)"
ERROR_SEX = "{value!r} is not a sex code: M (or 1), F (or 2), U"
ERROR_NO_BIRTH = "Give PersonBirthDate, or ExpectedPersonBirthDate for an unborn child"
ERROR_CHILD_TWICE = "Child {child} is in this file twice (first on line {line}): one Child element a child"
ERROR_CONFLICT = "{element} is {value!r} here but {other!r} in {source}: the files disagree about this child"
ERROR_ITEM_CONFLICT = "{element} is {value!r} here but {other!r} in {source} for the {item} starting {start}"
ERROR_ENDS_BEFORE = "{element} ({end}) is before the {item} started ({start})"
ERROR_YEAR_TWICE = "Two census files are for {year} ({first} and {second}): keep one"

SEXES = {"1": "M", "2": "F", "M": "M", "F": "F", "U": "U", "0": "U", "9": "U"}


def parse_census_date(value: str) -> datetime.date | None:
    """YYYY-MM-DD (the census's form); DD/MM/YYYY as some systems write it."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value[:10] if "-" in value else value, pattern).date()
        except ValueError:
            continue
    return None


@dataclass
class AssessmentFact:
    row: SourceRow
    started_on: datetime.date
    internal_review_on: datetime.date | None
    authorised_on: datetime.date | None
    factors: list[str]


@dataclass
class CinPlanFact:
    row: SourceRow
    started_on: datetime.date
    ended_on: datetime.date | None


@dataclass
class Section47Fact:
    row: SourceRow
    started_on: datetime.date
    icpc_on: datetime.date | None
    not_required: bool
    not_required_from: datetime.date | None = None  # 1 April of the first year saying no ICPC is needed


@dataclass
class ProtectionPlanFact:
    row: SourceRow
    started_on: datetime.date
    ended_on: datetime.date | None
    initial_category: str
    previous_plans: int | None
    latest_by_year: dict[int, str] = field(default_factory=dict)  # the latest category each year's 31 March
    reviews: list[tuple[SourceRow, datetime.date]] = field(default_factory=list)


@dataclass
class ReferralFact:
    row: SourceRow
    referral_date: datetime.date
    source: str
    primary_need: str
    closed_on: datetime.date | None
    closure_reason: str
    nfa: bool
    assessments: list[AssessmentFact] = field(default_factory=list)
    cin_plans: list[CinPlanFact] = field(default_factory=list)
    section47s: list[Section47Fact] = field(default_factory=list)
    protection_plans: list[ProtectionPlanFact] = field(default_factory=list)


@dataclass
class CensusYearChild:
    """What one year's census says of a child's identifiers and characteristics, on its 31 March."""

    row: SourceRow
    upn: str
    former_upn: str
    upn_reason: str
    born: datetime.date | None
    expected_on: datetime.date | None
    sex: str
    died_on: datetime.date | None
    ethnicity: str
    disabilities: list[str]


@dataclass
class CensusChildPlan:
    """Everything the census files say about one child, checked, oldest year first."""

    legacy_id: str
    years: list[CensusYearChild] = field(default_factory=list)
    referrals: list[ReferralFact] = field(default_factory=list)

    @property
    def latest(self) -> CensusYearChild:
        return self.years[-1]


@dataclass
class CensusPlan:
    children: dict[str, CensusChildPlan] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files_read: list[str] = field(default_factory=list)


class ElementChecks:
    """Reads one element's values, noting each bad one as a problem of its line."""

    def __init__(self, element: Element, census: CensusFile, child: str, problems: list[Problem]):
        self.element, self.census, self.child, self.problems = element, census, child, problems
        self.row = SourceRow(census.year, FILE_NAME, census.path, element.line, {"CHILD": child})

    def fail(self, tag: str, reason: str) -> None:
        self.problems.append(Problem(self.census.path, self.element.line_of(tag), tag, reason, self.child))

    def text(self, tag: str, *, required: bool = False) -> str:
        value = self.element.value(tag)
        if required and not value:
            self.fail(tag, ERROR_REQUIRED)
        return value

    def date(self, tag: str, *, required: bool = False) -> datetime.date | None:
        value = self.text(tag, required=required)
        if not value:
            return None
        day = parse_census_date(value)
        if day is None:
            self.fail(tag, ERROR_DATE.format(value=value))
        return day

    def code(self, tag: str, codes, *, required: bool = False) -> str:
        value = self.text(tag, required=required)
        if value and value not in codes:
            self.fail(tag, ERROR_CODE.format(value=value, element=tag))
            return ""
        return value

    def boolean(self, tag: str) -> bool:
        value = self.text(tag).lower()
        if value not in ("", "true", "false", "1", "0"):
            self.fail(tag, ERROR_BOOLEAN.format(value=value))
        return value in ("true", "1")

    def number(self, tag: str) -> int | None:
        value = self.text(tag)
        if value and not value.isdigit():
            self.fail(tag, ERROR_NUMBER.format(value=value))
            return None
        return int(value) if value else None

    def ends(self, tag: str, start: datetime.date | None, end: datetime.date | None, item: str) -> None:
        if start and end and end < start:
            self.fail(tag, ERROR_ENDS_BEFORE.format(element=tag, end=end, start=start, item=item))


def plan_census_import(files: list[CensusFile], *, sources: set[str], factors: set[str]) -> CensusPlan:
    """Every child of every file, checked and brought together across years, oldest year first.
    `sources` and `factors` are the census code lists Hearth holds as data (referral sources,
    assessment factors)."""
    plan = CensusPlan()
    by_year: dict[int, CensusFile] = {}
    for census in files:
        plan.problems.extend(census.problems)
        if census.problems:
            continue
        if census.year in by_year:
            first = by_year[census.year].path
            plan.problems.append(
                Problem(
                    census.path, None, "", ERROR_YEAR_TWICE.format(year=census.year, first=first, second=census.path)
                )
            )
            continue
        by_year[census.year] = census
    for year in sorted(by_year):
        census = by_year[year]
        plan.files_read.append(census.path)
        seen: dict[str, int] = {}
        for element in census.children:
            _add_child(plan, census, element, seen, sources, factors)
    return plan


def _add_child(plan, census, element: Element, seen: dict, sources, factors) -> None:
    identifiers = element.find("ChildIdentifiers") or Element("ChildIdentifiers", element.line)
    described = element.find("ChildCharacteristics") or Element("ChildCharacteristics", element.line)
    legacy = identifiers.value("LAchildID")
    id_checks = ElementChecks(identifiers, census, legacy, plan.problems)
    if not legacy:
        id_checks.fail("LAchildID", ERROR_REQUIRED)
        return
    if legacy in seen:
        id_checks.fail("LAchildID", ERROR_CHILD_TWICE.format(child=legacy, line=seen[legacy]))
        return
    seen[legacy] = element.line
    before = len(plan.problems)
    year_child = _year_child(id_checks, ElementChecks(described, census, legacy, plan.problems), described)
    referrals = [
        _referral(ElementChecks(e, census, legacy, plan.problems), e, sources, factors)
        for e in element.findall("CINdetails")
    ]
    if len(plan.problems) > before:
        return
    child = plan.children.setdefault(legacy, CensusChildPlan(legacy))
    _merge_year(plan, child, year_child)
    for referral in referrals:
        _merge_referral(plan, child, referral)


def _year_child(checks: ElementChecks, described_checks: ElementChecks, described: Element) -> CensusYearChild:
    upn, former = checks.text("UPN").upper(), checks.text("FormerUPN").upper()
    for tag, value in (("UPN", upn), ("FormerUPN", former)):
        if value and not upn_is_valid(value):
            checks.fail(tag, ERROR_UPN.format(value=value))
    sex = checks.text("Sex") or checks.text("GenderCurrent")
    if sex and sex.upper() not in SEXES:
        checks.fail("Sex", ERROR_SEX.format(value=sex))
    born, expected = checks.date("PersonBirthDate"), checks.date("ExpectedPersonBirthDate")
    if born is None and expected is None and not checks.text("PersonBirthDate"):
        checks.fail("PersonBirthDate", ERROR_NO_BIRTH)
    disabilities_element = described.find("Disabilities")
    disabilities = [d.text.strip() for d in disabilities_element.findall("Disability")] if disabilities_element else []
    for code in disabilities:
        if code not in Disability.values:
            described_checks.fail("Disabilities", ERROR_CODE.format(value=code, element="Disability"))
    return CensusYearChild(
        row=checks.row,
        upn=upn,
        former_upn=former,
        upn_reason=checks.code("UPNunknown", UpnUnknownReason.values),
        born=born,
        expected_on=expected,
        sex=SEXES.get(sex.upper(), "U") if sex else "U",
        died_on=checks.date("PersonDeathDate"),
        ethnicity=described_checks.code("Ethnicity", Ethnicity.values),
        disabilities=disabilities,
    )


def _referral(checks: ElementChecks, element: Element, sources, factors) -> ReferralFact:
    referred, closed = checks.date("CINreferralDate", required=True), checks.date("CINclosureDate")
    checks.ends("CINclosureDate", referred, closed, "referral")
    reason = checks.code("ReasonForClosure", ClosureReason.values)
    if closed and not reason:
        checks.fail("ReasonForClosure", ERROR_REQUIRED)
    referral = ReferralFact(
        row=checks.row,
        referral_date=referred,
        source=checks.code("ReferralSource", sources, required=True),
        primary_need=checks.code("PrimaryNeedCode", PrimaryNeed.values, required=True),
        closed_on=closed,
        closure_reason=reason if closed else "",
        nfa=checks.boolean("ReferralNFA"),
    )
    for item in element.findall("Assessments"):
        referral.assessments.append(_assessment(_checks_of(checks, item), item, factors))
    for item in element.findall("CINPlanDates"):
        item_checks = _checks_of(checks, item)
        started, ended = item_checks.date("CINPlanStartDate", required=True), item_checks.date("CINPlanEndDate")
        item_checks.ends("CINPlanEndDate", started, ended, "child in need plan")
        referral.cin_plans.append(CinPlanFact(item_checks.row, started, ended))
    for item in element.findall("Section47"):
        item_checks = _checks_of(checks, item)
        started, icpc = item_checks.date("S47ActualStartDate", required=True), item_checks.date("DateOfInitialCPC")
        item_checks.ends("DateOfInitialCPC", started, icpc, "section 47 enquiry")
        not_required = item_checks.boolean("ICPCnotRequired")
        referral.section47s.append(
            Section47Fact(item_checks.row, started, icpc, not_required, _year_start(checks) if not_required else None)
        )
    for item in element.findall("ChildProtectionPlans"):
        referral.protection_plans.append(_protection_plan(_checks_of(checks, item), item))
    return referral


def _checks_of(parent: ElementChecks, element: Element) -> ElementChecks:
    return ElementChecks(element, parent.census, parent.child, parent.problems)


def _year_start(checks: ElementChecks) -> datetime.date:
    return collection_years.year_start(checks.census.year)


def _assessment(checks: ElementChecks, element: Element, factors) -> AssessmentFact:
    started = checks.date("AssessmentActualStartDate", required=True)
    reviewed, authorised = checks.date("AssessmentInternalReviewDate"), checks.date("AssessmentAuthorisationDate")
    checks.ends("AssessmentAuthorisationDate", started, authorised, "assessment")
    found = element.find("FactorsIdentifiedAtAssessment")
    codes = [f.text.strip().upper() for f in found.findall("AssessmentFactors")] if found else []
    for code in codes:
        if code not in factors:
            checks.fail("FactorsIdentifiedAtAssessment", ERROR_CODE.format(value=code, element="AssessmentFactors"))
    return AssessmentFact(checks.row, started, reviewed, authorised, sorted(set(codes), key=factor_order))


def _protection_plan(checks: ElementChecks, element: Element) -> ProtectionPlanFact:
    started, ended = checks.date("CPPstartDate", required=True), checks.date("CPPendDate")
    checks.ends("CPPendDate", started, ended, "child protection plan")
    plan = ProtectionPlanFact(
        row=checks.row,
        started_on=started,
        ended_on=ended,
        initial_category=checks.code("InitialCategoryOfAbuse", Category.values, required=True),
        previous_plans=checks.number("NumberOfPreviousCPP"),
    )
    latest = checks.code("LatestCategoryOfAbuse", Category.values)
    plan.latest_by_year[checks.census.year] = latest or plan.initial_category
    for reviews in element.findall("Reviews"):
        for review in reviews.findall("CPPreviewDate"):
            review_checks = ElementChecks(reviews, checks.census, checks.child, checks.problems)
            day = parse_census_date(review.text.strip())
            if day is None:
                review_checks.fail("CPPreviewDate", ERROR_DATE.format(value=review.text.strip()))
            else:
                plan.reviews.append(
                    (
                        SourceRow(
                            checks.census.year, FILE_NAME, checks.census.path, review.line, {"CHILD": checks.child}
                        ),
                        day,
                    )
                )
    return plan


# Bringing the years together ---------------------------------------------------------------------


def _conflict(plan: CensusPlan, row: SourceRow, element: str, value, other, other_row: SourceRow, item="", start=None):
    if item:
        reason = ERROR_ITEM_CONFLICT.format(
            element=element, value=_shown(value), other=_shown(other), source=other_row.label, item=item, start=start
        )
    else:
        reason = ERROR_CONFLICT.format(
            element=element, value=_shown(value), other=_shown(other), source=other_row.label
        )
    plan.problems.append(Problem(row.path, row.line, element, reason, row["CHILD"]))


def _shown(value) -> str:
    if value is None or value == "":
        return "none"
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def _merge_year(plan: CensusPlan, child: CensusChildPlan, year: CensusYearChild) -> None:
    """A child's date of birth and sex once born do not change between years; a UPN once given
    stays unless a later year says it became a former UPN (the census's FormerUPN)."""
    for earlier in child.years:
        if earlier.born and year.born and earlier.born != year.born:
            _conflict(plan, year.row, "PersonBirthDate", year.born, earlier.born, earlier.row)
        if earlier.born and year.sex != earlier.sex and earlier.sex != "U" and year.sex != "U":
            _conflict(plan, year.row, "Sex", year.sex, earlier.sex, earlier.row)
        if earlier.died_on and year.died_on and earlier.died_on != year.died_on:
            _conflict(plan, year.row, "PersonDeathDate", year.died_on, earlier.died_on, earlier.row)
    child.years.append(year)


def _merge_referral(plan: CensusPlan, child: CensusChildPlan, referral: ReferralFact) -> None:
    held = next((r for r in child.referrals if r.referral_date == referral.referral_date), None)
    if held is None:
        child.referrals.append(referral)
        child.referrals.sort(key=lambda r: r.referral_date)
        return
    for element, mine, theirs in (
        ("ReferralSource", referral.source, held.source),
        ("PrimaryNeedCode", referral.primary_need, held.primary_need),
    ):
        if mine != theirs:
            _conflict(plan, referral.row, element, mine, theirs, held.row, "referral", referral.referral_date)
    _merge_end(plan, held, referral, "CINclosureDate", "closed_on", "referral", referral.referral_date)
    if referral.closed_on:
        held.closure_reason, held.nfa = referral.closure_reason, referral.nfa
    for assessment in referral.assessments:
        _merge_item(plan, held.assessments, assessment, "assessment", _merge_assessment)
    for cin_plan in referral.cin_plans:
        _merge_item(plan, held.cin_plans, cin_plan, "child in need plan", _merge_cin_plan)
    for enquiry in referral.section47s:
        _merge_item(plan, held.section47s, enquiry, "section 47 enquiry", _merge_section47)
    for cp_plan in referral.protection_plans:
        _merge_item(plan, held.protection_plans, cp_plan, "child protection plan", _merge_protection_plan)


def _merge_end(plan, held, new, element: str, attribute: str, item: str, start) -> None:
    """A later year may end what an earlier year saw open; an end said two ways is a conflict."""
    mine, theirs = getattr(new, attribute), getattr(held, attribute)
    if mine and theirs and mine != theirs:
        _conflict(plan, new.row, element, mine, theirs, held.row, item, start)
    elif mine:
        setattr(held, attribute, mine)


def _merge_item(plan, items: list, new, item: str, merge) -> None:
    held = next((i for i in items if i.started_on == new.started_on), None)
    if held is None:
        items.append(new)
        items.sort(key=lambda i: i.started_on)
    else:
        merge(plan, held, new, item)


def _merge_assessment(plan, held: AssessmentFact, new: AssessmentFact, item: str) -> None:
    _merge_end(plan, held, new, "AssessmentAuthorisationDate", "authorised_on", item, new.started_on)
    _merge_end(plan, held, new, "AssessmentInternalReviewDate", "internal_review_on", item, new.started_on)
    if new.factors and held.factors and new.factors != held.factors:
        _conflict(
            plan,
            new.row,
            "AssessmentFactors",
            " ".join(new.factors),
            " ".join(held.factors),
            held.row,
            item,
            new.started_on,
        )
    held.factors = held.factors or new.factors


def _merge_cin_plan(plan, held: CinPlanFact, new: CinPlanFact, item: str) -> None:
    _merge_end(plan, held, new, "CINPlanEndDate", "ended_on", item, new.started_on)


def _merge_section47(plan, held: Section47Fact, new: Section47Fact, item: str) -> None:
    _merge_end(plan, held, new, "DateOfInitialCPC", "icpc_on", item, new.started_on)
    if new.not_required and not held.not_required:
        held.not_required, held.not_required_from = True, new.not_required_from


def _merge_protection_plan(plan, held: ProtectionPlanFact, new: ProtectionPlanFact, item: str) -> None:
    _merge_end(plan, held, new, "CPPendDate", "ended_on", item, new.started_on)
    if new.initial_category != held.initial_category:
        _conflict(
            plan,
            new.row,
            "InitialCategoryOfAbuse",
            new.initial_category,
            held.initial_category,
            held.row,
            item,
            new.started_on,
        )
    held.latest_by_year.update(new.latest_by_year)
    known = {day for _, day in held.reviews}
    held.reviews += [(row, day) for row, day in new.reviews if day not in known]
    held.reviews.sort(key=lambda review: review[1])


def census_label(year: int) -> str:
    return collection_label(year)
