"""The published month and the quarterly report as PDF: the same templates and figures as the pages,
small numbers suppressed for councillors exactly as on screen. A published month's PDF is made by the
background task when asked for and kept (test_kept_report_pdfs.py); a quarter with a month not
published is made in the request."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from hearth.performance import report_pdfs, views
from hearth.performance.models import ReportKind
from hearth.performance.services import snapshot_publish
from hearth.testing.journeys import at, new_child, new_contact, screen

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
    monkeypatch.setattr(report_pdfs, "html_to_pdf", lambda html, **kwargs: keep(html))
    return made


def kept_pdf(client, url, capture):
    """The PDF at url: not made yet, so its page; asked for there (the task runs when the request's
    transaction commits, as the worker would run it), then downloaded."""
    response = client.get(url)
    assert response.status_code == 302
    with capture(execute=True):
        assert client.post(response["Location"]).status_code == 302
    return client.get(url)


@time_machine.travel(datetime.datetime(2025, 7, 2, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_published_month_as_a_pdf_suppresses_small_numbers_for_councillors(
    staff, client, html_behind_the_pdf, django_capture_on_commit_callbacks
):
    """Three contacts in May 2025: F02 for May is 3, a small number: "c" for a councillor."""
    for day in (6, 7, 8):
        new_contact(staff, new_child(staff, f"Pdf{day}"), at(D(2025, 5, day), 10))
    snapshot = snapshot_publish(actor=staff.performance_officer, month=D(2025, 5, 1))
    url = reverse("performance:published_month_pdf", args=[snapshot.pk])
    for user, f02_shows in ((staff.performance_officer, ">3<"), (staff.councillor, ">c<")):
        client.force_login(user)
        response = kept_pdf(client, url, django_capture_on_commit_callbacks)
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


@time_machine.travel(datetime.datetime(2025, 8, 2, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_published_month_shows_its_trend_from_published_months_only(staff, client):
    """May and July 2025 published, June not: July's report charts May and July, June is a gap.
    Three contacts in July: F02 for July is 3, shown "c" to a councillor in the trend's table."""
    snapshot_publish(actor=staff.performance_officer, month=D(2025, 5, 1))
    for day in (7, 8, 9):
        new_contact(staff, new_child(staff, f"Trend{day}"), at(D(2025, 7, day), 10))
    july = snapshot_publish(actor=staff.performance_officer, month=D(2025, 7, 1))
    url = reverse("performance:published_month", args=[july.pk])
    client.force_login(staff.performance_officer)
    page = client.get(url).content.decode()
    assert "F02 Contacts received: the last 12 published months" in page  # the chart's accessible name
    f02_trend = page.split("F02 in each of the last 12 months", 1)[1].split("</table>", 1)[0]
    months = [cell.split("<", 1)[0] for cell in f02_trend.split('<th scope="row" class="govuk-table__header">')[1:]]
    cells = [cell.split("<", 1)[0] for cell in f02_trend.split('hearth-numeric">')[2:]]
    assert months[-3:] == ["May 2025", "Jun 2025", "Jul 2025"] and cells[-3:] == ["0", "–", "3"]
    client.force_login(staff.councillor)
    page = client.get(url).content.decode()
    f02_trend = page.split("F02 in each of the last 12 months", 1)[1].split("</table>", 1)[0]
    assert [cell.split("<", 1)[0] for cell in f02_trend.split('hearth-numeric">')[1:]][-1] == "c"


@time_machine.travel(datetime.datetime(2025, 7, 2, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_a_suppressed_percentage_never_shows_the_counts_that_would_reveal_it(staff, client):
    """Seven contacts in May, six screened in 24 hours: F01 is 6 of 7, and 7 - 6 = 1 is a small
    number, so a councillor sees "c" and no "6 of 7" beside it (from which 1 follows)."""
    for day in range(5, 12):
        contact = new_contact(staff, new_child(staff, f"Late{day}"), at(D(2025, 5, day), 9))
        screen(staff, contact, at(D(2025, 5, day), 11) if day != 11 else at(D(2025, 5, 13), 11))
    snapshot = snapshot_publish(actor=staff.performance_officer, month=D(2025, 5, 1))
    client.force_login(staff.councillor)
    for url in (reverse("performance:published_month", args=[snapshot.pk]), reverse("performance:index")):
        page = client.get(url, {"as_of_day": "31", "as_of_month": "5", "as_of_year": "2025"}).content.decode()
        f01 = page.split("F01", 1)[1].split("</tr>", 1)[0]
        assert ">c<" in f01.replace(" ", "") and "6 of 7" not in f01, url


def trends_table_rows(html: str) -> dict[str, list[str]]:
    """The PDF's table of trends: indicator id -> its row's cells after the chart (one a month)."""
    table = html.split('<table class="hearth-trends-table">', 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in table.split('<th scope="row">')[1:]:
        cells = row.split('<td class="hearth-numeric">')[1:]
        rows[row.split(" ", 1)[0]] = [cell.split("<", 1)[0] for cell in cells]
    return rows


@time_machine.travel(datetime.datetime(2025, 8, 2, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_pdf_holds_every_trend_in_one_table_each_chart_beside_its_figures(staff):
    """May and July 2025 published, June not; three contacts in July. The PDF's trends are one
    table: a row for every published figure, its chart (with its accessible name) and then its
    figure in each of the twelve months the columns name: F02 is 0 in May, a gap in June, 3 in
    July ("c" in the aggregate kind)."""
    snapshot_publish(actor=staff.performance_officer, month=D(2025, 5, 1))
    for day in (7, 8, 9):
        new_contact(staff, new_child(staff, f"Row{day}"), at(D(2025, 7, day), 10))
    july = snapshot_publish(actor=staff.performance_officer, month=D(2025, 7, 1))
    html, _ = report_pdfs.report_html(july, ReportKind.MONTH)
    head = html.split('<table class="hearth-trends-table">', 1)[1].split("</thead>", 1)[0]
    assert head.count('<th scope="col" class="hearth-numeric">') == 12 and "Jul 2025</th></tr>" in head
    rows = trends_table_rows(html)
    assert set(rows) == set(july.figures.values_list("indicator_id", flat=True))
    assert all(len(cells) == 12 for cells in rows.values())
    assert rows["F02"][-3:] == ["0", "–", "3"]
    f02_row = html.split('<th scope="row">F02 ', 1)[1].split("</tr>", 1)[0]
    assert 'role="img"' in f02_row and "<title>F02 Contacts received: the last 12 published months</title>" in f02_row
    assert "Jul 2025</text>" not in f02_row  # the chart in a row leaves the months to the columns
    aggregate, _ = report_pdfs.report_html(july, ReportKind.MONTH_AGGREGATE)
    assert trends_table_rows(aggregate)["F02"][-1] == "c"
