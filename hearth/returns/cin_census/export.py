"""The children in need census for a collection year, as the DfE's XML (the shape csc-validator-be-cin
reads: Message > Header, Children > Child > ChildIdentifiers, ChildCharacteristics, CINdetails with
their Assessments, CINPlanDates, Section47 and ChildProtectionPlans), every value read from the
record: hearth/frontdoor (referrals: the CIN episodes), hearth/assessment, hearth/cin,
hearth/protection, hearth/people (characteristics). docs/returns-cin.md gives each element's
derivation and the readings taken.

The census is as at its reference date, 31 March: anything recorded as happening after it (an
assessment authorised, a plan or case ended, a conference held in April) is reported as not yet
happened, so the census made in May says what was true on 31 March."""

import datetime
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from hearth.assessment.codes import sort_key as factor_order
from hearth.assessment.models import Assessment
from hearth.calendar.selectors import current_calendar
from hearth.cin.models import CinPlan
from hearth.core import collection_years
from hearth.core.shared_reads import shared_reads
from hearth.frontdoor.models import Referral
from hearth.people.characteristics_selectors import CensusIdentifiers, census_identifiers_of, characteristics_of
from hearth.people.models import Sex
from hearth.permanence.codes import ENGLISH_LA_CODES
from hearth.protection.models import Conference, ConferenceKind, ProtectionPlan, Section47Enquiry
from hearth.timescales.selectors import clock

SOFTWARE_CODE = "Hearth"
RELEASE = "1"


def collection_bounds(collection_year: int) -> tuple[datetime.date, datetime.date]:
    """The census year ending 31 March `collection_year`: 2026 is 1 April 2025 to 31 March 2026."""
    return collection_years.year_bounds(collection_year)


def la_number() -> str:
    """The council's DfE local authority number (settings.HEARTH_LA_NUMBER), one of the DfE's list."""
    number = settings.HEARTH_LA_NUMBER
    if number not in ENGLISH_LA_CODES or number == "999":
        raise ImproperlyConfigured(f"HEARTH_LA_NUMBER {number!r} is not one of the DfE's local authority numbers.")
    return number


def xml_date(day: datetime.date) -> str:
    return day.isoformat()


def by(day: datetime.date | None, reference: datetime.date) -> datetime.date | None:
    """A date as the census sees it on its reference date: None if after it (not yet happened)."""
    return day if day is not None and day <= reference else None


@dataclass
class Episode:
    """A CIN episode (a referral) in the census, with what happened on it."""

    referral: Referral
    assessments: list[Assessment]
    cin_plans: list[CinPlan]
    section47s: list[Section47Enquiry]
    protection_plans: list[ProtectionPlan]


def episodes_in_year(year_start: datetime.date, year_end: datetime.date) -> list[Episode]:
    """Every CIN episode open at some time in the year (referred by 31 March, not closed before
    1 April), children in Hearth ID order, each child's in referral date order."""
    referrals = (
        Referral.objects.filter(referral_date__lte=year_end)
        .exclude(closed_on__lt=year_start)
        .select_related("child", "source")
        .annotate(
            any_activity=Exists(Assessment.objects.filter(referral=OuterRef("pk")))
            | Exists(CinPlan.objects.filter(referral=OuterRef("pk")))
            | Exists(Section47Enquiry.objects.filter(referral=OuterRef("pk")))
            | Exists(ProtectionPlan.objects.filter(referral=OuterRef("pk")))
        )
        .order_by("child_id", "referral_date", "id")
    )
    # Each episode's assessments, plans and enquiries, one query a kind for the whole year, grouped
    # here rather than prefetched: a prefetch makes a queryset for every referral and relation,
    # which was most of the export's Python (docs/performance.md, "The runner reads the census itself").
    referrals = list(referrals)
    ids = [referral.pk for referral in referrals]
    assessments = _by_referral(
        Assessment.objects.filter(referral_id__in=ids, started_on__lte=year_end)
        .prefetch_related("factors")
        .order_by("started_on", "id")
    )
    cin_plans = _by_referral(
        CinPlan.objects.filter(referral_id__in=ids, started_on__lte=year_end)
        .exclude(ended_on__lt=year_start)
        .order_by("started_on", "id")
    )
    section47s = _by_referral(
        Section47Enquiry.objects.filter(referral_id__in=ids, started_on__lte=year_end)
        .prefetch_related(Prefetch("conferences", queryset=Conference.objects.filter(kind=ConferenceKind.INITIAL)))
        .order_by("started_on", "id")
    )
    protection_plans = _by_referral(
        ProtectionPlan.objects.filter(referral_id__in=ids, started_on__lte=year_end)
        .exclude(ended_on__lt=year_start)
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=Conference.objects.filter(kind=ConferenceKind.REVIEW, held_on__lte=year_end).order_by(
                    "held_on", "id"
                ),
            )
        )
        .order_by("started_on", "id")
    )
    found = []
    for referral in referrals:
        found.append(
            Episode(
                referral=referral,
                assessments=[
                    a for a in assessments.get(referral.pk, ()) if _assessment_in_year(a, year_start, year_end)
                ],
                cin_plans=cin_plans.get(referral.pk, []),
                section47s=[s for s in section47s.get(referral.pk, ()) if _section47_in_year(s, year_start, year_end)],
                protection_plans=protection_plans.get(referral.pk, []),
            )
        )
    return found


