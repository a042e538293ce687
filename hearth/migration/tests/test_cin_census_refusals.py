"""The census files' refusals, each with its file, line, element and message (checked before anything
is written: no database needed)."""

from hearth.migration.cin_census_plan import (
    ERROR_CHILD_TWICE,
    ERROR_CONFLICT,
    ERROR_DATE,
    ERROR_ENDS_BEFORE,
    ERROR_REQUIRED,
    plan_census_import,
)
from hearth.migration.cin_census_reading import ERROR_DOCTYPE, ERROR_NO_YEAR, ERROR_NOT_CENSUS, read_census
from hearth.migration.tests.cin_census_files import CENSUS_2025, CENSUS_2026

SOURCES, FACTORS = {"1A", "5A"}, {"2B", "21"}


def _problems(files: dict[str, str]) -> list[tuple]:
    read = [read_census(content.encode(), path) for path, content in files.items()]
    plan = plan_census_import(read, sources=SOURCES, factors=FACTORS)
    return [(p.file, p.line, p.column, p.reason) for p in plan.problems]


def test_files_in_another_systems_style_are_read_without_a_problem():
    read = [read_census(CENSUS_2025.encode(), "a/2025.xml"), read_census(CENSUS_2026.encode(), "b/2026.xml")]
    plan = plan_census_import(read, sources=SOURCES, factors=FACTORS)
    assert plan.problems == []
    first = plan.children["OS-1001"]
    assert [y.sex for y in first.years] == ["M", "M"]  # 1 in one system, M in the other
    (referral,) = first.referrals  # the same referral in both years is one, closed by the later
    assert str(referral.closed_on) == "2025-07-01"
    assert str(referral.cin_plans[0].ended_on) == "2025-07-01"
    cp_plan = plan.children["OS-1002"].referrals[0].protection_plans[0]
    assert [str(day) for _, day in cp_plan.reviews] == ["2024-12-10", "2025-06-05"]
    assert cp_plan.latest_by_year == {2025: "EMO", 2026: "EMO"}


def test_a_date_of_birth_told_two_ways_is_a_conflict_naming_both_places():
    later = CENSUS_2026.replace("<PersonBirthDate>2015-06-01", "<PersonBirthDate>2015-06-02")
    problems = _problems({"2024-25/c.xml": CENSUS_2025, "2025-26/c.xml": later})
    reason = ERROR_CONFLICT.format(
        element="PersonBirthDate", value="2015-06-02", other="2015-06-01", source="2024-25 CIN census line 6"
    )
    assert problems == [("2025-26/c.xml", 6, "PersonBirthDate", reason)]


def test_bad_values_are_each_refused_with_their_line():
    bad = (
        CENSUS_2025.replace("<cin:CINreferralDate>2024-05-01", "<cin:CINreferralDate>1 May 2024")
        .replace("<cin:ReferralSource>5A</cin:ReferralSource>", "")
        .replace("<cin:DateOfInitialCPC>2024-09-20", "<cin:DateOfInitialCPC>2024-09-01")
    )
    problems = _problems({"c.xml": bad})
    assert ("c.xml", 14, "CINreferralDate", ERROR_DATE.format(value="1 May 2024")) in problems
    assert ("c.xml", 33, "ReferralSource", ERROR_REQUIRED) in problems  # the line of the CINdetails missing it
    ends = ERROR_ENDS_BEFORE.format(
        element="DateOfInitialCPC", end="2024-09-01", start="2024-09-03", item="section 47 enquiry"
    )
    assert ("c.xml", 39, "DateOfInitialCPC", ends) in problems


def test_a_child_twice_in_a_file_is_refused():
    child = CENSUS_2026[CENSUS_2026.index("    <Child>") : CENSUS_2026.index("    <Child>", 200)]
    twice = CENSUS_2026.replace("  </Children>", child + "  </Children>")
    problems = _problems({"c.xml": twice})
    assert problems[0][2:] == ("LAchildID", ERROR_CHILD_TWICE.format(child="OS-1001", line=5))


def test_a_file_that_is_not_a_census_or_gives_no_year_or_declares_a_doctype_is_refused():
    assert _problems({"c.xml": "<Returns/>"}) == [("c.xml", 1, "", ERROR_NOT_CENSUS.format(tag="Returns"))]
    assert _problems({"census.xml": "<Message><Children/></Message>"}) == [("census.xml", 1, "Year", ERROR_NO_YEAR)]
    entity = '<!DOCTYPE m [<!ENTITY a "aaaa">]><Message>&a;</Message>'
    (problem,) = _problems({"c.xml": entity})
    assert ERROR_DOCTYPE in problem[3]
    (broken,) = _problems({"c.xml": "<Message><Children></Message>"})
    assert broken[1] == 1 and "not well-formed" in broken[3]
