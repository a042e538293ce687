"""One suppression rule in every output a councillor gets (issue 21): a figure whose value is
suppressed shows "c" for its numerator and denominator too, so the suppressed number cannot be
worked out from them. Hand-worked: 8 assessments authorised in the year, 7 within 45 working days.
A01 is 87.5%, 7 of 8; neither 7 nor 8 is small, but the 1 not counted is (1-5 are suppressed), and
"7 of 8" beside a "c" would give it away. The performance officer sees 7 of 8 everywhere."""

import datetime
import io
import json

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from hearth.performance import services
from hearth.testing.journeys import authorised_assessment, new_child

D = datetime.date


@pytest.fixture
def august(staff, settings):
    settings.HEARTH_SMALL_NUMBERS_UP_TO = 5
    with time_machine.travel(datetime.datetime(2025, 9, 10, 12, 0, tzinfo=datetime.UTC), tick=False):
        for number in range(7):
            child = new_child(staff, f"Prompt{number}", "Smallcase")
            authorised_assessment(staff, child, D(2025, 5, 1), D(2025, 5, 30))
        authorised_assessment(staff, new_child(staff, "Tardy", "Smallcase"), D(2025, 5, 1), D(2025, 7, 30))
        yield services.snapshot_publish(actor=staff.performance_officer, month=D(2025, 8, 1))


def _api_a01(client) -> tuple:
    answer = client.get(reverse("api_indicators"), {"as_of": "2025-08-31"}).json()
    a01 = next(item for item in answer["indicators"] if item["id"] == "A01")
    return a01["value"], a01["numerator"], a01["denominator"]


def _workbook_a01(client, snapshot) -> tuple:
    response = client.get(reverse("performance:published_workbook", args=[snapshot.pk]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    figures = {row[0]: row for row in book["Figures"].iter_rows(min_row=4, values_only=True)}
    return figures["A01"][2:5]


def _a01_row(page: str) -> str:
    return next(row for row in page.split("<tr") if "A01" in row)


def test_the_json_api_suppresses_the_counts_beside_a_suppressed_value(staff, august, client_for):
    with time_machine.travel(datetime.datetime(2025, 9, 10, 12, 0, tzinfo=datetime.UTC), tick=False):
        assert _api_a01(client_for(staff.performance_officer)) == (87.5, 7, 8)
        councillor = client_for(staff.councillor)
        assert _api_a01(councillor) == ("c", "c", "c")
        everything = json.dumps(councillor.get(reverse("api_indicators"), {"as_of": "2025-08-31"}).json())
    assert "87.5" not in everything


def test_the_published_workbook_suppresses_the_counts_beside_a_suppressed_value(staff, august, client_for):
    assert _workbook_a01(client_for(staff.performance_officer), august) == (87.5, 7, 8)
    assert _workbook_a01(client_for(staff.councillor), august) == ("c", "c", "c")


@pytest.mark.parametrize("page", ["performance:published_month", "performance:published_changes"])
def test_the_published_pages_suppress_the_counts_beside_a_suppressed_value(staff, august, client_for, page):
    url = reverse(page, args=[august.pk])
    officer = _a01_row(client_for(staff.performance_officer).get(url).content.decode())
    assert "7 of 8" in officer
    councillor = _a01_row(client_for(staff.councillor).get(url).content.decode())
    assert "7 of 8" not in councillor and "87.5" not in councillor and ">c" in councillor.replace(" ", "")
