"""A small built council's return, from one build shared by every test here (the build is most of
the time): its last complete collection year (2025-26) and the year before (2024-25) each give 0
errors in the DfE's validator, each checked with the year before it as last year's return (2025-26
with 2024-25, 2024-25 with 2023-24), and the looked-after indicators and the care leaver measures
worked out from the exported files alone agree with the catalogue's figures for 31 March. The same
council's CIN census for 2025-26 is checked by the DfE's CIN validator too (one build for both
returns: the build is most of the time).

Runs the real validator in .venv-validators (`make test` builds it). The council is built once for
the module, inside a transaction rolled back when the module's tests are done; each test reads what
the build left (files, results, figures), so none of them writes."""

import datetime
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest
import time_machine
from django.conf import settings
from django.db import transaction

from hearth.frontdoor.models import Referral
from hearth.leavers.indicators import oc3_cohort
from hearth.leavers.services import care_leaver_contact_record
from hearth.people.models import Child
from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.performance.selectors import indicator_result
from hearth.returns.cin_census.export import export_cin_census
from hearth.returns.cin_census.validation import validate_cin_census
from hearth.returns.reconciliation import PAIRS, read_returns, reconcile
from hearth.returns.ssda903 import measures as dfe
from hearth.returns.ssda903.export import export_903
from hearth.returns.ssda903.validation import ValidationResult, validate_903
from hearth.simulate.council import Simulation
from hearth.simulate.upns import is_synthetic_upn

# Marked so that the test database is set up (pytest-django sets it up for the marked tests); each
# test's own transaction is a savepoint inside the module's.
pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 5, 15)  # the 2025-26 collection year (ending 31 March 2026) is complete
YEAR_END = datetime.date(2026, 3, 31)  # the end of the CIN census checked here
YEARS = (2025, 2026)  # the year before the last complete one, and the last complete one
MEASURES = ("L01", "L06", "L07", "L08", *(f"{c}{band}" for c in ("C02", "C03", "C04") for band in ("", "a", "b")))


# The personal adviser's findings recorded on each OC3 birthday, in turn: in touch in education and
# suitably housed; in touch, NEET, suitably housed; in touch, in training, unsuitably housed; not in
# touch; in touch, part-time work, unsuitably housed; refused contact.
ADVISERS_FINDINGS = (
    ("YES", "F2", "U", True),
    ("YES", "G5", "Z", True),
    ("YES", "F4", "B", False),
    ("NO", "0", "0", None),
    ("YES", "P4", "S", False),
    ("REFU", "0", "0", None),
)


def _record_birthday_contacts(year: int) -> None:
    """The simulation records advisers' contacts only in its two months, so no OC3 birthday of these
    years has one and every row would be "not in touch, nothing known". So that the OC3 measures are
    compared on something, each young person in the year's OC3 cohort is given a contact a week before
    the birthday (on a 21st birthday they are no longer owed one), through the service, by whoever
    holds their latest case, with the findings in turn."""
    for index, member in enumerate(oc3_cohort(datetime.date(year, 3, 31))):
        referral = member.child.referrals.order_by("-referral_date", "-pk").first()
        in_touch, activity, accommodation, suitable = ADVISERS_FINDINGS[index % len(ADVISERS_FINDINGS)]
        care_leaver_contact_record(
            actor=referral.allocations.order_by("-started_on").first().worker.user,
            child_id=member.child.pk,
            contacted_on=member.birthday - datetime.timedelta(days=7),
            method="IN_PERSON",
            in_touch=in_touch,
            activity=activity,
            accommodation=accommodation,
            accommodation_suitable=suitable,
        )


@dataclass(frozen=True)
class Figure:
    """A catalogue figure as of 31 March: the children (Hearth IDs) in its rows and those counted."""

    numerator: int
    rows: frozenset[str]
    counted: frozenset[str]


