"""The runner's own reading of a census file (hearth/returns/cin_census/reading.py) gives the DfE
tool's rules the same tables as the tool's own reading (its convert_data on the whole file, as its
command runs it), cell for cell, and so the same failures.

The tables are compared strictly (reading.differences: columns, dtypes, index, and each cell's value
and type, pd.NA not being NaN) on generated census files in which every item is present, missing,
missing for every child, or an empty element, at random, each file read under several hash seeds:
which of the tool's missing values become NaN depends on a set's order, so on the seed, and the
seeds here meet both orders for the tables it matters to. The failures are compared on such a file
with deliberate errors everywhere, and on a built council's census with deliberate errors in
test_returns_of_a_built_council.py. Runs the real validator in .venv-validators."""

import base64
import json
import os
import random
import subprocess
import xml.etree.ElementTree as ET

from django.conf import settings

from hearth.returns.cin_census.validation import RUNNER, validate_cin_census

ITEMS = {
    "ChildIdentifiers": (
        "UPN",
        "FormerUPN",
        "UPNunknown",
        "PersonBirthDate",
        "ExpectedPersonBirthDate",
        "GenderCurrent",
        "Sex",
        "PersonDeathDate",
    ),
    "CINdetails": (
        "CINreferralDate",
        "ReferralSource",
        "PrimaryNeedCode",
        "CINclosureDate",
        "ReasonForClosure",
        "DateOfInitialCPC",
        "ReferralNFA",
    ),
    "Assessments": ("AssessmentActualStartDate", "AssessmentInternalReviewDate", "AssessmentAuthorisationDate"),
    "CINPlanDates": ("CINPlanStartDate", "CINPlanEndDate"),
    "Section47": ("S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired"),
    "ChildProtectionPlans": (
        "CPPstartDate",
        "CPPendDate",
        "InitialCategoryOfAbuse",
        "LatestCategoryOfAbuse",
        "NumberOfPreviousCPP",
    ),
}
# Hash seeds that, with the Python of .venv-validators, give both orders of the frames' columns
# (the table's order, and another) for CINplanDates, Section47 and Assessments between them.
HASH_SEEDS = ("1", "2", "7", "13")


def _value(rng: random.Random, item: str) -> str:
    if "Date" in item or item == "InitialCPCtarget":
        return f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if item in ("ReferralNFA", "ICPCnotRequired"):
        return rng.choice(["true", "false", "1", "0"])
    return rng.choice(["1A", "N4", "RC8", "PHY", "UN2", "A123456789012", "F", "2", "x"])


def generated_census(seed: int, children: int = 50) -> bytes:
    """A census file of `children` children in which each item is, for the whole file, never there,
    rarely, often or always there, and each item that is there is now and then an empty element;
    each child has 0 to 3 episodes with 0 to 3 assessments (some with factors, some with an empty
    factor list), plan dates, enquiries and plans with reviews (one without a review date). The first
    child's first episode has an assessment, plan dates, an enquiry and a plan with none of their
    items: pandas turns a block of the table that is all missing so far into NaN at the next concat,
    and these make the tables start so."""
    rng = random.Random(seed)
    presence = {}

    def item(parent: ET.Element, tag: str) -> None:
        if rng.random() < presence.setdefault(tag, rng.choice([0, 0.05, 0.5, 0.95, 1])):
            ET.SubElement(parent, tag).text = None if rng.random() < 0.03 else _value(rng, tag)

    message = ET.Element("Message")
    header = ET.SubElement(message, "Header")
    details = ET.SubElement(header, "CollectionDetails")
    for tag, text in (("Collection", "CIN"), ("Year", "2026"), ("ReferenceDate", "2026-03-31")):
        ET.SubElement(details, tag).text = text
    source = ET.SubElement(header, "Source")
    for tag, text in (("SourceLevel", "L"), ("LEA", "201"), ("SoftwareCode", "Hearth"), ("Release", "1")):
        ET.SubElement(source, tag).text = text
    container = ET.SubElement(message, "Children")
    for number in range(children):
        child = ET.SubElement(container, "Child")
        identifiers = ET.SubElement(child, "ChildIdentifiers")
        ET.SubElement(identifiers, "LAchildID").text = f"H{number:07d}"
        for tag in ITEMS["ChildIdentifiers"]:
            item(identifiers, tag)
        characteristics = ET.SubElement(child, "ChildCharacteristics")
        item(characteristics, "Ethnicity")
        if rng.random() < 0.4:
            disabilities = ET.SubElement(characteristics, "Disabilities")
            for _ in range(rng.randint(0, 3)):
                ET.SubElement(disabilities, "Disability").text = rng.choice(["MOB", "HAND", "NONE", None])
        if number == 0:
            episode = ET.SubElement(child, "CINdetails")
            for tag in ("Assessments", "CINPlanDates", "Section47", "ChildProtectionPlans"):
                ET.SubElement(episode, tag)
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            episode = ET.SubElement(child, "CINdetails")
            for tag in ITEMS["CINdetails"]:
                item(episode, tag)
            for _ in range(rng.choice([0, 1, 2, 3])):
                assessment = ET.SubElement(episode, "Assessments")
                for tag in ITEMS["Assessments"]:
                    item(assessment, tag)
                if rng.random() < 0.4:
                    factors = ET.SubElement(assessment, "FactorsIdentifiedAtAssessment")
                    for _ in range(rng.randint(0, 3)):
                        ET.SubElement(factors, "AssessmentFactors").text = rng.choice(["1A", "2B", "21", "9Z"])
            for tag in ("CINPlanDates", "Section47"):
                for _ in range(rng.choice([0, 0, 1, 2])):
                    element = ET.SubElement(episode, tag)
                    for name in ITEMS[tag]:
                        item(element, name)
            for _ in range(rng.choice([0, 0, 1, 2])):
                plan = ET.SubElement(episode, "ChildProtectionPlans")
                for tag in ITEMS["ChildProtectionPlans"]:
                    item(plan, tag)
                for _ in range(rng.choice([0, 1, 2])):
                    item(ET.SubElement(plan, "Reviews"), "CPPreviewDate")
    return ET.tostring(message, encoding="utf-8", xml_declaration=True)