def _by_referral(queryset) -> dict[int, list]:
    """The queryset's rows grouped by their referral, each group in the queryset's order."""
    grouped: dict[int, list] = {}
    for row in queryset:
        grouped.setdefault(row.referral_id, []).append(row)
    return grouped


def _assessment_in_year(assessment: Assessment, year_start: datetime.date, year_end: datetime.date) -> bool:
    """Completed (authorised) in the year, or still open on 31 March."""
    authorised = by(assessment.authorised_on, year_end)
    return authorised is None or authorised >= year_start


def _section47_end(enquiry: Section47Enquiry, year_end: datetime.date) -> datetime.date | None:
    """The day the enquiry ended as seen on 31 March: its initial conference held, or its outcome of
    no conference; None if still open."""
    icpc = _icpc_held(enquiry, year_end)
    if icpc is not None:
        return icpc
    if enquiry.icpc_not_required:
        return by(enquiry.outcome_on, year_end)
    return None


def _icpc_held(enquiry: Section47Enquiry, year_end: datetime.date) -> datetime.date | None:
    held = [by(c.held_on, year_end) for c in enquiry.conferences.all()]
    held = [day for day in held if day is not None]
    return min(held) if held else None


def _section47_in_year(enquiry: Section47Enquiry, year_start: datetime.date, year_end: datetime.date) -> bool:
    ended = _section47_end(enquiry, year_end)
    return ended is None or ended >= year_start


def nfa_referrals_from(year_start: datetime.date) -> datetime.date:
    """The earliest referral date that may be a referral with no further action in the census: the
    working day before the year starts (rule 8569Q; a referral from before it had been open into the
    year, so was not one the MASH's referral ended in)."""
    calendar = current_calendar()
    day = year_start - datetime.timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def _referral_nfa(episode: Episode, nfa_from: datetime.date, year_end: datetime.date) -> bool:
    """A referral with no further action: referred from the working day before the year, and closed
    by 31 March with nothing done on it (no assessment, section 47 enquiry, CIN plan or child
    protection plan, ever)."""
    referral = episode.referral
    return (
        referral.referral_date >= nfa_from
        and by(referral.closed_on, year_end) is not None
        and not referral.any_activity
    )


def _text(parent: ET.Element, tag: str, value: str | None) -> None:
    """A child element with text; nothing when there is no value (the census omits empty items)."""
    if value is not None and value != "":
        ET.SubElement(parent, tag).text = value


def _date(parent: ET.Element, tag: str, day: datetime.date | None) -> None:
    _text(parent, tag, xml_date(day) if day else None)