@dataclass(frozen=True)
class BuiltCouncil:
    returns: dict[int, dict[str, bytes]]  # collection year -> file name -> CSV bytes
    results: dict[int, ValidationResult]  # each year with the year before as last year's return
    figures: dict[tuple[int, str], Figure]  # (collection year, indicator) -> the catalogue's, 31 March
    census: bytes  # the CIN census for 2025-26
    census_result: ValidationResult
    overlapping_cases: set[str]  # children (Hearth IDs) with two cases whose dates overlap


def _children_with_overlapping_cases() -> set[str]:
    """Children the record holds with a case referred while another was open, as on 31 March: the
    second referred on or after the first and before the first closed (before 31 March if the first
    was still open then), both in the census."""
    cases: dict[int, list[Referral]] = {}
    in_census = Referral.objects.filter(referral_date__lte=YEAR_END).exclude(closed_on__lt=datetime.date(2025, 4, 1))
    for referral in in_census.select_related("child"):
        cases.setdefault(referral.child_id, []).append(referral)
    found = set()
    for referrals in cases.values():
        for first in referrals:
            ended = first.closed_on if first.closed_on is not None and first.closed_on <= YEAR_END else YEAR_END
            for second in referrals:
                if first.pk != second.pk and first.referral_date <= second.referral_date < ended:
                    found.add(first.child.hearth_id)
    return found


def _figure(indicator_id: str, as_of: datetime.date) -> Figure:
    result = indicator_result(CATALOGUE_BY_ID[indicator_id], as_of)
    ids = {child.pk: child.hearth_id for child in Child.objects.filter(pk__in={row.child_id for row in result.rows})}
    return Figure(
        numerator=result.numerator,
        rows=frozenset(ids[row.child_id] for row in result.rows),
        counted=frozenset(ids[row.child_id] for row in result.rows if row.counted),
    )


@pytest.fixture(scope="module")
def council(django_db_setup, django_db_blocker) -> BuiltCouncil:
    """Seed 7, two simulated months to 15 May 2026 (its looked-after histories reach back years),
    with an adviser's contact a week before each OC3 birthday of the two years: the returns of 2022-23 to
    2025-26, the two years validated, and the catalogue's figures for 31 March of the two years."""
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(datetime.datetime(2026, 5, 15, 18, 0, tzinfo=datetime.UTC)):
            Simulation(seed=7, today=TODAY, months=2, contacts_per_month=20).run()
            for year in YEARS:
                _record_birthday_contacts(year)
            returns = {year: export_903(year) for year in (2023, 2024, 2025, 2026)}
            figures = {
                (year, indicator): _figure(indicator, datetime.date(year, 3, 31))
                for year in YEARS
                for indicator in MEASURES
            }
            results = {
                year: validate_903(
                    returns[year], returns[year - 1], collection_year=year, la_code=settings.HEARTH_LA_CODE
                )
                for year in YEARS
            }
            census = export_cin_census(2026)
            census_result = validate_cin_census(census, collection_year=2026)
            overlapping_cases = _children_with_overlapping_cases()
        yield BuiltCouncil(
            returns=returns,
            results=results,
            figures=figures,
            census=census,
            census_result=census_result,
            overlapping_cases=overlapping_cases,
        )
        transaction.set_rollback(True)


@pytest.mark.parametrize("year", YEARS)
def test_the_last_complete_year_and_the_year_before_validate_with_no_errors(council, year):
    this_year = council.returns[year]
    assert this_year["Episodes.csv"].count(b"\n") > 40  # the council's looked-after children are in it
    result = council.results[year]
    failures = {rule: [(f.child, f.file, f.row) for f in found] for rule, found in result.failures_by_rule().items()}
    assert failures == {}
    assert len(result.rules_run) > 150
    # The tool's known defects are listed as not checked, with their reasons.
    assert "231" in {rule.rule for rule in result.not_checked}


