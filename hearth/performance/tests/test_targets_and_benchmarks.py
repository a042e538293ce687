import datetime
import json
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from hearth.performance import services
from hearth.performance.models import Benchmark, Target
from hearth.performance.selectors import scorecard
from hearth.testing.journeys import authorised_assessment, new_child

D = datetime.date
GOOD_FILE = """indicator_id,year,geography,value,source,published_on
A01,2024,ENGLAND,82.1,DfE Children in need 2024-25 (synthetic for tests),2025-11-20
A01,2024,SN,84.5,LAIT 2024-25 (synthetic for tests),2025-12-01
R03,2024,ENGLAND,22.4,DfE Children in need 2024-25 (synthetic for tests),2025-11-20
"""


def test_a_target_is_set_then_changed_and_a_stale_change_is_refused(staff):
    first = services.target_set(
        actor=staff.performance_officer, indicator_id="A01", year=2025, target=Decimal("90"), tolerance=Decimal("5")
    )
    services.target_set(
        actor=staff.service_manager,
        indicator_id="A01",
        year=2025,
        target=Decimal("92"),
        tolerance=Decimal("4"),
        expected_version=first.version,
    )
    with pytest.raises(ValidationError, match="Someone else changed this target") as refused:
        services.target_set(
            actor=staff.performance_officer,
            indicator_id="A01",
            year=2025,
            target=Decimal("85"),
            tolerance=Decimal("5"),
            expected_version=first.version,
        )
    assert "it is now 92.00" in refused.value.messages[0]
    assert Target.objects.get().target == Decimal("92")


@pytest.mark.parametrize(
    ("indicator", "target", "field"),
    [
        ("A01", Decimal("101"), "target"),
        ("F02", Decimal("10"), "indicator_id"),  # a count of contacts is context, not a target
        ("Z99", Decimal("10"), "indicator_id"),
    ],
)
def test_a_target_outside_the_units_range_is_refused(staff, indicator, target, field):
    with pytest.raises(ValidationError) as refused:
        services.target_set(
            actor=staff.performance_officer, indicator_id=indicator, year=2025, target=target, tolerance=Decimal("5")
        )
    assert field in refused.value.message_dict
    assert not Target.objects.exists()


def test_a_social_worker_cannot_set_targets(staff):
    with pytest.raises(ValidationError, match="Only the performance and quality team"):
        services.target_set(
            actor=staff.social_worker.user, indicator_id="A01", year=2025, target=Decimal("90"), tolerance=Decimal("5")
        )


def test_a_good_benchmark_file_loads_whole(staff):
    assert services.benchmarks_load(actor=staff.performance_officer, text=GOOD_FILE) == 3
    assert Benchmark.objects.get(indicator_id="A01", geography="SN").value == Decimal("84.5")


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("Q99,2024,ENGLAND,1,DfE,2025-11-20", "Row 5: unknown indicator id 'Q99'"),
        ("A01,2024,MARS,1,DfE,2025-11-20", "Row 5: geography must be one of"),
        ("A01,twenty,ENGLAND,1,DfE,2025-11-20", "Row 5: year must be a whole number"),
        ("A01,2024,ENGLAND,82.1,DfE,2025-11-20", "Row 5: the same indicator, year and geography appear twice"),
        ("A01,2023,ENGLAND,80,,2025-11-20", "Row 5: source is empty"),
    ],
)
def test_a_file_with_one_bad_row_loads_nothing_and_names_the_row(staff, bad_line, message):
    with pytest.raises(ValidationError) as refused:
        services.benchmarks_load(actor=staff.performance_officer, text=GOOD_FILE + bad_line + "\n")
    assert any(m.startswith(message) for m in refused.value.messages), refused.value.messages
    assert not Benchmark.objects.exists()


def test_the_load_command_refuses_a_bad_file_with_its_reason(db, tmp_path):
    bad = tmp_path / "benchmarks.csv"
    bad.write_text("indicator,year\nA01,2024\n")
    with pytest.raises(CommandError, match="Nothing was loaded. The first line must name the columns"):
        call_command("load_benchmarks", bad)
    good = tmp_path / "good.csv"
    good.write_text(GOOD_FILE)
    call_command("load_benchmarks", good)
    assert Benchmark.objects.count() == 3