def header_element(collection_year: int, made_at: datetime.datetime) -> ET.Element:
    header = ET.Element("Header")
    details = ET.SubElement(header, "CollectionDetails")
    _text(details, "Collection", "CIN")
    _text(details, "Year", str(collection_year))
    _date(details, "ReferenceDate", collection_bounds(collection_year)[1])
    source = ET.SubElement(header, "Source")
    _text(source, "SourceLevel", "L")
    _text(source, "LEA", la_number())
    _text(source, "SoftwareCode", SOFTWARE_CODE)
    _text(source, "Release", RELEASE)
    _text(source, "SerialNo", "001")
    _text(source, "DateTime", timezone.localtime(made_at).replace(tzinfo=None, microsecond=0).isoformat())
    return header


def child_element(
    child, characteristics, episodes: list[Episode], year_start, year_end, t05, identifiers: CensusIdentifiers
) -> ET.Element:
    element = ET.Element("Child")
    element.append(child_identifiers_element(child, characteristics, identifiers, year_end))
    described = ET.SubElement(element, "ChildCharacteristics")
    _text(described, "Ethnicity", characteristics.ethnicity)
    if characteristics.disabilities:
        disabilities = ET.SubElement(described, "Disabilities")
        for code in characteristics.disabilities:
            _text(disabilities, "Disability", code)
    for episode in episodes:
        element.append(cin_details_element(episode, year_start, year_end, t05))
    return element


def child_identifiers_element(child, characteristics, identifiers: CensusIdentifiers, year_end) -> ET.Element:
    """The child's identifiers as on 31 March, in the census's order. A child not born by then
    whose expected date of birth is recorded is unborn: the expected date in place of the date of
    birth (rule 8525Q: one or the other) and Sex U (rule 8750). A UPN reason is given only when
    there is no UPN; the former UPN whenever one is in force."""
    identifiers_element = ET.Element("ChildIdentifiers")
    _text(identifiers_element, "LAchildID", child.hearth_id)
    _text(identifiers_element, "UPN", child.upn)
    _text(identifiers_element, "FormerUPN", identifiers.former_upn)
    if not child.upn:
        _text(identifiers_element, "UPNunknown", characteristics.upn)
    unborn = by(child.date_of_birth, year_end) is None and identifiers.expected_birth_on is not None
    _date(identifiers_element, "PersonBirthDate", None if unborn else child.date_of_birth)
    _date(identifiers_element, "ExpectedPersonBirthDate", identifiers.expected_birth_on if unborn else None)
    _text(identifiers_element, "Sex", Sex.UNKNOWN.value if unborn else child.sex)
    _date(identifiers_element, "PersonDeathDate", identifiers.died_on)
    return identifiers_element


def cin_details_element(episode: Episode, year_start, year_end, t05) -> ET.Element:
    referral = episode.referral
    details = ET.Element("CINdetails")
    _date(details, "CINreferralDate", referral.referral_date)
    _text(details, "ReferralSource", referral.source_id)
    _text(details, "PrimaryNeedCode", referral.primary_need)
    closed = by(referral.closed_on, year_end)
    _date(details, "CINclosureDate", closed)
    _text(details, "ReasonForClosure", referral.closure_reason if closed else None)
    nfa = _referral_nfa(episode, nfa_referrals_from(year_start), year_end)
    _text(details, "ReferralNFA", "true" if nfa else "false")
    for assessment in episode.assessments:
        details.append(assessment_element(assessment, year_end))
    for plan in episode.cin_plans:
        dates = ET.SubElement(details, "CINPlanDates")
        _date(dates, "CINPlanStartDate", plan.started_on)
        _date(dates, "CINPlanEndDate", by(plan.ended_on, year_end))
    for enquiry in episode.section47s:
        details.append(section47_element(enquiry, year_end, t05))
    for plan in episode.protection_plans:
        details.append(protection_plan_element(plan, year_start, year_end))
    return details


def assessment_element(assessment: Assessment, year_end) -> ET.Element:
    element = ET.Element("Assessments")
    _date(element, "AssessmentActualStartDate", assessment.started_on)
    _date(element, "AssessmentInternalReviewDate", by(assessment.internal_review_on, year_end))
    authorised = by(assessment.authorised_on, year_end)
    _date(element, "AssessmentAuthorisationDate", authorised)
    if authorised is not None:
        factors = ET.SubElement(element, "FactorsIdentifiedAtAssessment")
        for code in sorted((f.code for f in assessment.factors.all()), key=factor_order):
            _text(factors, "AssessmentFactors", code)
    return element