def _from_the_return(council: BuiltCouncil, year: int) -> dict[str, dfe.Measure]:
    files = council.returns[year]
    year_start, year_end = datetime.date(year - 1, 4, 1), datetime.date(year, 3, 31)
    # L07 asks how long a child has been looked after and placed: the episodes of the three years to
    # 31 March hold every episode open since 2.5 years before it (the DfE's own database holds them all).
    history = dfe.episode_history(*(council.returns[y] for y in (year - 2, year - 1, year)))
    measures = {
        "L01": dfe.l01(files),
        "L06": dfe.l06(files, year_start),
        "L07": dfe.l07(files, history, year_end),
        "L08": dfe.l08(files),
    }
    for measure, counts in dfe.OC3_MEASURES.items():
        measures[measure] = dfe.oc3(files, year_end, counts)
        measures[f"{measure}a"] = dfe.oc3(files, year_end, counts, band="17-18")
        measures[f"{measure}b"] = dfe.oc3(files, year_end, counts, band="19-21")
    return measures


@pytest.mark.parametrize("year", YEARS)
def test_the_looked_after_indicators_and_the_return_agree(council, year):
    """Each measure worked out from the return by the DfE's definition (measures_from_903.py) is the
    catalogue's figure for 31 March, child by child: the same children in the denominator and the
    same counted. L01 is a rate per 10,000 children; its numerator (the children) is compared. Where
    the two readings could differ legitimately (docs/returns-903.md, "The return and the
    indicators") this council has no such child, so here they must agree exactly."""
    from_the_return = _from_the_return(council, year)
    for measure in MEASURES:
        figure, worked = council.figures[(year, measure)], from_the_return[measure]
        assert (measure, figure.rows, figure.counted) == (measure, worked.denominator, worked.numerator)
        assert figure.numerator == len(worked.numerator)
    # The measures are about real children on this council: the cohort and the placement measures are
    # not empty, so agreeing is not agreeing about nothing.
    assert len(from_the_return["L01"].denominator) > 40
    assert from_the_return["L06"].numerator and from_the_return["L07"].numerator and from_the_return["L08"].numerator
    oc3_measures = [from_the_return[measure] for measure in ("C02", "C03", "C04")]
    assert all(measure.numerator for measure in oc3_measures)  # young people counted in each ...
    assert any(measure.numerator < measure.denominator for measure in oc3_measures)  # ... and some not


def test_the_census_of_the_last_complete_year_passes_the_dfes_validator(council):
    """The demo's census gives no error and no query (docs/returns-cin.md, "What the demo council's
    census still fails": nothing). Its synthetic UPNs carry the demo's LA number, which rule 1530
    accepts, and a year no real UPN carries (hearth/simulate/upns.py)."""
    assert council.census.count(b"<Child>") > 40
    result = council.census_result
    assert len(result.rules_run) > 100
    assert result.not_checked == []
    assert result.failures_by_rule() == {}
    upns = [
        child.findtext("ChildIdentifiers/UPN")
        for child in ET.fromstring(council.census).find("Children")  # noqa: S314 (Hearth's own export)
    ]
    assert [upn for upn in upns if upn] and all(is_synthetic_upn(upn) for upn in upns if upn)
    # 8815, 8816, 8820: the front door refuses a case that would overlap another, and the
    # simulation passes such a contact to the open case, so no child has overlapping cases.
    assert council.overlapping_cases == set()


