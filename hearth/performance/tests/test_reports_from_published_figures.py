"""A published month's reports (the page, the PDF, the workbooks, the panel's report and a quarter whose
three months were published) render from the stored figures alone (issue 22): no indicator is worked
out again, so they cost a few queries whatever the council's size and reproduce exactly.

Proved without patching anything: every query the reports make is recorded, and none reads a table
of the record the indicators count (contacts, assessments, plans, periods of care, visits, the
calendar...); and a stored figure altered in the database is what every report then shows, while
the record behind it says otherwise."""

import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth.performance import report_pdfs, services
from hearth.performance.models import ReportKind, SnapshotFigure
from hearth.performance.services import report_pdf_request
from hearth.testing.journeys import authorised_assessment, new_child

D = datetime.date

# The apps whose tables hold the record the indicators count (and the calendar their due dates use).
RECORD_APPS = (
    "frontdoor",
    "assessment",
    "cin",
    "protection",
    "care",
    "visits",
    "leavers",
    "missing",
    "permanence",
    "duties",
    "iro",
    "quality",
    "calendar",
    "timescales",
)


def record_tables() -> set[str]:
    return {model._meta.db_table for model in apps.get_models() if model._meta.app_label in RECORD_APPS}


def tables_read(queries) -> set[str]:
    return {table for query in queries for table in re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"])}


@pytest.fixture
def quarter(staff):
    """April to June 2025 published (Q1 2025-26), in July. Two assessments: one started 1 May and
    authorised on time on 30 May, one started 1 April and authorised late on 27 June. A01: none
    completed by 30 April, 1 of 1 by 31 May, 1 of 2 (50%, against a target of 90: red) by 30 June."""
    with time_machine.travel(datetime.datetime(2025, 7, 10, 12, 0, tzinfo=datetime.UTC), tick=False):
        for name, started, authorised in (
            ("Prompt", D(2025, 5, 1), D(2025, 5, 30)),
            ("Tardy", D(2025, 4, 1), D(2025, 6, 27)),
        ):
            authorised_assessment(staff, new_child(staff, name, "Frozencase"), started, authorised)
        services.target_set(
            actor=staff.performance_officer, indicator_id="A01", year=2025, target=Decimal("90"), tolerance=Decimal("5")
        )
        published = [
            services.snapshot_publish(actor=staff.performance_officer, month=D(2025, month, 1)) for month in (4, 5, 6)
        ]
        yield published


def report_urls(june) -> list[str]:
    return [
        reverse("performance:published_month", args=[june.pk]),
        reverse("performance:published_workbook", args=[june.pk]),
        reverse("performance:corporate_parenting", args=[june.pk]),
        reverse("performance:corporate_parenting_workbook", args=[june.pk]),
        reverse("performance:quarterly") + "?quarter=2025-Q1",
        reverse("performance:quarterly_workbook") + "?quarter=2025-Q1",
        reverse("performance:report_pdf", args=[june.pk, "month"]),
    ]


def test_no_report_of_a_published_month_reads_the_record(staff, quarter, client_for):
    june = quarter[-1]
    forbidden = record_tables()
    assert {"frontdoor_contact", "assessment_assessment", "care_periodofcare"} <= forbidden
    with time_machine.travel(datetime.datetime(2025, 7, 10, 12, 0, tzinfo=datetime.UTC), tick=False):
        for user in (staff.councillor, staff.performance_officer):
            client = client_for(user)
            for url in report_urls(june):
                if user is staff.performance_officer and "workbook" in url and "published" in url:
                    continue  # the officer's workbook lists the children they may see: below
                with CaptureQueriesContext(connection) as queries:
                    assert client.get(url).status_code == 200, url
                assert not tables_read(queries.captured_queries) & forbidden, (url, user)
        # The PDF, made by the background task: the same, for each kind.
        for kind, snapshot in (
            (ReportKind.MONTH, june),
            (ReportKind.MONTH_AGGREGATE, june),
            (ReportKind.PANEL, june),
            (ReportKind.QUARTER, june),
        ):
            kept = report_pdf_request(actor=staff.performance_officer, snapshot=snapshot, kind=kind, enqueue=False)
            with CaptureQueriesContext(connection) as queries:
                report_pdfs.make_report_pdf(kept.pk)
            kept.refresh_from_db()
            assert kept.status == "DONE" and bytes(kept.content).startswith(b"%PDF"), kind
            assert not tables_read(queries.captured_queries) & forbidden, kind


def _row(page: str, indicator_id: str) -> str:
    return page.split(f'<th scope="row" class="govuk-table__header">{indicator_id} ', 1)[1].split("</tr>", 1)[0]


def test_every_report_shows_the_stored_figure_whatever_the_record_says(staff, quarter, client_for, monkeypatch):
    """A01 for June is stored as 1 of 2 (50%). Alter the stored row to 7 of 9 (77.8%, amber) and
    add to the record (a third assessment on time: the record now gives 2 of 3): the page, the
    workbook, the quarterly report and the PDF all show 7 of 9."""
    june = quarter[-1]
    SnapshotFigure.objects.filter(snapshot=june, indicator_id="A01").update(
        numerator=7, denominator=9, value=Decimal("77.8"), rag="amber", travel="improving"
    )
    with time_machine.travel(datetime.datetime(2025, 7, 20, 12, 0, tzinfo=datetime.UTC), tick=False):
        authorised_assessment(staff, new_child(staff, "Third", "Frozencase"), D(2025, 5, 1), D(2025, 5, 29))
        client = client_for(staff.performance_officer)
        page = client.get(reverse("performance:published_month", args=[june.pk])).content.decode()
        a01 = _row(page, "A01")
        assert "77.8%" in a01 and "7 of 9" in a01 and "Amber" in a01 and "Improving" in a01
        book = openpyxl.load_workbook(
            io.BytesIO(client.get(reverse("performance:published_workbook", args=[june.pk])).content)
        )
        figures = {row[0]: row for row in book["Figures"].iter_rows(min_row=4, values_only=True)}
        assert figures["A01"][2:9] == (77.8, 7, 9, 90.0, "amber", None, "improving")
        quarterly = client.get(reverse("performance:quarterly"), {"quarter": "2025-Q1"}).content.decode()
        assert "77.8%" in _row(quarterly, "A01") and "Amber" in _row(quarterly, "A01")
        made = []
        real = report_pdfs.html_to_pdf
        monkeypatch.setattr(report_pdfs, "html_to_pdf", lambda html, **kwargs: made.append(html) or real(html))
        kept = report_pdf_request(actor=staff.performance_officer, snapshot=june, kind=ReportKind.MONTH, enqueue=False)
        report_pdfs.make_report_pdf(kept.pk)
        assert "77.8%" in _row(made[-1], "A01") and "7 of 9" in _row(made[-1], "A01")
        # The record today says otherwise: the corrections page (asked for apart) shows it.
        changes = client.get(reverse("performance:published_changes", args=[june.pk])).content.decode()
        assert "Changed since" in _row(changes, "A01") and "now 2 of 3" in _row(changes, "A01")


def _shown(figure: SnapshotFigure) -> str:
    if figure.value is None:
        return "–"
    if figure.unit == "count":
        return f">{int(figure.value)}<"
    suffix = "%" if figure.unit == "%" else " per 10,000"
    return f"{figure.value}{suffix}"


def test_the_page_shows_each_stored_figure_exactly(staff, quarter, client_for):
    june = quarter[-1]
    with time_machine.travel(datetime.datetime(2025, 7, 10, 12, 0, tzinfo=datetime.UTC), tick=False):
        page = client_for(staff.performance_officer).get(reverse("performance:published_month", args=[june.pk]))
    page = page.content.decode().split("Trends: the last 12 published months", 1)[0]
    figures = list(june.figures.all())
    assert len(figures) > 40
    for figure in figures:
        row = _row(page, figure.indicator_id)
        assert _shown(figure) in row, figure.indicator_id
        if figure.unit != "count":
            assert f"{figure.numerator} of {figure.denominator}" in row, figure.indicator_id
        assert (figure.rag.capitalize() or "–") in row and (figure.travel.capitalize() or "–") in row
        assert str(figure.target) in row if figure.target is not None else True


def test_the_quarter_whose_months_were_published_is_their_stored_figures(staff, quarter):
    from hearth.performance.selectors import quarter_report

    april, may, june = quarter
    a01 = next(line for line in quarter_report(2025, 1) if line.indicator_id == "A01")
    stored = [SnapshotFigure.objects.get(snapshot=month, indicator_id="A01") for month in quarter]
    assert a01.monthly == [
        (month.as_of, figure.value, figure.numerator, figure.denominator, True)
        for month, figure in zip(quarter, stored, strict=True)
    ]
    assert (a01.target, a01.rag, a01.travel) == (stored[-1].target, stored[-1].rag, stored[-1].travel)
    assert [value for _, value, *_ in a01.monthly] == [None, Decimal("100.0"), Decimal("50.0")]