def section47_element(enquiry: Section47Enquiry, year_end, t05) -> ET.Element:
    element = ET.Element("Section47")
    _date(element, "S47ActualStartDate", enquiry.started_on)
    _date(element, "InitialCPCtarget", t05.due(enquiry.started_on))
    icpc = _icpc_held(enquiry, year_end)
    _date(element, "DateOfInitialCPC", icpc)
    not_required = icpc is None and enquiry.icpc_not_required and by(enquiry.outcome_on, year_end) is not None
    _text(element, "ICPCnotRequired", "true" if not_required else "false")
    return element


def protection_plan_element(plan: ProtectionPlan, year_start, year_end) -> ET.Element:
    """The plan as on 31 March: its latest category the one set by the last review held by then
    that set one (the plan's initial category if none), its reviews those held in the year."""
    reviews = list(plan.reviews.all())  # held by 31 March, oldest first
    latest = next((r.category for r in reversed(reviews) if r.category), plan.initial_category)
    element = ET.Element("ChildProtectionPlans")
    _date(element, "CPPstartDate", plan.started_on)
    _date(element, "CPPendDate", by(plan.ended_on, year_end))
    _text(element, "InitialCategoryOfAbuse", plan.initial_category)
    _text(element, "LatestCategoryOfAbuse", latest)
    _text(element, "NumberOfPreviousCPP", str(plan.previous_plans))
    for review in (r for r in reviews if r.held_on >= year_start):
        # One Reviews element a review: csc-validator-be-cin reads the first CPPreviewDate of each.
        reviews = ET.SubElement(element, "Reviews")
        _date(reviews, "CPPreviewDate", review.held_on)
    return element


def census_file_name(collection_year: int) -> str:
    """The census file's name: CIN_Census_2026.xml for 2025-26."""
    return f"CIN_Census_{collection_year}.xml"


def export_cin_census_files(
    collection_year: int, progress: Callable[[int, int], None] | None = None
) -> dict[str, bytes]:
    """The census as the return runs take every return's export (hearth/returns/runner.py): file
    name -> content, here the one XML file."""
    return {census_file_name(collection_year): export_cin_census(collection_year, progress)}


def export_cin_census(collection_year: int, progress: Callable[[int, int], None] | None = None) -> bytes:
    """The census for the year ending 31 March `collection_year` (2026: 1 April 2025 to 31 March
    2026) as UTF-8 XML. `progress(done, total)` is called as children are written. Inside one
    shared-reads block, as the 903's export: the working calendar (ReferralNFA's working day before 1
    April) is checked once for the census, not once a child (183 of its 200 queries on a council of
    182 children in need before)."""
    with shared_reads():
        return _census(collection_year, progress)


def _census(collection_year: int, progress: Callable[[int, int], None] | None) -> bytes:
    year_start, year_end = collection_bounds(collection_year)
    episodes = episodes_in_year(year_start, year_end)
    by_child: dict[int, list[Episode]] = {}
    children = {}
    for episode in episodes:
        by_child.setdefault(episode.referral.child_id, []).append(episode)
        children[episode.referral.child_id] = episode.referral.child
    on_31_march = characteristics_of(children.values(), year_end)
    other_identifiers = census_identifiers_of(children.values(), year_end)
    t05 = clock("T05")
    message = ET.Element("Message")
    message.append(header_element(collection_year, timezone.now()))
    container = ET.SubElement(message, "Children")
    total = len(children)
    if progress:
        progress(0, total)
    for done, pk in enumerate(sorted(children), start=1):
        container.append(
            child_element(children[pk], on_31_march[pk], by_child[pk], year_start, year_end, t05, other_identifiers[pk])
        )
        if progress and (done % 100 == 0 or done == total):
            progress(done, total)
    ET.indent(message)
    return ET.tostring(message, encoding="utf-8", xml_declaration=True)