def _with_deliberate_errors(census: bytes) -> bytes:
    """The census with a mistake in each of six children: a referral after the year (8600), an
    unknown primary need code, a UPN with a wrong check letter (1510), no ethnicity (4220), no sex,
    and an assessment started after the year."""
    root = ET.fromstring(census)  # noqa: S314 (Hearth's own export)
    children = list(root.find("Children"))
    children[0].find("CINdetails/CINreferralDate").text = "2026-06-02"
    children[1].find("CINdetails/PrimaryNeedCode").text = "N9"
    with_upn = next(child for child in children[2:] if child.findtext("ChildIdentifiers/UPN"))
    upn = with_upn.find("ChildIdentifiers/UPN")
    upn.text = ("B" if upn.text[0] != "B" else "C") + upn.text[1:]
    for child in children[3:]:
        ethnicity = child.find("ChildCharacteristics/Ethnicity")
        if ethnicity is not None and child is not with_upn:
            child.find("ChildCharacteristics").remove(ethnicity)
            break
    identifiers = children[-1].find("ChildIdentifiers")
    identifiers.remove(identifiers.find("Sex"))
    next(root.iter("AssessmentActualStartDate")).text = "2026-07-01"
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def test_the_census_read_by_the_runner_fails_what_the_tools_own_reading_fails(council):
    """The runner reads the census into the tool's tables itself (hearth/returns/cin_census/reading.py,
    about a hundredth of the tool's reading's time); the tool's rules then report exactly what they
    report when the tool reads the file itself, the whole file at once as its own command does: the
    same failures of the same rules on the same rows for the same children, and the same rules not
    checked. On the council's census as exported (no failure) and with six deliberate mistakes."""
    broken = _with_deliberate_errors(council.census)
    for content in (council.census, broken):
        ours = validate_cin_census(content, collection_year=2026)
        theirs = validate_cin_census(content, collection_year=2026, reading="tool", batch_children=0)
        assert (ours.reading, theirs.reading) == ("hearth", "tool")
        assert sorted(ours.failures, key=repr) == sorted(theirs.failures, key=repr)
        assert (ours.not_checked, ours.rules_run) == (theirs.not_checked, theirs.rules_run)
    failed = ours.failures_by_rule()
    assert {"8600", "1510", "4220"} <= set(failed), sorted(failed)
    assert len(failed) >= 5, sorted(failed)


@pytest.mark.parametrize("year", YEARS)
def test_every_figure_on_the_reconciliation_page_agrees(council, year):
    """The Reconciliation page's comparison (hearth/returns/reconciliation.py) for the year: every
    figure of a return that has a catalogue entry agrees with it child by child, and the figures are
    about real children (the main ones are not empty). The returns are exported again here, as the
    page does, from the same record the module's returns came from."""
    with time_machine.travel(datetime.datetime(2026, 5, 15, 18, 0, tzinfo=datetime.UTC)):
        lines = reconcile(read_returns(year))
    by_key = {line.pair.key: line for line in lines}
    assert set(by_key) == {pair.key for pair in PAIRS}
    disagreeing = {
        line.pair.key: [(d.reference, d.in_return, d.in_catalogue, d.reason) for d in line.differences]
        for line in lines
        if line.compared and not line.agrees
    }
    assert disagreeing == {}
    assert all(line.return_count == line.catalogue_count for line in lines if line.compared)
    # The pairs without a catalogue entry are listed, with the return's count and no catalogue count.
    assert {line.pair.key for line in lines if not line.compared} == {
        "lac-started",
        "lac-ceased",
        "referrals-nfa",
        "oc2-health-check",
        "oc2-convicted",
        "oc2-substance-misuse",
        "missing-rows",
    }
    # Agreeing about something: the council's looked-after figures are not empty. Its children in need
    # work is its two simulated months, from mid-March 2026, so the census figures are few (2025-26) or
    # none (2024-25): test_reconciliation.py works the census's figures by hand.
    counts = {line.pair.key: line.return_count for line in lines}
    empty = {key for key, count in counts.items() if count == 0}
    main = {"lac-31-march", "lac-three-placements", "lac-over-20-miles", "leavers-in-touch", "oc2-cohort"}
    assert not empty & main, counts
    if year == 2026:
        assert counts["referrals"] > 0, counts
    assert by_key["lac-31-march"].return_count == len(council.figures[(year, "L01")].rows)