@time_machine.travel(datetime.datetime(2025, 9, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_scorecard_brings_target_rag_last_year_and_benchmarks_together(staff):
    """A01 as of 31 Aug 2025: one assessment authorised in 20 WD (100%); target 90 with tolerance 5:
    green. Same point last year (31 Aug 2024): one authorised in 50 WD (0%): improving.
    Benchmarks for 2024-25 are shown for 2025-26 (they lag a year)."""
    authorised_assessment(staff, new_child(staff, "Now"), D(2025, 5, 1), D(2025, 5, 30))
    authorised_assessment(staff, new_child(staff, "Then"), D(2024, 5, 1), D(2024, 7, 12))
    services.target_set(
        actor=staff.performance_officer, indicator_id="A01", year=2025, target=Decimal("90"), tolerance=Decimal("5")
    )
    services.benchmarks_load(actor=staff.performance_officer, text=GOOD_FILE)
    line = next(line for line in scorecard(D(2025, 8, 31)) if line.result.indicator.id == "A01")
    assert (line.value, line.rag, line.last_year_value, line.travel) == (
        Decimal("100.0"),
        "green",
        Decimal("0.0"),
        "improving",
    )
    assert line.benchmarks["ENGLAND"].value == Decimal("82.1") and line.benchmark_year == 2024


@time_machine.travel(datetime.datetime(2025, 9, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_same_figures_from_the_command_line_and_the_json_api(staff, client_for, capsys):
    authorised_assessment(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 30))
    call_command("indicators", as_of="2025-08-31", json=True)
    from_command = json.loads(capsys.readouterr().out)
    from_api = client_for(staff.performance_officer).get(reverse("api_indicators"), {"as_of": "2025-08-31"}).json()
    assert from_command == from_api
    a01 = next(i for i in from_api["indicators"] if i["id"] == "A01")
    assert (a01["numerator"], a01["denominator"], a01["value"]) == (1, 1, 100.0)
    assert "Example" not in json.dumps(from_api)  # figures only, never a child's name
    # A councillor reads the same figures with small numbers suppressed.
    for_councillor = client_for(staff.councillor).get(reverse("api_indicators"), {"as_of": "2025-08-31"}).json()
    a01_public = next(i for i in for_councillor["indicators"] if i["id"] == "A01")
    assert (a01_public["numerator"], a01_public["denominator"], a01_public["value"]) == ("c", "c", "c")
    bad = client_for(staff.councillor).get(reverse("api_indicators"), {"as_of": "31/08/2025"})
    assert bad.status_code == 400 and "2026-03-31" in bad.json()["error"]


def test_the_performance_officer_sets_a_target_through_the_page(staff, client_for):
    client = client_for(staff.performance_officer)
    url = reverse("performance:target_edit", args=["A01", 2025])
    assert "Enter the target as a number" in client.post(url, {"target": "ninety", "tolerance": "5"}).content.decode()
    assert client.post(url, {"target": "90", "tolerance": "5", "version": "0"}).status_code == 302
    assert Target.objects.get().target == Decimal("90")


def test_two_people_setting_a_new_target_at_once_the_second_is_refused(staff, client_for):
    url = reverse("performance:target_edit", args=["A02", 2025])
    officer = client_for(staff.performance_officer)
    assert 'name="version" value="0"' in officer.get(url).content.decode()
    services.target_set(
        actor=staff.service_manager,
        indicator_id="A02",
        year=2025,
        target=Decimal("88"),
        tolerance=Decimal("5"),
        expected_version=0,
    )
    refused = officer.post(url, {"target": "80", "tolerance": "5", "version": "0"}).content.decode()
    assert "Someone else changed this target" in refused and "it is now 88.00" in refused
    assert Target.objects.get(indicator_id="A02").target == Decimal("88")