def compare_readings(content: bytes, hash_seed: str) -> dict:
    """The runner's comparison of its reading with the tool's own reading of the whole file, in a
    validators' Python started with the hash seed given."""
    request = {"collection_year": "2026", "content": base64.b64encode(content).decode()}
    request |= {"mode": "compare_readings", "batch_children": 0}
    done = subprocess.run(  # noqa: S603 (the validators' Python and Hearth's runner)
        [str(settings.HEARTH_VALIDATOR_PYTHON), str(RUNNER)],
        input=json.dumps(request).encode(),
        capture_output=True,
        env=os.environ | {"PYTHONHASHSEED": hash_seed},
        check=True,
        timeout=300,
    )
    return json.loads(done.stdout)


def test_the_runners_reading_makes_the_tools_tables_cell_for_cell():
    orders = {"CINplanDates": set(), "Section47": set(), "Assessments": set()}
    rows = {}
    for seed, hash_seed in enumerate(HASH_SEEDS):
        content = generated_census(seed)
        compared = compare_readings(content, hash_seed)
        assert compared["modelled"], seed
        assert compared["differences"] == [], (seed, hash_seed)
        for table, found in orders.items():
            found.add(compared["column_orders"][table])
        for table, count in compared["rows"].items():
            rows[table] = rows.get(table, 0) + count
    assert all(found == {True, False} for found in orders.values()), orders
    # Every table had rows to compare (the files are not trivially alike).
    assert len(rows) == 11 and all(count > 0 for count in rows.values()), rows


def _found(result) -> tuple:
    return (
        sorted((f.rule, f.child, f.file, f.row, f.columns) for f in result.failures),
        sorted((n.rule, n.reason) for n in result.not_checked),
        result.rules_run,
    )


def test_the_failures_are_the_tools_own_readings():
    """A generated file fails many rules (its values are random): read by the runner and by the tool
    itself (the whole file at once, as its command reads it), the tool's rules report the same
    failures on the same rows for the same children, and the same rules not checked."""
    content = generated_census(4, children=40)
    ours = validate_cin_census(content, collection_year=2026)
    theirs = validate_cin_census(content, collection_year=2026, reading="tool", batch_children=0)
    assert (ours.reading, theirs.reading) == ("hearth", "tool")
    assert len(ours.failures) > 100
    assert _found(ours) == _found(theirs)


def test_a_file_the_reading_does_not_model_is_read_by_the_tool():
    """A ChildProtectionPlans element directly under a Child (not inside a CINdetails) is read by the
    tool with the child's last episode's ID; the runner's reading does not model that, so the runner
    uses the tool's own reading for the file and says so."""
    root = ET.fromstring(generated_census(5, children=5))  # noqa: S314 (made here)
    first = root.find("Children/Child")
    plan = ET.SubElement(first, "ChildProtectionPlans")
    ET.SubElement(plan, "CPPstartDate").text = "2025-06-02"
    content = ET.tostring(root, encoding="utf-8")
    result = validate_cin_census(content, collection_year=2026)
    assert result.reading == "tool"
    assert _found(result) == _found(validate_cin_census(content, collection_year=2026, reading="tool"))
