"""The DfE's CIN census validator (csc-validator-be-cin in .venv-validators, through a subprocess)
runs on a census Hearth exported, and names the rule a deliberately broken file breaks."""

import datetime

import pytest

from hearth.returns.cin_census.export import export_cin_census
from hearth.returns.cin_census.runner import registry_module
from hearth.returns.cin_census.validation import is_query, validate_cin_census
from hearth.testing.cin_journeys import child_on_cin_plan
from hearth.testing.journeys import new_child

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_years_ruleset():
    assert registry_module(2026) == "cin_validator.rules.cin2025_26"
    assert registry_module(2025) == "cin_validator.rules.cin2024_25"
    assert is_query("8770Q") and not is_query("8500")


def test_the_validator_runs_on_an_exported_census_and_names_a_broken_files_rule(staff):
    """Ada, on a CIN plan since Mon 2 June 2025, with nothing of her characteristics recorded: the
    validator runs the year's rules on the census and names what the record lacks (ethnicity, 4220).
    The same file with her referral date moved after the year breaks rule 8600 for her."""
    ada = new_child(staff, "Ada", "Fern", born=D(2014, 4, 4))
    child_on_cin_plan(staff, ada, D(2025, 6, 2))
    content = export_cin_census(2026)

    result = validate_cin_census(content, collection_year=2026)
    assert len(result.rules_run) > 100
    by_rule = result.failures_by_rule()
    assert [(f.child, f.file) for f in by_rule["4220"]] == [(ada.hearth_id, "ChildCharacteristics")]
    assert "8600" not in by_rule

    broken = content.replace(b"<CINreferralDate>2025-06-02<", b"<CINreferralDate>2026-06-02<")
    assert broken != content
    failures = validate_cin_census(broken, collection_year=2026).failures_by_rule()
    assert [(f.child, f.file, f.row, f.columns) for f in failures["8600"]] == [
        (ada.hearth_id, "CINdetails", 0, ("CINreferralDate",))
    ]


def test_the_runner_reads_the_file_in_batches_with_the_same_result_as_the_whole_file(staff):
    """Three children with nothing of their characteristics recorded (4220 for each, on rows 0, 1
    and 2 of ChildCharacteristics), the third also referred after the year (8600 on its CINdetails
    row). Read two children at a time, the third child's rows come from the second batch: the
    failures, their rows and their children are the tool's own reading of the whole file's. (Hearth's
    own reading, the runner's default, is compared with the tool's in test_cin_census_reading.py.)"""
    children = [new_child(staff, name, "Fern", born=D(2014, 4, 4)) for name in ("Ada", "Bea", "Cy")]
    for child in children:
        child_on_cin_plan(staff, child, D(2025, 6, 2))
    content = export_cin_census(2026)
    last = content.rindex(b"<CINreferralDate>2025-06-02<")
    broken = content[:last] + b"<CINreferralDate>2026-06-02<" + content[last + len(b"<CINreferralDate>2025-06-02<") :]

    def found(result):
        return sorted((f.rule, f.child, f.file, f.row, f.columns) for f in result.failures)

    whole = validate_cin_census(broken, collection_year=2026, reading="tool", batch_children=0)
    in_twos = validate_cin_census(broken, collection_year=2026, reading="tool", batch_children=2)
    assert whole.reading == in_twos.reading == "tool"
    assert found(in_twos) == found(whole)
    assert in_twos.rules_run == whole.rules_run and in_twos.not_checked == whole.not_checked
    by_rule = in_twos.failures_by_rule()
    assert [(f.child, f.row) for f in by_rule["4220"]] == [(child.hearth_id, row) for row, child in enumerate(children)]
    assert [(f.child, f.file) for f in by_rule["8600"]] == [(children[2].hearth_id, "CINdetails")]
