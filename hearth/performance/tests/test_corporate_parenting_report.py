"""The Corporate Parenting Panel report: the panel's indicators from a published month, by section,
aggregate for every reader (councillors included), as a page, a PDF and a workbook."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from hearth.performance import report_pdfs, services
from hearth.performance.corporate_parenting import panel_sections_by_indicator
from hearth.testing.care_leaver_journeys import care_leaver, contact, pathway_review

D = datetime.date
NAMES = ("Amaryllis", "Briony", "Calloway", "Damsonia", "Elderberry", "Figwort")


@pytest.fixture
def november(staff):
    """Six care leavers (18 in 2025, left care the day before their 18th birthday), each with a pathway plan
    reviewed in September 2025: C01 is 6 of 6 on 30 November. Four turned 18 since 1 April (the OC3
    cohort), two of them with a contact near the birthday: C02-C05 are small numbers."""
    with time_machine.travel(datetime.datetime(2025, 12, 10, 12, 0, tzinfo=datetime.UTC), tick=False):
        for number, name in enumerate(NAMES):
            born = D(2007, 2 + number, 5)
            child = care_leaver(staff, name, "Panelcase", born, D(2022, 1, 10), D(2025, 2 + number, 4))
            pathway_review(staff, child, D(2025, 9, 1 + number))
            if number >= 4:
                contact(staff, child, D(2025, 2 + number, 20))
        services.target_set(
            actor=staff.performance_officer, indicator_id="C01", year=2025, target=Decimal("90"), tolerance=Decimal("5")
        )
        yield services.snapshot_publish(actor=staff.performance_officer, month=D(2025, 11, 1))


def test_the_panel_sections_are_declared_on_the_indicators():
    sections = panel_sections_by_indicator()
    assert {sections[i] for i in ("C01", "C02", "C03", "C04", "C05")} == {"Care leavers"}
    assert "A01" not in sections and "F01" not in sections


def test_a_councillor_reads_the_care_leavers_section_aggregate_with_small_numbers_suppressed(
    staff, november, client_for
):
    response = client_for(staff.councillor).get(reverse("performance:corporate_parenting", args=[november.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Corporate Parenting Panel report, November 2025" in page
    assert '<h2 class="govuk-heading-l">Care leavers</h2>' in page
    c01 = page.split('scope="row" class="govuk-table__header">C01 ', 1)[1].split("</tr>", 1)[0]
    assert "100.0%" in c01 and "6 of 6" in c01 and "Green" in c01
    c02 = page.split('scope="row" class="govuk-table__header">C02 ', 1)[1].split("</tr>", 1)[0]
    assert ">c<" in c02.replace(" ", "")
    assert "A01 " not in page  # not a panel indicator
    assert "The figures<span" in page  # the table alternative to each chart
    assert "Panelcase" not in page
    for name in NAMES:
        assert name not in page


def test_officers_get_the_same_aggregate_report(staff, november, client_for):
    page = client_for(staff.performance_officer).get(reverse("performance:corporate_parenting", args=[november.pk]))
    text = page.content.decode()
    assert "Panelcase" not in text and ">c<" in text.replace(" ", "")


def test_the_pdf_comes_from_the_same_figures(staff, november, client, monkeypatch, django_capture_on_commit_callbacks):
    made = []
    real = report_pdfs.html_to_pdf
    monkeypatch.setattr(report_pdfs, "html_to_pdf", lambda html, **kwargs: made.append(html) or real(html, **kwargs))
    client.force_login(staff.councillor)
    url = reverse("performance:corporate_parenting_pdf", args=[november.pk])
    page = client.get(url)
    assert page["Location"] == reverse("performance:report_pdf", args=[november.pk, "corporate-parenting"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page["Location"])
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert (
        response["Content-Disposition"] == 'attachment; filename="hearth-performance-corporate-parenting-2025-11.pdf"'
    )
    assert "100.0%" in made[-1] and "Panelcase" not in made[-1]


def test_the_workbook_has_figures_and_trends_only_suppressed_for_everyone(staff, november, client_for):
    for user in (staff.councillor, staff.director):
        response = client_for(user).get(reverse("performance:corporate_parenting_workbook", args=[november.pk]))
        assert response["Content-Disposition"] == 'attachment; filename="hearth-corporate-parenting-2025-11.xlsx"'
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        assert book.sheetnames == ["Figures", "Trends"]
        figures = {row[1]: row for row in book["Figures"].iter_rows(min_row=5, values_only=True)}
        assert figures["C01"][:8] == ("Care leavers", "C01", figures["C01"][2], 100.0, 6, 6, 90.0, "green")
        assert figures["C02"][3:6] == ("c", "c", "c")
        assert "A01" not in figures
        cells = [str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row]
        assert not any("Panelcase" in cell for cell in cells)
        trends = {row[0]: row for row in book["Trends"].iter_rows(min_row=2, values_only=True)}
        assert trends["C01"][-1] == 100.0 and trends["C01"][2] is None  # only November was published
