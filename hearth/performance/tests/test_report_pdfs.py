"""The published month and the quarterly report as PDF: the same templates and figures as the pages,
small numbers suppressed for councillors exactly as on screen."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from hearth.performance import views
from hearth.performance.services import snapshot_publish
from hearth.testing.journeys import at, new_child, new_contact

D = datetime.date


@pytest.fixture
def html_behind_the_pdf(monkeypatch):
    """Keeps the HTML each PDF was made from (the real WeasyPrint still makes the PDF)."""
    made = []
    real = views.html_to_pdf

    def keep(html):
        made.append(html)
        return real(html)

    monkeypatch.setattr(views, "html_to_pdf", keep)
    return made


@time_machine.travel(datetime.datetime(2025, 7, 2, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_published_month_as_a_pdf_suppresses_small_numbers_for_councillors(staff, client, html_behind_the_pdf):
    """Three contacts in May 2025: F02 for May is 3, a small number: "c" for a councillor."""
    for day in (6, 7, 8):
        new_contact(staff, new_child(staff, f"Pdf{day}"), at(D(2025, 5, day), 10))
    snapshot = snapshot_publish(actor=staff.performance_officer, month=D(2025, 5, 1))
    url = reverse("performance:published_month_pdf", args=[snapshot.pk])
    for user, f02_shows in ((staff.performance_officer, ">3<"), (staff.councillor, ">c<")):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        assert response["Content-Disposition"] == 'attachment; filename="hearth-performance-2025-05.pdf"'
        f02_row = html_behind_the_pdf[-1].split("F02", 1)[1].split("</tr>", 1)[0]
        assert f02_shows in f02_row.replace(" ", ""), user


@time_machine.travel(datetime.datetime(2025, 7, 2, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_quarterly_report_as_a_pdf_names_its_quarter(staff, client, html_behind_the_pdf):
    client.force_login(staff.director)
    response = client.get(reverse("performance:quarterly_pdf"), {"quarter": "2025-Q1"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "Q1 2025-26" in html_behind_the_pdf[-1]
    assert "Apr 2025" in html_behind_the_pdf[-1] and "Jun 2025" in html_behind_the_pdf[-1]
    assert ">None<" not in html_behind_the_pdf[-1]  # no target: a dash, not Python's None


@time_machine.travel(datetime.datetime(2025, 7, 2, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_quarterly_report_as_a_workbook_suppresses_small_numbers_for_councillors(staff, client):
    """Three contacts in May 2025: F02 at 31 May is 3, "c" for a councillor; 0 at 30 April."""
    import io

    from openpyxl import load_workbook

    for day in (6, 7, 8):
        new_contact(staff, new_child(staff, f"Book{day}"), at(D(2025, 5, day), 10))
    for user, may in ((staff.performance_officer, 3), (staff.councillor, "c")):
        client.force_login(user)
        response = client.get(reverse("performance:quarterly_workbook"), {"quarter": "2025-Q1"})
        assert response["Content-Disposition"] == 'attachment; filename="hearth-performance-2025-q1.xlsx"'
        sheet = load_workbook(io.BytesIO(response.content)).active
        header = [cell.value for cell in sheet[3]]
        f02 = next(row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0] == "F02")
        assert header[2:5] == ["Apr 2025", "May 2025", "Jun 2025"]
        assert (f02[2], f02[3]) == (0, may), user
